//! The PowerPC32 instruction set for xlj's assembler DSL: encoder and
//! disassembler (crate `xlj-isa-ppc`, static [`PPC`]).
//!
//! # The ISA at a glance
//!
//! - 32-bit PowerPC, big-endian, as in LuaJIT's PPC port: 32 general
//!   registers `r0`..`r31` (`r1` = `sp`), the classic FPU with 32 double
//!   registers `f0`..`f31`, eight condition fields `cr0`..`cr7`, and the
//!   special registers `lr`, `ctr`, `xer` (through `mflr`/`mtctr`/...).
//!   Assumed cores: 603/750 (G3) class and later with the classic FPU.
//!   `fsqrt`/`fsqrts` are optional in the architecture and missing on
//!   most 32-bit cores (603, 750, e300); `fres`/`frsqrte`/`fsel` are in the
//!   graphics group, present on the 603 and later. All are encoded; code
//!   generators must only use them on cores that have them. There is no
//!   `fcfid` on 32-bit cores: int to double goes through memory.
//! - Every instruction is one big-endian 32-bit word; `li32` is the one
//!   macro (1 or 2 words).
//!
//! # Syntax
//!
//! GNU as with `-mregnames`: `add r3, r4, r5`, `addi r3, r4, -8`,
//! `lwz r3, 8(r4)`, `stwu r1, -16(r1)`, `lwzx r3, r4, r5`,
//! `cmpwi cr7, r3, 0` (cr0 may be omitted), `beq cr7, >1`, `bl ->f`,
//! `blr`, `fadd f1, f2, f3`, `fcmpu cr0, f1, f2`, record forms `add.`,
//! overflow forms `addo`, and the usual simplified mnemonics (`li`, `lis`,
//! `mr`, `not`, `slwi`, `srwi`, `clrlwi`, `rotlwi`, `beq`..`bns`, `bdnz`,
//! `blr`, `bctrl`, `beqlr`, `mflr`, `mtctr`, `nop`, `trap`, ...).
//!
//! - In `addi`, `addis` and every `d(rA)` and `rA, rB` address, `rA` = 0
//!   means the literal 0, not `r0`: it is written and printed `0`
//!   (`lwz r3, 8(0)`, `lwzx r3, 0, r5`); `addi rD, 0, x` prints as `li`.
//! - Splices: registers `r{e}`, `f{e}`, `cr{e}`; immediates `{e}`;
//!   memory `{d}(r{base})`; branch targets are labels or `{e}` giving an
//!   absolute address or a `Label`.
//! - Label addresses in 16-bit immediates: `lis r3, ->f@ha` with
//!   `addi r3, r3, ->f@l` (or a load displacement `->f@l(r3)`), or
//!   `lis r3, ->f@h` with `ori r3, r3, ->f@l`.
//! - `li32 rD, value` loads any 32-bit constant with `li`, `lis`, or
//!   `lis`+`ori` chosen by value at run time (a label: always `lis`+`ori`).
//! - Conditional branches to labels take GNU as's prediction hints
//!   `beq+`/`beq-` (classic meaning: the `y` bit is set by direction when
//!   the target is known). `bc` and the branches to lr/ctr take none;
//!   words with other hint bits disassemble as the raw `bc BO, BI, target`.
//!
//! The modules: [`caps`], [`regs`], [`forms`] (the one table), [`parse`],
//! [`imms`], [`encode`], [`reloc`], [`disasm`].

pub mod caps;
pub mod disasm;
pub mod encode;
pub mod forms;
pub mod imms;
pub mod parse;
pub mod regs;
pub mod reloc;

use asm_dsl_core::{AsmError, Caps, Cursor, Emitter, FormId, Insn, Isa, Operand, RelocKind};

pub use regs::{Crf, Fpr, Gpr, SP};

/// The PowerPC32 instruction set.
pub struct Ppc32 {
    caps: &'static Caps,
}

/// 32-bit big-endian PowerPC with the classic FPU.
pub static PPC: Ppc32 = Ppc32 {
    caps: &caps::PPC_CAPS,
};

impl Isa for Ppc32 {
    fn caps(&self) -> &'static Caps {
        self.caps
    }

    fn rust_path(&self) -> &'static str {
        "::xlj_isa_ppc::PPC"
    }

    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        parse::parse(cur)
    }

    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
        encode::encode(&forms::Form::unpack(form)?, ops, out)
    }

    fn patch(
        &self,
        kind: RelocKind,
        code: &mut [u8],
        at: usize,
        code_addr: u64,
        target: u64,
    ) -> Result<(), AsmError> {
        reloc::patch(kind, code, at, code_addr, target)
    }

    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
        disasm::disassemble(code, addr)
    }
}
