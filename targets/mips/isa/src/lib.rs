//! The mips instruction set for xlj's assembler DSL (placeholder: being built).
//!
//! Placeholder so that the registry compiles while the encoder is written;
//! every statement is refused with a clear error.

use asm_dsl_core::{
    AsmError, Caps, Cursor, Emitter, Endian, FormId, Insn, Isa, Operand, RelocKind,
};

pub struct Mips32 {
    caps: &'static Caps,
}

pub static MIPS: Mips32 = Mips32 {
    caps: &Caps {
        name: "mips",
        pointer_bits: 32,
        endian: Endian::Big,
        insn_align: 4,
        icache_coherent: false,
    },
};
pub static MIPSEL: Mips32 = Mips32 {
    caps: &Caps {
        name: "mipsel",
        pointer_bits: 32,
        endian: Endian::Little,
        insn_align: 4,
        icache_coherent: false,
    },
};

impl Isa for Mips32 {
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
