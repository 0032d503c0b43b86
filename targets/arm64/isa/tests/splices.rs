//! The run-time path of the macro: every golden row is re-parsed with its
//! register numbers and immediates turned into splices (`x{e}`, `#{e}`,
//! bare `{e}` for branch targets) and encoded from the values, and must
//! give GNU as's bytes just as the constant text does.
//!
//! Names whose number 31 is ambiguous (`sp`, `xzr`, ...) stay names, and
//! amounts after a shift or extend keyword stay constants where a form
//! needs them when parsing (`#imm, lsl #12`, `[xn, xm, lsl #3]`).

use asm_dsl_core::{Arg, Assembler, Cursor, Isa, Operand, Token};
use xlj_isa_arm64::ARM64;

#[path = "golden/rows.rs"]
#[allow(dead_code)]
mod rows;

const MODIFIERS: [&str; 12] = [
    "lsl", "lsr", "asr", "ror", "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx",
];

/// The row's tokens with splices, and the splices' values.
fn splice(text: &str) -> (Vec<Token>, Vec<i64>) {
    let raw = asm_dsl_core::tokenize(text).unwrap();
    let mut out = Vec::new();
    let mut values = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let t = &raw[i];
        let after_modifier =
            i >= 2 && matches!(&raw[i - 2], Token::Ident(s) if MODIFIERS.contains(&s.as_str()));
        match t {
            Token::Ident(name) if i > 0 => {
                let class = &name[..1];
                let num = name[1..].parse::<u8>().ok().filter(|_| name.len() > 1);
                match (class, num) {
                    ("x" | "w" | "d" | "s", Some(n)) if !name[1..].starts_with('0') || n == 0 => {
                        out.push(Token::Ident(class.to_string()));
                        out.push(Token::Splice(values.len()));
                        values.push(n as i64);
                    }
                    _ => out.push(t.clone()),
                }
            }
            Token::Int(v)
                if !after_modifier && !matches!(raw.get(i + 1), Some(Token::Punct(':'))) =>
            {
                let neg = matches!(out.last(), Some(Token::Punct('-')))
                    && !matches!(out.get(out.len().wrapping_sub(2)), Some(Token::Punct('<')));
                if neg {
                    out.pop();
                    values.push((*v as i64).wrapping_neg());
                } else {
                    values.push(*v as i64);
                }
                out.push(Token::Splice(values.len() - 1));
            }
            _ => out.push(t.clone()),
        }
        i += 1;
    }
    (out, values)
}

fn encode(tokens: &[Token], values: &[i64]) -> Result<Vec<u8>, String> {
    let insn = ARM64
        .parse(&mut Cursor::new(tokens))
        .map_err(|e| format!("parse: {e}"))?;
    let ops: Vec<Operand> = insn
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(v) => Operand::Imm(*v),
            Arg::Splice { index, negate } => {
                let v = values[*index];
                Operand::Imm(if *negate { v.wrapping_neg() } else { v })
            }
            Arg::Label(_) => unreachable!("golden rows use no labels"),
        })
        .collect();
    let mut a = Assembler::new(&ARM64);
    a.insn(insn.form, &ops);
    a.finish(0).map_err(|e| format!("encode: {e}"))
}

#[test]
fn every_golden_row_encodes_from_splices() {
    let mut failures = Vec::new();
    let mut spliced = 0;
    for r in rows::rows() {
        // FP immediates cannot be spliced, and label programs have no
        // numbers to splice.
        if r.text.contains('.') && r.text.starts_with("fmov") || r.text.contains(':') {
            continue;
        }
        let (tokens, values) = splice(&r.text);
        if values.is_empty() {
            continue;
        }
        spliced += 1;
        match encode(&tokens, &values) {
            Ok(b) if b == r.bytes => {}
            Ok(b) => failures.push(format!("line {}: `{}` gives {b:02x?}", r.line, r.text)),
            Err(e) => failures.push(format!("line {}: `{}`: {e}", r.line, r.text)),
        }
    }
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(spliced > 5000, "only {spliced} rows spliced");
    assert!(failures.is_empty(), "{} failures", failures.len());
}
