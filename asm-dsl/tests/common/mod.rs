//! Reading the ISAs' golden files (bytes recorded from GNU as by each
//! ISA's `tools/gen-golden.py`), shared by the macro test files.

#![allow(dead_code)]

use std::collections::HashMap;

use asm_dsl::isa_by_name;

/// `text -> bytes` rows of a golden file under `targets/`.
pub fn golden(file: &str) -> HashMap<String, Vec<u8>> {
    let path = format!("{}/../targets/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            // `text | bytes`, optionally followed by `| objdump's text`.
            let mut f = l.split('|');
            Some((f.next()?, f.next()?))
        })
        .map(|(t, h)| {
            let h: String = h.split_whitespace().collect();
            let bytes = (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                .collect();
            (t.trim().trim_start_matches('~').trim().to_string(), bytes)
        })
        .collect()
}

/// The golden bytes of `rows` in order; every row must be in the file.
pub fn golden_bytes(file: &str, rows: &[&str]) -> Vec<u8> {
    let g = golden(file);
    let mut out = Vec::new();
    for r in rows {
        let b = g
            .get(*r)
            .unwrap_or_else(|| panic!("row `{r}` is not in {file}"));
        out.extend_from_slice(b);
    }
    out
}

pub fn isa(name: &str) -> &'static dyn asm_dsl::Isa {
    isa_by_name(name).unwrap()
}

/// Rows `<prefix><number>` of a golden file, with the number parsed
/// (decimal or `0x`, optionally negative), for the constant loaders.
pub fn constant_rows(file: &str, prefix: &str) -> Vec<(i64, Vec<u8>)> {
    let mut rows: Vec<(i64, Vec<u8>)> = golden(file)
        .into_iter()
        .filter_map(|(t, b)| {
            let n = t.strip_prefix(prefix)?;
            let (neg, n) = match n.strip_prefix('-') {
                Some(n) => (true, n),
                None => (false, n),
            };
            let v = match n.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16).ok()? as i64,
                None => n.parse::<i64>().ok()?,
            };
            Some((if neg { v.wrapping_neg() } else { v }, b))
        })
        .collect();
    rows.sort();
    assert!(rows.len() > 10, "too few `{prefix}` rows in {file}");
    rows
}
