//! Immediate and displacement fields: range checks and the short/long
//! choices x86 makes by value.
//!
//! An immediate written for an `n`-bit operand may be given signed or
//! unsigned (`-1` and `0xff` are the same byte); it is normalised to the
//! signed value at the operand width, which is also how the disassembler
//! prints it, so text round-trips.

use asm_dsl_core::AsmError;

/// Normalises `v` to a signed value of `bits` bits, accepting anything in
/// `-2^(bits-1) .. 2^bits`.
#[inline]
pub fn to_signed(v: i64, bits: u32) -> Result<i64, AsmError> {
    if bits >= 64 {
        return Ok(v);
    }
    let lo = -(1i64 << (bits - 1));
    let hi = (1i64 << bits) - 1;
    if v < lo || v > hi {
        return Err(range(format_args!(
            "{v} does not fit a {bits}-bit immediate"
        )));
    }
    let shift = 64 - bits;
    Ok((v << shift) >> shift)
}

/// Checks a sign-extended field: `v` must lie in `-2^(bits-1) .. 2^(bits-1)`.
#[inline]
pub fn signed(v: i64, bits: u32, what: &str) -> Result<i64, AsmError> {
    let lo = -(1i64 << (bits - 1));
    if v < lo || v > -lo - 1 {
        return Err(range(format_args!(
            "{what} {v} does not fit {bits} signed bits"
        )));
    }
    Ok(v)
}

/// Checks an unsigned field of `bits` bits.
pub fn unsigned(v: i64, bits: u32, what: &str) -> Result<i64, AsmError> {
    if v < 0 || v >= 1i64 << bits {
        return Err(range(format_args!(
            "{what} {v} does not fit {bits} unsigned bits"
        )));
    }
    Ok(v)
}

/// Builds a range error out of line: the checks sit on the encoder's hot
/// path, which should not carry formatting code.
#[cold]
#[inline(never)]
fn range(msg: std::fmt::Arguments<'_>) -> AsmError {
    AsmError::ImmRange(msg.to_string())
}

#[inline]
pub fn fits_i8(v: i64) -> bool {
    (-128..=127).contains(&v)
}

#[inline]
pub fn fits_i32(v: i64) -> bool {
    (i32::MIN as i64..=i32::MAX as i64).contains(&v)
}

/// Formats a number the way the disassembler prints every number: small
/// values in decimal, others in hex, negative values with a sign.
pub fn fmt_num(v: i64) -> String {
    if (-9..=9).contains(&v) {
        v.to_string()
    } else if v < 0 {
        format!("-0x{:x}", v.unsigned_abs())
    } else {
        format!("0x{v:x}")
    }
}
