//! The golden encodings: every row of tests/golden/mips.txt and
//! mipsel.txt (recorded from GNU as by tools/gen-golden.py) must assemble
//! to exactly its bytes and disassemble back to exactly its text; `li`
//! rows, which the disassembler shows expanded, must re-assemble from that
//! expansion to the same bytes. Every row of mips-errors.txt must be
//! refused.

use asm_dsl_core::{assemble_text, AsmError, Isa};
use xlj_isa_mips::{MIPS, MIPSEL};

const BASE: u64 = 0x1000_0000;

fn rows(file: &str) -> Vec<(String, String)> {
    file.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (t, b) = l.rsplit_once(" | ").expect("row without ' | '");
            (t.to_string(), b.to_string())
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn disassemble_all(isa: &'static dyn Isa, code: &[u8], addr: u64) -> Result<String, AsmError> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let (len, text) = isa.disassemble(&code[at..], addr + at as u64)?;
        out.push(text);
        at += len;
    }
    Ok(out.join("; "))
}

fn check(isa: &'static dyn Isa, file: &str) -> usize {
    let rows = rows(file);
    let mut failures = Vec::new();
    for (text, want) in &rows {
        match assemble_text(isa, text, BASE) {
            Ok(bytes) if hex(&bytes) == *want => {}
            Ok(bytes) => failures.push(format!("{text}: assembled {} want {want}", hex(&bytes))),
            Err(e) => failures.push(format!("{text}: {e}")),
        }
        let bytes: Vec<u8> = (0..want.len() / 2)
            .map(|i| u8::from_str_radix(&want[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        match disassemble_all(isa, &bytes, BASE) {
            Ok(t) if t == *text => {}
            Ok(t) if text.starts_with("li ") => match assemble_text(isa, &t, BASE) {
                Ok(b) if b == bytes => {}
                other => failures.push(format!("{text}: expansion {t} gives {other:?}")),
            },
            Ok(t) => failures.push(format!("{want}: disassembled '{t}' want '{text}'")),
            Err(e) => failures.push(format!("{want}: {e} (want '{text}')")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures[..failures.len().min(40)].join("\n")
    );
    rows.len()
}

#[test]
fn big_endian_rows() {
    let n = check(&MIPS, include_str!("golden/mips.txt"));
    assert!(n > 5000, "only {n} rows");
}

#[test]
fn little_endian_rows() {
    let n = check(&MIPSEL, include_str!("golden/mipsel.txt"));
    assert!(n > 5000, "only {n} rows");
}

/// The error each rule of mips-errors.txt must give.
fn expected_error(rule: &str, e: &AsmError) -> bool {
    match rule {
        "branch range" | "jump region/alignment" => matches!(e, AsmError::BranchRange(_)),
        "odd double register" | "jalr rd == rs" | "link register as source" => {
            matches!(e, AsmError::NoForm(_))
        }
        _ => matches!(e, AsmError::ImmRange(_)),
    }
}

#[test]
fn error_rows_are_refused() {
    let rows = rows(include_str!("golden/mips-errors.txt"));
    assert!(rows.len() > 500);
    for isa in [&MIPS, &MIPSEL] {
        for (text, rule) in &rows {
            match assemble_text(isa, text, BASE) {
                Ok(b) => panic!("{text} (breaks: {rule}) assembled to {}", hex(&b)),
                Err(e) => assert!(expected_error(rule, &e), "{text} ({rule}): {e:?}"),
            }
        }
    }
}
