//! Relocation kinds and how they are filled in.
//!
//! Every relocated field is little-endian and holds an addend written by
//! the encoder (a displacement added to a label, 0 for branches), which
//! `patch` adds to the target:
//! - [`REL8`], [`REL32`]: a branch displacement ending the instruction,
//!   relative to the field's end;
//! - `rip32(tail)`: a rip-relative displacement followed by `tail` bytes of
//!   immediate, relative to the end of the instruction;
//! - [`ABS32`], [`ABS64`]: the absolute address (x86 `[->label]`, `mov`
//!   of a label's address).

use asm_dsl_core::{AsmError, RelocKind};

use crate::Mode;

pub const REL8: RelocKind = RelocKind(1);
pub const REL32: RelocKind = RelocKind(2);
pub const ABS32: RelocKind = RelocKind(3);
pub const ABS64: RelocKind = RelocKind(4);
const RIP32_BASE: u8 = 16;

/// A rip-relative displacement followed by `tail` immediate bytes.
pub fn rip32(tail: u8) -> RelocKind {
    RelocKind(RIP32_BASE + tail)
}

fn field(code: &mut [u8], at: usize, size: usize) -> Result<&mut [u8], AsmError> {
    code.get_mut(at..at.wrapping_add(size))
        .ok_or_else(|| AsmError::BranchRange(format!("relocation at {at} is outside the code")))
}

fn read(f: &[u8]) -> i64 {
    let mut v = [0u8; 8];
    v[..f.len()].copy_from_slice(f);
    let raw = u64::from_le_bytes(v);
    let shift = 64 - 8 * f.len() as u32;
    ((raw << shift) as i64) >> shift
}

fn write(f: &mut [u8], v: i64) {
    let n = f.len();
    f.copy_from_slice(&v.to_le_bytes()[..n]);
}

pub fn patch(
    mode: Mode,
    kind: RelocKind,
    code: &mut [u8],
    at: usize,
    code_addr: u64,
    target: u64,
) -> Result<(), AsmError> {
    let (size, tail, relative) = match kind {
        REL8 => (1, 0, true),
        REL32 => (4, 0, true),
        ABS32 => (4, 0, false),
        ABS64 => (8, 0, false),
        RelocKind(k) if (RIP32_BASE..=RIP32_BASE + 4).contains(&k) => {
            (4, (k - RIP32_BASE) as u64, true)
        }
        RelocKind(k) => {
            return Err(AsmError::BranchRange(format!(
                "unknown relocation kind {k}"
            )))
        }
    };
    let f = field(code, at, size)?;
    let addend = read(f);
    let target = target.wrapping_add(addend as u64);
    let value = if relative {
        let end = code_addr
            .wrapping_add(at as u64)
            .wrapping_add(size as u64 + tail);
        let delta = target.wrapping_sub(end) as i64;
        // 32-bit addresses wrap, so every rel32 reaches on x86.
        let delta = if mode == Mode::X86 {
            delta as i32 as i64
        } else {
            delta
        };
        let bits = 8 * size as u32;
        let lo = -(1i64 << (bits - 1));
        if delta < lo || delta > -lo - 1 {
            return Err(AsmError::BranchRange(format!(
                "target 0x{target:x} is {delta} bytes away, beyond a {bits}-bit displacement"
            )));
        }
        delta
    } else {
        if size == 4 && target > u32::MAX as u64 {
            return Err(AsmError::BranchRange(format!(
                "address 0x{target:x} does not fit 32 bits"
            )));
        }
        target as i64
    };
    write(f, value);
    Ok(())
}
