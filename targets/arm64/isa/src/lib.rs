//! The arm64 instruction set for xlj's assembler DSL (placeholder: being built).
//!
//! Placeholder so that the registry compiles while the encoder is written;
//! every statement is refused with a clear error.

use asm_dsl_core::{
    AsmError, Caps, Cursor, Emitter, Endian, FormId, Insn, Isa, Operand, RelocKind,
};

pub struct Arm64 {
    caps: &'static Caps,
}

pub static ARM64: Arm64 = Arm64 {
    caps: &Caps {
        name: "arm64",
        pointer_bits: 64,
        endian: Endian::Little,
        insn_align: 4,
        icache_coherent: false,
    },
};

impl Isa for Arm64 {
    fn caps(&self) -> &'static Caps {
        self.caps
    }
    fn rust_path(&self) -> &'static str {
        ""
    }
    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        Err(cur.error(format!("the {} encoder is not built yet", self.caps.name)))
    }
    fn encode(&self, _: FormId, _: &[Operand], _: &mut Emitter<'_>) -> Result<(), AsmError> {
        Err(AsmError::NoForm("not built yet".into()))
    }
    fn patch(&self, _: RelocKind, _: &mut [u8], _: usize, _: u64, _: u64) -> Result<(), AsmError> {
        Err(AsmError::NoForm("not built yet".into()))
    }
    fn disassemble(&self, _: &[u8], _: u64) -> Result<(usize, String), AsmError> {
        Err(AsmError::Undecodable("not built yet".into()))
    }
}
