//! Raw allocation with accounting and a limit.
//!
//! Invariants (this is the only place GC memory is obtained or returned):
//! - every block handed out was allocated with the layout recorded by the
//!   caller, and is freed once, with that same layout;
//! - `used` is the sum of the sizes of the live blocks.

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

/// The accounting allocator behind the collector.
#[derive(Debug)]
pub struct Heap {
    used: usize,
    limit: usize,
    /// Total bytes ever allocated, for statistics and debt accounting.
    allocated_total: u64,
    /// Overwrite blocks before returning them (stress modes), so that a
    /// use after free reads garbage pointers and fails fast.
    poison: bool,
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
    }

    fn layout(size: usize) -> Result<Layout, OutOfMemory> {
        Layout::from_size_align(size.max(1), GC_ALIGN).map_err(|_| OutOfMemory)
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
        let layout = Self::layout(size)?;
        // SAFETY: the layout has a non-zero size.
        let p = unsafe { std::alloc::alloc_zeroed(layout) };
        let p = NonNull::new(p).ok_or(OutOfMemory)?;
        self.used += size;
        self.allocated_total += size as u64;
        Ok(p)
    }

    /// An uninitialised block of `size` bytes.
    pub fn alloc(&mut self, size: usize) -> Result<NonNull<u8>, OutOfMemory> {
        self.charge(size)?;
        let layout = Self::layout(size)?;
        // SAFETY: the layout has a non-zero size.
        let p = NonNull::new(unsafe { alloc(layout) }).ok_or(OutOfMemory)?;
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
        let q = NonNull::new(realloc(p.as_ptr(), layout, new.max(1))).ok_or(OutOfMemory)?;
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
        if self.poison {
            std::ptr::write_bytes(p.as_ptr(), POISON, size);
        }
        let layout = Layout::from_size_align_unchecked(size.max(1), GC_ALIGN);
        dealloc(p.as_ptr(), layout);
        self.used -= size;
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
    fn poisoning_keeps_the_accounting() {
        let mut h = Heap::new(1 << 20);
        h.set_poison(true);
        let a = h.alloc_zeroed(64).unwrap();
        unsafe { h.free(a, 64) };
        assert_eq!(h.used(), 0);
        assert!(h.poisons());
    }
}
