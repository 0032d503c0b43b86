//! Immediate encodings with their range checks.
//!
//! * Modified (rotated) immediates of data processing: an 8-bit value
//!   rotated right by an even amount. A value can have several encodings;
//!   the one with the smallest rotation is chosen, as GNU as does.
//! * VFP immediates of `vmov.f64`/`vmov.f32`: `±(16..31)/16 × 2^(-3..4)`,
//!   packed into 8 bits.
//! * Split and scaled offsets (`imm4:imm4` of halfword loads, `imm8×4` of
//!   `vldr`) are range-checked by the helpers below.

use asm_dsl_core::AsmError;

/// The 12-bit `rot:imm8` field for `value`, if it is a rotated immediate.
pub fn rotated(value: u32) -> Option<u32> {
    (0..16).find_map(|rot| {
        let imm = value.rotate_left(2 * rot);
        (imm <= 0xff).then_some((rot << 8) | imm)
    })
}

/// The value a `rot:imm8` field stands for.
pub fn unrotate(field: u32) -> u32 {
    (field & 0xff).rotate_right(2 * ((field >> 8) & 15))
}

/// A data-processing immediate as a 32-bit pattern: accepts -2^31..2^32
/// (negative values are their two's complement bit patterns).
pub fn word(value: i64, what: &str) -> Result<u32, AsmError> {
    if (-(1i64 << 31)..(1i64 << 32)).contains(&value) {
        Ok(value as u32)
    } else {
        Err(AsmError::ImmRange(format!(
            "{what} {value} does not fit 32 bits"
        )))
    }
}

/// Encodes `value` as a rotated immediate or explains why not.
pub fn rotated_checked(value: i64) -> Result<u32, AsmError> {
    let v = word(value, "immediate")?;
    rotated(v).ok_or_else(|| {
        AsmError::ImmRange(format!(
            "{value:#x} is not an 8-bit value rotated by an even amount"
        ))
    })
}

/// Checks that `value` lies in `lo..=hi`.
pub fn range(value: i64, lo: i64, hi: i64, what: &str) -> Result<u32, AsmError> {
    if (lo..=hi).contains(&value) {
        Ok(value as u32)
    } else {
        Err(AsmError::ImmRange(format!(
            "{what} {value} is outside {lo}..={hi}"
        )))
    }
}

/// Splits a signed memory offset into the U bit and its magnitude, which
/// must be at most `max` (and a multiple of `scale`). `minus_zero` keeps
/// U clear for an offset written `#-0`.
pub fn offset(value: i64, max: i64, scale: i64, minus_zero: bool) -> Result<(u32, u32), AsmError> {
    let mag = value.unsigned_abs() as i64;
    if value.unsigned_abs() > max as u64 || mag % scale != 0 {
        let what = if scale > 1 {
            format!("a multiple of {scale} up to ±{max}")
        } else {
            format!("within ±{max}")
        };
        return Err(AsmError::ImmRange(format!("offset {value} is not {what}")));
    }
    let up = value > 0 || (value == 0 && !minus_zero);
    Ok((up as u32, (mag / scale) as u32))
}

/// The 8-bit VFP immediate of `v` for a double (`double`) or a single.
pub fn vfp_imm(v: f64, double: bool) -> Option<u32> {
    if !v.is_finite() || v == 0.0 {
        return None;
    }
    // Every encodable value is exact in f32, so single precision checks the
    // same set through the same bits.
    if !double && (v as f32) as f64 != v {
        return None;
    }
    let bits = v.to_bits();
    let sign = (bits >> 63) as u32;
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let frac = bits & ((1u64 << 52) - 1);
    if !(-3..=4).contains(&exp) || frac & ((1u64 << 48) - 1) != 0 {
        return None;
    }
    let e = ((exp + 3) as u32) ^ 4;
    Some((sign << 7) | (e << 4) | (frac >> 48) as u32)
}

/// The value of VFP immediate `imm8`.
pub fn vfp_value(imm8: u32) -> f64 {
    let sign = if imm8 & 0x80 != 0 { -1.0 } else { 1.0 };
    let exp = (((imm8 >> 4) & 7) ^ 4) as i32 - 3;
    let frac = 16 + (imm8 & 15);
    sign * frac as f64 / 16.0 * 2f64.powi(exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vfp_immediates_round_trip() {
        for imm in 0..256 {
            let v = vfp_value(imm);
            assert_eq!(vfp_imm(v, true), Some(imm), "{v}");
            assert_eq!(vfp_imm(v, false), Some(imm), "{v}");
        }
        assert_eq!(vfp_imm(0.1, true), None);
        assert_eq!(vfp_imm(32.0, true), None);
    }

    #[test]
    fn rotated_immediates_round_trip() {
        for field in 0..4096 {
            let v = unrotate(field);
            let f = rotated(v).unwrap();
            assert_eq!(unrotate(f), v);
        }
        assert_eq!(rotated(0x101), None);
    }
}
