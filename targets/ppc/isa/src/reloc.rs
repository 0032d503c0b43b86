//! Relocations: the fields a branch or a label address leaves to be
//! filled once addresses are known, and `patch`, which fills them.
//!
//! Every kind is recorded at the start of its instruction word.
//! - [`REL24`]: `b`/`bl`, a signed word displacement of ±32 MiB.
//! - [`REL14`]: conditional branches, ±32 KiB. A conditional branch that
//!   cannot reach is refused ([`AsmError::BranchRange`]); code that needs
//!   farther jumps inverts the condition around a `b`.
//! - [`REL14_TAKEN`], [`REL14_NOT_TAKEN`]: hinted conditional branches
//!   (`beq+`, `bne-`), whose `y` bit depends on the branch direction.
//! - [`ABS_LO`], [`ABS_HI`], [`ABS_HA`]: the 16-bit halves of a label's
//!   absolute address (`@l`, `@h`, `@ha`). `@h` pairs with `ori` (which
//!   zero-extends); `@ha` adds 0x8000 first so that it pairs with `addi`
//!   or a load/store displacement, which sign-extend `@l`.

use asm_dsl_core::{AsmError, RelocKind};

use crate::forms::{Half, Hint, Y_BIT};
use crate::imms::displacement;

pub const REL24: RelocKind = RelocKind(1);
pub const REL14: RelocKind = RelocKind(2);
pub const ABS_LO: RelocKind = RelocKind(3);
pub const ABS_HI: RelocKind = RelocKind(4);
pub const ABS_HA: RelocKind = RelocKind(5);
/// REL14 of a branch hinted `+`: also sets the `y` bit for a forward target.
pub const REL14_TAKEN: RelocKind = RelocKind(6);
/// REL14 of a branch hinted `-`: also sets the `y` bit for a backward target.
pub const REL14_NOT_TAKEN: RelocKind = RelocKind(7);

pub fn half_kind(h: Half) -> RelocKind {
    match h {
        Half::Lo => ABS_LO,
        Half::Hi => ABS_HI,
        Half::Ha => ABS_HA,
    }
}

/// Fills the relocation of `kind` in the word at `at`.
pub fn patch(
    kind: RelocKind,
    code: &mut [u8],
    at: usize,
    code_addr: u64,
    target: u64,
) -> Result<(), AsmError> {
    let bytes: &mut [u8; 4] = code
        .get_mut(at..at.wrapping_add(4))
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| AsmError::Label(format!("relocation at {at} is outside the code")))?;
    let word = u32::from_be_bytes(*bytes);
    let here = code_addr.wrapping_add(at as u64) as i64;
    let (mask, field) = match kind {
        REL24 => (0x03ff_fffc, displacement(target as i64 - here, 26)?),
        REL14 => (0xfffc, displacement(target as i64 - here, 16)?),
        REL14_TAKEN | REL14_NOT_TAKEN => {
            let disp = target as i64 - here;
            let hint = if kind == REL14_TAKEN {
                Hint::Taken
            } else {
                Hint::NotTaken
            };
            let y = if hint.y(disp) { Y_BIT } else { 0 };
            (0xfffc | Y_BIT, displacement(disp, 16)? | y)
        }
        ABS_LO | ABS_HI | ABS_HA => {
            let a = u32::try_from(target).map_err(|_| {
                AsmError::ImmRange(format!("address {target:#x} does not fit 32 bits"))
            })?;
            let half = match kind {
                ABS_LO => a & 0xffff,
                ABS_HI => a >> 16,
                _ => a.wrapping_add(0x8000) >> 16,
            };
            (0xffff, half)
        }
        _ => {
            return Err(AsmError::NoForm(format!(
                "unknown PowerPC relocation kind {}",
                kind.0
            )))
        }
    };
    *bytes = ((word & !mask) | field).to_be_bytes();
    Ok(())
}
