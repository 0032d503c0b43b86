//! Properties over many words and statements, beyond the golden rows:
//! every word the disassembler decodes re-assembles to the same word (at
//! the same address), and mangled statements never panic.

use asm_dsl_core::{assemble_statement, assemble_text, tokenize, Assembler, Isa, Token};
use xlj_isa_arm64::ARM64;

#[path = "golden/rows.rs"]
#[allow(dead_code)]
mod rows;

/// A fixed-seed xorshift generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn is_logical_imm(w: u32) -> bool {
    (w >> 23) & 0x3f == 0b100100
}

/// The word with immr cut to the element size, as DecodeBitMasks reads it.
fn canonical_logical(w: u32) -> u32 {
    let n = (w >> 22) & 1;
    let imms = (w >> 10) & 0x3f;
    let len = 31 - ((n << 6) | (!imms & 0x3f)).leading_zeros();
    let levels = (1 << len) - 1;
    let immr = (w >> 16) & 0x3f & levels;
    (w & !(0x3f << 16)) | (immr << 16)
}

#[test]
fn decoded_words_reassemble() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut words: Vec<u32> = (0..300_000).map(|_| rng.next() as u32).collect();
    // Words near the golden encodings decode far more often.
    for r in rows::rows() {
        for w in r.bytes.chunks(4) {
            let w = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            for _ in 0..8 {
                words.push(w ^ (1 << (rng.next() % 32)) ^ (1 << (rng.next() % 32)));
            }
        }
    }
    let mut failures = Vec::new();
    let mut decoded = 0;
    for (i, w) in words.iter().enumerate() {
        let addr = 0x40_0000 + (i as u64 % 1024) * 4;
        let Ok((_, text)) = ARM64.disassemble(&w.to_le_bytes(), addr) else {
            continue;
        };
        decoded += 1;
        match assemble_text(&ARM64, &text, addr) {
            Ok(b) if b == w.to_le_bytes() => {}
            // Logical immediates ignore the bits of immr above the element
            // size, so several words encode one value; the assembler picks
            // the canonical one.
            Ok(b) if is_logical_imm(*w) && canonical_logical(*w).to_le_bytes() == b[..] => {}
            Ok(b) => failures.push(format!("{w:08x} -> `{text}` -> {b:02x?}")),
            Err(e) => failures.push(format!("{w:08x} -> `{text}`: {e}")),
        }
    }
    for f in failures.iter().take(40) {
        eprintln!("{f}");
    }
    assert!(decoded > 50_000, "only {decoded} words decoded");
    assert!(
        failures.is_empty(),
        "{} failures of {decoded}",
        failures.len()
    );
}

#[test]
fn mangled_statements_do_not_panic() {
    let mut rng = Rng(12345);
    let extra = [
        Token::Punct('#'),
        Token::Punct('['),
        Token::Punct(']'),
        Token::Punct(','),
        Token::Punct('!'),
        Token::Punct('-'),
        Token::Int(u64::MAX),
        Token::Int(31),
        Token::Float(1.5),
        Token::Ident("sp".into()),
        Token::Ident("x".into()),
        Token::Ident("lsl".into()),
        Token::Splice(0),
    ];
    let rows = rows::rows();
    for stmt in rows.iter().flat_map(|r| r.text.split("; ")) {
        let tokens = tokenize(stmt).unwrap();
        for _ in 0..4 {
            let mut t = tokens.clone();
            match rng.next() % 3 {
                0 if t.len() > 1 => {
                    t.remove(1 + (rng.next() as usize) % (t.len() - 1));
                }
                1 => {
                    let at = 1 + (rng.next() as usize) % t.len();
                    t.insert(at, extra[(rng.next() as usize) % extra.len()].clone());
                }
                _ => {
                    let at = (rng.next() as usize) % t.len();
                    t[at] = extra[(rng.next() as usize) % extra.len()].clone();
                }
            }
            let mut asm = Assembler::new(&ARM64);
            let _ = assemble_statement(&mut asm, &t);
            let _ = asm.finish(0);
        }
    }
}
