//! Assembling text: the statement grammar shared by `xasm` and tests.
//!
//! Statements are separated by `;` or newlines. A statement is a label
//! definition (`N:`, `->name:`, `=>N:`), a directive (`.align N`,
//! `.byte`/`.hword`/`.word`/`.dword` values), or an instruction that the
//! ISA parses. The macro applies the same grammar to Rust tokens.

use crate::assembler::Assembler;
use crate::error::AsmError;
use crate::insn::{Arg, FormId, Label, LabelRef, Operand};
use crate::isa::Isa;
use crate::token::{tokenize, Cursor, Token};

/// Assembles `text` for code placed at `addr`.
pub fn assemble_text(isa: &'static dyn Isa, text: &str, addr: u64) -> Result<Vec<u8>, AsmError> {
    let mut asm = Assembler::new(isa);
    for stmt in text.split([';', '\n']) {
        let stmt = stmt.trim();
        if stmt.is_empty() {
            continue;
        }
        let tokens = tokenize(stmt)?;
        assemble_statement(&mut asm, &tokens)?;
        if let Some(e) = asm.error() {
            return Err(e.clone());
        }
    }
    asm.finish(addr)
}

/// Assembles one statement of constant tokens into `asm`. Label
/// definitions may open the statement (`1: nop`, `->a: =>3: nop`).
pub fn assemble_statement(asm: &mut Assembler, tokens: &[Token]) -> Result<(), AsmError> {
    let mut tokens = tokens;
    while let Some(len) = label_definition(asm, tokens)? {
        tokens = &tokens[len..];
    }
    if tokens.is_empty() {
        return Ok(());
    }
    let mut cur = Cursor::new(tokens);
    if cur.eat_punct('.') {
        return directive(asm, &mut cur);
    }
    let insn = asm.isa().parse(&mut cur)?;
    cur.expect_end()?;
    let ops = insn
        .args
        .iter()
        .map(constant_operand)
        .collect::<Result<Vec<_>, _>>()?;
    asm.insn(insn.form, &ops);
    Ok(())
}

/// The ISA's `nop` (its form and constant operands), which `.align`
/// pads code with; `None` if the ISA has no operand-less `nop`.
pub fn nop_form(isa: &dyn Isa) -> Option<(FormId, Vec<Operand>)> {
    let tokens = [Token::Ident("nop".to_string())];
    let insn = isa.parse(&mut Cursor::new(&tokens)).ok()?;
    let ops = insn
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(v) => Some(Operand::Imm(*v)),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((insn.form, ops))
}

/// Defines the label opening `tokens`, if any, and returns its length.
fn label_definition(asm: &mut Assembler, tokens: &[Token]) -> Result<Option<usize>, AsmError> {
    let number = |n: &u64| {
        u32::try_from(*n).map_err(|_| AsmError::syntax(format!("label number {n} is too large")))
    };
    Ok(match tokens {
        [Token::Int(n), Token::Punct(':'), ..] => {
            asm.local_label(number(n)?);
            Some(2)
        }
        [Token::Punct('-'), Token::Punct('>'), Token::Ident(name), Token::Punct(':'), ..] => {
            asm.global_label(name);
            Some(4)
        }
        [Token::Punct('='), Token::Punct('>'), Token::Int(n), Token::Punct(':'), ..] => {
            asm.dynamic_label(number(n)?);
            Some(4)
        }
        _ => None,
    })
}

fn constant_operand(arg: &Arg) -> Result<Operand, AsmError> {
    match arg {
        Arg::Const(v) => Ok(Operand::Imm(*v)),
        Arg::Splice { .. } => Err(AsmError::syntax(
            "{expression} splices only exist in the macro",
        )),
        Arg::Label(l) => Ok(Operand::Label(match l {
            LabelRef::Local { n, forward } => Label::Local {
                n: *n,
                forward: *forward,
            },
            LabelRef::Global(name) => Label::global(name),
            LabelRef::Dynamic(arg) => match **arg {
                Arg::Const(n) => Label::Dynamic(n as u32),
                _ => return Err(AsmError::syntax("bad dynamic label")),
            },
        })),
    }
}

fn directive(asm: &mut Assembler, cur: &mut Cursor<'_>) -> Result<(), AsmError> {
    let name = cur
        .ident()
        .ok_or_else(|| cur.error("expected a directive".into()))?;
    let size = match name {
        "align" => {
            let n = match cur.value()? {
                Arg::Const(n) if n > 0 && (n as u64).is_power_of_two() => {
                    // Too large for this host is as absurd as too large for
                    // the assembler; `align` refuses the latter.
                    usize::try_from(n).unwrap_or(usize::MAX)
                }
                _ => return Err(AsmError::syntax(".align needs a power of two")),
            };
            cur.expect_end()?;
            match nop_form(asm.isa()) {
                Some((nop, ops)) => asm.align_code(n, nop, &ops),
                None => asm.align(n, 0),
            }
            return Ok(());
        }
        "byte" => 1,
        "hword" => 2,
        "word" => 4,
        "dword" => 8,
        _ => return Err(AsmError::syntax(format!("unknown directive .{name}"))),
    };
    loop {
        match cur.value()? {
            Arg::Const(v) => asm.data(size, v as u64),
            _ => return Err(AsmError::syntax("data directives take numbers")),
        }
        if !cur.eat_punct(',') {
            break;
        }
    }
    cur.expect_end()
}
