//! The disassembler on words near valid encodings (golden words with bits
//! flipped, with objdump's text recorded by `tools/gen-golden.py`): every
//! word xlj decodes must read as objdump reads it, words objdump finds
//! undefined must be refused, and a word that xlj refuses must not be one
//! whose objdump text xlj itself assembles back to that word.

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_arm64::ARM64;

#[test]
fn disassembler_matches_objdump_near_valid_encodings() {
    let src = include_str!("golden/arm64-disasm.txt");
    let mut failures = Vec::new();
    let (mut decoded, mut total) = (0, 0);
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        let (hex, text) = line.split_once(" | ").expect("row");
        let word = u32::from_str_radix(hex, 16).expect("hex word");
        let bytes = word.to_le_bytes();
        total += 1;
        match (ARM64.disassemble(&bytes, 0), text) {
            (Ok((_, ours)), "?") => {
                failures.push(format!("{hex}: objdump finds nothing, xlj `{ours}`"))
            }
            (Ok((_, ours)), theirs) if ours != theirs => {
                failures.push(format!("{hex}: xlj `{ours}`, objdump `{theirs}`"))
            }
            (Ok(_), _) => decoded += 1,
            (Err(_), "?") => {}
            (Err(e), theirs) => {
                if assemble_text(&ARM64, theirs, 0).ok().as_deref() == Some(&bytes[..]) {
                    failures.push(format!(
                        "{hex}: xlj assembles `{theirs}` but refuses it: {e}"
                    ));
                }
            }
        }
    }
    eprintln!("{decoded} of {total} words decoded as objdump decodes them");
    for f in failures.iter().take(50) {
        eprintln!("{f}");
    }
    assert!(
        total > 10000 && decoded > total / 3,
        "decoded {decoded} of {total}"
    );
    assert!(failures.is_empty(), "{} failures", failures.len());
}
