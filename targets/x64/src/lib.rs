//! xlj's x64 target module.
//!
//! - [`abi`]: the register roles and the C-stack frame, declared once for
//!   the interpreter template and the (future) JIT backend;
//! - [`interp`]: the interpreter template that `vm-gen` assembles at
//!   start-up: gates, subroutines and one fragment per opcode.
//!
//! The encoder and disassembler are the x86 family's, in
//! `targets/x86/isa` (one crate serves x86 and x64).

pub mod abi;
pub mod interp;

pub use interp::X64Template;

/// Generates the x64 interpreter.
pub fn interpreter() -> Result<xlj_vm_gen::GeneratedInterp, xlj_vm_gen::GenError> {
    xlj_vm_gen::generate(&X64Template)
}
