//! The form table and mnemonic selection.
//!
//! A form is one encoding shape: where the register fields sit and how the
//! immediate fields are computed. Every parsed instruction carries the
//! instruction's fixed bits (its *base* word: opcode, size and type bits)
//! as its first argument, followed by the shape's operands, so one shape
//! serves every mnemonic with that layout (`sdiv`, `lslv`, `fadd`, ... are
//! all [`R_DNM`]). Aliases (`cmp`, `mov`, `cset`, `lsl #n`, ...) are
//! resolved here into their underlying instruction's form; aliases whose
//! fields depend on a value (`lsl #n`, `ubfx`, `mov #imm`) have shapes of
//! their own that compute the fields at encode time.
//!
//! Register number 31 means the stack pointer or the zero register
//! depending on the field; the selectors check names against the field's
//! [`Role`].

mod bits;
mod branch;
mod fp;
mod int;
mod mem;

use asm_dsl_core::{Arg, AsmError, FormId, Insn};

use crate::parse::{Op, Reg};
use crate::regs::{Class, Role, Special};

/// `rd`@0, `rn`@5.
pub const R_DN: FormId = FormId(1);
/// `rd`@0, `rn`@5, `rm`@16.
pub const R_DNM: FormId = FormId(2);
/// `rd`@0, `rn`@5, `rm`@16, `ra`@10.
pub const R_DNMA: FormId = FormId(3);
/// `rn`@5, `rm`@16.
pub const R_NM: FormId = FormId(4);
/// `rn`@5.
pub const R_N: FormId = FormId(5);
/// `rd, rn, rm, shift, amount`: shifted-register ALU operations.
pub const SHIFTED: FormId = FormId(6);
/// `rd, rn, rm, option, amount`: extended-register add/sub.
pub const EXTENDED: FormId = FormId(7);
/// `rd, rn, imm`: add/sub immediate, `lsl #12` and add/sub swap by value.
pub const ADDSUB_IMM: FormId = FormId(8);
/// `rd, rn, imm`: add/sub immediate written with `lsl #12`.
pub const ADDSUB_IMM12: FormId = FormId(9);
/// `rd, rn, value`: logical immediate, encoded from the value.
pub const LOGIC_IMM: FormId = FormId(10);
/// `rd, imm16, shift`: movz/movn/movk.
pub const MOVW: FormId = FormId(11);
/// `rd, value`: load any constant with the shortest sequence.
pub const MOV_CONST: FormId = FormId(12);
/// `rd, rn, immr, imms`: raw bitfield move.
pub const BFM: FormId = FormId(13);
/// `rd, rn, shift`: `lsl #n` as ubfm.
pub const BF_LSL: FormId = FormId(14);
/// `rd, rn, shift`: `lsr`/`asr #n` as ubfm/sbfm.
pub const BF_SHR: FormId = FormId(15);
/// `rd, rn, lsb, width`: ubfx/sbfx/bfxil.
pub const BF_EXTRACT: FormId = FormId(16);
/// `rd, rn, lsb, width`: bfi/ubfiz/sbfiz.
pub const BF_INSERT: FormId = FormId(17);
/// `rd, rn, rm, lsb`: extr (and `ror #n`).
pub const EXTR: FormId = FormId(18);
/// `rd, rn, rm, cond`: conditional select (integer and FP).
pub const CSEL: FormId = FormId(19);
/// `rn, rm, nzcv, cond`.
pub const CCMP_REG: FormId = FormId(20);
/// `rn, imm5, nzcv, cond`.
pub const CCMP_IMM: FormId = FormId(21);
/// `rd, target`.
pub const ADR: FormId = FormId(22);
/// `rd, target`.
pub const ADRP: FormId = FormId(23);
/// `target`: b/bl.
pub const B26: FormId = FormId(24);
/// `target`: b.cond.
pub const B19: FormId = FormId(25);
/// `rt, target`: cbz/cbnz.
pub const CB: FormId = FormId(26);
/// `rt, bit, target`: tbz/tbnz.
pub const TB: FormId = FormId(27);
/// `rt, target`: ldr literal.
pub const LDR_LIT: FormId = FormId(28);
/// `imm16`@5: brk.
pub const IMM16: FormId = FormId(29);
/// No operands: nop.
pub const FIXED: FormId = FormId(30);
/// `rt, rn, offset`: scaled unsigned offset, or unscaled when needed.
pub const LS_OFF: FormId = FormId(31);
/// `rt, rn, offset`: ldur/stur.
pub const LS_UNSCALED: FormId = FormId(32);
/// `rt, rn, offset`: pre-index.
pub const LS_PRE: FormId = FormId(33);
/// `rt, rn, offset`: post-index.
pub const LS_POST: FormId = FormId(34);
/// `rt, rn, rm, option, s`: register offset.
pub const LS_REG: FormId = FormId(35);
/// `rt, rt2, rn, offset`: ldp/stp signed offset.
pub const LP_OFF: FormId = FormId(36);
/// `rt, rt2, rn, offset`: ldp/stp pre-index.
pub const LP_PRE: FormId = FormId(37);
/// `rt, rt2, rn, offset`: ldp/stp post-index.
pub const LP_POST: FormId = FormId(38);
/// `rd, f64 bits`: fmov with an 8-bit FP immediate.
pub const FMOV_IMM: FormId = FormId(39);

/// Builds an instruction: the base word, then the operands.
pub(crate) fn insn(form: FormId, base: u32, args: Vec<Arg>) -> Insn {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(Arg::Const(base as i64));
    all.extend(args);
    Insn { form, args: all }
}

/// Picks the form for `mnemonic` with `ops`.
pub fn select(mnemonic: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let m = mnemonic.to_ascii_lowercase();
    let found = int::select(&m, ops)
        .or_else(|| mem::select(&m, ops))
        .or_else(|| fp::select(&m, ops))
        .or_else(|| branch::select(&m, ops));
    match found {
        Some(r) => r,
        None => Err(AsmError::syntax(format!("unknown mnemonic '{mnemonic}'"))),
    }
}

pub(crate) fn bad(m: &str) -> AsmError {
    AsmError::NoForm(format!("no form of '{m}' takes these operands"))
}

/// A general register for a field where 31 means `role`.
pub(crate) fn gpr(r: &Reg, role: Role) -> Result<Arg, AsmError> {
    if !r.class.is_gpr() {
        return Err(AsmError::NoForm("expected a general register".into()));
    }
    match (r.special, role) {
        (Special::Sp, Role::Zr) => Err(AsmError::NoForm(
            "sp is not allowed here (this field's 31 is the zero register)".into(),
        )),
        (Special::Zr, Role::Sp) => Err(AsmError::NoForm(
            "xzr/wzr is not allowed here (this field's 31 is sp)".into(),
        )),
        _ => Ok(r.num.clone()),
    }
}

/// An FP register of class `d` or `s`.
pub(crate) fn fpr(r: &Reg) -> Result<Arg, AsmError> {
    if r.class.is_gpr() {
        return Err(AsmError::NoForm("expected an FP register".into()));
    }
    Ok(r.num.clone())
}

/// Fails unless every register has the same class.
pub(crate) fn same_class(regs: &[&Reg]) -> Result<Class, AsmError> {
    let c = regs[0].class;
    if regs.iter().any(|r| r.class != c) {
        return Err(AsmError::NoForm("registers of different sizes".into()));
    }
    Ok(c)
}

/// `sf` (bit 31) for a general register class.
pub(crate) fn sf(c: Class) -> u32 {
    u32::from(c == Class::X) << 31
}

/// A constant argument's value, for operands that must be known when
/// parsing (conditions, shift kinds).
pub(crate) fn constant(a: &Arg, what: &str) -> Result<i64, AsmError> {
    match a {
        Arg::Const(v) => Ok(*v),
        _ => Err(AsmError::NoForm(format!("{what} must be a constant"))),
    }
}
