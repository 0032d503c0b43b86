//! The golden table: every row of `tests/golden/arm64.txt` (generated from
//! GNU binutils by `tools/gen-golden.py`) must assemble to its bytes, and
//! those bytes must disassemble to objdump's text (the third column, or
//! the input text when objdump prints it the same way).

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_arm64::ARM64;

pub struct Row {
    pub line: usize,
    pub text: String,
    pub bytes: Vec<u8>,
    pub disasm: String,
}

pub fn rows() -> Vec<Row> {
    let src = include_str!("golden/arm64.txt");
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(" | ").collect();
        let bytes = cols[1]
            .split_whitespace()
            .map(|h| u8::from_str_radix(h, 16).unwrap())
            .collect();
        out.push(Row {
            line: i + 1,
            text: cols[0].to_string(),
            bytes,
            disasm: cols.get(2).unwrap_or(&cols[0]).to_string(),
        });
    }
    out
}

/// Disassembles all of `bytes` (placed at 0), joining instructions with "; ".
pub fn disassemble_all(bytes: &[u8]) -> Result<String, String> {
    let mut at = 0;
    let mut parts = Vec::new();
    while at < bytes.len() {
        let (len, text) = ARM64
            .disassemble(&bytes[at..], at as u64)
            .map_err(|e| e.to_string())?;
        parts.push(text);
        at += len;
    }
    Ok(parts.join("; "))
}

#[test]
fn golden_rows_encode_and_disassemble() {
    let rows = rows();
    assert!(rows.len() > 5000, "only {} golden rows", rows.len());
    let mut failures = Vec::new();
    for r in &rows {
        match assemble_text(&ARM64, &r.text, 0) {
            Ok(b) if b == r.bytes => {}
            Ok(b) => failures.push(format!(
                "line {}: `{}` encodes to {:02x?}, GNU as gives {:02x?}",
                r.line, r.text, b, r.bytes
            )),
            Err(e) => failures.push(format!("line {}: `{}` fails: {e}", r.line, r.text)),
        }
        match disassemble_all(&r.bytes) {
            Ok(t) if t == r.disasm => {}
            Ok(t) => failures.push(format!(
                "line {}: {:02x?} disassembles to `{t}`, objdump gives `{}`",
                r.line, r.bytes, r.disasm
            )),
            Err(e) => failures.push(format!("line {}: {:02x?}: {e}", r.line, r.bytes)),
        }
        // The disassembly must itself assemble back to the same bytes.
        if let Ok(b) = assemble_text(&ARM64, &r.disasm, 0) {
            if b != r.bytes {
                failures.push(format!(
                    "line {}: disassembly `{}` re-encodes to {:02x?}",
                    r.line, r.disasm, b
                ));
            }
        } else {
            failures.push(format!(
                "line {}: disassembly `{}` does not parse",
                r.line, r.disasm
            ));
        }
    }
    let n = failures.len();
    for f in failures.iter().take(60) {
        eprintln!("{f}");
    }
    assert_eq!(n, 0, "{n} golden failures out of {} rows", rows.len());
}
