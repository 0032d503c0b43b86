//! `xasm`: try an encoding without writing Rust.
//!
//! ```text
//! xasm --arch <isa> [--addr ADDR] 'insn; insn'   encoded bytes, hex, memory order
//! xasm --arch <isa> [--addr ADDR] -d HEX         disassembly, one line each:
//!                                                address, bytes, two spaces, text
//! xasm --list                                    the registered ISAs
//! ```
//!
//! `-` in place of the text or the hex reads it from standard input, so a
//! file of statements (one per line or `;`-separated) can be piped in.
//!
//! Text goes through `assemble_text`, the statement grammar the macro also
//! uses, and the same ISA parser, so what `xasm` accepts the macro accepts.

use std::process::ExitCode;

use asm_dsl::{assemble_text, isa_by_name, Isa, ISAS};

const USAGE: &str =
    "usage: xasm --arch <isa> [--addr ADDR] 'insn; insn'   (- reads the text from stdin)
       xasm --arch <isa> [--addr ADDR] -d HEX           (-d - reads hex from stdin)
       xasm --list";

enum Mode {
    Assemble(String),
    Disassemble(String),
    List,
    Help,
}

struct Args {
    isa: Option<&'static dyn Isa>,
    addr: u64,
    mode: Mode,
}

fn parse_addr(s: &str) -> Result<u64, String> {
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16),
        None => s.parse(),
    };
    parsed.map_err(|_| format!("bad address '{s}'"))
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut isa = None;
    let mut addr = 0;
    let mut mode = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs {what}"))
        };
        match a.as_str() {
            "--arch" => {
                let name = value("an ISA name")?;
                isa = Some(isa_by_name(&name).ok_or_else(|| {
                    format!("unknown ISA '{name}' (xasm --list shows the known ones)")
                })?);
            }
            "--addr" => addr = parse_addr(&value("an address")?)?,
            "-d" => mode = Some(Mode::Disassemble(value("hex bytes")?)),
            "--list" => mode = Some(Mode::List),
            "-h" | "--help" => mode = Some(Mode::Help),
            // Text may start with `->label:`, so only `--x` and `-x` are options.
            s if s.starts_with("--")
                || (s.len() == 2
                    && s.starts_with('-')
                    && s.as_bytes()[1].is_ascii_alphabetic()) =>
            {
                return Err(format!("unknown option '{s}'\n{USAGE}"))
            }
            text if mode.is_none() => mode = Some(Mode::Assemble(text.to_string())),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    let mode = mode.ok_or_else(|| USAGE.to_string())?;
    if isa.is_none() && !matches!(mode, Mode::List | Mode::Help) {
        return Err("--arch <isa> is required".into());
    }
    Ok(Args { isa, addr, mode })
}

/// Parses hex bytes, ignoring whitespace and an optional `0x` per group.
fn parse_hex(s: &str) -> Result<Vec<u8>, String> {
    let mut digits = String::new();
    for word in s.split_whitespace() {
        let w = word.strip_prefix("0x").unwrap_or(word);
        digits.push_str(w);
    }
    if digits.len() % 2 != 0 {
        return Err("odd number of hex digits".into());
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&digits[i..i + 2], 16)
                .map_err(|_| format!("bad hex byte '{}'", &digits[i..i + 2]))
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    parts.join(" ")
}

/// `-` means standard input.
fn input(arg: String) -> Result<String, String> {
    if arg != "-" {
        return Ok(arg);
    }
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
        .map_err(|e| format!("reading stdin: {e}"))?;
    Ok(s)
}

fn run(args: Args) -> Result<(), String> {
    match (args.mode, args.isa) {
        (Mode::Help, _) => {
            println!("{USAGE}");
            Ok(())
        }
        (Mode::List, _) => {
            for isa in ISAS {
                let c = isa.caps();
                println!(
                    "{:<8} {}-bit, {:?}-endian",
                    c.name, c.pointer_bits, c.endian
                );
            }
            Ok(())
        }
        (Mode::Assemble(text), Some(isa)) => {
            let text = input(text)?;
            let code = assemble_text(isa, &text, args.addr).map_err(|e| e.to_string())?;
            println!("{}", hex(&code));
            Ok(())
        }
        (Mode::Disassemble(h), Some(isa)) => {
            let code = parse_hex(&input(h)?)?;
            let mut at = 0;
            while at < code.len() {
                let addr = args.addr.wrapping_add(at as u64);
                let (len, text) = isa
                    .disassemble(&code[at..], addr)
                    .map_err(|e| format!("at {addr:#x}: {e}"))?;
                if len == 0 || at + len > code.len() {
                    return Err(format!(
                        "at {addr:#x}: the disassembler reported a bad length"
                    ));
                }
                println!("{addr:08x}  {:<24}  {text}", hex(&code[at..at + len]));
                at += len;
            }
            Ok(())
        }
        (_, None) => Err("--arch <isa> is required".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xasm: {e}");
            ExitCode::FAILURE
        }
    }
}
