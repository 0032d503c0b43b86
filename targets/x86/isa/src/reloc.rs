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

// Errors are built out of line, keeping formatting off the hot path.
#[cold]
#[inline(never)]
fn unknown(k: u8) -> AsmError {
    AsmError::BranchRange(format!("unknown relocation kind {k}"))
}

#[cold]
#[inline(never)]
fn too_far(target: u64, delta: i64, bits: u32) -> AsmError {
    AsmError::BranchRange(format!(
        "target 0x{target:x} is {delta} bytes away, beyond a {bits}-bit displacement"
    ))
}

fn field(code: &mut [u8], at: usize, size: usize) -> Result<&mut [u8], AsmError> {
    code.get_mut(at..at.wrapping_add(size))
        .ok_or_else(|| AsmError::BranchRange(format!("relocation at {at} is outside the code")))
}

/// Fields are 1, 4 or 8 bytes; matching on the size keeps every copy
/// fixed-length (no `memcpy` call per relocation).
fn read(f: &[u8]) -> i64 {
    match *f {
        [b] => b as i8 as i64,
        [a, b, c, d] => i32::from_le_bytes([a, b, c, d]) as i64,
        _ => {
            let mut v = [0u8; 8];
            let n = f.len().min(8);
            v[..n].copy_from_slice(&f[..n]);
            i64::from_le_bytes(v)
        }
    }
}

fn write(f: &mut [u8], v: i64) {
    match f.len() {
        1 => f[0] = v as u8,
        4 => f.copy_from_slice(&(v as i32).to_le_bytes()),
        n => {
            let n = n.min(8);
            f[..n].copy_from_slice(&v.to_le_bytes()[..n]);
        }
    }
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
        RelocKind(k) => return Err(unknown(k)),
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
            return Err(too_far(target, delta, bits));
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
