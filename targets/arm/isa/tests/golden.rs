//! The golden table: every row of `tests/golden/arm.txt` (generated from
//! GNU as by `tools/gen-golden.py`) must assemble to its bytes and
//! disassemble back to its text; every snippet of `arm-seq.txt` (labels,
//! literals, `mov32`) must assemble to its bytes.

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_arm::ARM;

/// The address every golden row was assembled at (see the script).
const ADDR: u64 = 0x400_0000;

fn rows(file: &'static str) -> impl Iterator<Item = (&'static str, Vec<u8>)> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (text, hex) = l.rsplit_once(" | ").expect("row is `text | hex`");
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex byte"))
                .collect();
            (text, bytes)
        })
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn golden_rows_encode_and_disassemble() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (text, bytes) in rows(include_str!("golden/arm.txt")) {
        count += 1;
        match assemble_text(&ARM, text, ADDR) {
            Ok(b) if b == bytes => {}
            Ok(b) => failures.push(format!(
                "{text}: assembled {} want {}",
                hex(&b),
                hex(&bytes)
            )),
            Err(e) => failures.push(format!("{text}: {e}")),
        }
        match ARM.disassemble(&bytes, ADDR) {
            Ok((4, t)) if t == text => {}
            Ok((_, t)) => {
                failures.push(format!("{}: disassembled {t:?} want {text:?}", hex(&bytes)))
            }
            Err(e) => failures.push(format!("{}: {e} (want {text:?})", hex(&bytes))),
        }
    }
    assert!(count > 10_000, "only {count} golden rows");
    assert!(
        failures.is_empty(),
        "{} of {count} rows fail:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

#[test]
fn golden_sequences_assemble() {
    let mut failures = Vec::new();
    for (text, bytes) in rows(include_str!("golden/arm-seq.txt")) {
        match assemble_text(&ARM, text, ADDR) {
            Ok(b) if b == bytes => {}
            Ok(b) => failures.push(format!(
                "{text}: assembled {} want {}",
                hex(&b),
                hex(&bytes)
            )),
            Err(e) => failures.push(format!("{text}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
