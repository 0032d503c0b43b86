//! The operand syntax parser: GNU as with register names (`-mregnames`).
//!
//! A statement is a mnemonic, optionally with the `o` (set overflow) and
//! `.` (record into cr0/cr1) suffixes, then the entry's operands separated
//! by commas; a displacement and its base are written `d(rA)`. Registers
//! are `r0`..`r31` (`sp`), `f0`..`f31`, `cr0`..`cr7`, or a class prefix
//! before a splice (`r{e}`, `f{e}`, `cr{e}`). Immediates are numbers,
//! `{e}` splices, or `label@l` / `label@h` / `label@ha`. Branch targets
//! are labels (`->name`, `=>n`, `>1`, `<1`) or absolute addresses.
//!
//! Conditional branches to labels take GNU as's `+`/`-` prediction hints
//! (`beq+ cr7, >1`, `bdnz- <1`); see `forms::Hint`.
//!
//! `Cursor::mnemonic` would read `add. r3` as one word `add.r3`, so the
//! mnemonic is read here: an identifier, then a `.` that is either part of
//! the name (`andi.`, `stwcx.`) or the record flag.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Token};

use crate::forms::{lookup, takes_hint, Form, Half, Hint, Op, DEFS, OE, RC};
use crate::imms::place;
use crate::regs::{parse_name, Class, COND_BITS};

pub fn parse(cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
    let mut form = mnemonic(cur)?;
    let ops = form.def.ops;
    let mut args = Vec::with_capacity(ops.len());
    for (i, &op) in ops.iter().enumerate() {
        let last = i + 1 == ops.len();
        match op {
            Op::CrfOpt(_) => {
                if let Some(a) = try_reg(cur, Class::Crf)? {
                    args.push(a);
                    if !last {
                        cur.expect_punct(',')?;
                    }
                } else {
                    args.push(Arg::Const(0));
                }
                continue;
            }
            Op::Disp => {
                if cur.is_punct('(') {
                    // `(rA)` alone means a zero displacement.
                    args.push(Arg::Const(0));
                } else {
                    args.push(immediate(cur, &mut form)?);
                }
                cur.expect_punct('(')?;
                continue;
            }
            Op::Base => {
                args.push(gpr_or_zero(cur)?);
                cur.expect_punct(')')?;
            }
            _ => args.push(operand(cur, op, &mut form)?),
        }
        if !last {
            cur.expect_punct(',')?;
        }
    }
    cur.expect_end()?;
    for (&op, arg) in ops.iter().zip(&args) {
        if let Arg::Const(v) = arg {
            if !matches!(op, Op::Rel24 | Op::Rel14) {
                place(op, *v)?;
            }
        }
    }
    Ok(Insn {
        form: form.pack(),
        args,
    })
}

/// Reads the mnemonic and its suffixes.
fn mnemonic(cur: &mut Cursor<'_>) -> Result<Form, AsmError> {
    let word = cur
        .ident()
        .ok_or_else(|| cur.error("expected a mnemonic".into()))?;
    let dot = cur.eat_punct('.');
    let form = |index: usize, oe: bool, rc: bool| Form {
        def: &DEFS[index],
        index,
        oe,
        rc,
        half: None,
        hint: None,
    };
    if dot {
        if let Some(i) = lookup(&format!("{word}.")) {
            return Ok(form(i, false, false));
        }
    }
    let found = match lookup(word) {
        Some(i) => Some((i, false)),
        None => word
            .strip_suffix(['o', 'O'])
            .and_then(lookup)
            .filter(|&i| DEFS[i].flags & OE != 0)
            .map(|i| (i, true)),
    };
    let (i, oe) = found.ok_or_else(|| AsmError::syntax(format!("unknown mnemonic '{word}'")))?;
    if dot && DEFS[i].flags & RC == 0 {
        return Err(AsmError::syntax(format!("{word} has no record (.) form")));
    }
    let mut f = form(i, oe, dot);
    if takes_hint(f.def) {
        f.hint = hint(cur);
    } else if cur.is_punct('+') {
        return Err(AsmError::syntax(format!("{word} takes no + hint")));
    }
    Ok(f)
}

/// A `+` or `-` right after a mnemonic. `-` `>` name is a global label
/// (`beq ->f`), not a hint; `-` `>` number is a hint before a local label
/// (`bdnz- >1`), and `beq- ->f` has two dashes.
fn hint(cur: &mut Cursor<'_>) -> Option<Hint> {
    if cur.is_punct('+') {
        cur.next_token();
        return Some(Hint::Taken);
    }
    let global_label = cur.peek_at(1) == Some(&Token::Punct('>'))
        && matches!(cur.peek_at(2), Some(Token::Ident(_)));
    if cur.is_punct('-') && !global_label {
        cur.next_token();
        return Some(Hint::NotTaken);
    }
    None
}

fn operand(cur: &mut Cursor<'_>, op: Op, form: &mut Form) -> Result<Arg, AsmError> {
    match op {
        Op::Gpr(_) => reg(cur, Class::Gpr),
        Op::Fpr(_) => reg(cur, Class::Fpr),
        Op::Crf(_) => reg(cur, Class::Crf),
        Op::Gpr0 => gpr_or_zero(cur),
        Op::CrBit(_) => cr_bit(cur),
        Op::Simm16 | Op::Simm16Neg | Op::Simm16Hi | Op::Uimm16 | Op::Uimm16Lo => {
            immediate(cur, form)
        }
        Op::Rel24 | Op::Rel14 | Op::Imm32 => match cur.label()? {
            Some(l) => Ok(Arg::Label(l)),
            None => cur.value(),
        },
        _ => cur.value(),
    }
}

/// Reads a register of `class`, or fails naming what was expected.
fn reg(cur: &mut Cursor<'_>, class: Class) -> Result<Arg, AsmError> {
    try_reg(cur, class)?.ok_or_else(|| cur.error(format!("expected {}", class.describe())))
}

/// Reads a register of `class` if one is next.
fn try_reg(cur: &mut Cursor<'_>, class: Class) -> Result<Option<Arg>, AsmError> {
    let Some(Token::Ident(name)) = cur.peek() else {
        return Ok(None);
    };
    if name.eq_ignore_ascii_case(class.prefix()) {
        if let Some(Token::Splice(n)) = cur.peek_at(1) {
            let n = *n;
            cur.next_token();
            cur.next_token();
            return Ok(Some(Arg::Splice {
                index: n,
                negate: false,
            }));
        }
    }
    match parse_name(class, name) {
        Some(n) => {
            cur.next_token();
            Ok(Some(Arg::Const(n as i64)))
        }
        None => Ok(None),
    }
}

/// `rA|0`: a general register, or the literal `0`.
fn gpr_or_zero(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    if cur.peek() == Some(&Token::Int(0)) {
        cur.next_token();
        return Ok(Arg::Const(0));
    }
    reg(cur, Class::Gpr)
}

/// A condition-register bit: a number, `cond`, or `4*crN+cond`.
fn cr_bit(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    let cond = |cur: &mut Cursor<'_>| -> Option<i64> {
        let Some(Token::Ident(s)) = cur.peek() else {
            return None;
        };
        let lower = s.to_ascii_lowercase();
        let i = COND_BITS
            .iter()
            .position(|&c| c == lower)
            .or_else(|| (lower == "un").then_some(3))?;
        cur.next_token();
        Some(i as i64)
    };
    if let Some(c) = cond(cur) {
        return Ok(Arg::Const(c));
    }
    if cur.peek() == Some(&Token::Int(4)) && cur.peek_at(1) == Some(&Token::Punct('*')) {
        cur.next_token();
        cur.next_token();
        let field = match cur.ident().and_then(|s| parse_name(Class::Crf, s)) {
            Some(f) => f as i64,
            None => return Err(cur.error("expected cr0..cr7 in 4*crN+cond".into())),
        };
        cur.expect_punct('+')?;
        let c = cond(cur).ok_or_else(|| cur.error("expected lt, gt, eq or so".into()))?;
        return Ok(Arg::Const(4 * field + c));
    }
    cur.value()
}

/// A 16-bit immediate: a value, or `label@l|h|ha`, which fixes the form's
/// half-address relocation.
fn immediate(cur: &mut Cursor<'_>, form: &mut Form) -> Result<Arg, AsmError> {
    let Some(label) = cur.label()? else {
        return cur.value();
    };
    cur.expect_punct('@')?;
    let half = match cur.ident().map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("l") => Half::Lo,
        Some("h") => Half::Hi,
        Some("ha") => Half::Ha,
        _ => return Err(cur.error("expected @l, @h or @ha after a label".into())),
    };
    form.half = Some(half);
    Ok(Arg::Label(label))
}
