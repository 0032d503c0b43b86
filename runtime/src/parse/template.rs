//! Template tables for TDUP: the constant part of a table constructor.
//!
//! The template is built the way LuaJIT builds its own: a real table with
//! an array part and a fixed number of hash nodes, which is re-laid out
//! (array size chosen from the integer keys) when the hash part overflows.
//! Which keys end up in the array part is visible in dumps, so this
//! follows LuaJIT's sizing rules; the order of the hash part is insertion
//! order (LuaJIT's is its hash layout).
//!
//! One case cannot be reproduced: LuaJIT reuses a hash node whose value is
//! nil (`{k = nil, ...}`) when a new key hashes to it, which avoids a
//! re-layout. Which node a key hashes to depends on the string hash seed,
//! which LuaJIT randomises per process, so even LuaJIT's own dumps of such a
//! constructor differ from run to run; here such nodes are never reused.

use std::collections::HashMap;
use std::rc::Rc;

use crate::bc::{TabConst, TemplateTable};

/// Largest array index LuaJIT's sizing heuristic counts.
const MAX_ASIZE: i64 = 1 << 27;

/// A template table under construction.
pub struct Template {
    array: Vec<TabConst>,
    /// Key/value pairs; a nil value marks a key whose value is stored by
    /// an instruction (or an explicit nil).
    hash: Vec<(TabConst, TabConst)>,
    /// Position of each key in `hash`.
    index: HashMap<HashKey, usize>,
    /// Number of hash nodes.
    nodes: usize,
}

/// A hash-part key in hashable form (numbers by their bits; keys are never
/// NaN or -0).
#[derive(Clone, PartialEq, Eq, Hash)]
enum HashKey {
    Bool(bool),
    Num(u64),
    Str(Rc<[u8]>),
    Other,
}

fn hash_key(k: &TabConst) -> HashKey {
    match k {
        TabConst::False => HashKey::Bool(false),
        TabConst::True => HashKey::Bool(true),
        TabConst::Int(i) => HashKey::Num((*i as f64).to_bits()),
        TabConst::Num(n) => HashKey::Num(n.to_bits()),
        TabConst::Str(s) => HashKey::Str(s.clone()),
        TabConst::Nil => HashKey::Other,
    }
}

/// LuaJIT's hash-size encoding: log2 of the node count for `n` entries.
pub fn hsize2hbits(n: u32) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        _ => 32 - (n - 1).leading_zeros(),
    }
}

fn nodes_for(hbits: u32) -> usize {
    if hbits == 0 {
        0
    } else {
        1 << hbits
    }
}

/// The array index a key would have, if it is a small non-negative integer.
fn int_key(k: &TabConst) -> Option<i64> {
    match *k {
        TabConst::Int(i) => Some(i as i64),
        TabConst::Num(n) if n == (n as i32) as f64 => Some(n as i64),
        _ => None,
    }
}

/// Bin of an array index for the sizing heuristic.
fn bin(k: i64) -> usize {
    if k > 2 {
        63 - (k as u64 - 1).leading_zeros() as usize
    } else {
        0
    }
}

impl Template {
    pub fn new(asize: u32, nhash: u32) -> Template {
        Template {
            array: vec![TabConst::Nil; asize as usize],
            hash: Vec::new(),
            index: HashMap::new(),
            nodes: nodes_for(hsize2hbits(nhash)),
        }
    }

    /// Sets `key` (not nil) to `val`.
    pub fn set(&mut self, key: TabConst, val: TabConst) {
        let key = match int_key(&key) {
            Some(i) if i >= 0 && (i as usize) < self.array.len() => {
                self.array[i as usize] = val;
                return;
            }
            // Hash keys are doubles, as in LuaJIT's non-dual-number builds.
            Some(i) => TabConst::Num(i as f64),
            None => key,
        };
        let hk = hash_key(&key);
        if let Some(&i) = self.index.get(&hk) {
            self.hash[i].1 = val;
            return;
        }
        if self.hash.len() >= self.nodes {
            self.rehash(&key);
            return self.set(key, val);
        }
        self.index.insert(hk, self.hash.len());
        self.hash.push((key, val));
    }

    /// Re-lays the table out to make room for `extra`.
    fn rehash(&mut self, extra: &TabConst) {
        let mut bins = [0u32; 64];
        let count = |k: &TabConst, bins: &mut [u32; 64]| match int_key(k) {
            Some(i) if (0..MAX_ASIZE).contains(&i) => {
                bins[bin(i)] += 1;
                1
            }
            _ => 0,
        };
        let mut nint = 0u32;
        for (i, v) in self.array.iter().enumerate() {
            if *v != TabConst::Nil {
                bins[bin(i as i64)] += 1;
                nint += 1;
            }
        }
        let mut total = 1 + nint;
        for (k, v) in &self.hash {
            if *v != TabConst::Nil {
                nint += count(k, &mut bins);
                total += 1;
            }
        }
        nint += count(extra, &mut bins);
        // Largest power of two size that is more than half used.
        let (mut sum, mut na, mut size) = (0u32, 0u32, 0usize);
        let mut b = 0;
        while b < 63 && 2 * nint as u64 > (1u64 << b) && sum != nint {
            if bins[b] > 0 {
                sum += bins[b];
                if 2 * sum as u64 > (1u64 << b) {
                    size = (2usize << b) + 1;
                    na = sum;
                }
            }
            b += 1;
        }
        self.resize(size, nodes_for(hsize2hbits(total - na)));
    }

    fn resize(&mut self, asize: usize, nodes: usize) {
        let mut old: Vec<(TabConst, TabConst)> = Vec::new();
        if asize < self.array.len() {
            for (i, v) in self.array.drain(asize..).enumerate() {
                if v != TabConst::Nil {
                    old.push((TabConst::Num((asize + i) as f64), v));
                }
            }
        }
        self.array.resize(asize, TabConst::Nil);
        old.extend(
            std::mem::take(&mut self.hash)
                .into_iter()
                .filter(|(_, v)| *v != TabConst::Nil),
        );
        self.index.clear();
        self.nodes = nodes;
        for (k, v) in old {
            self.set(k, v);
        }
    }

    /// A value that reserves a key (LuaJIT uses the table itself); NaN is
    /// never a constant, so it cannot be confused with a real value.
    pub fn placeholder() -> TabConst {
        TabConst::Num(f64::NAN)
    }

    /// Turns the reserved keys' values into nil.
    pub fn clear_placeholders(&mut self) {
        let is_mark = |v: &TabConst| matches!(v, TabConst::Num(n) if n.is_nan());
        for v in self
            .array
            .iter_mut()
            .chain(self.hash.iter_mut().map(|(_, v)| v))
        {
            if is_mark(v) {
                *v = TabConst::Nil;
            }
        }
    }

    /// Grows the array part to `asize` slots if it is smaller.
    pub fn ensure_array(&mut self, asize: usize) {
        if self.array.len() < asize {
            let nodes = self.nodes;
            self.resize(asize, nodes);
        }
    }

    /// The finished template: keys without a constant value dropped, and
    /// the array part without trailing nils (as dumps store it).
    pub fn finish(mut self) -> TemplateTable {
        self.hash.retain(|(_, v)| *v != TabConst::Nil);
        while self.array.last() == Some(&TabConst::Nil) {
            self.array.pop();
        }
        TemplateTable {
            array: self.array,
            hash: self.hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_moves_integer_keys_to_the_array() {
        // { shift = 5, mask = 3, [2] = "x" }: two hash nodes, then a rehash
        // puts key 2 in an array part.
        let mut t = Template::new(0, 2);
        t.set(TabConst::Str(b"shift"[..].into()), TabConst::Int(5));
        t.set(TabConst::Str(b"mask"[..].into()), TabConst::Int(3));
        t.set(TabConst::Int(2), TabConst::Str(b"x"[..].into()));
        let t = t.finish();
        assert_eq!(t.array.len(), 3);
        assert_eq!(t.hash.len(), 2);
    }

    #[test]
    fn hsize() {
        assert_eq!([0, 1, 2, 3, 4, 5].map(hsize2hbits), [0, 1, 1, 2, 2, 3]);
    }
}
