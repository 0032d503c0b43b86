//! Properties over pseudo-random input (a fixed-seed generator, so every
//! run checks the same cases):
//! - the disassembler never panics, and whatever it decodes prints text
//!   that assembles, and the result disassembles to the same text (a
//!   non-canonical encoding, say `8B /r` between registers, comes back in
//!   its canonical form, so bytes may differ but text may not; the one
//!   deliberate exception is `mov r64, imm` with a value below 2^31, which
//!   the load-any-constant macro turns into the shorter `mov r32, imm`);
//! - the parser and encoder never panic on statements stitched together
//!   from random tokens.

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_x86::{X64, X86};

const ADDR: u64 = 0x10000;

/// xorshift64*: deterministic, good enough to spread over opcode space.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Random instruction-like bytes: prefixes and opcode maps we decode are
/// made likely so that most samples exercise real decoding paths.
fn sample(rng: &mut Rng, buf: &mut [u8; 16], x64: bool) {
    for b in buf.iter_mut() {
        *b = rng.next() as u8;
    }
    let mut i = 0;
    let r = rng.next();
    if r & 3 == 0 {
        buf[i] = [0x66, 0xf2, 0xf3, 0x66][(r >> 2) as usize & 3];
        i += 1;
    }
    if x64 && r & 0x30 == 0 {
        buf[i] = 0x40 | (r >> 8) as u8 & 15;
        i += 1;
    }
    if r & 0x300 == 0 {
        buf[i] = 0x0f;
    }
}

/// `mov r64, imm` (non-negative) came back as `mov r32, imm`.
fn is_constant_macro(text: &str, again: &str) -> bool {
    let (Some(a), Some(b)) = (text.strip_prefix("mov "), again.strip_prefix("mov ")) else {
        return false;
    };
    let (ra, va) = a.split_once(", ").unwrap_or(("", "-"));
    let (rb, vb) = b.split_once(", ").unwrap_or(("", "-"));
    let r32 = |r: &str| match r.strip_prefix('r') {
        Some(n) if n.parse::<u8>().is_ok() => format!("r{n}d"),
        _ => format!("e{}", &r[1..]),
    };
    !va.starts_with('-') && va == vb && ra.len() >= 2 && ra.starts_with('r') && r32(ra) == rb
}

fn roundtrip(isa: &'static dyn Isa, x64: bool, seed: u64, count: usize) {
    let mut rng = Rng(seed);
    let mut buf = [0u8; 16];
    let mut decoded = 0;
    let mut failures = Vec::new();
    for _ in 0..count {
        sample(&mut rng, &mut buf, x64);
        let Ok((len, text)) = isa.disassemble(&buf, ADDR) else {
            continue;
        };
        decoded += 1;
        assert!(len > 0 && len <= 15, "{buf:02x?}: length {len}");
        match assemble_text(isa, &text, ADDR) {
            Ok(bytes) => match isa.disassemble(&bytes, ADDR) {
                Ok((n, again)) if n == bytes.len() && again == text => {}
                Ok((_, again)) if is_constant_macro(&text, &again) => {}
                other => failures.push(format!(
                    "{:02x?} '{text}' -> {bytes:02x?} -> {other:?}",
                    &buf[..len]
                )),
            },
            Err(e) => failures.push(format!("{:02x?} '{text}': {e}", &buf[..len])),
        }
    }
    assert!(
        decoded > count / 10,
        "only {decoded} of {count} samples decoded"
    );
    assert!(
        failures.is_empty(),
        "{} of {decoded} decoded samples fail:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn decoded_text_reassembles_x64() {
    roundtrip(&X64, true, 0x9e37_79b9_7f4a_7c15, 300_000);
}

#[test]
fn decoded_text_reassembles_x86() {
    roundtrip(&X86, false, 0xd1b5_4a32_d192_ed03, 300_000);
}

#[test]
fn statements_of_random_tokens_never_panic() {
    const WORDS: &[&str] = &[
        "mov",
        "add",
        "lea",
        "jmp",
        "call",
        "movsd",
        "cvtsi2sd",
        "shl",
        "imul",
        "push",
        "xchg",
        "nop",
        "fld",
        "cmpsd",
        "rax",
        "eax",
        "ax",
        "al",
        "ah",
        "spl",
        "r8",
        "r15d",
        "xmm0",
        "xmm15",
        "st",
        "st1",
        "rip",
        "byte",
        "dword",
        "qword",
        "xmmword",
        "ptr",
        "short",
        "0",
        "1",
        "-1",
        "0x7f",
        "0x80",
        "0xffffffff",
        "0x7fffffffffffffff",
        "18446744073709551615",
        "[",
        "]",
        "+",
        "-",
        "*",
        "2",
        "8",
        "3",
        ",",
        "->x",
        "=>1",
        ">1",
        "<1",
        "(",
        ")",
        ":",
    ];
    let mut rng = Rng(42);
    for _ in 0..100_000 {
        let n = 1 + rng.next() as usize % 8;
        let stmt: Vec<&str> = (0..n)
            .map(|_| WORDS[rng.next() as usize % WORDS.len()])
            .collect();
        let text = format!("1: {}; 1:", stmt.join(" "));
        for isa in [&X64 as &'static dyn Isa, &X86] {
            let _ = assemble_text(isa, &text, ADDR);
        }
    }
}

/// Every golden row with all its registers and numbers spliced, encoded
/// with random run-time values (valid or not): errors are fine, panics are
/// not.
#[test]
fn random_run_time_values_never_panic() {
    use asm_dsl_core::{tokenize, Arg, Assembler, Cursor, Label, Operand, Token};
    use xlj_isa_x86::regs::parse_reg;
    use xlj_isa_x86::Mode;
    let mut rng = Rng(7);
    let interesting: [i64; 12] = [
        0,
        1,
        4,
        15,
        16,
        20,
        -1,
        127,
        128,
        i32::MAX as i64 + 1,
        i64::MIN,
        i64::MAX,
    ];
    for (isa, mode, text) in [
        (
            &X64 as &'static dyn Isa,
            Mode::X64,
            include_str!("golden/x64.txt"),
        ),
        (&X86, Mode::X86, include_str!("golden/x86.txt")),
    ] {
        for line in text.lines().filter(|l| !l.starts_with('#')).step_by(7) {
            let src = line.split('|').next().unwrap().trim();
            let mut tokens = Vec::new();
            let mut n = 0;
            for (i, t) in tokenize(src).unwrap().into_iter().enumerate() {
                match &t {
                    Token::Ident(name) if i > 0 && parse_reg(mode, name).is_some() => {
                        tokens.push(Token::Ident(
                            ["Rq", "Rd", "Rw", "Rb", "Ra", "xmm"][rng.next() as usize % 6].into(),
                        ));
                        tokens.push(Token::Splice(n));
                        n += 1;
                    }
                    Token::Int(_) => {
                        tokens.push(Token::Splice(n));
                        n += 1;
                    }
                    _ => tokens.push(t),
                }
            }
            let Ok(insn) = isa.parse(&mut Cursor::new(&tokens)) else {
                continue;
            };
            for _ in 0..4 {
                let ops: Vec<Operand> = insn
                    .args
                    .iter()
                    .map(|a| match a {
                        Arg::Const(v) => Operand::Imm(*v),
                        _ => match rng.next() % 8 {
                            0 => Operand::Label(Label::Absolute(rng.next())),
                            1 => Operand::Label(Label::Global("g".into())),
                            2 | 3 => Operand::Imm(rng.next() as i64),
                            _ => Operand::Imm(interesting[rng.next() as usize % 12]),
                        },
                    })
                    .collect();
                let mut asm = Assembler::new(isa);
                asm.global_label("g");
                asm.insn(insn.form, &ops);
                let _ = asm.finish(rng.next() & 0xffff_ffff_ffff);
            }
        }
    }
}
