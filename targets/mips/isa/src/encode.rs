//! The encoder: a form and its run-time operands to instruction words.
//!
//! Every operand is range-checked here (registers too: a spliced register
//! number may be anything), so a bad value is an error, never a silently
//! truncated field. Branches and jumps emit their word with a zero target
//! field and a relocation; `li` picks its expansion by value.
//!
//! Nothing is reordered and no delay slot is filled: the words come out
//! exactly as written.

use asm_dsl_core::{AsmError, Emitter, FormId, Label, Operand};

use crate::forms::{self, Form, Kind, Op};
use crate::imms::{self, LiPlan};
use crate::reloc;

const ADDIU: u32 = 0x09 << 26;
const ORI: u32 = 0x0d << 26;
const LUI: u32 = 0x0f << 26;

pub fn encode(form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let f = forms::form(form).ok_or_else(|| AsmError::NoForm(format!("no form {}", form.0)))?;
    let wanted: usize = f.ops.iter().map(|op| op.arity()).sum();
    if ops.len() != wanted {
        return Err(AsmError::NoForm(format!(
            "{} takes {wanted} operands, got {}",
            f.mnem,
            ops.len()
        )));
    }
    if f.kind == Kind::Li {
        return li(ops, out);
    }
    let (word, target) = assemble_word(f, ops)?;
    if f.breaks_link_rule(word) {
        return Err(AsmError::NoForm(format!(
            "{}: the register it links into must not also be its source",
            f.mnem
        )));
    }
    let at = out.offset();
    out.put_u32(word);
    if let Some((kind, label)) = target {
        out.reloc(kind, at, &label);
    }
    Ok(())
}

/// The word with every field but a branch/jump target, and that target.
fn assemble_word(
    f: &Form,
    ops: &[Operand],
) -> Result<(u32, Option<(asm_dsl_core::RelocKind, Label)>), AsmError> {
    let mut word = f.word;
    let mut target = None;
    let mut i = 0;
    let mut bit_pos = 0;
    for &op in f.ops {
        match op {
            Op::Br16 | Op::J26 => {
                let kind = if op == Op::Br16 {
                    reloc::BRANCH16
                } else {
                    reloc::JUMP26
                };
                target = Some((kind, label_of(&ops[i])?));
            }
            Op::Mem => {
                word |= field(op, 0, value(&ops[i])?)?;
                word |= field(op, 1, value(&ops[i + 1])?)?;
            }
            Op::BitPos => {
                bit_pos = value(&ops[i])?;
                word |= field(op, 0, bit_pos)?;
            }
            Op::BitSize => {
                let (pos, size) = imms::bit_field(bit_pos, value(&ops[i])?)?;
                let stored = if f.kind == Kind::Ins {
                    pos + size - 1
                } else {
                    size - 1
                };
                word |= stored << 11;
            }
            _ => word |= field(op, 0, value(&ops[i])?)?,
        }
        i += op.arity();
    }
    Ok((word, target))
}

fn value(op: &Operand) -> Result<i64, AsmError> {
    match op {
        Operand::Imm(v) => Ok(*v),
        Operand::Label(_) => Err(AsmError::NoForm(
            "a label cannot stand for a register or immediate here".into(),
        )),
    }
}

/// A branch target: a label, or an absolute address given as a number.
fn label_of(op: &Operand) -> Result<Label, AsmError> {
    match op {
        Operand::Label(l) => Ok(*l),
        Operand::Imm(a) if (0..=0xffff_ffff).contains(a) => Ok(Label::Absolute(*a as u64)),
        Operand::Imm(a) => Err(AsmError::ImmRange(format!(
            "target address {a:#x} is not a 32-bit address"
        ))),
    }
}

/// Checks a constant operand without encoding it (the parser's check).
pub fn check_operand(op: Op, part: usize, v: i64) -> Result<(), AsmError> {
    match op {
        Op::Br16 | Op::J26 => label_of(&Operand::Imm(v)).map(|_| ()),
        Op::Value => imms::imm32(v).map(|_| ()),
        Op::BitSize => imms::bit_field(0, v).map(|_| ()),
        _ => field(op, part, v).map(|_| ()),
    }
}

/// One operand value placed in its field.
fn field(op: Op, part: usize, v: i64) -> Result<u32, AsmError> {
    Ok(match op {
        Op::Gpr(s) => gpr(v)? << s,
        Op::Gpr2(a, b) => (gpr(v)? << a) | (gpr(v)? << b),
        Op::Fcr(s) => register(v, 32, "FPU control register")? << s,
        Op::Fpr(s) => register(v, 32, "FPU register")? << s,
        Op::Dbl(s) => {
            let n = register(v, 32, "FPU register")?;
            if n & 1 != 0 {
                return Err(AsmError::NoForm(format!(
                    "$f{n} cannot hold a double: in FR=0 mode doubles are even/odd pairs \
                     named by the even register"
                )));
            }
            n << s
        }
        Op::Cc(s) => register(v, 8, "FPU condition flag")? << s,
        Op::SImm16 => imms::simm16(v, "immediate")?,
        Op::UImm16 => imms::uimm16(v, "immediate")?,
        Op::Shamt => imms::unsigned(v, 5, "shift amount")? << 6,
        Op::BitPos => imms::unsigned(v, 5, "bit position")? << 6,
        Op::Code10 => imms::unsigned(v, 10, "break code")? << 16,
        Op::Mem if part == 0 => imms::simm16(v, "offset")?,
        Op::Mem => gpr(v)? << 21,
        Op::BitSize | Op::Br16 | Op::J26 | Op::Value => 0,
    })
}

fn gpr(v: i64) -> Result<u32, AsmError> {
    register(v, 32, "general register")
}

fn register(v: i64, count: i64, what: &str) -> Result<u32, AsmError> {
    if (0..count).contains(&v) {
        Ok(v as u32)
    } else {
        Err(AsmError::NoForm(format!(
            "{v} is not a {what} number (0..{})",
            count - 1
        )))
    }
}

/// `li rt, value`: the shortest sequence for a number; for a label, always
/// `lui`+`ori` with an absolute hi/lo relocation (the address is not known
/// yet, so the length must not depend on it).
fn li(ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let rt = gpr(value(&ops[0])?)? << 16;
    match &ops[1] {
        Operand::Label(l) => {
            let at = out.offset();
            out.put_u32(LUI | rt);
            out.put_u32(ORI | rt | (rt << 5));
            out.reloc(reloc::HI_LO, at, l);
        }
        Operand::Imm(v) => match imms::li_plan(imms::imm32(*v)?) {
            LiPlan::Addiu(lo) => out.put_u32(ADDIU | rt | lo as u32),
            LiPlan::Ori(lo) => out.put_u32(ORI | rt | lo as u32),
            LiPlan::Lui(hi) => out.put_u32(LUI | rt | hi as u32),
            LiPlan::LuiOri(hi, lo) => {
                out.put_u32(LUI | rt | hi as u32);
                out.put_u32(ORI | rt | (rt << 5) | lo as u32);
            }
        },
    }
    Ok(())
}
