//! Offsets by label number, for local and dynamic labels.
//!
//! Label numbers are small and dense in practice (DynASM's local labels
//! are 1 to 9; dynamic labels number bytecodes or exits from 0), so they
//! index a vector, which costs a bounds check per use instead of a hash.
//! Numbers from [`DENSE`] up, which a generator may still pick, go to a
//! hash map so that one huge number cannot make the vector huge.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Label numbers below this are kept in the vector.
pub const DENSE: u32 = 4096;

/// The vector's mark for "not defined".
const NONE: usize = usize::MAX;

/// A multiplicative hash for numbers. The keys come from our own code
/// generators, so flooding is no concern, and SipHash's cost showed in
/// assembly speed.
#[derive(Default, Clone, Copy)]
pub struct NumHasher(u64);

impl Hasher for NumHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub type NumMap<K, V> = HashMap<K, V, BuildHasherDefault<NumHasher>>;

/// A map from label number to a `usize` (an offset or a relocation index).
#[derive(Default)]
pub struct NumTable {
    dense: Vec<usize>,
    sparse: NumMap<u32, usize>,
}

impl NumTable {
    /// Makes numbers below `count` (capped at [`DENSE`]) insertable
    /// without allocating.
    pub fn reserve(&mut self, count: u32) {
        let want = count.min(DENSE) as usize;
        if self.dense.len() < want {
            self.dense.resize(want, NONE);
        }
    }

    #[inline]
    pub fn get(&self, n: u32) -> Option<usize> {
        if n < DENSE {
            self.dense.get(n as usize).copied().filter(|&v| v != NONE)
        } else {
            self.sparse.get(&n).copied()
        }
    }

    /// Sets `n` to `v` and returns the previous value.
    #[inline]
    pub fn insert(&mut self, n: u32, v: usize) -> Option<usize> {
        if n >= DENSE {
            return self.sparse.insert(n, v);
        }
        let i = n as usize;
        if i >= self.dense.len() {
            // Doubling keeps a run of increasing numbers amortised.
            let len = (i + 1).max(self.dense.len() * 2).max(16);
            self.dense.resize(len.min(DENSE as usize), NONE);
        }
        let old = std::mem::replace(&mut self.dense[i], v);
        (old != NONE).then_some(old)
    }

    #[inline]
    pub fn remove(&mut self, n: u32) -> Option<usize> {
        if n >= DENSE {
            return self.sparse.remove(&n);
        }
        let slot = self.dense.get_mut(n as usize)?;
        let old = std::mem::replace(slot, NONE);
        (old != NONE).then_some(old)
    }

    /// Every entry, dense numbers first in order, then the others.
    pub fn iter(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        let dense = self
            .dense
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != NONE)
            .map(|(n, &v)| (n as u32, v));
        dense.chain(self.sparse.iter().map(|(&n, &v)| (n, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_numbers_behave_alike() {
        let mut t = NumTable::default();
        for (v, n) in [0, 7, DENSE - 1, DENSE, u32::MAX].into_iter().enumerate() {
            assert_eq!(t.get(n), None);
            assert_eq!(t.insert(n, v + 10), None);
            assert_eq!(t.get(n), Some(v + 10));
            assert_eq!(t.insert(n, 5), Some(v + 10));
        }
        assert_eq!(t.iter().count(), 5);
        assert_eq!(t.remove(7), Some(5));
        assert_eq!(t.remove(7), None);
        assert_eq!(t.remove(u32::MAX), Some(5));
        assert_eq!(t.remove(100), None);
        assert_eq!(
            t.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            [0, DENSE - 1, DENSE]
        );
    }
}
