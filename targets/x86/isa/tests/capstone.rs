//! A second, independent disassembler: for every golden row, capstone (x86
//! in 32- or 64-bit mode, Intel syntax) must decode the bytes to the same
//! instruction as ours.
//!
//! The normalisation, applied to both texts, covers spelling only:
//! * capstone's `ptr` after size keywords and our `short` before rel8
//!   targets are dropped;
//! * numbers are compared by value modulo 2^8, 2^16, 2^32 or 2^64 when
//!   both fit that width (we print immediates signed at the operand width,
//!   capstone often unsigned: `-1` = `0xff` for a byte operand);
//! * two capstone quirks: it prints `comisd`/`comiss` memory as
//!   `xmmword` (the size keyword of those two is ignored), and drops the
//!   count of `rcl mem, 1` (a missing trailing `, 1` is accepted there);
//! * x87 registers: capstone's `st(N)` is our `stN`, and its `fucompi
//!   st(N)` is our `fucomip st0, stN`;
//! * `cmpsd`/`cmpss` with predicate 0..7 print in capstone as the
//!   predicate mnemonic (`cmpltsd a, b` is our `cmpsd a, b, 1`);
//! * a lone `fs`/`gs` (a prefix written as its own statement) is skipped;
//! * SIB forms the encoder never makes: capstone's `riz` (no index, yet a
//!   scale) is dropped, and our `[reg*1 + d]` (an index without a base) is
//!   its `[reg + d]`;
//! * `xchg` of two registers may list them in either order;
//! * our `nop N` (one of the recommended multi-byte nops) must be a `nop`
//!   of the same length for capstone, whatever operand it shows.

use capstone::arch::x86::{ArchMode, ArchSyntax};
use capstone::prelude::*;

use asm_dsl_core::Isa;
use xlj_isa_x86::{X64, X86};

const ADDR: u64 = 0x10000;

#[derive(Debug, PartialEq)]
enum Tok {
    Num(i128),
    Word(String),
}

fn tokens(text: &str) -> Vec<Tok> {
    let t = text
        .to_ascii_lowercase()
        .replace(" ptr ", " ")
        .replace("short ", "");
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let neg = c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_digit() || neg {
            let start = i;
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let s = &t[start..i];
            let (sign, body) = match s.strip_prefix('-') {
                Some(r) => (-1, r),
                None => (1, s),
            };
            let v = match body.strip_prefix("0x") {
                Some(h) => i128::from_str_radix(h, 16),
                None => body.parse::<i128>(),
            };
            match v {
                Ok(v) => out.push(Tok::Num(sign * v)),
                Err(_) => out.push(Tok::Word(s.to_string())),
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Word(t[start..i].to_string()));
        } else {
            if !c.is_ascii_whitespace() {
                out.push(Tok::Word((c as char).to_string()));
            }
            i += 1;
        }
    }
    out
}

fn same_number(a: i128, b: i128) -> bool {
    a == b
        || [8u32, 16, 32, 64].iter().any(|&w| {
            let m = 1i128 << w;
            let fits = |v: i128| v >= -(m / 2) && v < m;
            fits(a) && fits(b) && (a - b).rem_euclid(m) == 0
        })
}

/// Capstone's spelling of a few instructions, rewritten to ours.
fn capstone_spelling(theirs: &str) -> String {
    let mut t = theirs.to_string();
    // A SIB byte with no index but a scale: capstone shows `riz`.
    for riz in [" + riz*8", " + riz*4", " + riz*2", " + riz"] {
        t = t.replace(riz, "");
    }
    for riz in ["[riz*8 + ", "[riz*4 + ", "[riz*2 + ", "[riz + "] {
        t = t.replace(riz, "[");
    }
    for riz in ["[riz*8 - ", "[riz*4 - ", "[riz*2 - ", "[riz - "] {
        t = t.replace(riz, "[-");
    }
    for n in 0..8 {
        t = t.replace(&format!("st({n})"), &format!("st{n}"));
    }
    if let Some(rest) = t.strip_prefix("fucompi ") {
        t = format!("fucomip st0, {rest}");
    }
    const PREDICATES: [&str; 8] = ["eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"];
    for (k, p) in PREDICATES.iter().enumerate() {
        for ty in ["sd", "ss"] {
            if let Some(rest) = t.strip_prefix(&format!("cmp{p}{ty} ")) {
                t = format!("cmp{ty} {rest}, {k}");
                return t;
            }
        }
    }
    t
}

fn agree(ours: &str, theirs: &str) -> bool {
    let theirs = &capstone_spelling(theirs);
    // `[rax*1 + 8]` (index, no base) is capstone's `[rax + 8]`.
    let ours = &ours.replace("*1 ", " ").replace("*1]", "]");
    if ours.starts_with("nop ") && ours[4..].chars().all(|c| c.is_ascii_digit()) {
        return theirs.starts_with("nop");
    }
    if ours.starts_with("rcl ") && ours.ends_with(", 1") && !theirs.ends_with(", 1") {
        return agree(&ours[..ours.len() - 3], theirs);
    }
    let (mut a, mut b) = (tokens(ours), tokens(theirs));
    // `xchg` is symmetric; we print the accumulator second.
    if ours.starts_with("xchg ") && a.len() == 4 && b.len() == 4 && a[1] == b[3] && a[3] == b[1] {
        b.swap(1, 3);
    }
    if ours.starts_with("comis") {
        let sizes = ["byte", "word", "dword", "qword", "xmmword"];
        for t in [&mut a, &mut b] {
            t.retain(|w| !matches!(w, Tok::Word(s) if sizes.contains(&s.as_str())));
        }
    }
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| match (x, y) {
            (Tok::Num(p), Tok::Num(q)) => same_number(*p, *q),
            _ => x == y,
        })
}

/// Capstone for `mode`, or `None` (the caller skips) when this build of
/// capstone misprints SIB operands: on big-endian hosts capstone 0.x's
/// printer shows every scale as `*0`, which would blame our decoder for
/// the reference's fault. The probe `8d 04 88` is `lea eax, [eax +
/// ecx*4]` in both modes (SIB scale bits 10, Intel SDM vol. 2, table 2-3).
fn reference(mode: ArchMode) -> Option<Capstone> {
    let cs = Capstone::new()
        .x86()
        .mode(mode)
        .syntax(ArchSyntax::Intel)
        .build()
        .expect("capstone");
    let probe = cs
        .disasm_all(&[0x8d, 0x04, 0x88], ADDR)
        .expect("capstone decodes");
    let text = probe
        .iter()
        .next()
        .and_then(|i| i.op_str().map(str::to_string));
    drop(probe);
    if text.as_deref().is_some_and(|t| t.contains("*4")) {
        Some(cs)
    } else {
        println!("skipped: this capstone prints `lea eax, [eax + ecx*4]` as {text:?}");
        None
    }
}

fn check(isa: &'static dyn Isa, mode: ArchMode, files: &[&str]) {
    let Some(cs) = reference(mode) else {
        return;
    };
    let mut failures = Vec::new();
    let mut rows = 0;
    for text in files {
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            let bytes: Vec<u8> = cols[1]
                .split_whitespace()
                .map(|h| u8::from_str_radix(h, 16).unwrap())
                .collect();
            rows += 1;
            // A lone segment override is a whole statement for us and no
            // instruction at all for capstone.
            if cols[0] == "fs" || cols[0] == "gs" {
                continue;
            }
            let ours = match isa.disassemble(&bytes, ADDR) {
                Ok((_, t)) => t,
                Err(e) => {
                    failures.push(format!("{}: ours fails: {e}", cols[1]));
                    continue;
                }
            };
            let insns = cs.disasm_count(&bytes, ADDR, 1).expect("capstone disasm");
            let Some(i) = insns.iter().next() else {
                failures.push(format!("{}: capstone cannot decode ({ours})", cols[1]));
                continue;
            };
            let theirs = format!(
                "{} {}",
                i.mnemonic().unwrap_or(""),
                i.op_str().unwrap_or("")
            );
            if i.bytes().len() != bytes.len() || !agree(&ours, theirs.trim()) {
                failures.push(format!(
                    "{}: ours '{ours}', capstone '{}'",
                    cols[1],
                    theirs.trim()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} rows disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(400)].join("\n")
    );
}

#[test]
fn capstone_agrees_x86() {
    check(
        &X86,
        ArchMode::Mode32,
        &[
            include_str!("golden/x86.txt"),
            include_str!("golden/x86-alias.txt"),
        ],
    );
}

#[test]
fn capstone_agrees_x64() {
    check(
        &X64,
        ArchMode::Mode64,
        &[
            include_str!("golden/x64.txt"),
            include_str!("golden/x64-alias.txt"),
        ],
    );
}

/// xorshift64*: a fixed-seed generator, so every run checks the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Random bytes that our disassembler accepts (including encodings the
/// encoder never produces) must mean the same to capstone.
fn random_agree(isa: &'static dyn Isa, mode: ArchMode, seed: u64) {
    let Some(cs) = reference(mode) else {
        return;
    };
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut decoded = 0;
    for _ in 0..200_000 {
        let mut buf = [0u8; 16];
        for b in buf.iter_mut() {
            *b = rng.next() as u8;
        }
        let r = rng.next();
        if r & 1 == 0 {
            buf[0] = 0x0f;
        } else if r & 6 == 0 {
            buf[1] = 0x0f;
        }
        // A segment override is a statement of its own for us, a prefix
        // of the next instruction for capstone.
        if matches!(buf[0], 0x64 | 0x65) {
            continue;
        }
        let Ok((len, ours)) = isa.disassemble(&buf, ADDR) else {
            continue;
        };
        decoded += 1;
        let insns = cs.disasm_count(&buf, ADDR, 1).expect("capstone disasm");
        let Some(i) = insns.iter().next() else {
            failures.push(format!(
                "{:02x?}: capstone cannot decode ({ours})",
                &buf[..len]
            ));
            continue;
        };
        let theirs = format!(
            "{} {}",
            i.mnemonic().unwrap_or(""),
            i.op_str().unwrap_or("")
        );
        if i.bytes().len() != len || !agree(&ours, theirs.trim()) {
            failures.push(format!(
                "{:02x?}: ours '{ours}', capstone '{}'",
                &buf[..len],
                theirs.trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {decoded} decoded samples disagree:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

#[test]
fn random_bytes_agree_x64() {
    random_agree(&X64, ArchMode::Mode64, 0x5851_f42d_4c95_7f2d);
}

#[test]
fn random_bytes_agree_x86() {
    random_agree(&X86, ArchMode::Mode32, 0x1405_7b7e_f767_814f);
}
