//! Executable memory: finished code placed in pages of its own, never
//! writable and executable at the same time.
//!
//! [`ExecBuffer::from_assembler`] (or [`FinishExec::finish_exec`]) maps
//! pages read+write, resolves the assembler's relocations against their
//! final address, copies the code in, then flips the pages to
//! read+execute and flushes the instruction cache where the ISA needs it
//! (`Caps::icache_coherent == false`). Patching finished code — trace
//! linking rewrites branches of live traces — goes through the same
//! discipline: flip to read+write, patch, flip back, flush
//! ([`ExecBuffer::patch_asm`] re-encodes instructions in place,
//! [`ExecBuffer::patch_bytes`] and [`ExecBuffer::patch_with`] write raw
//! bytes).
//!
//! `tests/exec_native.rs` runs the same small functions (arithmetic, a
//! loop, an exit redirected by patching) on each ISA's own host; on the
//! non-x86 ones that means `cargo xtask cross-test <isa> -p asm-dsl` under
//! qemu-user, which also exercises the instruction-cache flush.
//!
//! All unsafe code is in the `map` module. What stays unsafe for callers
//! is calling into the code: [`ExecBuffer::entry`] hands out a function
//! pointer of the type the caller asserts.

use std::collections::HashMap;
use std::ops::Range;

use asm_dsl_core::{AsmError, Assembler, Isa};

mod map;

use map::Mapping;

/// Finished code in executable pages, with its labels.
pub struct ExecBuffer {
    map: Mapping,
    len: usize,
    isa: &'static dyn Isa,
    globals: HashMap<String, usize>,
    dynamics: HashMap<u32, usize>,
}

impl std::fmt::Debug for ExecBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecBuffer")
            .field("isa", &self.isa.caps().name)
            .field("addr", &format_args!("{:#x}", self.addr()))
            .field("len", &self.len)
            .finish()
    }
}

/// `Assembler::finish_exec()`: the assembler's ending for code that runs.
pub trait FinishExec {
    /// Resolves relocations for the code's final address and places it in
    /// executable memory.
    fn finish_exec(self) -> Result<ExecBuffer, AsmError>;
}

impl FinishExec for Assembler {
    fn finish_exec(self) -> Result<ExecBuffer, AsmError> {
        ExecBuffer::from_assembler(self)
    }
}

impl ExecBuffer {
    /// Maps pages for `asm`'s code, finishes it at their address, copies
    /// it in and makes it executable.
    pub fn from_assembler(asm: Assembler) -> Result<ExecBuffer, AsmError> {
        let isa = asm.isa();
        let globals = asm.globals().map(|(k, v)| (k.to_string(), v)).collect();
        let dynamics = asm.dynamics().collect();
        let mut map = Mapping::new(asm.offset())?;
        let code = asm.finish(map.addr())?;
        // Freshly mapped pages are still writable: copy, then seal.
        map.write(false, |m| {
            m[..code.len()].copy_from_slice(&code);
            Ok(((), 0..code.len()))
        })?;
        map.seal(!isa.caps().icache_coherent, 0..code.len())?;
        Ok(ExecBuffer {
            map,
            len: code.len(),
            isa,
            globals,
            dynamics,
        })
    }

    /// Places already finished bytes (assembled for address
    /// [`ExecBuffer::addr`]'s value, so only position-independent code
    /// makes sense here) in executable memory.
    pub fn from_code(isa: &'static dyn Isa, code: &[u8]) -> Result<ExecBuffer, AsmError> {
        let mut asm = Assembler::new(isa);
        asm.bytes(code);
        ExecBuffer::from_assembler(asm)
    }

    pub fn isa(&self) -> &'static dyn Isa {
        self.isa
    }

    /// Address of the first byte of code.
    pub fn addr(&self) -> u64 {
        self.map.addr()
    }

    /// Length of the code in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The code as it is now in memory.
    pub fn code(&self) -> &[u8] {
        &self.map.bytes()[..self.len]
    }

    /// Offset of global label `name`.
    pub fn global_offset(&self, name: &str) -> Option<usize> {
        self.globals.get(name).copied()
    }

    /// Offset of dynamic label `n`.
    pub fn dynamic_offset(&self, n: u32) -> Option<usize> {
        self.dynamics.get(&n).copied()
    }

    /// Address of global label `name`.
    pub fn global_addr(&self, name: &str) -> Option<u64> {
        self.global_offset(name).map(|o| self.addr() + o as u64)
    }

    /// Address of dynamic label `n`.
    pub fn dynamic_addr(&self, n: u32) -> Option<u64> {
        self.dynamic_offset(n).map(|o| self.addr() + o as u64)
    }

    /// A function pointer to global label `name`.
    ///
    /// Returns `None` when the label is unknown or `F` is not pointer-sized.
    ///
    /// # Safety
    /// `F` must be a function pointer type (for example
    /// `extern "C" fn(i64) -> i64`) matching the code's calling convention
    /// and signature, the buffer must outlive every call through the
    /// pointer, and no call may run while the buffer is being patched.
    pub unsafe fn entry<F: Copy>(&self, name: &str) -> Option<F> {
        let addr = self.global_addr(name)? as usize;
        if std::mem::size_of::<F>() != std::mem::size_of::<usize>() {
            return None;
        }
        // SAFETY: sizes are equal (checked); the caller asserts that `F`
        // is a function pointer type for the code at `addr`.
        Some(unsafe { std::mem::transmute_copy::<usize, F>(&addr) })
    }

    /// Patches the code: `f` receives the code made writable and returns
    /// the range it changed, which is flushed from the instruction cache
    /// once the pages are executable again. The caller must ensure no
    /// thread runs this code meanwhile (`&mut self` rules out safe calls).
    pub fn patch_with(
        &mut self,
        f: impl FnOnce(&mut [u8]) -> Result<Range<usize>, AsmError>,
    ) -> Result<(), AsmError> {
        let flush = !self.isa.caps().icache_coherent;
        let len = self.len;
        self.map.write(flush, |m| {
            let range = f(&mut m[..len])?;
            Ok(((), range))
        })
    }

    /// Overwrites the code at offset `at` with `bytes`.
    pub fn patch_bytes(&mut self, at: usize, bytes: &[u8]) -> Result<(), AsmError> {
        let end = at
            .checked_add(bytes.len())
            .filter(|&e| e <= self.len)
            .ok_or_else(|| {
                AsmError::Memory(format!(
                    "patch of {} bytes at {at} is outside the code",
                    bytes.len()
                ))
            })?;
        self.patch_with(|code| {
            code[at..end].copy_from_slice(bytes);
            Ok(at..end)
        })
    }

    /// Re-assembles code in place: `f` emits instructions into a fresh
    /// assembler, which is finished for the address of offset `at` (so
    /// relative branches, including ones to `Label::Absolute` targets, are
    /// resolved and range-checked for where they land) and copied over the
    /// code there. Returns the length written. This is how trace linking
    /// redirects an exit branch: re-encode the branch rather than edit its
    /// field, so no ISA's field layout or addend convention leaks out here.
    pub fn patch_asm(
        &mut self,
        at: usize,
        f: impl FnOnce(&mut Assembler),
    ) -> Result<usize, AsmError> {
        let mut asm = Assembler::new(self.isa);
        f(&mut asm);
        let start = self.addr().wrapping_add(at as u64);
        let code = asm.finish(start)?;
        self.patch_bytes(at, &code)?;
        Ok(code.len())
    }
}
