//! The disassembler agrees with capstone (ARM64 mode) on every golden row.
//!
//! Normalisation applied to both texts before comparing, because the two
//! disassemblers spell a few things differently but mean the same:
//! - lower case, no spaces around operands, `#` dropped;
//! - every number rewritten in decimal as a 64-bit two's-complement
//!   pattern, cut to 32 bits when the first operand is a `w` register
//!   (capstone prints `#-0x78787879` where objdump and xlj print
//!   `#0x87878787`, and post-index offsets as `#0xffffffffffffff00`);
//!   FP immediates compared as values (capstone `#1.37500000`);
//! - the condition synonyms `hs`/`lo` are `cs`/`cc`;
//! - `orr rd, zr, #imm` is `mov rd, #imm` (capstone prints the `mov`
//!   alias even when a movz could make the value; objdump does not).

//!
//! The same comparison runs over the words near valid encodings
//! (`golden/arm64-disasm.txt`) that xlj decodes. There capstone refuses
//! some encodings objdump and xlj print (unpredictable register overlaps
//! such as `ldp w2, w2, [x7]` or a writeback into the loaded register);
//! those are skipped and counted. Capstone also prints `bfc` for a
//! `bfm` from the zero register whose imms is not below immr, which the
//! architecture calls `bfxil`; that one spelling is accepted.

use capstone::arch::arm64::ArchMode;
use capstone::arch::BuildsCapstone;
use capstone::Capstone;

#[path = "golden/rows.rs"]
#[allow(dead_code)]
mod rows;

fn is_number(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    if let Some(h) = t.strip_prefix("0x") {
        return !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit());
    }
    !t.is_empty()
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.parse::<f64>().is_ok()
}

fn number(t: &str, w32: bool) -> String {
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t),
    };
    let v = if let Some(h) = digits.strip_prefix("0x") {
        u64::from_str_radix(h, 16).unwrap()
    } else if digits.contains('.') || digits.contains('e') {
        return format!("{:?}", t.parse::<f64>().unwrap());
    } else {
        digits.parse::<u64>().unwrap()
    };
    let v = if neg { v.wrapping_neg() } else { v };
    let v = if w32 { v & 0xffff_ffff } else { v };
    v.to_string()
}

fn normalise(text: &str) -> String {
    let text = text.trim().to_ascii_lowercase();
    let (m, ops) = text.split_once(' ').unwrap_or((&text, ""));
    let m = match m {
        "b.hs" => "b.cs",
        "b.lo" => "b.cc",
        m => m,
    };
    let w32 = ops.trim_start().starts_with('w');
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let t = word.trim_start_matches('#');
        let t = match t {
            "hs" => "cs".to_string(),
            "lo" => "cc".to_string(),
            t if is_number(t) => number(t, w32),
            t => t.to_string(),
        };
        out.push_str(&t);
        word.clear();
    };
    for c in ops.chars() {
        match c {
            '[' | ']' | ',' | '!' => {
                flush(&mut word, &mut out);
                out.push(c);
            }
            ' ' => flush(&mut word, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut out);
    let parts: Vec<&str> = out.split(',').collect();
    if m == "orr" && parts.len() == 3 && (parts[1] == "xzr" || parts[1] == "wzr") {
        return format!("mov {},{}", parts[0], parts[2]);
    }
    format!("{m} {out}").trim().to_string()
}

#[test]
fn disassembler_agrees_with_capstone() {
    let cs = Capstone::new()
        .arm64()
        .mode(ArchMode::Arm)
        .build()
        .expect("capstone");
    let mut compared = 0;
    let mut failures = Vec::new();
    for r in rows::rows() {
        for (i, word) in r.bytes.chunks(4).enumerate() {
            let addr = (i * 4) as u64;
            let ours = match xlj_isa_arm64::disasm::disassemble(word, addr) {
                Ok((_, t)) => t,
                Err(e) => {
                    failures.push(format!("line {}: {e}", r.line));
                    continue;
                }
            };
            let insns = cs.disasm_count(word, addr, 1).expect("capstone runs");
            let theirs = match insns.iter().next() {
                Some(i) => format!(
                    "{} {}",
                    i.mnemonic().unwrap_or(""),
                    i.op_str().unwrap_or("")
                ),
                None => {
                    failures.push(format!(
                        "line {}: capstone cannot decode {word:02x?}",
                        r.line
                    ));
                    continue;
                }
            };
            compared += 1;
            if normalise(&ours) != normalise(&theirs) {
                failures.push(format!(
                    "line {}: xlj `{ours}` vs capstone `{theirs}` ({} vs {})",
                    r.line,
                    normalise(&ours),
                    normalise(&theirs)
                ));
            }
        }
    }
    let mut skipped = 0;
    let mut near = 0;
    let src = include_str!("golden/arm64-disasm.txt");
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        let (hex, _) = line.split_once(" | ").expect("row");
        let word = u32::from_str_radix(hex, 16).expect("hex").to_le_bytes();
        let Ok((_, ours)) = xlj_isa_arm64::disasm::disassemble(&word, 0) else {
            continue;
        };
        let insns = cs.disasm_count(&word, 0, 1).expect("capstone runs");
        let Some(i) = insns.iter().next() else {
            skipped += 1;
            continue;
        };
        let theirs = format!(
            "{} {}",
            i.mnemonic().unwrap_or(""),
            i.op_str().unwrap_or("")
        );
        if theirs.starts_with("bfc ") && ours.starts_with("bfxil ") {
            continue;
        }
        near += 1;
        if normalise(&ours) != normalise(&theirs) {
            failures.push(format!("{hex}: xlj `{ours}` vs capstone `{theirs}`"));
        }
    }
    assert!(
        near > 10_000 && skipped < near / 50,
        "{near} compared, {skipped} skipped"
    );
    compared += near;
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(compared > 5000, "only {compared} instructions compared");
    assert!(failures.is_empty(), "{} disagreements", failures.len());
}
