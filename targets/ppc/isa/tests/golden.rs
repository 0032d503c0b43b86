//! The golden table: every row of `tests/golden/ppc.txt` (generated from
//! GNU as by `tools/gen-golden.py`) must assemble to its bytes, and the
//! disassembly of those bytes must print the row's text (or, for alias
//! rows marked `~`, text that assembles back to the same bytes). Every
//! statement in `ppc-errors.txt`, which GNU as rejects, must be rejected.

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_ppc::PPC;

/// The address every row is assembled at (as in the generator).
const ADDR: u64 = 0x400_0000;

struct Row {
    line: usize,
    text: String,
    bytes: Vec<u8>,
    alias: bool,
}

fn rows() -> Vec<Row> {
    let file = include_str!("golden/ppc.txt");
    let mut out = Vec::new();
    for (i, line) in file.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (alias, line_body) = match line.strip_prefix("~ ") {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let (text, hex) = line_body
            .split_once(" | ")
            .unwrap_or_else(|| panic!("line {}: no ' | '", i + 1));
        let hex: String = hex.split_whitespace().collect();
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|k| u8::from_str_radix(&hex[k..k + 2], 16).unwrap())
            .collect();
        out.push(Row {
            line: i + 1,
            text: text.to_string(),
            bytes,
            alias,
        });
    }
    out
}

fn disassemble_all(bytes: &[u8]) -> Result<String, String> {
    let mut parts = Vec::new();
    let mut off = 0;
    while off < bytes.len() {
        let (len, text) = PPC
            .disassemble(&bytes[off..], ADDR + off as u64)
            .map_err(|e| e.to_string())?;
        parts.push(text);
        off += len;
    }
    Ok(parts.join("; "))
}

#[test]
fn golden_rows_assemble_and_disassemble() {
    let rows = rows();
    assert!(rows.len() > 10_000, "only {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        match assemble_text(&PPC, &row.text, ADDR) {
            Ok(b) if b == row.bytes => {}
            Ok(b) => failures.push(format!(
                "line {}: `{}` assembled to {:02x?}, want {:02x?}",
                row.line, row.text, b, row.bytes
            )),
            Err(e) => failures.push(format!("line {}: `{}`: {e}", row.line, row.text)),
        }
        match disassemble_all(&row.bytes) {
            Ok(text) if !row.alias && text != row.text => failures.push(format!(
                "line {}: {:02x?} disassembled to `{text}`, want `{}`",
                row.line, row.bytes, row.text
            )),
            Ok(text) if row.alias => match assemble_text(&PPC, &text, ADDR) {
                Ok(b) if b == row.bytes => {}
                other => failures.push(format!(
                    "line {}: alias `{}` printed as `{text}`, which gives {other:02x?}",
                    row.line, row.text
                )),
            },
            Ok(_) => {}
            Err(e) => failures.push(format!("line {}: `{}`: {e}", row.line, row.text)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

#[test]
fn statements_gnu_as_rejects_are_rejected() {
    let file = include_str!("golden/ppc-errors.txt");
    let mut accepted = Vec::new();
    let mut n = 0;
    for line in file.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        n += 1;
        if let Ok(b) = assemble_text(&PPC, line, ADDR) {
            accepted.push(format!("`{line}` gave {b:02x?}"));
        }
    }
    assert!(n > 1000, "only {n} error rows");
    assert!(
        accepted.is_empty(),
        "{} of {n} rejected statements were accepted:\n{}",
        accepted.len(),
        accepted[..accepted.len().min(60)].join("\n")
    );
}
