//! Relocation kinds and how each is patched.
//!
//! Every kind is recorded at the start of its instruction. ARM reads `pc`
//! as the instruction's address plus 8, so every displacement is measured
//! from there. Each patch range-checks the displacement and refuses one
//! that does not fit, so a far target is an error and never a wrong jump.

use asm_dsl_core::{AsmError, RelocKind};

/// `b`/`bl`: a signed 24-bit word displacement (±32 MiB).
pub const B24: RelocKind = RelocKind(1);
/// `ldr` literal: a 12-bit byte offset and the U (add) bit (±4095).
pub const LDR12: RelocKind = RelocKind(2);
/// `vldr` literal: an 8-bit word offset and the U bit (±1020).
pub const VLDR8: RelocKind = RelocKind(3);

/// `adr`: `add rd, pc, #d` or `sub rd, pc, #d` with `d` a rotated
/// immediate (any word-aligned target within ±1020 bytes, and many more).
pub const ADR: RelocKind = RelocKind(4);

fn read(code: &[u8], at: usize) -> Result<u32, AsmError> {
    code.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| AsmError::Label(format!("relocation at {at} is outside the code")))
}

/// Fills relocation `kind` of the instruction at `code[at..]`.
pub fn patch(
    kind: RelocKind,
    code: &mut [u8],
    at: usize,
    code_addr: u64,
    target: u64,
) -> Result<(), AsmError> {
    let word = read(code, at)?;
    let pc = code_addr.wrapping_add(at as u64).wrapping_add(8);
    let disp = target.wrapping_sub(pc) as i64;
    let word = match kind {
        B24 => {
            if disp % 4 != 0 || !(-(1i64 << 25)..(1i64 << 25)).contains(&disp) {
                return Err(AsmError::BranchRange(format!(
                    "branch displacement {disp} is not a multiple of 4 within ±32 MiB"
                )));
            }
            (word & 0xff00_0000) | ((disp >> 2) as u32 & 0x00ff_ffff)
        }
        LDR12 => {
            if disp.unsigned_abs() > 4095 {
                return Err(AsmError::BranchRange(format!(
                    "literal at displacement {disp} is beyond ±4095 bytes"
                )));
            }
            let up = (disp >= 0) as u32;
            (word & !0x0080_0fff) | (up << 23) | disp.unsigned_abs() as u32
        }
        VLDR8 => {
            if disp % 4 != 0 || disp.unsigned_abs() > 1020 {
                return Err(AsmError::BranchRange(format!(
                    "literal at displacement {disp} is not a multiple of 4 within ±1020 bytes"
                )));
            }
            let up = (disp >= 0) as u32;
            (word & !0x0080_00ff) | (up << 23) | (disp.unsigned_abs() as u32 >> 2)
        }
        ADR => {
            let (opc, mag) = if disp >= 0 { (4, disp) } else { (2, -disp) };
            let field = u32::try_from(mag)
                .ok()
                .and_then(crate::imms::rotated)
                .ok_or_else(|| {
                    AsmError::BranchRange(format!(
                        "adr displacement {disp} is not a rotated immediate"
                    ))
                })?;
            (word & 0xf000_f000) | 0x020f_0000 | (opc << 21) | field
        }
        _ => {
            return Err(AsmError::Label(format!(
                "unknown ARM relocation kind {}",
                kind.0
            )))
        }
    };
    code[at..at + 4].copy_from_slice(&word.to_le_bytes());
    Ok(())
}
