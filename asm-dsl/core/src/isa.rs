//! The seam between the neutral assembler and one instruction set.
//!
//! An ISA module (`targets/<isa>/isa`) implements [`Isa`] and registers a
//! static of it in one place (`asm-dsl`'s registry). Everything else —
//! tokens, statements, labels, relocation bookkeeping, code buffers and
//! executable memory — is neutral and lives in this crate.

use crate::assembler::Emitter;
use crate::error::AsmError;
use crate::insn::{FormId, Insn, Operand};
use crate::token::Cursor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endian {
    Little,
    Big,
}

/// What neutral code may ask about an instruction set.
#[derive(Clone, Copy, Debug)]
pub struct Caps {
    /// The name used by the macro and `xasm --arch`.
    pub name: &'static str,
    pub pointer_bits: u8,
    pub endian: Endian,
    /// Alignment of every instruction (1 for x86, 4 for the RISC ISAs).
    pub insn_align: u8,
    /// True when stores to code are seen by instruction fetch without an
    /// explicit cache flush (x86).
    pub icache_coherent: bool,
}

/// A relocation kind, numbered by its ISA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RelocKind(pub u8);

pub trait Isa: Sync {
    fn caps(&self) -> &'static Caps;

    /// The Rust path of the static implementing this ISA, for code the
    /// macro generates (for example `::xlj_isa_x86::X64`).
    fn rust_path(&self) -> &'static str;

    /// Parses one instruction statement, starting at its mnemonic and
    /// consuming every token, into a form and its arguments. Constants are
    /// range-checked here; splices are checked by `encode`.
    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError>;

    /// Encodes one instruction. Operands come in the order `parse` listed
    /// the arguments. Branches emit a placeholder and call
    /// [`Emitter::reloc`]; the assembler later calls [`Isa::patch`].
    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError>;

    /// Fills in a relocation recorded by `encode` at byte offset `at` of
    /// `code`, now that the code's address (`code_addr`) and the target's
    /// address are known. Fails when the target is out of range.
    fn patch(
        &self,
        kind: RelocKind,
        code: &mut [u8],
        at: usize,
        code_addr: u64,
        target: u64,
    ) -> Result<(), AsmError>;

    /// Decodes one instruction at the start of `code`, which sits at
    /// address `addr`. Returns its length and its text in the same syntax
    /// `parse` accepts, so that text → bytes → text round-trips.
    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError>;
}
