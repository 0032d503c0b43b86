//! The operand parser: turns one statement's tokens (after the mnemonic)
//! into a list of [`Op`]s, which `forms` matches against the mnemonic's
//! forms.
//!
//! Accepted operand syntax (GNU/ARM ARM A64):
//! - registers by name (`x3`, `w3`, `sp`, `wzr`, `lr`, `d7`, `s7`) or
//!   spliced by number with a class prefix: `x{e}`, `w{e}`, `d{e}`, `s{e}`;
//! - immediates `#12`, `#-8`, `#0x10`, `#{e}`, `#-{e}` (the `#` may be
//!   left out) and FP immediates `#1.5`;
//! - modifiers `lsl #3` (also `lsr`, `asr`, `ror`) and extends
//!   `uxtb`..`sxtx` with an optional `#amount`;
//! - memory `[xn]`, `[xn, #off]`, `[xn, #off]!`, `[xn], #off` (post-index,
//!   read as a memory operand followed by an immediate), `[xn, xm]`,
//!   `[xn, xm, lsl #3]`, `[xn, wm, sxtw #2]`;
//! - condition names (`eq`, `hs`, ...) and labels (`>1`, `<1`, `->name`,
//!   `=>n`), or a bare number as an absolute branch target.

use asm_dsl_core::{Arg, AsmError, Cursor, LabelRef, Token};

use crate::regs::{parse_cond, parse_name, Class, Special};

/// A register operand.
#[derive(Clone, Debug, PartialEq)]
pub struct Reg {
    pub class: Class,
    pub num: Arg,
    /// How number 31 was written (always `None` for splices).
    pub special: Special,
}

/// The index part of a memory operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Index {
    None,
    Imm(Arg),
    /// Index register, extend option (3 = `lsl`) and amount if written.
    Reg(Reg, u32, Option<Arg>),
}

/// A memory operand `[base, index]` with `!` marking pre-index.
#[derive(Clone, Debug, PartialEq)]
pub struct Mem {
    pub base: Reg,
    pub index: Index,
    pub pre: bool,
}

/// One parsed operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Reg(Reg),
    Imm(Arg),
    Float(f64),
    /// `lsl`/`lsr`/`asr`/`ror` (0..=3) and the amount.
    Shift(u32, Arg),
    /// Extend option (`uxtb` = 0 .. `sxtx` = 7) and optional amount.
    Ext(u32, Option<Arg>),
    Mem(Mem),
    Label(LabelRef),
    Cond(u8),
}

const SHIFTS: [&str; 4] = ["lsl", "lsr", "asr", "ror"];
const EXTENDS: [&str; 8] = [
    "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx",
];

/// Reads comma-separated operands up to the end of the statement.
pub fn operands(cur: &mut Cursor<'_>) -> Result<Vec<Op>, AsmError> {
    let mut ops = Vec::new();
    if cur.at_end() {
        return Ok(ops);
    }
    loop {
        ops.push(operand(cur)?);
        if !cur.eat_punct(',') {
            break;
        }
    }
    cur.expect_end()?;
    Ok(ops)
}

fn operand(cur: &mut Cursor<'_>) -> Result<Op, AsmError> {
    if let Some(l) = cur.label()? {
        return Ok(Op::Label(l));
    }
    if cur.eat_punct('[') {
        return memory(cur);
    }
    if cur.eat_punct('#') {
        return immediate(cur);
    }
    if let Some(Token::Ident(name)) = cur.peek() {
        let lower = name.to_ascii_lowercase();
        if let Some(r) = register(cur)? {
            return Ok(Op::Reg(r));
        }
        if let Some(k) = SHIFTS.iter().position(|s| *s == lower) {
            cur.next_token();
            cur.eat_punct('#');
            return Ok(Op::Shift(k as u32, value(cur)?));
        }
        if let Some(k) = EXTENDS.iter().position(|s| *s == lower) {
            cur.next_token();
            return Ok(Op::Ext(k as u32, extend_amount(cur)?));
        }
        if let Some(c) = parse_cond(&lower) {
            cur.next_token();
            return Ok(Op::Cond(c));
        }
        return Err(cur.error("unknown operand".into()));
    }
    immediate(cur)
}

/// An integer or FP immediate after the optional `#`.
fn immediate(cur: &mut Cursor<'_>) -> Result<Op, AsmError> {
    let neg = cur.is_punct('-');
    let at = if neg { 1 } else { 0 };
    if let Some(Token::Float(f)) = cur.peek_at(at) {
        cur.next_token();
        if neg {
            cur.next_token();
        }
        return Ok(Op::Float(if neg { -f } else { *f }));
    }
    Ok(Op::Imm(value(cur)?))
}

/// A signed value: `[-] (Int | Splice)`. Unlike `Cursor::value`, numbers
/// from 2^63 up are read as their 64-bit pattern, so that
/// `mov x0, #0xffffffffffffffff` means all ones as it does in GNU as.
pub fn value(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    if let Some(Token::Int(v)) = cur.peek() {
        let v = *v;
        cur.next_token();
        return Ok(Arg::Const(v as i64));
    }
    cur.value()
}

fn extend_amount(cur: &mut Cursor<'_>) -> Result<Option<Arg>, AsmError> {
    if cur.eat_punct('#') {
        return Ok(Some(value(cur)?));
    }
    match cur.peek() {
        Some(Token::Int(_)) | Some(Token::Splice(_)) => Ok(Some(value(cur)?)),
        _ => Ok(None),
    }
}

/// A register by name or a class-prefixed splice, if one is next.
fn register(cur: &mut Cursor<'_>) -> Result<Option<Reg>, AsmError> {
    let name = match cur.peek() {
        Some(Token::Ident(s)) => s,
        _ => return Ok(None),
    };
    if let Some(Token::Splice(index)) = cur.peek_at(1) {
        let class = match name.as_str() {
            "x" | "X" => Class::X,
            "w" | "W" => Class::W,
            "d" | "D" => Class::D,
            "s" | "S" => Class::S,
            _ => return Err(cur.error("unknown register class before {expression}".into())),
        };
        let index = *index;
        cur.next_token();
        cur.next_token();
        return Ok(Some(Reg {
            class,
            num: Arg::Splice {
                index,
                negate: false,
            },
            special: Special::None,
        }));
    }
    match parse_name(name) {
        Some((class, n, special)) => {
            cur.next_token();
            Ok(Some(Reg {
                class,
                num: Arg::Const(n as i64),
                special,
            }))
        }
        None => Ok(None),
    }
}

fn memory(cur: &mut Cursor<'_>) -> Result<Op, AsmError> {
    let base = register(cur)?.ok_or_else(|| cur.error("expected a base register".into()))?;
    let mut index = Index::None;
    if cur.eat_punct(',') {
        if let Some(r) = register(cur)? {
            let mut option = 3;
            let mut amount = None;
            if cur.eat_punct(',') {
                let name = cur
                    .ident()
                    .map(|s| s.to_ascii_lowercase())
                    .ok_or_else(|| cur.error("expected lsl or an extend".into()))?;
                if name == "lsl" {
                    cur.eat_punct('#');
                    amount = Some(value(cur)?);
                } else if let Some(k) = EXTENDS.iter().position(|s| *s == name) {
                    option = k as u32;
                    amount = extend_amount(cur)?;
                } else {
                    return Err(AsmError::syntax(format!(
                        "'{name}' is not lsl or an extend"
                    )));
                }
            }
            index = Index::Reg(r, option, amount);
        } else {
            cur.eat_punct('#');
            index = Index::Imm(value(cur)?);
        }
    }
    cur.expect_punct(']')?;
    let pre = cur.eat_punct('!');
    Ok(Op::Mem(Mem { base, index, pre }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use asm_dsl_core::tokenize;

    fn ops(text: &str) -> Vec<Op> {
        let t = tokenize(text).unwrap();
        operands(&mut Cursor::new(&t)).unwrap()
    }

    #[test]
    fn reads_operand_kinds() {
        let o = ops("x1, [sp, #-16]!, lsl #3, uxtw, eq, #1.5, ->f");
        assert!(matches!(
            o[0],
            Op::Reg(Reg {
                class: Class::X,
                ..
            })
        ));
        assert!(matches!(&o[1], Op::Mem(Mem { pre: true, .. })));
        assert_eq!(o[2], Op::Shift(0, Arg::Const(3)));
        assert_eq!(o[3], Op::Ext(2, None));
        assert_eq!(o[4], Op::Cond(0));
        assert_eq!(o[5], Op::Float(1.5));
        assert_eq!(o[6], Op::Label(LabelRef::Global("f".into())));
    }

    #[test]
    fn splices_need_a_known_class() {
        let t = vec![Token::Ident("x".into()), Token::Splice(0)];
        let o = operands(&mut Cursor::new(&t)).unwrap();
        assert!(matches!(
            &o[0],
            Op::Reg(Reg {
                num: Arg::Splice { index: 0, .. },
                ..
            })
        ));
        let t = vec![Token::Ident("q".into()), Token::Splice(0)];
        assert!(operands(&mut Cursor::new(&t)).is_err());
    }
}
