//! Raw allocation with accounting and a limit.
//!
//! Small blocks (up to [`SMALL_MAX`] bytes) that are freed go to a free
//! list per 8-byte size class and are handed out again before the system
//! allocator is asked: a collection frees objects by the thousand and the
//! program allocates the same sizes right after, which the system
//! allocator serves slowly (it sorts and coalesces its bins on the way).
//! The lists hold at most a quarter of the live bytes (and
//! [`CACHE_FLOOR`] at least), so memory the program no longer uses still
//! goes back to the system.
//!
//! Invariants (this is the only place GC memory is obtained or returned):
//! - every block is obtained from the system with the layout of its size
//!   rounded up to [`GC_ALIGN`] (`Heap::layout`), and returned once with
//!   that same layout: callers pass the size they asked for, and blocks
//!   of one size class share one rounded size, so a cached block may serve
//!   any size of its class;
//! - `used` is the sum of the requested sizes of the live blocks; cached
//!   blocks are not live and are counted in `cached` only;
//! - a cached block's first word links it to the next of its class.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::fmt;
use std::ptr::NonNull;

/// An allocation the memory limit or the system refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not enough memory")
    }
}

impl std::error::Error for OutOfMemory {}

/// Alignment of every GC block: enough for a double or a pointer.
pub const GC_ALIGN: usize = 8;

/// The largest block kept on a free list when freed.
pub const SMALL_MAX: usize = 256;
const CLASSES: usize = SMALL_MAX / GC_ALIGN;
/// Bytes the free lists may hold however small the heap.
pub const CACHE_FLOOR: usize = 256 * 1024;

/// The accounting allocator behind the collector.
#[derive(Debug)]
pub struct Heap {
    used: usize,
    limit: usize,
    /// Total bytes ever allocated, for statistics and debt accounting.
    allocated_total: u64,
    /// Overwrite blocks before returning them (stress modes), so that a
    /// use after free reads garbage pointers and fails fast. Poisoned
    /// blocks go straight back to the system, never to a free list.
    poison: bool,
    /// Free lists of small blocks, indexed by size class (`size / 8 - 1`
    /// of the rounded size).
    free: [*mut u8; CLASSES],
    /// Bytes on the free lists.
    cached: usize,
}

/// The byte freed blocks are filled with when poisoning.
pub const POISON: u8 = 0xdd;

impl Default for Heap {
    fn default() -> Self {
        Heap::new(usize::MAX)
    }
}

impl Heap {
    pub fn new(limit: usize) -> Heap {
        Heap {
            used: 0,
            limit,
            allocated_total: 0,
            poison: false,
            free: [std::ptr::null_mut(); CLASSES],
            cached: 0,
        }
    }

    /// Bytes in live blocks.
    pub fn used(&self) -> usize {
        self.used
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    pub fn allocated_total(&self) -> u64 {
        self.allocated_total
    }

    /// Whether freed blocks are poisoned.
    pub fn poisons(&self) -> bool {
        self.poison
    }

    pub fn set_poison(&mut self, on: bool) {
        self.poison = on;
        if on {
            self.release_cached();
        }
    }

    /// Bytes kept on the free lists for reuse.
    pub fn cached(&self) -> usize {
        self.cached
    }

    /// The rounded size a block of `size` bytes really has.
    fn rounded(size: usize) -> Option<usize> {
        size.max(1)
            .checked_add(GC_ALIGN - 1)
            .map(|s| s & !(GC_ALIGN - 1))
    }

    fn layout(size: usize) -> Result<Layout, OutOfMemory> {
        let size = Self::rounded(size).ok_or(OutOfMemory)?;
        Layout::from_size_align(size, GC_ALIGN).map_err(|_| OutOfMemory)
    }

    /// The free list serving `size`, if it is small.
    fn class(size: usize) -> Option<usize> {
        let r = Self::rounded(size)?;
        (r <= SMALL_MAX).then(|| r / GC_ALIGN - 1)
    }

    /// A cached block for `size`, if one is free.
    fn take_cached(&mut self, size: usize) -> Option<NonNull<u8>> {
        let c = Self::class(size)?;
        let p = NonNull::new(self.free[c])?;
        // SAFETY: a cached block's first word holds the next one of its
        // class (blocks are at least 8 bytes and 8-aligned).
        self.free[c] = unsafe { *(p.as_ptr() as *mut *mut u8) };
        self.cached -= (c + 1) * GC_ALIGN;
        Some(p)
    }

    /// Returns every cached block to the system.
    fn release_cached(&mut self) {
        for c in 0..CLASSES {
            let size = (c + 1) * GC_ALIGN;
            while let Some(p) = NonNull::new(self.free[c]) {
                // SAFETY: cached blocks are unused, linked through their
                // first word, and were obtained with this rounded layout.
                unsafe {
                    self.free[c] = *(p.as_ptr() as *mut *mut u8);
                    dealloc(
                        p.as_ptr(),
                        Layout::from_size_align_unchecked(size, GC_ALIGN),
                    );
                }
            }
        }
        self.cached = 0;
    }

    fn charge(&mut self, size: usize) -> Result<(), OutOfMemory> {
        match self.used.checked_add(size) {
            Some(total) if total <= self.limit => Ok(()),
            _ => Err(OutOfMemory),
        }
    }

    /// A zeroed block of `size` bytes.
    pub fn alloc_zeroed(&mut self, size: usize) -> Result<NonNull<u8>, OutOfMemory> {
        self.charge(size)?;
        let p = match self.take_cached(size) {
            Some(p) => {
                // SAFETY: a cached block has the rounded size of `size`.
                unsafe { std::ptr::write_bytes(p.as_ptr(), 0, size) };
                p
            }
            None => {
                let layout = Self::layout(size)?;
                // SAFETY: the layout has a non-zero size.
                NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) }).ok_or(OutOfMemory)?
            }
        };
        self.used += size;
        self.allocated_total += size as u64;
        Ok(p)
    }

    /// An uninitialised block of `size` bytes.
    pub fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, OutOfMemory> {
        self.charge(size)?;
        let p = match self.take_cached(size) {
            Some(p) => p,
            None => {
                let layout = Self::layout(size)?;
                // SAFETY: the layout has a non-zero size.
                NonNull::new(unsafe { alloc(layout) }).ok_or(OutOfMemory)?
            }
        };
        self.used += size;
        self.allocated_total += size as u64;
        Ok(p)
    }

    /// Resizes a block from `old` to `new` bytes, keeping its contents.
    ///
    /// # Safety
    /// `p` must come from this heap with size `old` and not be freed.
    pub unsafe fn realloc(
        &mut self,
        p: NonNull<u8>,
        old: usize,
        new: usize,
    ) -> Result<NonNull<u8>, OutOfMemory> {
        if new > old {
            self.charge(new - old)?;
        }
        let layout = Self::layout(old)?;
        let q = if Self::rounded(old) == Self::rounded(new) {
            p
        } else {
            let size = Self::rounded(new).ok_or(OutOfMemory)?;
            NonNull::new(realloc(p.as_ptr(), layout, size)).ok_or(OutOfMemory)?
        };
        self.used = self.used - old + new;
        if new > old {
            self.allocated_total += (new - old) as u64;
        }
        Ok(q)
    }

    /// Returns a block.
    ///
    /// # Safety
    /// `p` must come from this heap with size `size` and not be freed yet.
    pub unsafe fn free(&mut self, p: NonNull<u8>, size: usize) {
        self.used -= size;
        if self.poison {
            std::ptr::write_bytes(p.as_ptr(), POISON, size);
        } else if let Some(c) = Self::class(size) {
            let bytes = (c + 1) * GC_ALIGN;
            if self.cached + bytes <= (self.used / 4).max(CACHE_FLOOR) {
                *(p.as_ptr() as *mut *mut u8) = self.free[c];
                self.free[c] = p.as_ptr();
                self.cached += bytes;
                return;
            }
        }
        // The size came from this heap, so it rounds without overflow.
        let rounded = (size.max(1) + GC_ALIGN - 1) & !(GC_ALIGN - 1);
        dealloc(
            p.as_ptr(),
            Layout::from_size_align_unchecked(rounded, GC_ALIGN),
        );
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        self.release_cached();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_and_enforces_the_limit() {
        let mut h = Heap::new(1000);
        let a = h.alloc(600).unwrap();
        assert_eq!(h.used(), 600);
        assert_eq!(h.alloc(500), Err(OutOfMemory));
        let b = h.alloc_zeroed(400).unwrap();
        assert_eq!(h.used(), 1000);
        unsafe {
            let a = h.realloc(a, 600, 100).unwrap();
            assert_eq!(h.used(), 500);
            h.free(a, 100);
            h.free(b, 400);
        }
        assert_eq!(h.used(), 0);
        assert_eq!(h.alloc(usize::MAX - 4), Err(OutOfMemory));
    }

    #[test]
    fn small_blocks_are_reused_and_the_cache_is_bounded() {
        let mut h = Heap::new(usize::MAX);
        let a = h.alloc(40).unwrap();
        unsafe { h.free(a, 40) };
        assert_eq!((h.used(), h.cached()), (0, 40));
        // 33 bytes round to the same class as 40.
        let b = h.alloc_zeroed(33).unwrap();
        assert_eq!((b, h.used(), h.cached()), (a, 33, 0));
        // SAFETY: a live block of 33 bytes.
        let bytes = unsafe { std::slice::from_raw_parts(b.as_ptr(), 33) };
        assert!(bytes.iter().all(|&x| x == 0));
        unsafe { h.free(b, 33) };
        let big = h.alloc(SMALL_MAX + 1).unwrap();
        unsafe { h.free(big, SMALL_MAX + 1) };
        assert_eq!(h.cached(), 40);
        let blocks: Vec<_> = (0..20_000).map(|_| h.alloc(64).unwrap()).collect();
        for p in blocks {
            unsafe { h.free(p, 64) };
        }
        assert!(h.cached() <= CACHE_FLOOR);
        assert_eq!(h.used(), 0);
        h.set_poison(true);
        assert_eq!(h.cached(), 0);
    }

    #[test]
    fn poisoning_keeps_the_accounting() {
        let mut h = Heap::new(1 << 20);
        h.set_poison(true);
        let a = h.alloc_zeroed(64).unwrap();
        unsafe { h.free(a, 64) };
        assert_eq!(h.used(), 0);
        assert!(h.poisons());
    }
}
