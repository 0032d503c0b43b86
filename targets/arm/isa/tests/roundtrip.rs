//! A property over many pseudo-random words (a fixed LCG, so the run is
//! reproducible): the disassembler never panics, and whatever it prints
//! assembles back to exactly the same word. This is how encodings the
//! assembler cannot produce (non-canonical forms, fields that should be
//! zero) are caught: the disassembler must refuse those rather than print
//! text that means a different word.

use asm_dsl_core::{assemble_text, Isa};
use xlj_isa_arm::ARM;

const ADDR: u64 = 0x400_0000;

#[test]
fn printed_text_reassembles_to_the_same_word() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut failures = Vec::new();
    let mut decoded = 0;
    for i in 0..400_000u32 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let mut w = (seed >> 32) as u32;
        // Bias half the words towards the always condition and the VFP
        // coprocessor space, where most of the instruction set lives.
        match i % 4 {
            0 => w = (w & 0x0fff_ffff) | 0xe000_0000,
            1 => w = (w & 0x00ff_f1ff) | 0xee00_0a00,
            3 => w = (w & 0x01ff_f1ff) | 0xec00_0a00,
            _ => {}
        }
        let Ok((4, text)) = ARM.disassemble(&w.to_le_bytes(), ADDR) else {
            continue;
        };
        decoded += 1;
        match assemble_text(&ARM, &text, ADDR) {
            Ok(b) if b == w.to_le_bytes() => {}
            Ok(b) => failures.push(format!("{w:#010x} {text:?} -> {:02x?}", b)),
            Err(e) => failures.push(format!("{w:#010x} {text:?}: {e}")),
        }
    }
    assert!(decoded > 100_000, "only {decoded} words decoded");
    assert!(
        failures.is_empty(),
        "{} of {decoded} fail:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

/// Mangled statements (golden rows with a token dropped, doubled or a
/// number replaced by an extreme) must give an error or bytes, never a
/// panic.
#[test]
fn mangled_statements_never_panic() {
    let extremes = [
        "0",
        "-0",
        "1",
        "4294967295",
        "-2147483648",
        "18446744073709551615",
        "0x7fffffffffffffff",
    ];
    for (n, line) in include_str!("golden/arm.txt").lines().enumerate() {
        if line.starts_with('#') || n % 3 != 0 {
            continue;
        }
        let (text, _) = line.rsplit_once(" | ").expect("row");
        let words: Vec<&str> = text.split(' ').collect();
        for i in 0..words.len() {
            let mut dropped = words.clone();
            dropped.remove(i);
            let _ = assemble_text(&ARM, &dropped.join(" "), ADDR);
            let mut doubled = words.clone();
            doubled.insert(i, words[i]);
            let _ = assemble_text(&ARM, &doubled.join(" "), ADDR);
        }
        let e = extremes[n % extremes.len()];
        let swapped: String = text
            .split(|c: char| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .join(e);
        let _ = assemble_text(&ARM, &swapped, ADDR);
        let _ = assemble_text(&ARM, &text.replace(']', ""), ADDR);
        let _ = assemble_text(&ARM, &text.replace('}', ""), ADDR);
    }
}
