//! The operand parser: reads one statement after its mnemonic and builds
//! the form and arguments that `encode` takes (see [`crate::forms`]).
//!
//! Operands follow ARM UAL as GNU as accepts it. Register splices are
//! `r{e}`, `d{e}`, `s{e}`; immediates are `#n`, `#-n` or `#{e}` (the `#`
//! may be left out); register lists are `{r4, r5-r7, lr}` in text, or a
//! brace group the macro hands over as a splice whose tokens are read
//! here. Constants are range-checked by `encode`, which sees them exactly
//! as it sees spliced values, so there is one set of checks.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Token};

use crate::forms::*;
use crate::imms;
use crate::parse_mem::{addr, mem, memx, reg_list};
use crate::regs::{self, Class};

pub(crate) fn c(v: u32) -> Arg {
    Arg::Const(v as i64)
}

pub(crate) fn insn(form: asm_dsl_core::FormId, args: Vec<Arg>) -> Insn {
    Insn { form, args }
}

pub(crate) fn no_form(msg: impl Into<String>) -> AsmError {
    AsmError::NoForm(msg.into())
}

/// Whether a register of `class` (or its splice) is next.
pub(crate) fn peek_reg(cur: &Cursor<'_>, class: Class) -> bool {
    match cur.peek() {
        Some(Token::Ident(name)) => {
            regs::parse_name(name, class).is_some()
                || (name == class.prefix() && matches!(cur.peek_at(1), Some(Token::Splice(_))))
        }
        _ => false,
    }
}

/// The class of the register operand that is next, if one is.
pub(crate) fn peek_class(cur: &Cursor<'_>) -> Option<Class> {
    [Class::Core, Class::Double, Class::Single]
        .into_iter()
        .find(|&cl| peek_reg(cur, cl))
}

/// Reads a register of `class`: a name or a class-prefixed splice.
pub(crate) fn reg(cur: &mut Cursor<'_>, class: Class) -> Result<Arg, AsmError> {
    if let Some(Token::Ident(name)) = cur.peek() {
        if name == class.prefix() {
            if let Some(Token::Splice(index)) = cur.peek_at(1) {
                let index = *index;
                cur.next_token();
                cur.next_token();
                return Ok(Arg::Splice {
                    index,
                    negate: false,
                });
            }
        }
        if let Some(n) = regs::parse_name(name, class) {
            cur.next_token();
            return Ok(c(n));
        }
    }
    let what = match class {
        Class::Core => "a core register (r0..r15, sp, lr, pc)",
        Class::Double => "a double register (d0..d15)",
        Class::Single => "a single register (s0..s31)",
    };
    Err(cur.error(format!("expected {what}")))
}

pub(crate) fn core(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    reg(cur, Class::Core)
}

pub(crate) fn comma(cur: &mut Cursor<'_>) -> Result<(), AsmError> {
    cur.expect_punct(',')
}

/// Reads an immediate: `#n`, `#-n`, `#{e}`, with `#` optional. Also
/// reports whether it was written with a minus sign (for `#-0`).
pub(crate) fn imm_signed(cur: &mut Cursor<'_>) -> Result<(Arg, bool), AsmError> {
    cur.eat_punct('#');
    let minus = cur.is_punct('-');
    Ok((cur.value()?, minus))
}

fn imm(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    Ok(imm_signed(cur)?.0)
}

/// A shift of a register operand: type (0 lsl, 1 lsr, 2 asr, 3 ror,
/// 4 rrx) and an immediate amount or a register.
pub(crate) enum Shift {
    Imm(i64, Arg),
    Reg(i64, Arg),
}

fn shift_type(name: &str) -> Option<i64> {
    match name.to_ascii_lowercase().as_str() {
        "lsl" | "asl" => Some(0),
        "lsr" => Some(1),
        "asr" => Some(2),
        "ror" => Some(3),
        "rrx" => Some(4),
        _ => None,
    }
}

pub(crate) fn shift(cur: &mut Cursor<'_>) -> Result<Shift, AsmError> {
    let ty = cur
        .ident()
        .and_then(shift_type)
        .ok_or_else(|| cur.error("expected lsl, lsr, asr, ror or rrx".into()))?;
    if ty == 4 {
        return Ok(Shift::Imm(4, Arg::Const(0)));
    }
    if peek_reg(cur, Class::Core) {
        return Ok(Shift::Reg(ty, core(cur)?));
    }
    let amount = imm(cur)?;
    if ty == 3 && amount == Arg::Const(0) {
        return Err(AsmError::ImmRange(
            "ror #0 does not exist (it is rrx)".into(),
        ));
    }
    Ok(Shift::Imm(ty, amount))
}

/// The flexible second operand of data processing.
enum Op2 {
    Imm(Arg),
    Reg(Arg, Shift),
}

fn op2(cur: &mut Cursor<'_>) -> Result<Op2, AsmError> {
    if !peek_reg(cur, Class::Core) {
        return Ok(Op2::Imm(imm(cur)?));
    }
    let rm = core(cur)?;
    if cur.eat_punct(',') {
        Ok(Op2::Reg(rm, shift(cur)?))
    } else {
        Ok(Op2::Reg(rm, Shift::Imm(0, Arg::Const(0))))
    }
}

/// Builds a data-processing instruction from its base and operands.
fn dp(base: u32, rd: Arg, rn: Arg, op: Op2) -> Insn {
    match op {
        Op2::Imm(v) => insn(DP_IMM, vec![c(base | 1 << 25), rd, rn, v]),
        Op2::Reg(rm, Shift::Imm(ty, amt)) => {
            insn(DP_SHIFT_IMM, vec![c(base), rd, rn, rm, Arg::Const(ty), amt])
        }
        Op2::Reg(rm, Shift::Reg(ty, rs)) => {
            insn(DP_SHIFT_REG, vec![c(base), rd, rn, rm, Arg::Const(ty), rs])
        }
    }
}

/// Reads the `.f64`/`.f32` data type: true for double.
pub(crate) fn fp_type(m: &Mnemonic) -> Result<bool, AsmError> {
    match m.types.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["f64"] => Ok(true),
        ["f32"] => Ok(false),
        _ => Err(no_form("expected a .f64 or .f32 data type")),
    }
}

pub(crate) fn fp_class(double: bool) -> Class {
    if double {
        Class::Double
    } else {
        Class::Single
    }
}

pub(crate) fn codes(class: Class) -> [i64; 3] {
    match class {
        Class::Double => [F_DD, F_DN, F_DM],
        _ => [F_SD, F_SN, F_SM],
    }
}

/// Parses one statement.
pub fn parse(cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
    let mut text = cur.mnemonic()?;
    // Size-only data types (`vldr.64`) are numbers, which `mnemonic` leaves.
    while cur.is_punct('.') {
        match cur.peek_at(1) {
            Some(Token::Int(n)) => {
                text.push_str(&format!(".{n}"));
                cur.next_token();
                cur.next_token();
            }
            _ => break,
        }
    }
    let m = split_mnemonic(&text).ok_or_else(|| no_form(format!("unknown mnemonic '{text}'")))?;
    if !m.types.is_empty() && !m.op.is_vfp() {
        return Err(no_form(format!("'{text}' takes no data type")));
    }
    let insn = operands(cur, &m)?;
    cur.expect_end()?;
    Ok(insn)
}

fn operands(cur: &mut Cursor<'_>, m: &Mnemonic) -> Result<Insn, AsmError> {
    let cond = m.cond << 28;
    let s = (m.s as u32) << 20;
    Ok(match m.op {
        Op::Dp(opc) => {
            let rd = core(cur)?;
            comma(cur)?;
            let base = cond | opc << 21 | s;
            if !peek_reg(cur, Class::Core) {
                return Ok(dp(base, rd.clone(), rd, Op2::Imm(imm(cur)?)));
            }
            let second = core(cur)?;
            if cur.eat_punct(',') {
                dp(base, rd, second, op2(cur)?)
            } else {
                let none = Shift::Imm(0, Arg::Const(0));
                dp(base, rd.clone(), rd, Op2::Reg(second, none))
            }
        }
        Op::DpTest(opc) => {
            let rn = core(cur)?;
            comma(cur)?;
            dp(cond | opc << 21 | 1 << 20, Arg::Const(0), rn, op2(cur)?)
        }
        Op::DpMov(opc) => {
            let rd = core(cur)?;
            comma(cur)?;
            dp(cond | opc << 21 | s, rd, Arg::Const(0), op2(cur)?)
        }
        Op::Shift(ty) => {
            let rd = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            comma(cur)?;
            let base = cond | 13 << 21 | s;
            let sh = if peek_reg(cur, Class::Core) {
                Shift::Reg(ty as i64, core(cur)?)
            } else {
                let amount = imm(cur)?;
                if ty == 3 && amount == Arg::Const(0) {
                    return Err(AsmError::ImmRange(
                        "ror #0 does not exist (it is rrx)".into(),
                    ));
                }
                Shift::Imm(ty as i64, amount)
            };
            dp(base, rd, Arg::Const(0), Op2::Reg(rm, sh))
        }
        Op::Rrx => {
            let rd = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            let sh = Shift::Imm(4, Arg::Const(0));
            dp(cond | 13 << 21 | s, rd, Arg::Const(0), Op2::Reg(rm, sh))
        }
        Op::Movw | Op::Movt => {
            let rd = core(cur)?;
            comma(cur)?;
            let top = (m.op == Op::Movt) as u32;
            insn(MOVW, vec![c(cond | 0x0300_0000 | top << 22), rd, imm(cur)?])
        }
        Op::Mul | Op::Mla | Op::Mls => {
            let rd = core(cur)?;
            comma(cur)?;
            let rn = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            let mut list = vec![(np(16), rd), (np(0), rn), (np(8), rm)];
            let bits = match m.op {
                Op::Mul => 0x90,
                Op::Mla => 0x0020_0090,
                _ => 0x0060_0090,
            };
            if m.op != Op::Mul {
                comma(cur)?;
                list.push((np(12), core(cur)?));
            }
            fields(cond | s | bits, list)
        }
        Op::MulLong(op) => {
            let mut r = Vec::new();
            for i in 0..4 {
                if i > 0 {
                    comma(cur)?;
                }
                r.push(core(cur)?);
            }
            let list = [12, 16, 0, 8].map(np).into_iter().zip(r).collect();
            fields(cond | s | op << 21 | 0x90, list)
        }
        Op::Div(op) => {
            let rd = core(cur)?;
            comma(cur)?;
            let rn = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            fields(
                cond | 0x0700_f010 | op << 20,
                vec![(np(16), rd), (np(0), rn), (np(8), rm)],
            )
        }
        Op::Clz | Op::Rev(_) => {
            let rd = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            let bits = match m.op {
                Op::Rev(b) => b,
                _ => 0x016f_0f10,
            };
            fields(cond | bits, vec![(np(12), rd), (np(0), rm)])
        }
        Op::Extend(op) => {
            let rd = core(cur)?;
            comma(cur)?;
            let rm = core(cur)?;
            let mut rot = Arg::Const(0);
            if cur.eat_punct(',') {
                if !cur.eat_ident("ror") {
                    return Err(cur.error("expected ror".into()));
                }
                rot = imm(cur)?;
            }
            insn(EXTEND, vec![c(cond | 0x060f_0070 | op << 20), rd, rm, rot])
        }
        Op::Bfx(_) | Op::Bfi | Op::Bfc => {
            let rd = core(cur)?;
            comma(cur)?;
            let rn = if m.op == Op::Bfc {
                Arg::Const(15)
            } else {
                let rn = core(cur)?;
                comma(cur)?;
                rn
            };
            let lsb = imm(cur)?;
            comma(cur)?;
            let width = imm(cur)?;
            let (form, bits) = match m.op {
                Op::Bfx(true) => (BFX, 0x07a0_0050),
                Op::Bfx(false) => (BFX, 0x07e0_0050),
                _ => (BFI, 0x07c0_0010),
            };
            insn(form, vec![c(cond | bits), rd, rn, lsb, width])
        }
        Op::Mem(load, byte) => {
            let rt = core(cur)?;
            comma(cur)?;
            let a = addr(cur)?;
            mem(cond, load, byte, rt, a)?
        }
        Op::MemX(load, sh) => {
            let rt = core(cur)?;
            comma(cur)?;
            let a = addr(cur)?;
            memx(cond | (load as u32) << 20 | sh << 5, vec![rt], a, false)?
        }
        Op::MemD(load) => {
            let rt = core(cur)?;
            comma(cur)?;
            let rt2 = if peek_reg(cur, Class::Core) {
                let r = core(cur)?;
                comma(cur)?;
                r
            } else {
                // The pair is implicit (`ldrd r0, [r2]`); encode takes -1
                // as "the register after rt", which also works for splices.
                Arg::Const(-1)
            };
            let a = addr(cur)?;
            let sh = if load { 2 } else { 3 };
            memx(cond | sh << 5, vec![rt, rt2], a, true)?
        }
        Op::Block(load, p, u) => {
            let rn = core(cur)?;
            let wb = cur.eat_punct('!');
            comma(cur)?;
            let base = cond | 0x0800_0000 | (p as u32) << 24 | (u as u32) << 23 | (wb as u32) << 21;
            let mut args = vec![c(base | (load as u32) << 20), rn];
            args.extend(reg_list(cur)?);
            insn(BLOCK, args)
        }
        Op::Push | Op::Pop => {
            let list = reg_list(cur)?;
            let push = m.op == Op::Push;
            if list.len() == 1 {
                // One register is pushed with str/ldr (PUSH/POP encoding A2),
                // as GNU as does.
                let rt = list.into_iter().next().unwrap_or(Arg::Const(0));
                let (base, off) = if push {
                    (cond | 0x0520_0000 | 1 << 23, -4)
                } else {
                    (cond | 0x0490_0000, 4)
                };
                insn(MEM_IMM, vec![c(base), rt, Arg::Const(13), Arg::Const(off)])
            } else {
                let base = if push {
                    cond | 0x0920_0000
                } else {
                    cond | 0x08b0_0000
                };
                let mut args = vec![c(base), Arg::Const(13)];
                args.extend(list);
                insn(BLOCK, args)
            }
        }
        Op::B | Op::Bl => {
            let base = cond | 0x0a00_0000 | ((m.op == Op::Bl) as u32) << 24;
            match cur.label()? {
                Some(l) => insn(BRANCH, vec![c(base), Arg::Label(l)]),
                None => insn(BRANCH_ABS, vec![c(base), cur.value()?]),
            }
        }
        Op::Bx | Op::Blx => {
            let bits = if m.op == Op::Bx {
                0x012f_ff10
            } else {
                0x012f_ff30
            };
            fields(cond | bits, vec![(0, core(cur)?)])
        }
        Op::Nop => insn(WORD, vec![c(cond | 0x0320_f000)]),
        Op::Bkpt => insn(IMM16_SPLIT, vec![c(0xe120_0070), imm(cur)?]),
        Op::Udf => insn(IMM16_SPLIT, vec![c(0xe7f0_00f0), imm(cur)?]),
        Op::Svc => insn(SVC, vec![c(cond | 0x0f00_0000), imm(cur)?]),
        Op::Adr => {
            let rd = core(cur)?;
            comma(cur)?;
            let label = cur
                .label()?
                .ok_or_else(|| cur.error("adr takes a label".into()))?;
            insn(ADR, vec![c(cond | 0x020f_0000), rd, Arg::Label(label)])
        }
        Op::Mov32 => {
            let rd = core(cur)?;
            comma(cur)?;
            insn(MOV32, vec![c(cond), rd, imm(cur)?])
        }
        _ => crate::parse_vfp::operands(cur, m)?,
    })
}

/// A [`FIELDS`] instruction from its base and (field code, register) pairs.
pub(crate) fn fields(base: u32, list: Vec<(i64, Arg)>) -> Insn {
    let mut args = vec![c(base)];
    for (code, r) in list {
        args.push(Arg::Const(code));
        args.push(r);
    }
    insn(FIELDS, args)
}

/// Checks and encodes a VFP immediate written as a number.
pub(crate) fn vfp_imm8(v: f64, double: bool) -> Result<Arg, AsmError> {
    imms::vfp_imm(v, double)
        .map(c)
        .ok_or_else(|| AsmError::ImmRange(format!("{v} is not a VFP immediate")))
}
