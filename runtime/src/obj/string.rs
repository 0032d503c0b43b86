//! Interned strings.
//!
//! Every string is interned: two strings with the same bytes are the same
//! object, so string equality is pointer equality and table lookups by
//! string compare pointers. The bytes follow the header, with a NUL after
//! them so that C-style consumers can use them in place:
//!
//! ```text
//!  +------+--------+-----+----------+------+-----+--------------+----+
//!  | next | marked | gct | reserved | hash | len | bytes ...    | \0 |
//!  +------+--------+-----+----------+------+-----+--------------+----+
//! ```
//!
//! Strings are not on the collector's list of all objects: each lives on
//! one chain of the [`StrTable`] (linked through `next`), and the sweep
//! walks the table.

use std::ptr::NonNull;

use crate::gc::{gc_object, mark, GcHeader, Heap, ObjType, OutOfMemory};

gc_object! {
    /// A string object, followed in memory by its bytes and a NUL.
    pub struct GcStr : ObjType::Str {
        /// Non-zero for the reserved words of the lexer (their token).
        pub reserved: u8,
        pub hash: u32,
        pub len: u32,
    }
}

/// The longest string (its length must fit `len`, and stay clear of
/// overflow when concatenated with a header).
pub const MAX_STR_LEN: usize = 0x7fff_ff00;

impl GcStr {
    /// Bytes allocated for a string of `len` bytes.
    pub const fn alloc_size(len: usize) -> usize {
        std::mem::size_of::<GcStr>() + len + 1
    }

    /// The string's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the allocation holds `len` bytes right after the header
        // (see `alloc_size`), initialised when the string was created and
        // never changed.
        unsafe {
            let data = (self as *const GcStr as *const u8).add(std::mem::size_of::<GcStr>());
            std::slice::from_raw_parts(data, self.len as usize)
        }
    }
}

/// The hash of a byte string: a multiply-xorshift over 8-byte chunks,
/// covering every byte so that strings differing anywhere hash apart.
pub fn hash_bytes(bytes: &[u8], seed: u32) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h: u64 = (seed as u64) ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8-byte chunk"));
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    let n = rest.len();
    if n > 0 {
        // The tail without a byte-built buffer (whose wide re-read stalls
        // store forwarding): two overlapping words, or three bytes.
        let w = if n >= 4 {
            let lo = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
            let hi = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes"));
            lo as u64 | (hi as u64) << 32
        } else {
            rest[0] as u64 | (rest[n / 2] as u64) << 8 | (rest[n - 1] as u64) << 16
        };
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    (h >> 32) as u32
}

/// The intern table: a power-of-two array of chains.
pub struct StrTable {
    buckets: Vec<*mut GcStr>,
    count: usize,
    seed: u32,
}

impl Default for StrTable {
    fn default() -> Self {
        StrTable::new()
    }
}

impl StrTable {
    pub fn new() -> StrTable {
        StrTable {
            buckets: vec![std::ptr::null_mut(); 256],
            count: 0,
            seed: 0x2545_f491,
        }
    }

    /// Number of interned strings.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn mask(&self) -> usize {
        self.buckets.len() - 1
    }

    /// Returns the string with these bytes, creating it if needed. A string
    /// found with the `dead_white` colour (condemned by a sweep in progress)
    /// is revived with `white`, the colour of new objects.
    pub fn intern(
        &mut self,
        heap: &mut Heap,
        bytes: &[u8],
        white: u8,
        dead_white: u8,
    ) -> Result<NonNull<GcStr>, OutOfMemory> {
        if bytes.len() > MAX_STR_LEN {
            return Err(OutOfMemory);
        }
        let hash = hash_bytes(bytes, self.seed);
        let mut p = self.buckets[hash as usize & self.mask()];
        // SAFETY: chains only hold live strings created below.
        unsafe {
            while let Some(s) = p.as_mut() {
                if s.hash == hash && s.as_bytes() == bytes {
                    if s.marked & dead_white != 0 {
                        s.marked = (s.marked & !mark::WHITES) | white;
                    }
                    return Ok(NonNull::from(s));
                }
                p = s.next as *mut GcStr;
            }
        }
        if self.count >= self.buckets.len() {
            self.resize(self.buckets.len() * 2);
        }
        let size = GcStr::alloc_size(bytes.len());
        let block = heap.alloc(size)?.cast::<GcStr>();
        let bucket = hash as usize & self.mask();
        // SAFETY: the block is fresh, sized for the header, the bytes and a
        // NUL; every field is written before the string is published.
        unsafe {
            block.as_ptr().write(GcStr {
                next: self.buckets[bucket] as *mut GcHeader,
                marked: white,
                gct: ObjType::Str as u8,
                reserved: 0,
                hash,
                len: bytes.len() as u32,
            });
            let data = (block.as_ptr() as *mut u8).add(std::mem::size_of::<GcStr>());
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
            *data.add(bytes.len()) = 0;
        }
        self.buckets[bucket] = block.as_ptr();
        self.count += 1;
        Ok(block)
    }

    fn resize(&mut self, new_len: usize) {
        let mut fresh = vec![std::ptr::null_mut::<GcStr>(); new_len];
        for head in std::mem::take(&mut self.buckets) {
            let mut p = head;
            // SAFETY: chains hold live strings; each is relinked exactly once.
            unsafe {
                while let Some(s) = p.as_mut() {
                    let next = s.next as *mut GcStr;
                    let b = s.hash as usize & (new_len - 1);
                    s.next = fresh[b] as *mut GcHeader;
                    fresh[b] = s;
                    p = next;
                }
            }
        }
        self.buckets = fresh;
    }

    /// Frees every string for which `dead` says so and returns how many
    /// were freed; the rest stay interned (`dead` may recolour them).
    /// Shrinks the table when it has become sparse.
    ///
    /// # Safety
    /// No handle to a freed string may be used afterwards: the collector
    /// calls this only for strings it proved unreachable.
    pub unsafe fn sweep(&mut self, heap: &mut Heap, dead: impl FnMut(&mut GcStr) -> bool) -> usize {
        let freed = self.sweep_chains(heap, 0, self.buckets.len(), dead);
        self.shrink_if_sparse();
        freed
    }

    /// Number of chains (the collector sweeps them a few at a time).
    pub fn chain_count(&self) -> usize {
        self.buckets.len()
    }

    /// [`StrTable::sweep`] restricted to chains `from..from + n`, without
    /// shrinking (so that chain indices stay meaningful between calls:
    /// growing only moves a chain's strings to its own index or above).
    ///
    /// # Safety
    /// As for [`StrTable::sweep`].
    pub unsafe fn sweep_chains(
        &mut self,
        heap: &mut Heap,
        from: usize,
        n: usize,
        mut dead: impl FnMut(&mut GcStr) -> bool,
    ) -> usize {
        let mut freed = 0;
        let end = from.saturating_add(n).min(self.buckets.len());
        for head in self.buckets[from.min(end)..end].iter_mut() {
            let mut link: *mut *mut GcStr = head;
            while let Some(s) = (*link).as_mut() {
                if dead(s) {
                    *link = s.next as *mut GcStr;
                    let size = GcStr::alloc_size(s.len as usize);
                    heap.free(NonNull::from(s).cast(), size);
                    freed += 1;
                } else {
                    link = &mut s.next as *mut *mut GcHeader as *mut *mut GcStr;
                }
            }
        }
        self.count -= freed;
        freed
    }

    /// Halves the table when it has become sparse.
    pub fn shrink_if_sparse(&mut self) {
        if self.count < self.buckets.len() / 4 && self.buckets.len() > 256 {
            self.resize(self.buckets.len() / 2);
        }
    }

    /// Frees every string (when the VM closes).
    pub fn free_all(&mut self, heap: &mut Heap) {
        // SAFETY: the VM is closing: no handle survives.
        unsafe {
            self.sweep(heap, |_| true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: u8 = mark::WHITE0;
    const DEAD: u8 = mark::WHITE1;

    #[test]
    fn interning_returns_one_object_per_content() {
        let mut heap = Heap::default();
        let mut t = StrTable::new();
        let a = t.intern(&mut heap, b"hello", W, DEAD).unwrap();
        let b = t.intern(&mut heap, b"hello", W, DEAD).unwrap();
        let c = t.intern(&mut heap, b"hellp", W, DEAD).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        unsafe {
            assert_eq!(a.as_ref().as_bytes(), b"hello");
            assert_eq!(
                *(a.as_ptr() as *const u8).add(std::mem::size_of::<GcStr>() + 5),
                0
            );
        }
        t.free_all(&mut heap);
        assert_eq!(heap.used(), 0);
    }

    #[test]
    fn grows_sweeps_and_revives() {
        let mut heap = Heap::default();
        let mut t = StrTable::new();
        let keys: Vec<Vec<u8>> = (0..5000).map(|i| format!("key{i}").into_bytes()).collect();
        for k in &keys {
            t.intern(&mut heap, k, DEAD, W).unwrap();
        }
        assert_eq!(t.len(), 5000);
        // Revive the even keys, then sweep the rest.
        for k in keys.iter().step_by(2) {
            let s = t.intern(&mut heap, k, W, DEAD).unwrap();
            assert_eq!(unsafe { s.as_ref().marked }, W);
        }
        let freed = unsafe { t.sweep(&mut heap, |s| s.marked & DEAD != 0) };
        assert_eq!(freed, 2500);
        for k in keys.iter().step_by(2) {
            let before = t.len();
            t.intern(&mut heap, k, W, DEAD).unwrap();
            assert_eq!(t.len(), before);
        }
        t.free_all(&mut heap);
        assert_eq!(heap.used(), 0);
    }

    #[test]
    fn the_empty_string_and_binary_bytes_intern() {
        let mut heap = Heap::default();
        let mut t = StrTable::new();
        let e = t.intern(&mut heap, b"", W, DEAD).unwrap();
        assert_eq!(unsafe { e.as_ref().as_bytes() }, b"");
        let z = t.intern(&mut heap, b"a\0b", W, DEAD).unwrap();
        assert_ne!(z, t.intern(&mut heap, b"a\0c", W, DEAD).unwrap());
        t.free_all(&mut heap);
    }

    #[test]
    fn hash_covers_every_byte() {
        let base = vec![b'x'; 100];
        let h = hash_bytes(&base, 1);
        for i in 0..100 {
            let mut v = base.clone();
            v[i] = b'y';
            assert_ne!(hash_bytes(&v, 1), h, "byte {i} does not affect the hash");
        }
    }
}
