//! The unsafe fence around executable pages: mapping, protection changes
//! and instruction-cache flushes. Nothing outside this module touches the
//! raw pointer.
//!
//! Invariants:
//! 1. `ptr .. ptr + size` is an anonymous private mapping that this value
//!    alone owns from `new` until `Drop` unmaps it; `size` is a non-zero
//!    multiple of the page size.
//! 2. The pages are either read+write or read+execute, never writable and
//!    executable at once: `new` maps them read+write, and the only way to
//!    write after [`Mapping::seal`] is [`Mapping::write`], which flips them
//!    back to read+write for the duration of a closure and then reseals.
//! 3. Both states include read, so [`Mapping::bytes`] is always valid; a
//!    `&mut [u8]` into the pages exists only inside `write` (or before the
//!    first seal), while the pages are writable and `&mut self` is held.
//! 4. If re-protecting fails, the pages are left read+write (not
//!    executable) and the error is returned: safe, never W+X.

use std::ptr::NonNull;

use asm_dsl_core::AsmError;

/// Page protection state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prot {
    ReadWrite,
    ReadExec,
}

pub struct Mapping {
    ptr: NonNull<u8>,
    size: usize,
    prot: Prot,
}

// SAFETY: the mapping is plain memory owned by this value (invariant 1);
// mutation needs `&mut self`, so sharing `&Mapping` only allows reads.
unsafe impl Send for Mapping {}
unsafe impl Sync for Mapping {}

fn os_error(what: &str) -> AsmError {
    AsmError::Memory(format!("{what}: {}", std::io::Error::last_os_error()))
}

fn page_size() -> usize {
    // SAFETY: sysconf has no memory effects.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}

impl Mapping {
    /// Maps at least `len` bytes (at least one page), read+write.
    pub fn new(len: usize) -> Result<Mapping, AsmError> {
        let page = page_size();
        let size = len
            .max(1)
            .checked_add(page - 1)
            .map(|s| s & !(page - 1))
            .ok_or_else(|| AsmError::Memory(format!("{len} bytes is too large to map")))?;
        // SAFETY: an anonymous private mapping at an address of the
        // kernel's choosing aliases no existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(os_error(&format!("mmap of {size} bytes")));
        }
        let ptr = NonNull::new(p.cast::<u8>()).ok_or_else(|| os_error("mmap returned null"))?;
        Ok(Mapping {
            ptr,
            size,
            prot: Prot::ReadWrite,
        })
    }

    pub fn addr(&self) -> u64 {
        self.ptr.as_ptr() as u64
    }

    #[cfg(test)]
    pub fn size(&self) -> usize {
        self.size
    }

    /// The whole mapping, readable in both states (invariant 3).
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: invariant 1 (live, owned, `size` bytes) and 3 (readable);
        // no `&mut` alias can exist while `&self` is borrowed.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.size) }
    }

    fn protect(&mut self, prot: Prot) -> Result<(), AsmError> {
        let flags = match prot {
            Prot::ReadWrite => libc::PROT_READ | libc::PROT_WRITE,
            Prot::ReadExec => libc::PROT_READ | libc::PROT_EXEC,
        };
        // SAFETY: the range is exactly our own mapping (invariant 1).
        let r = unsafe { libc::mprotect(self.ptr.as_ptr().cast(), self.size, flags) };
        if r != 0 {
            return Err(os_error("mprotect"));
        }
        self.prot = prot;
        Ok(())
    }

    /// Makes the pages read+execute, after flushing the instruction cache
    /// for `dirty` (a byte range of the mapping) when `flush` is set.
    pub fn seal(&mut self, flush: bool, dirty: std::ops::Range<usize>) -> Result<(), AsmError> {
        self.protect(Prot::ReadExec)?;
        if flush && dirty.start < dirty.end && dirty.end <= self.size {
            flush_icache(self.ptr.as_ptr().wrapping_add(dirty.start), dirty.len());
        }
        Ok(())
    }

    /// Runs `f` on the pages made writable, then reseals them executable
    /// and flushes `f`'s reported dirty range (`f` returns it along with
    /// its own result). A failure of `f` still reseals.
    pub fn write<R>(
        &mut self,
        flush: bool,
        f: impl FnOnce(&mut [u8]) -> Result<(R, std::ops::Range<usize>), AsmError>,
    ) -> Result<R, AsmError> {
        let was_exec = self.prot == Prot::ReadExec;
        if was_exec {
            self.protect(Prot::ReadWrite)?;
        }
        // SAFETY: the pages are writable now (invariant 2) and `&mut self`
        // guarantees this is the only reference into them (invariant 3).
        let slice = unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.size) };
        let result = f(slice);
        let dirty = match &result {
            Ok((_, d)) => d.clone(),
            Err(_) => 0..0,
        };
        if was_exec {
            self.seal(flush, dirty)?;
        }
        result.map(|(r, _)| r)
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: invariant 1: we own the mapping and nothing borrows it
        // once we are dropped. A failure cannot be reported; the pages leak.
        unsafe {
            libc::munmap(self.ptr.as_ptr().cast(), self.size);
        }
    }
}

/// Makes stores to code visible to instruction fetch. x86 keeps its
/// instruction cache coherent with data stores (and its ISAs say so in
/// `Caps::icache_coherent`), so there it is never needed; everywhere else
/// the compiler runtime's `__clear_cache` does the ISA's dance (for example
/// `dc cvau` / `ic ivau` / `isb` on ARM64, `synci` on MIPS, `dcbst` /
/// `icbi` on PowerPC).
#[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
fn flush_icache(start: *mut u8, len: usize) {
    extern "C" {
        fn __clear_cache(start: *mut libc::c_char, end: *mut libc::c_char);
    }
    // SAFETY: the range lies inside our live mapping (checked by `seal`);
    // `__clear_cache` only performs cache maintenance on it.
    unsafe { __clear_cache(start.cast(), start.wrapping_add(len).cast()) }
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
fn flush_icache(_start: *mut u8, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_impossible_sizes_with_an_error() {
        assert!(matches!(
            Mapping::new(usize::MAX - 10),
            Err(AsmError::Memory(_))
        ));
        // More than any 64-bit address space holds (a 32-bit process might
        // be granted anything below 4 GiB, so only the overflow is tested).
        #[cfg(target_pointer_width = "64")]
        assert!(matches!(Mapping::new(1 << 62), Err(AsmError::Memory(_))));
    }

    #[test]
    fn writes_survive_sealing() {
        let mut m = Mapping::new(10).unwrap();
        assert_eq!(m.size() % page_size(), 0);
        m.write(false, |b| {
            b[..3].copy_from_slice(&[1, 2, 3]);
            Ok(((), 0..3))
        })
        .unwrap();
        m.seal(true, 0..3).unwrap();
        m.write(true, |b| {
            b[1] = 9;
            Ok(((), 1..2))
        })
        .unwrap();
        assert_eq!(&m.bytes()[..3], &[1, 9, 3]);
        let r: Result<(), _> = m.write(true, |_| Err(AsmError::Memory("test".into())));
        assert!(r.is_err());
        // Still sealed and readable after a failed patch.
        assert_eq!(m.prot, Prot::ReadExec);
    }
}
