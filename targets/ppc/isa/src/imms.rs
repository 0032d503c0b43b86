//! Operand fields: range checks when placing a value into an instruction
//! word, and extraction when reading one back.
//!
//! PowerPC immediates are plain bit fields (no rotation tricks); what
//! needs care is signedness (`addi` sign-extends, `ori` zero-extends,
//! `addis` takes either spelling of the high half), the split SPR number,
//! and the rotate aliases whose one written value fills two fields.

use asm_dsl_core::AsmError;

use crate::forms::Op;

#[inline]
fn range(what: &str, v: i64, lo: i64, hi: i64) -> Result<i64, AsmError> {
    if v < lo || v > hi {
        Err(out_of_range(what, v, lo, hi))
    } else {
        Ok(v)
    }
}

#[inline]
fn reg(what: &str, v: i64, count: i64) -> Result<u32, AsmError> {
    if (0..count).contains(&v) {
        Ok(v as u32)
    } else {
        Err(no_register(what, v))
    }
}

// Errors are built out of line, keeping formatting off the encoder's
// hot path.
#[cold]
#[inline(never)]
fn out_of_range(what: &str, v: i64, lo: i64, hi: i64) -> AsmError {
    AsmError::ImmRange(format!("{what} {v} is outside {lo}..={hi}"))
}

#[cold]
#[inline(never)]
fn no_register(what: &str, v: i64) -> AsmError {
    AsmError::NoForm(format!("{what} {v} does not exist"))
}

fn at_each(v: u32, shifts: &[u8]) -> u32 {
    shifts.iter().fold(0, |w, &s| w | (v << s))
}

/// Checks `v` for `op` and returns the bits it contributes. Branch
/// displacements (`Rel24`, `Rel14`) are byte offsets here.
pub fn place(op: Op, v: i64) -> Result<u32, AsmError> {
    Ok(match op {
        Op::Gpr(s) => at_each(reg("register r", v, 32)?, s),
        Op::Gpr0 | Op::Base => reg("register r", v, 32)? << 16,
        Op::Fpr(s) => at_each(reg("register f", v, 32)?, s),
        Op::Crf(s) | Op::CrfOpt(s) => reg("condition field cr", v, 8)? << s,
        Op::CrBit(s) => at_each(range("condition bit", v, 0, 31)? as u32, s),
        Op::Simm16 | Op::Disp => {
            range("16-bit signed immediate", v, -0x8000, 0x7fff)? as u32 & 0xffff
        }
        Op::Simm16Neg => {
            range(
                "negated 16-bit signed immediate",
                v.saturating_neg(),
                -0x8000,
                0x7fff,
            )? as u32
                & 0xffff
        }
        Op::Simm16Hi => range("16-bit high immediate", v, -0x8000, 0xffff)? as u32 & 0xffff,
        Op::Uimm16 => range("16-bit unsigned immediate", v, 0, 0xffff)? as u32,
        Op::Uimm16Lo => range("16-bit unsigned immediate", v, -0x8000, 0xffff)? as u32 & 0xffff,
        Op::Num { shift, bits } => (range("field", v, 0, (1 << bits) - 1)? as u32) << shift,
        Op::Shl => {
            let n = range("shift", v, 0, 31)? as u32;
            (n << 11) | ((31 - n) << 1)
        }
        Op::Shr => {
            let n = range("shift", v, 0, 31)? as u32;
            (((32 - n) & 31) << 11) | (n << 6)
        }
        Op::ClrR => (31 - range("bit count", v, 0, 31)? as u32) << 1,
        Op::Spr => {
            let n = range("special register", v, 0, 1023)? as u32;
            ((n & 31) << 16) | ((n >> 5) << 11)
        }
        Op::Bo | Op::BoCtr => {
            let bo = range("BO field", v, 0, 31)? as u32;
            if !VALID_BO.contains(&bo) {
                return Err(AsmError::ImmRange(format!(
                    "BO {bo} is not an architected branch condition (reserved z bits set)"
                )));
            }
            if op == Op::BoCtr && bo & 4 == 0 {
                return Err(AsmError::ImmRange(format!(
                    "BO {bo} decrements ctr, which bcctr branches to"
                )));
            }
            bo << 21
        }
        Op::Rel24 => displacement(v, 26)?,
        Op::Rel14 => displacement(v, 16)?,
        Op::Abs24 => {
            // The field sign-extends: the top 32 MiB are reachable too,
            // written either as a negative number or as the 32-bit address.
            let v = if (0xfe00_0000..=0xffff_ffff).contains(&v) {
                v - (1 << 32)
            } else {
                v
            };
            let a = range("absolute branch address", v, -(1 << 25), (1 << 25) - 1)?;
            if a & 3 != 0 {
                return Err(AsmError::ImmRange(format!(
                    "absolute branch address {a:#x} is not word aligned"
                )));
            }
            a as u32 & 0x03ff_fffc
        }
        Op::Imm32 => {
            range("32-bit constant", v, i32::MIN as i64, u32::MAX as i64)?;
            0
        }
    })
}

/// The architected BO encodings with the `z` bits clear (Book I, 2.4):
/// 0000y 0001y 0010y 0100y 0101y 0110y 1000y 1001y 10100.
const VALID_BO: [u32; 17] = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20];

/// A branch displacement of `bits` bits (including the two zero low bits).
pub fn displacement(v: i64, bits: u32) -> Result<u32, AsmError> {
    let half = 1i64 << (bits - 1);
    if v < -half || v >= half {
        return Err(AsmError::BranchRange(format!(
            "branch displacement {v} is outside -{half}..{half}"
        )));
    }
    if v & 3 != 0 {
        return Err(AsmError::BranchRange(format!(
            "branch displacement {v} is not a multiple of 4"
        )));
    }
    Ok(v as u32 & (((1u64 << bits) - 1) as u32))
}

fn field(w: u32, shift: u8, bits: u8) -> i64 {
    ((w >> shift) & ((1u32 << bits) - 1)) as i64
}

fn sext(v: u32, bits: u32) -> i64 {
    let s = 32 - bits;
    (((v << s) as i32) >> s) as i64
}

/// Reads `op`'s value back from `w` (the inverse of [`place`] for words
/// that `place` could produce; the caller re-encodes to confirm).
pub fn extract(op: Op, w: u32) -> i64 {
    match op {
        Op::Gpr(s) | Op::Fpr(s) | Op::CrBit(s) => field(w, s[0], 5),
        Op::Gpr0 | Op::Base => field(w, 16, 5),
        Op::Crf(s) | Op::CrfOpt(s) => field(w, s, 3),
        Op::Simm16 | Op::Disp | Op::Simm16Hi => sext(w & 0xffff, 16),
        Op::Simm16Neg => -sext(w & 0xffff, 16),
        Op::Uimm16 | Op::Uimm16Lo => (w & 0xffff) as i64,
        Op::Num { shift, bits } => field(w, shift, bits),
        Op::Bo | Op::BoCtr => field(w, 21, 5),
        Op::Shl => field(w, 11, 5),
        Op::Shr => field(w, 6, 5),
        Op::ClrR => 31 - field(w, 1, 5),
        Op::Spr => field(w, 16, 5) | (field(w, 11, 5) << 5),
        Op::Rel24 | Op::Abs24 => sext(w & 0x03ff_fffc, 26),
        Op::Rel14 => sext(w & 0xfffc, 16),
        Op::Imm32 => 0,
    }
}
