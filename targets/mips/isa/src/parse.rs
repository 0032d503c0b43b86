//! The operand parser: GNU as syntax plus the DSL's splices.
//!
//! A statement is a mnemonic (with `.`-joined suffixes, `add.d`,
//! `c.olt.d`) and comma-separated operands:
//! - `$t0`, `$8`, `${expr}`: a general register (ABI name, number, splice);
//! - `$f2`, `$f{expr}`: an FPU register; `$fcc1`, `$fcc{expr}`: a flag;
//! - `-8`, `{expr}`, `-{expr}`: an immediate;
//! - `8($sp)`, `($sp)`, `{off}(${base})`: a memory operand;
//! - `>1`, `<1`, `->name`, `=>{n}`, or a number: a branch/jump target (a
//!   number is an absolute address, which is what the disassembler prints).
//!
//! The parser tries each form of the mnemonic in table order and takes the
//! first whose operand shapes match; constants are then range-checked with
//! the encoder's own field functions, so text and macro agree on limits.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Token};

use crate::encode;
use crate::forms::{self, Form, Op};
use crate::regs::{fcc_number, fpr_number, gpr_number};

pub fn parse(cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
    let mnem = cur.mnemonic()?.to_ascii_lowercase();
    let start = cur.position();
    let mut best: Option<(usize, AsmError)> = None;
    for (id, form) in forms::by_mnemonic(&mnem) {
        cur.reset(start);
        match operands(cur, form) {
            Ok(args) => {
                check_constants(form, &args)?;
                return Ok(Insn { form: id, args });
            }
            Err(e) => {
                // Report the form that got furthest: its error is the
                // most specific.
                let at = cur.position();
                if best.as_ref().is_none_or(|(p, _)| at > *p) {
                    best = Some((at, e));
                }
            }
        }
    }
    match best {
        Some((_, e)) => Err(e),
        None => Err(AsmError::syntax(format!("unknown mnemonic '{mnem}'"))),
    }
}

fn operands(cur: &mut Cursor<'_>, form: &Form) -> Result<Vec<Arg>, AsmError> {
    let mut args = Vec::new();
    for (i, &op) in form.ops.iter().enumerate() {
        if i > 0 {
            cur.expect_punct(',')?;
        }
        operand(cur, op, &mut args)?;
    }
    cur.expect_end()?;
    Ok(args)
}

fn operand(cur: &mut Cursor<'_>, op: Op, args: &mut Vec<Arg>) -> Result<(), AsmError> {
    let arg = match op {
        Op::Gpr(_) | Op::Gpr2(..) => register(cur, RegClass::Gpr)?,
        Op::Fcr(_) => register(cur, RegClass::Number)?,
        Op::Fpr(_) | Op::Dbl(_) => register(cur, RegClass::Fpr)?,
        Op::Cc(_) => register(cur, RegClass::Fcc)?,
        Op::SImm16 | Op::UImm16 | Op::Shamt | Op::Code10 | Op::BitPos | Op::BitSize => {
            immediate(cur)?
        }
        Op::Mem => {
            let offset = if cur.is_punct('(') {
                Arg::Const(0)
            } else {
                immediate(cur)?
            };
            cur.expect_punct('(')?;
            let base = register(cur, RegClass::Gpr)?;
            cur.expect_punct(')')?;
            args.push(offset);
            base
        }
        Op::Br16 | Op::J26 | Op::Value => match cur.label()? {
            Some(l) => Arg::Label(l),
            None => immediate(cur)?,
        },
    };
    args.push(arg);
    Ok(())
}

/// An immediate: a number or a splice, never a register.
fn immediate(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    if cur.is_punct('$') {
        return Err(cur.error("expected an immediate, not a register".into()));
    }
    cur.value()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RegClass {
    Gpr,
    Fpr,
    Fcc,
    /// `$N` only (FPU control registers).
    Number,
}

fn register(cur: &mut Cursor<'_>, class: RegClass) -> Result<Arg, AsmError> {
    let what = match class {
        RegClass::Gpr => "a general register",
        RegClass::Fpr => "an FPU register",
        RegClass::Fcc => "an FPU condition flag",
        RegClass::Number => "a control register number",
    };
    if !cur.eat_punct('$') {
        return Err(cur.error(format!("expected {what}")));
    }
    let n = match (cur.peek(), class) {
        (Some(Token::Splice(i)), RegClass::Gpr | RegClass::Number) => {
            let index = *i;
            cur.next_token();
            return Ok(Arg::Splice {
                index,
                negate: false,
            });
        }
        (Some(Token::Int(v)), RegClass::Gpr | RegClass::Number) => {
            u8::try_from(*v).ok().filter(|&n| n < 32)
        }
        (Some(Token::Ident(s)), RegClass::Gpr) => gpr_number(s),
        (Some(Token::Ident(s)), RegClass::Fpr) if s == "f" => return splice_after(cur, what),
        (Some(Token::Ident(s)), RegClass::Fpr) => fpr_number(s),
        (Some(Token::Ident(s)), RegClass::Fcc) if s == "fcc" => return splice_after(cur, what),
        (Some(Token::Ident(s)), RegClass::Fcc) => fcc_number(s),
        _ => None,
    };
    match n {
        Some(n) => {
            cur.next_token();
            Ok(Arg::Const(n as i64))
        }
        None => Err(cur.error(format!("expected {what}"))),
    }
}

/// `$f{expr}` / `$fcc{expr}`: the class prefix is consumed, a splice follows.
fn splice_after(cur: &mut Cursor<'_>, what: &str) -> Result<Arg, AsmError> {
    if let Some(Token::Splice(i)) = cur.peek_at(1) {
        let index = *i;
        cur.next_token();
        cur.next_token();
        Ok(Arg::Splice {
            index,
            negate: false,
        })
    } else {
        Err(cur.error(format!("expected {what}")))
    }
}

/// Range-checks the constant arguments with the encoder's field checks.
fn check_constants(form: &Form, args: &[Arg]) -> Result<(), AsmError> {
    let mut i = 0;
    let mut consts = Vec::new();
    for &op in form.ops {
        for part in 0..op.arity() {
            if let Arg::Const(v) = args[i] {
                encode::check_operand(op, part, v)?;
            }
            consts.push(match args[i] {
                Arg::Const(v) => Some(v),
                _ => None,
            });
            i += 1;
        }
    }
    if let [.., Some(pos), Some(size)] = consts[..] {
        if form.ops.ends_with(&[Op::BitPos, Op::BitSize]) {
            crate::imms::bit_field(pos, size)?;
        }
    }
    Ok(())
}
