//! Immediate fields and their ranges.
//!
//! MIPS has few immediate shapes: 16-bit signed (arithmetic, compares,
//! load/store offsets), 16-bit unsigned (the logical operations and `lui`,
//! which zero-extend), 5-bit shift amounts and bit positions, and the
//! 10-bit `break` code. There is no scaling: offsets are byte offsets.
//! Loading any 32-bit constant ([`li_plan`]) picks the shortest of
//! `addiu`, `ori`, `lui` and `lui`+`ori` for the value.

use asm_dsl_core::AsmError;

pub fn simm16(v: i64, what: &str) -> Result<u32, AsmError> {
    if (-0x8000..=0x7fff).contains(&v) {
        Ok(v as u32 & 0xffff)
    } else {
        Err(AsmError::ImmRange(format!(
            "{what} {v} does not fit a signed 16-bit field (-32768..32767)"
        )))
    }
}

pub fn uimm16(v: i64, what: &str) -> Result<u32, AsmError> {
    if (0..=0xffff).contains(&v) {
        Ok(v as u32)
    } else {
        Err(AsmError::ImmRange(format!(
            "{what} {v} does not fit an unsigned 16-bit field (0..65535)"
        )))
    }
}

pub fn unsigned(v: i64, bits: u32, what: &str) -> Result<u32, AsmError> {
    if v >= 0 && v < (1i64 << bits) {
        Ok(v as u32)
    } else {
        Err(AsmError::ImmRange(format!(
            "{what} {v} is outside 0..{}",
            (1i64 << bits) - 1
        )))
    }
}

/// Checks an `ext`/`ins` bit field and returns (pos, size): the field must
/// lie inside the 32-bit register.
pub fn bit_field(pos: i64, size: i64) -> Result<(u32, u32), AsmError> {
    if !(0..32).contains(&pos) || !(1..=32).contains(&size) || pos + size > 32 {
        return Err(AsmError::ImmRange(format!(
            "bit field at {pos} of size {size} is not inside 32 bits"
        )));
    }
    Ok((pos as u32, size as u32))
}

/// A value for `li`: any signed or unsigned 32-bit number, as its bits.
pub fn imm32(v: i64) -> Result<u32, AsmError> {
    if (-0x8000_0000..=0xffff_ffff).contains(&v) {
        Ok(v as u32)
    } else {
        Err(AsmError::ImmRange(format!(
            "li value {v} does not fit 32 bits"
        )))
    }
}

/// How `li rt, value` is expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiPlan {
    /// `addiu rt, $zero, v` (sign-extended 16 bits).
    Addiu(u16),
    /// `ori rt, $zero, v` (zero-extended 16 bits).
    Ori(u16),
    /// `lui rt, hi` (low half zero).
    Lui(u16),
    /// `lui rt, hi; ori rt, rt, lo`.
    LuiOri(u16, u16),
}

pub fn li_plan(v: u32) -> LiPlan {
    let s = v as i32;
    if (-0x8000..0x8000).contains(&s) {
        LiPlan::Addiu(v as u16)
    } else if v <= 0xffff {
        LiPlan::Ori(v as u16)
    } else if v & 0xffff == 0 {
        LiPlan::Lui((v >> 16) as u16)
    } else {
        LiPlan::LuiOri((v >> 16) as u16, v as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(simm16(-32768, "x").unwrap(), 0x8000);
        assert!(simm16(32768, "x").is_err());
        assert!(uimm16(-1, "x").is_err());
        assert_eq!(uimm16(65535, "x").unwrap(), 0xffff);
        assert!(bit_field(31, 2).is_err());
        assert!(bit_field(0, 32).is_ok());
        assert!(bit_field(0, 0).is_err());
        assert!(imm32(0x1_0000_0000).is_err());
        assert_eq!(imm32(-1).unwrap(), 0xffff_ffff);
    }

    #[test]
    fn li_picks_the_shortest() {
        assert_eq!(li_plan(0xffff_ffff), LiPlan::Addiu(0xffff));
        assert_eq!(li_plan(0x8000), LiPlan::Ori(0x8000));
        assert_eq!(li_plan(0x1_0000), LiPlan::Lui(1));
        assert_eq!(li_plan(0xffff_8000), LiPlan::Addiu(0x8000));
        assert_eq!(li_plan(0x1234_5678), LiPlan::LuiOri(0x1234, 0x5678));
    }
}
