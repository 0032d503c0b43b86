//! The disassembler agrees with capstone (MIPS32, both byte orders) on
//! every golden row.
//!
//! Normalisation applied to both texts before comparing, because the two
//! disassemblers spell a few things differently but mean the same:
//! - whitespace collapsed, numbers rewritten in decimal (capstone prints
//!   some immediates in hex, xlj prints signed ones in decimal);
//! - `$fp` is `$s8` (o32 names for $30);
//! - an empty memory offset `($a0)` is `0($a0)`;
//! - capstone prints aliases xlj does not: `move a, b` also for
//!   `addu a, b, $zero`, `jr x` for `jalr $zero, x`, `ssnop`/`ehb` for
//!   `sll $zero, $zero, 1/3`, and the hardware divide with its `$zero`
//!   destination (`div $zero, a, b`, xlj writes `div a, b`).
//!
//! Capstone 5 does not decode FPU compares with a condition flag other
//! than `$fcc0` in MIPS32 mode; those rows are skipped (and counted), and
//! any other row capstone cannot decode fails the test.

use capstone::arch::mips::ArchMode;
use capstone::arch::{BuildsCapstone, BuildsCapstoneEndian};
use capstone::{Capstone, Endian};

const BASE: u64 = 0x1000_0000;

fn normalise(text: &str) -> String {
    let text = text.trim().to_ascii_lowercase();
    let (mnem, ops) = match text.split_once(' ') {
        Some((m, o)) => (m.to_string(), o.to_string()),
        None => (text.clone(), String::new()),
    };
    let mut ops: Vec<String> = ops
        .split(',')
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .map(operand)
        .collect();
    let mut mnem = mnem;
    match (mnem.as_str(), ops.len()) {
        ("addu", 3) if ops[2] == "$zero" => {
            mnem = "move".into();
            ops.truncate(2);
        }
        ("jalr", 2) if ops[0] == "$zero" => {
            mnem = "jr".into();
            ops.remove(0);
        }
        ("div" | "divu", 3) if ops[0] == "$zero" => {
            ops.remove(0);
        }
        ("ssnop", 0) => return "sll $zero,$zero,1".into(),
        ("ehb", 0) => return "sll $zero,$zero,3".into(),
        _ => {}
    }
    if ops.is_empty() {
        mnem
    } else {
        format!("{mnem} {}", ops.join(","))
    }
}

fn operand(op: &str) -> String {
    if op == "$fp" {
        return "$s8".into();
    }
    if let Some(base) = op.strip_prefix('(') {
        return format!("0({}", base.replace("$fp", "$s8"));
    }
    if let Some((off, base)) = op.split_once('(') {
        return format!("{}({}", number(off), base.replace("$fp", "$s8"));
    }
    number(op)
}

fn number(s: &str) -> String {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let v = if let Some(h) = digits.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()
    } else {
        digits.parse::<i64>().ok()
    };
    match v {
        Some(v) => format!("{}", if neg { -v } else { v }),
        None => s.to_string(),
    }
}

fn check(endian: Endian, isa: &'static dyn asm_dsl_core::Isa, file: &str) {
    let cs = Capstone::new()
        .mips()
        .mode(ArchMode::Mips32)
        .endian(endian)
        .build()
        .expect("capstone");
    let mut compared = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    for line in file.lines().filter(|l| !l.starts_with('#')) {
        let (text, hex) = line.rsplit_once(" | ").unwrap();
        if text.starts_with("li ") {
            continue;
        }
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let ours = match isa.disassemble(&bytes, BASE) {
            Ok((_, t)) => t,
            Err(e) => {
                failures.push(format!("{text}: {e}"));
                continue;
            }
        };
        let insns = cs.disasm_count(&bytes, BASE, 1).expect("capstone disasm");
        let Some(insn) = insns.iter().next() else {
            if text.starts_with("c.") && text.contains("$fcc") {
                skipped += 1;
            } else {
                failures.push(format!("{text}: capstone cannot decode {hex}"));
            }
            continue;
        };
        let theirs = format!(
            "{} {}",
            insn.mnemonic().unwrap_or(""),
            insn.op_str().unwrap_or("")
        );
        compared += 1;
        if normalise(&ours) != normalise(&theirs) {
            failures.push(format!("{hex}: xlj '{ours}' capstone '{theirs}'"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
    assert!(compared > 5000, "compared only {compared}");
    assert!(skipped < 300, "skipped {skipped}");
    println!("compared {compared} rows with capstone, skipped {skipped}");
}

#[test]
fn agrees_big_endian() {
    check(
        Endian::Big,
        &xlj_isa_mips::MIPS,
        include_str!("golden/mips.txt"),
    );
}

#[test]
fn agrees_little_endian() {
    check(
        Endian::Little,
        &xlj_isa_mips::MIPSEL,
        include_str!("golden/mipsel.txt"),
    );
}

#[test]
fn normalisation() {
    assert_eq!(normalise("lw $t0, ($fp)"), "lw $t0,0($s8)");
    assert_eq!(normalise("addiu $t0, $t1, -0x8000"), "addiu $t0,$t1,-32768");
    assert_eq!(normalise("div $zero, $a0, $a1"), "div $a0,$a1");
    assert_eq!(normalise("nop"), "nop");
}
