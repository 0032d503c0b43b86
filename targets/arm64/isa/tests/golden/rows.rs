//! Reads the golden table (shared by the golden and capstone tests).

use asm_dsl_core::Isa;
use xlj_isa_arm64::ARM64;

pub struct Row {
    pub line: usize,
    pub text: String,
    pub bytes: Vec<u8>,
    pub disasm: String,
}

pub fn rows() -> Vec<Row> {
    let src = include_str!("arm64.txt");
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
