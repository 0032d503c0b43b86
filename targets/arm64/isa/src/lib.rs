//! The ARM64 (AArch64, A64) instruction set for xlj's assembler DSL:
//! encoder and disassembler, plugged into `asm_dsl_core` through
//! [`Isa`].
//!
//! # The ISA at a glance
//! - Little-endian, fixed 4-byte instructions; the instruction cache must
//!   be flushed after writing code (`Caps::icache_coherent` is false).
//! - Registers: `x0`..`x30` (64-bit), `w0`..`w30` (their low halves),
//!   `sp`/`wsp`, `xzr`/`wzr`, `fp` = `x29`, `lr` = `x30`; FP `d0`..`d31`
//!   and `s0`..`s31`. Number 31 is sp or the zero register depending on
//!   the field (see [`regs`]).
//! - Syntax: GNU/ARM ARM A64, e.g. `add x0, x1, x2, lsl #3`,
//!   `ldr x0, [x1, #8]`, `str x0, [sp, #-16]!`, `ldp x29, x30, [sp], #16`,
//!   `b.eq >1`, `cbz x0, ->f`, `tbnz w1, #3, <2`, `fmov d0, #1.5`.
//! - Splices: registers `x{e}`, `w{e}`, `d{e}`, `s{e}` (numbers 0..=31,
//!   values of [`Gpr`]/[`Fpr`] or integers); immediates `#{e}` or `#-{e}`.
//!   A spliced register in `add`/`sub` is never taken for `sp`: write
//!   `sp` by name to get the stack-pointer forms.
//! - `mov xN, #imm` loads any 64-bit (or, with `wN`, 32-bit) constant with
//!   the shortest movz/movn/movk or orr sequence, chosen at run time.
//! - Encodings are chosen by value: add/sub immediates take `lsl #12` or
//!   swap add and sub for negative values (`cmp x0, #-1` is `cmn`);
//!   `ldr`/`str` offsets that are not scaled 12-bit fall back to the
//!   unscaled `ldur`/`stur`; logical immediates are encoded from the value
//!   and refused when no bitmask gives it.
//! - Branch targets are labels (`>1`, `<1`, `->name`, `=>n`) or absolute
//!   addresses (`b 0x1000`, which is how the disassembler prints them).
//!   Every relocation is range-checked when the code is finished.
//! - The disassembler prints the aliases GNU objdump prefers (`mov`,
//!   `cmp`, `lsl`, `cset`, `ldur`, ...), in text this parser accepts.
//!
//! # Coverage
//! Integer: add/sub/adds/subs (shifted, extended, immediate), adc/adcs/
//! sbc/sbcs/ngc/ngcs, cmp/cmn/
//! neg/negs/mov/mvn/tst, and/orr/eor/ands/bic/orn/eon/bics (register and
//! bitmask immediate), lsl/lsr/asr/ror (immediate and register),
//! ubfm/sbfm/bfm and ubfx/sbfx/bfxil/bfi/ubfiz/sbfiz/bfc, sxtb/sxth/sxtw/
//! uxtb/uxth/uxtw, extr, madd/msub/mul/mneg, smaddl/umaddl/smull/umull/...,
//! smulh/umulh, sdiv/udiv, clz/cls/rbit/rev/rev16/rev32,
//! csel/csinc/csinv/csneg, cset/csetm/cinc/cinv/cneg, ccmp/ccmn,
//! movz/movn/movk, adr/adrp.
//! Memory: ldr/str/ldrb/strb/ldrh/strh/ldrsb/ldrsh/ldrsw (x, w, d, s) with
//! scaled, unscaled, pre-index, post-index and register offsets, the
//! ldur/stur family, ldp/stp/ldpsw (offset, pre, post), ldr literal.
//! Control: b/bl/br/blr/ret, b.cond (also `beq` style), cbz/cbnz,
//! tbz/tbnz, nop, brk, svc, hlt.
//! FP (single and double): fmov (register, general register, 8-bit
//! immediate), fadd/fsub/fmul/fdiv/fnmul/fmax/fmin/fmaxnm/fminnm,
//! fabs/fneg/fsqrt, frintn/p/m/z/a/x/i, fmadd/fmsub/fnmadd/fnmsub,
//! fcmp/fcmpe (register and #0.0), fcsel, fcvt, scvtf/ucvtf, and
//! fcvtzs/fcvtzu/fcvtms/fcvtps/fcvtns/fcvtas (and unsigned).

pub mod caps;
pub mod disasm;
pub mod encode;
pub mod forms;
pub mod imms;
pub mod parse;
pub mod regs;
pub mod reloc;

use asm_dsl_core::{
    Arg, AsmError, Assembler, Caps, Cursor, Emitter, FormId, Insn, Isa, Label, Operand, RelocKind,
};

pub use regs::{Fpr, Gpr, FP, LR, SP, ZR};

/// The ARM64 instruction set.
pub struct Arm64 {
    caps: &'static Caps,
}

/// The registered static.
pub static ARM64: Arm64 = Arm64 { caps: &caps::CAPS };

impl Isa for Arm64 {
    fn caps(&self) -> &'static Caps {
        self.caps
    }

    fn rust_path(&self) -> &'static str {
        "::xlj_isa_arm64::ARM64"
    }

    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        let mnemonic = cur.mnemonic()?;
        let ops = parse::operands(cur)?;
        let insn = forms::select(&mnemonic, &ops)?;
        check_constants(&insn)?;
        Ok(insn)
    }

    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
        encode::encode(form, ops, out)
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

/// Range-checks an instruction whose operands are all known when parsing
/// by encoding it once into a scratch buffer, so that the macro reports a
/// bad constant at compile time rather than when the code is generated.
/// Instructions with splices are checked by `encode` at run time.
fn check_constants(insn: &Insn) -> Result<(), AsmError> {
    let mut ops = Vec::with_capacity(insn.args.len());
    for a in &insn.args {
        ops.push(match a {
            Arg::Const(v) => Operand::Imm(*v),
            Arg::Splice { .. } => return Ok(()),
            // Any label will do: only the instruction's fields are checked,
            // never whether the label can be reached.
            Arg::Label(_) => Operand::Label(Label::Dynamic(0)),
        });
    }
    let mut scratch = Assembler::new(&ARM64);
    scratch.insn(insn.form, &ops);
    match scratch.error() {
        Some(e) => Err(e.clone()),
        None => Ok(()),
    }
}
