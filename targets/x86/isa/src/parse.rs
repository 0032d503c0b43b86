//! The operand parser: Intel syntax as DynASM writes it, into a form (the
//! operation) and its arguments (the shape word, then operand values).
//!
//! Operands: registers (`rax`, `r8d`, `xmm3`, or splices `Rq{e}`, `Rd{e}`,
//! `Rw{e}`, `Rb{e}`, `Ra{e}`, `xmm{e}`); immediates (`5`, `-0x10`, `{e}`);
//! labels (`->name`, `=>n`, `>1`, `<1`, optionally after `short`); memory
//! `size [base + index*scale + disp]` where `size` is `byte`, `word`,
//! `dword`, `qword` or `xmmword` (alias `oword`, optionally followed by
//! GNU's `ptr`), the terms come in any order, displacements may be several
//! constants and splices (summed), and one label may be added (`[->tab]`,
//! `[rip + ->tab + 8]`).
//!
//! After parsing, the instruction is encoded once with placeholder values so
//! that a bad operand combination is reported where it is written (at
//! compile time in the macro) rather than when the code runs.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Label, LabelRef, Operand, Token};

use crate::encode;
use crate::forms::{form_id, lookup};
use crate::operand::*;
use crate::regs::{parse_reg, splice_class, NamedReg};
use crate::Mode;

pub fn parse(mode: Mode, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
    let name = cur
        .ident()
        .ok_or_else(|| cur.error("expected a mnemonic".into()))?;
    let (op, cc) =
        lookup(name).ok_or_else(|| AsmError::syntax(format!("unknown mnemonic '{name}'")))?;
    let mut shape: u64 = 0;
    let mut args = vec![Arg::Const(0)];
    let mut count = 0;
    if !cur.at_end() {
        loop {
            if count == 3 {
                return Err(cur.error("too many operands".into()));
            }
            let s = operand(mode, cur, &mut args)?;
            shape |= (s as u64) << (16 * count);
            count += 1;
            if !cur.eat_punct(',') {
                break;
            }
        }
    }
    cur.expect_end()?;
    args[0] = Arg::Const(shape as i64);
    let form = form_id(op, cc);
    let dummy: Vec<Operand> = args.iter().map(placeholder).collect();
    encode::encode(mode, form, &dummy, &mut encode::Out::new())?;
    Ok(Insn { form, args })
}

/// A stand-in value for checking the operand combination at parse time.
/// Splices become 1: a valid register everywhere (and `cl`, the one fixed
/// register an operand may have to be) and an immediate every form takes.
fn placeholder(arg: &Arg) -> Operand {
    match arg {
        Arg::Const(v) => Operand::Imm(*v),
        Arg::Splice { .. } => Operand::Imm(1),
        Arg::Label(l) => Operand::Label(match l {
            LabelRef::Local { n, forward } => Label::Local {
                n: *n,
                forward: *forward,
            },
            // Only the operand shapes are checked: any label will do.
            LabelRef::Global(_) | LabelRef::Dynamic(_) => Label::Dynamic(0),
        }),
    }
}

fn size_keyword(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "byte" => Some(1),
        "word" => Some(2),
        "dword" => Some(4),
        "qword" => Some(8),
        "xmmword" | "oword" => Some(16),
        _ => None,
    }
}

/// A register at the cursor: a name or a class prefix and a splice.
/// Returns the register's class (size in bytes, 16 for SSE) and its number
/// argument.
fn register(mode: Mode, cur: &mut Cursor<'_>) -> Result<Option<(u8, Arg)>, AsmError> {
    let Some(Token::Ident(name)) = cur.peek() else {
        return Ok(None);
    };
    if let Some(Token::Splice(index)) = cur.peek_at(1) {
        if let Some(class) = splice_class(mode, name) {
            cur.next_token();
            cur.next_token();
            return Ok(Some((
                class,
                Arg::Splice {
                    index: *index,
                    negate: false,
                },
            )));
        }
    }
    match parse_reg(mode, name) {
        Some(NamedReg::Gpr { size, num }) => {
            cur.next_token();
            Ok(Some((size, Arg::Const(num as i64))))
        }
        Some(NamedReg::Xmm(num)) => {
            cur.next_token();
            Ok(Some((16, Arg::Const(num as i64))))
        }
        None => Ok(None),
    }
}

/// An x87 register: `st0`..`st7`, `st(N)`, or `st` (the top, `st0`).
fn x87_register(cur: &mut Cursor<'_>) -> Result<Option<i64>, AsmError> {
    let Some(Token::Ident(name)) = cur.peek() else {
        return Ok(None);
    };
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix("st").and_then(|d| d.parse::<i64>().ok()) {
        if (0..8).contains(&n) && lower.len() == 3 {
            cur.next_token();
            return Ok(Some(n));
        }
    }
    if lower != "st" {
        return Ok(None);
    }
    cur.next_token();
    if !cur.eat_punct('(') {
        return Ok(Some(0));
    }
    let n = match cur.next_token() {
        Some(Token::Int(n @ 0..=7)) => *n as i64,
        _ => return Err(cur.error("x87 registers are st(0) to st(7)".into())),
    };
    cur.expect_punct(')')?;
    Ok(Some(n))
}

fn operand(mode: Mode, cur: &mut Cursor<'_>, args: &mut Vec<Arg>) -> Result<u16, AsmError> {
    let mut size = 0;
    if let Some(Token::Ident(s)) = cur.peek() {
        if let Some(sz) = size_keyword(s) {
            cur.next_token();
            cur.eat_ident("ptr");
            size = sz;
            if !cur.is_punct('[') {
                return Err(cur.error(format!("'{s}' must be followed by a memory operand")));
            }
        }
    }
    if cur.eat_punct('[') {
        return memory(mode, cur, size, args);
    }
    let short = if cur.eat_ident("short") { SHORT } else { 0 };
    if let Some(l) = cur.label()? {
        args.push(Arg::Label(l));
        return Ok(K_LABEL | short);
    }
    if short == 0 {
        if let Some(n) = x87_register(cur)? {
            args.push(Arg::Const(n));
            return Ok(K_ST);
        }
        if let Some((class, arg)) = register(mode, cur)? {
            args.push(arg);
            return Ok(if class == 16 {
                K_XMM
            } else {
                K_GPR | size_code(class) << 3
            });
        }
    }
    if let Some(Token::Ident(s)) = cur.peek() {
        return Err(AsmError::syntax(format!(
            "'{s}' is not a register in {} mode",
            mode.name()
        )));
    }
    // Unsigned 64-bit literals (a branch target printed above 2^63, a
    // movabs constant) wrap to their two's-complement value.
    if let Some(Token::Int(v)) = cur.peek() {
        cur.next_token();
        args.push(Arg::Const(*v as i64));
    } else {
        args.push(cur.value()?);
    }
    Ok(K_IMM | short)
}

fn memory(
    mode: Mode,
    cur: &mut Cursor<'_>,
    size: u8,
    args: &mut Vec<Arg>,
) -> Result<u16, AsmError> {
    let mut base: Option<Arg> = None;
    let mut rip = false;
    let mut index: Option<(Arg, u8)> = None;
    let mut konst: i64 = 0;
    let mut splices: Vec<Arg> = Vec::new();
    let mut label: Option<LabelRef> = None;
    let mut neg = cur.is_punct('-') && cur.peek_at(1) != Some(&Token::Punct('>'));
    if neg {
        cur.next_token();
    }
    loop {
        if let Some(l) = cur.label()? {
            if neg || label.is_some() {
                return Err(cur.error("a memory operand takes one added label".into()));
            }
            label = Some(l);
        } else if cur.eat_ident("rip") {
            if mode != Mode::X64 || neg || rip || base.is_some() || index.is_some() {
                return Err(cur.error("misplaced rip".into()));
            }
            rip = true;
        } else if let Some((class, arg)) = register(mode, cur)? {
            if class != mode.ptr_size() || neg {
                return Err(cur.error(format!(
                    "addresses use {}-bit registers",
                    mode.ptr_size() * 8
                )));
            }
            if cur.eat_punct('*') {
                let scale = match cur.next_token() {
                    Some(Token::Int(s @ (1 | 2 | 4 | 8))) => *s as u8,
                    _ => return Err(cur.error("the scale must be 1, 2, 4 or 8".into())),
                };
                if index.is_some() {
                    return Err(cur.error("two index registers".into()));
                }
                index = Some((arg, scale));
            } else if base.is_none() && !rip {
                base = Some(arg);
            } else if index.is_none() {
                index = Some((arg, 1));
            } else {
                return Err(cur.error("too many registers in address".into()));
            }
        } else {
            match cur.next_token() {
                Some(Token::Int(v)) => {
                    let v = i64::try_from(*v)
                        .map_err(|_| AsmError::ImmRange("displacement too large".into()))?;
                    konst = if neg {
                        konst.wrapping_sub(v)
                    } else {
                        konst.wrapping_add(v)
                    };
                }
                Some(Token::Splice(i)) => splices.push(Arg::Splice {
                    index: *i,
                    negate: neg,
                }),
                Some(_) => {
                    cur.reset(cur.position() - 1);
                    return Err(cur.error("expected an address term".into()));
                }
                None => return Err(cur.error("expected an address term".into())),
            }
        }
        if cur.eat_punct(']') {
            break;
        } else if cur.eat_punct('+') {
            neg = false;
        } else if cur.is_punct('-') && cur.peek_at(1) != Some(&Token::Punct('>')) {
            cur.next_token();
            neg = true;
        } else {
            return Err(cur.error("expected '+', '-' or ']'".into()));
        }
    }
    // `[rax + rsp]`: rsp cannot be an index, but the sum is the same.
    if let (Some(b), Some((Arg::Const(4), 1))) = (&base, &index) {
        if *b != Arg::Const(4) {
            let b = b.clone();
            base = Some(Arg::Const(4));
            index = Some((b, 1));
        }
    }
    let mut shape = K_MEM | size_code(size) << 3;
    if rip {
        shape |= M_RIP;
    }
    if let Some(b) = base {
        shape |= M_BASE;
        args.push(b);
    }
    if let Some((i, scale)) = index {
        shape |= M_INDEX | (scale.trailing_zeros() as u16) << M_SCALE_SHIFT;
        args.push(i);
    }
    let mut disps = splices;
    if konst != 0 || disps.is_empty() && label.is_none() && shape & (M_BASE | M_INDEX) == 0 {
        disps.insert(0, Arg::Const(konst));
    }
    if disps.len() > 3 {
        return Err(AsmError::syntax("at most three displacement terms"));
    }
    shape |= (disps.len() as u16) << M_DISP_SHIFT;
    args.extend(disps);
    if let Some(l) = label {
        shape |= M_LABEL;
        args.push(Arg::Label(l));
    }
    Ok(shape)
}
