//! The macro's path: every golden row is re-tokenized the way the proc
//! macro would hand it over, with each register written as a class-prefixed
//! splice (`r{..}`, `d{..}`, `s{..}`), each `#` integer as `#{..}` and each
//! brace group as a splice whose tokens the parser reads; the splices'
//! values are supplied at "run time" and the bytes must still be the
//! golden ones from GNU as.

use asm_dsl_core::{tokenize, Arg, Assembler, Cursor, Isa, Operand, Token};
use xlj_isa_arm::regs::classify;
use xlj_isa_arm::ARM;

const ADDR: u64 = 0x400_0000;

/// The tokens with splices, each splice's value, and brace groups' tokens.
fn splice(tokens: &[Token]) -> (Vec<Token>, Vec<i64>, Vec<Option<Vec<Token>>>) {
    let mut out = Vec::new();
    let mut values = Vec::new();
    let mut groups = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let prev = if i > 0 { tokens.get(i - 1) } else { None };
        match t {
            Token::Ident(name) if i > 0 => match classify(name) {
                Some((class, n)) => {
                    out.push(Token::Ident(class.prefix().to_string()));
                    out.push(Token::Splice(values.len()));
                    values.push(n as i64);
                    groups.push(None);
                }
                None => out.push(t.clone()),
            },
            // `#-0` must stay a literal: its sign is part of the encoding.
            Token::Int(v)
                if matches!(prev, Some(Token::Punct('#')))
                    || (matches!(prev, Some(Token::Punct('-')))
                        && matches!(tokens.get(i.wrapping_sub(2)), Some(Token::Punct('#')))
                        && *v != 0) =>
            {
                out.push(Token::Splice(values.len()));
                values.push(*v as i64);
                groups.push(None);
            }
            Token::Punct('{') => {
                let close = tokens[i..]
                    .iter()
                    .position(|t| *t == Token::Punct('}'))
                    .expect("closed list")
                    + i;
                out.push(Token::Splice(values.len()));
                values.push(0);
                groups.push(Some(tokens[i + 1..close].to_vec()));
                i = close;
            }
            _ => out.push(t.clone()),
        }
        i += 1;
    }
    (out, values, groups)
}

#[test]
fn spliced_golden_rows_encode_the_same() {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in include_str!("golden/arm.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (text, hex) = line.rsplit_once(" | ").expect("row");
        let tokens = tokenize(text).expect("golden text tokenizes");
        let (spliced, values, groups) = splice(&tokens);
        let mut cur = Cursor::with_splices(&spliced, &groups);
        let insn = match ARM.parse(&mut cur) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{text}: {e}"));
                continue;
            }
        };
        let ops: Vec<Operand> = insn
            .args
            .iter()
            .map(|a| match a {
                Arg::Const(v) => Operand::Imm(*v),
                Arg::Splice { index, negate } => {
                    assert!(
                        groups[*index].is_none(),
                        "{text}: a list splice became an argument"
                    );
                    let v = values[*index];
                    Operand::Imm(if *negate { -v } else { v })
                }
                Arg::Label(l) => panic!("{text}: unexpected label {l:?}"),
            })
            .collect();
        let mut asm = Assembler::new(&ARM);
        asm.insn(insn.form, &ops);
        count += 1;
        match asm.finish(ADDR) {
            Ok(b) => {
                let got: String = b.iter().map(|x| format!("{x:02x}")).collect();
                if got != hex {
                    failures.push(format!("{text}: spliced gives {got}, want {hex}"));
                }
            }
            Err(e) => failures.push(format!("{text}: {e}")),
        }
    }
    assert!(count > 10_000);
    assert!(
        failures.is_empty(),
        "{} rows fail:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

#[test]
fn spliced_values_are_range_checked() {
    // `add r0, r1, #{v}` with an unencodable value; `ldr r0, [r1, #{v}]`
    // beyond 4095; a register splice beyond r15.
    for (text, value) in [
        ("add r0, r1, #X", 0x101),
        ("ldr r0, [r1, #X]", 4096),
        ("vldr d0, [r1, #X]", 1022),
        ("add r0, r1, r X", 16),
        ("vadd.f64 d X, d1, d2", 16),
        ("movw r0, #X", 0x10000),
    ] {
        // X stands for the splice: `r X` becomes `r{..}`, `#X` `#{..}`.
        let mut spliced = tokenize(&text.replace('X', "0")).unwrap();
        let pos = spliced.iter().rposition(|t| *t == Token::Int(0)).unwrap();
        spliced[pos] = Token::Splice(0);
        let mut cur = Cursor::new(&spliced);
        let insn = ARM
            .parse(&mut cur)
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        let ops: Vec<Operand> = insn
            .args
            .iter()
            .map(|a| match a {
                Arg::Const(v) => Operand::Imm(*v),
                _ => Operand::Imm(value),
            })
            .collect();
        let mut asm = Assembler::new(&ARM);
        asm.insn(insn.form, &ops);
        assert!(asm.finish(0).is_err(), "{text} with {value} was accepted");
    }
}
