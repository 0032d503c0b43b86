//! Relocations: filling branch, jump and address fields once targets are
//! known, with range checks.
//!
//! - [`BRANCH16`]: conditional branches, `b`, `bal`, `bc1t`/`bc1f`. The
//!   16-bit field counts words from the delay slot (the branch's address
//!   plus 4), so targets lie within -131072..+131068 bytes of it.
//! - [`JUMP26`]: `j`/`jal`. The field holds bits 2..27 of the target; the
//!   top four bits come from the delay slot's address, so the target must
//!   be in the same 256 MiB region as the delay slot (not the jump itself:
//!   a jump in the last word of a region lands in the next one).
//! - [`HI_LO`]: `li rt, label`, a `lui`/`ori` pair whose halves take the
//!   absolute address; it must fit 32 bits.
//!
//! `at` is always the offset of the (first) instruction word.

use asm_dsl_core::{AsmError, Endian, RelocKind};

pub const BRANCH16: RelocKind = RelocKind(0);
pub const JUMP26: RelocKind = RelocKind(1);
pub const HI_LO: RelocKind = RelocKind(2);

pub fn patch(
    endian: Endian,
    kind: RelocKind,
    code: &mut [u8],
    at: usize,
    code_addr: u64,
    target: u64,
) -> Result<(), AsmError> {
    let here = code_addr + at as u64;
    let delay_slot = here + 4;
    match kind {
        BRANCH16 => {
            let delta = target as i64 - delay_slot as i64;
            if delta & 3 != 0 {
                return Err(AsmError::BranchRange(format!(
                    "branch target {target:#x} is not word aligned"
                )));
            }
            if !(-0x2_0000..0x2_0000).contains(&delta) {
                return Err(AsmError::BranchRange(format!(
                    "branch at {here:#x} cannot reach {target:#x} (±128 KiB from the delay slot)"
                )));
            }
            let w = read(endian, code, at)?;
            write(
                endian,
                code,
                at,
                (w & !0xffff) | ((delta >> 2) as u32 & 0xffff),
            )
        }
        JUMP26 => {
            if target & 3 != 0 {
                return Err(AsmError::BranchRange(format!(
                    "jump target {target:#x} is not word aligned"
                )));
            }
            if target >> 28 != delay_slot >> 28 {
                return Err(AsmError::BranchRange(format!(
                    "jump at {here:#x} cannot reach {target:#x}: not in the delay slot's \
                     256 MiB region"
                )));
            }
            let w = read(endian, code, at)?;
            let field = ((target >> 2) & 0x03ff_ffff) as u32;
            write(endian, code, at, (w & !0x03ff_ffff) | field)
        }
        HI_LO => {
            let addr = u32::try_from(target).map_err(|_| {
                AsmError::BranchRange(format!("address {target:#x} does not fit 32 bits"))
            })?;
            let hi = read(endian, code, at)?;
            let lo = read(endian, code, at + 4)?;
            write(endian, code, at, (hi & !0xffff) | (addr >> 16))?;
            write(endian, code, at + 4, (lo & !0xffff) | (addr & 0xffff))
        }
        _ => Err(AsmError::NoForm(format!(
            "unknown MIPS relocation kind {}",
            kind.0
        ))),
    }
}

fn read(endian: Endian, code: &[u8], at: usize) -> Result<u32, AsmError> {
    let b: [u8; 4] = code
        .get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| AsmError::NoForm(format!("relocation at {at} is outside the code")))?;
    Ok(match endian {
        Endian::Big => u32::from_be_bytes(b),
        Endian::Little => u32::from_le_bytes(b),
    })
}

fn write(endian: Endian, code: &mut [u8], at: usize, w: u32) -> Result<(), AsmError> {
    let b = match endian {
        Endian::Big => w.to_be_bytes(),
        Endian::Little => w.to_le_bytes(),
    };
    code.get_mut(at..at + 4)
        .ok_or_else(|| AsmError::NoForm(format!("relocation at {at} is outside the code")))?
        .copy_from_slice(&b);
    Ok(())
}

/// Reads the instruction word at the start of `code`.
pub fn word(endian: Endian, code: &[u8]) -> Option<u32> {
    read(endian, code, 0).ok()
}
