//! Reading the ISAs' golden files (bytes recorded from GNU as by each
//! ISA's `tools/gen-golden.py`), shared by the macro test files.

#![allow(dead_code)]

use std::collections::HashMap;

use asm_dsl::{assemble_text, isa_by_name};

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

/// Checks the macro's bytes `got` for the straight-line `rows`: each row's
/// share must be what the text assembler makes of the row (the macro's
/// contract), and each row that is in the golden file must have GNU as's
/// bytes. A few rows may be missing from the file (a regenerated golden
/// file may spell them differently) but most must be there, so the check
/// against the reference cannot silently vanish.
pub fn check_rows(name: &str, file: &str, addr: u64, rows: &[&str], got: &[u8]) {
    let g = golden(file);
    let (mut at, mut found) = (0, 0);
    for r in rows {
        let want = assemble_text(isa(name), r, addr).unwrap_or_else(|e| panic!("{r}: {e}"));
        let chunk = got.get(at..at + want.len());
        assert_eq!(chunk, Some(&want[..]), "{name}: `{r}` at {at}");
        if let Some(gas) = g.get(*r) {
            assert_eq!(gas, &want, "{name}: `{r}` against GNU as");
            found += 1;
        }
        at += want.len();
    }
    assert_eq!(at, got.len(), "{name}: trailing bytes");
    assert!(
        found * 4 >= rows.len() * 3,
        "{name}: only {found} of {} rows are in {file}",
        rows.len()
    );
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
