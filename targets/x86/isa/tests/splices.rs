//! The macro's path: every golden row is re-tokenized the way the proc
//! macro would hand it over when the author splices everything, with each
//! register written as a class-prefixed splice (`Rq{..}`, `Rd{..}`,
//! `Rw{..}`, `Rb{..}`, `xmm{..}`) and each number as `{..}` (scales stay
//! literal); the splices' values are supplied at "run time" and the bytes
//! must still be the golden ones from GNU as.

use asm_dsl_core::{tokenize, Arg, Assembler, Cursor, Isa, Operand, Token};
use xlj_isa_x86::regs::{parse_reg, NamedReg, HIGH_BYTE};
use xlj_isa_x86::{Mode, X64, X86};

const ADDR: u64 = 0x10000;

fn splice(mode: Mode, tokens: &[Token]) -> (Vec<Token>, Vec<i64>) {
    let mut out = Vec::new();
    let mut values = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let prev = if i > 0 { tokens.get(i - 1) } else { None };
        match t {
            Token::Ident(name) if i > 0 => match parse_reg(mode, name) {
                Some(NamedReg::Gpr { size, num })
                    if num < HIGH_BYTE && !(mode == Mode::X86 && size == 1 && num >= 4) =>
                {
                    let class = match size {
                        8 => "Rq",
                        4 => "Rd",
                        2 => "Rw",
                        _ => "Rb",
                    };
                    out.push(Token::Ident(class.to_string()));
                    out.push(Token::Splice(values.len()));
                    values.push(num as i64);
                }
                Some(NamedReg::Xmm(n)) => {
                    out.push(Token::Ident("xmm".to_string()));
                    out.push(Token::Splice(values.len()));
                    values.push(n as i64);
                }
                _ => out.push(t.clone()),
            },
            Token::Int(v) if prev != Some(&Token::Punct('*')) => {
                out.push(Token::Splice(values.len()));
                values.push(*v as i64);
            }
            _ => out.push(t.clone()),
        }
    }
    (out, values)
}

fn check(isa: &'static dyn Isa, mode: Mode, text: &str) {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let (src, want) = (cols[0], cols[1]);
        rows += 1;
        let (tokens, values) = splice(mode, &tokenize(src).unwrap());
        let result = isa.parse(&mut Cursor::new(&tokens)).map(|insn| {
            let ops: Vec<Operand> = insn
                .args
                .iter()
                .map(|a| match a {
                    Arg::Const(v) => Operand::Imm(*v),
                    Arg::Splice { index, negate } => {
                        let v = values[*index];
                        Operand::Imm(if *negate { v.wrapping_neg() } else { v })
                    }
                    Arg::Label(_) => unreachable!("golden rows have no labels"),
                })
                .collect();
            let mut asm = Assembler::new(isa);
            asm.insn(insn.form, &ops);
            asm.finish(ADDR)
        });
        let got = match result {
            Ok(Ok(bytes)) => bytes
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" "),
            Ok(Err(e)) | Err(e) => format!("error {e}"),
        };
        if got != want {
            failures.push(format!("{src}: got {got}, want {want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} rows differ:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn spliced_rows_match_x86() {
    check(&X86, Mode::X86, include_str!("golden/x86.txt"));
    check(&X86, Mode::X86, include_str!("golden/x86-alias.txt"));
}

#[test]
fn spliced_rows_match_x64() {
    check(&X64, Mode::X64, include_str!("golden/x64.txt"));
    check(&X64, Mode::X64, include_str!("golden/x64-alias.txt"));
}
