//! The golden table: every row of `tests/golden/arm64.txt` (generated from
//! GNU binutils by `tools/gen-golden.py`) must assemble to its bytes, and
//! those bytes must disassemble to objdump's text (the third column, or
//! the input text when objdump prints it the same way).

use asm_dsl_core::assemble_text;
use xlj_isa_arm64::ARM64;

#[path = "golden/rows.rs"]
mod rows;
use rows::{disassemble_all, rows};

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
