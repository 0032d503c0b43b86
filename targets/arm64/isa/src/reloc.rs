//! Relocation kinds and patching.
//!
//! Every relocation is recorded at the start of its instruction; the kind
//! says which field holds the pc-relative distance. Targets that do not
//! fit the field, or are not word-aligned where the field counts words,
//! are refused with [`AsmError::BranchRange`].

use asm_dsl_core::{AsmError, RelocKind};

/// b/bl: 26-bit word offset (±128 MiB).
pub const IMM26: RelocKind = RelocKind(0);
/// b.cond, cbz/cbnz, ldr literal: 19-bit word offset at bit 5 (±1 MiB).
pub const IMM19: RelocKind = RelocKind(1);
/// tbz/tbnz: 14-bit word offset at bit 5 (±32 KiB).
pub const IMM14: RelocKind = RelocKind(2);
/// adr: 21-bit byte offset split into immlo (29..30) and immhi (5..23).
pub const ADR21: RelocKind = RelocKind(3);
/// adrp: 21-bit offset in 4 KiB pages, split like adr (±4 GiB).
pub const ADRP21: RelocKind = RelocKind(4);

fn word_offset(delta: i64, bits: u32, what: &str) -> Result<u32, AsmError> {
    if delta % 4 != 0 {
        return Err(AsmError::BranchRange(format!(
            "{what}: target is {delta} bytes away, not a whole number of instructions"
        )));
    }
    let words = delta / 4;
    let lim = 1i64 << (bits - 1);
    if words < -lim || words >= lim {
        return Err(AsmError::BranchRange(format!(
            "{what}: target is {delta} bytes away, beyond ±{} bytes",
            lim * 4
        )));
    }
    Ok((words as u32) & ((1u32 << bits) - 1))
}

fn split21(v: i64, what: &str) -> Result<u32, AsmError> {
    if !(-(1i64 << 20)..(1i64 << 20)).contains(&v) {
        return Err(AsmError::BranchRange(format!(
            "{what}: offset {v} does not fit 21 bits"
        )));
    }
    let v = v as u32;
    Ok(((v & 3) << 29) | (((v >> 2) & 0x7ffff) << 5))
}

/// Fills the field of relocation `kind` in the instruction at `at`.
pub fn patch(
    kind: RelocKind,
    code: &mut [u8],
    at: usize,
    code_addr: u64,
    target: u64,
) -> Result<(), AsmError> {
    let bytes = code
        .get(at..at + 4)
        .ok_or_else(|| AsmError::Label(format!("relocation at {at} is outside the code")))?;
    let mut word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    let pc = code_addr.wrapping_add(at as u64);
    let delta = target.wrapping_sub(pc) as i64;
    word = match kind {
        IMM26 => (word & 0xFC00_0000) | word_offset(delta, 26, "b/bl")?,
        IMM19 => (word & 0xFF00_001F) | (word_offset(delta, 19, "b.cond/cbz/ldr literal")? << 5),
        IMM14 => (word & 0xFFF8_001F) | (word_offset(delta, 14, "tbz/tbnz")? << 5),
        ADR21 => (word & 0x9F00_001F) | split21(delta, "adr")?,
        ADRP21 => {
            let pages = ((target & !0xfff) as i64).wrapping_sub((pc & !0xfff) as i64) >> 12;
            (word & 0x9F00_001F) | split21(pages, "adrp")?
        }
        _ => {
            return Err(AsmError::Label(format!(
                "unknown relocation kind {}",
                kind.0
            )))
        }
    };
    code[at..at + 4].copy_from_slice(&word.to_le_bytes());
    Ok(())
}
