//! The arithmetic of LuaJIT's `bit` library (BitOp) on plain numbers.
//!
//! Every operation first normalises its number arguments to int32 with
//! [`tobit`] and returns an int32 that the library boxes as a number. The
//! normalisation is not a saturating or truncating cast: LuaJIT adds
//! 2^52 + 2^51 to the double and keeps the low 32 bits of the sum's bit
//! pattern. Adding that constant moves the integer part of any |x| < 2^51
//! into the low mantissa bits, rounding a fraction to nearest-even on the
//! way, and negative values come out in two's complement because the
//! constant's 2^51 bit absorbs the borrow. Outside that range the result is
//! whatever the low bits of the rounded sum are (0 for ±inf and NaN), and
//! the same rule is used here so that every input agrees with LuaJIT.
//!
//! Shift counts are masked to 5 bits, as the x86 shift instructions LuaJIT
//! relies on do. `tohex` follows LuaJIT's formatter, including its corner
//! cases for counts beyond 16 digits and for `-2^31`.
//!
//! Argument checking (`bad argument #1 to 'band'`) and string-to-number
//! coercion belong to the library wrapper; these functions are total.

/// 2^52 + 2^51: adding it leaves the integer part of the addend in the low
/// 32 bits of the sum's representation.
const TOBIT_BIAS: f64 = 6_755_399_441_055_744.0;

/// `bit.tobit(x)`: the int32 that LuaJIT's BitOp sees for the number `x`.
pub fn tobit(x: f64) -> i32 {
    if x.is_nan() {
        // On x64 the sum is the NaN operand itself (quieted), so its low
        // payload bits come through. Spelled out because other CPUs (MIPS
        // with legacy NaNs, for one) replace it with a default NaN instead.
        return x.to_bits() as u32 as i32;
    }
    (x + TOBIT_BIAS).to_bits() as u32 as i32
}

/// `bit.bnot(x)`.
pub fn bnot(x: i32) -> i32 {
    !x
}

/// `bit.bswap(x)`: reverses the four bytes.
pub fn bswap(x: i32) -> i32 {
    x.swap_bytes()
}

/// `bit.band(x1 [, x2...])`. The library requires at least one argument.
pub fn band(xs: &[i32]) -> i32 {
    xs.iter().fold(-1, |acc, &x| acc & x)
}

/// `bit.bor(x1 [, x2...])`.
pub fn bor(xs: &[i32]) -> i32 {
    xs.iter().fold(0, |acc, &x| acc | x)
}

/// `bit.bxor(x1 [, x2...])`.
pub fn bxor(xs: &[i32]) -> i32 {
    xs.iter().fold(0, |acc, &x| acc ^ x)
}

/// `bit.lshift(x, n)`.
pub fn lshift(x: i32, n: i32) -> i32 {
    ((x as u32) << (n & 31)) as i32
}

/// `bit.rshift(x, n)`: logical shift, zeros come in from the left.
pub fn rshift(x: i32, n: i32) -> i32 {
    ((x as u32) >> (n & 31)) as i32
}

/// `bit.arshift(x, n)`: arithmetic shift, the sign bit is replicated.
pub fn arshift(x: i32, n: i32) -> i32 {
    x >> (n & 31)
}

/// `bit.rol(x, n)`.
pub fn rol(x: i32, n: i32) -> i32 {
    (x as u32).rotate_left((n & 31) as u32) as i32
}

/// `bit.ror(x, n)`.
pub fn ror(x: i32, n: i32) -> i32 {
    (x as u32).rotate_right((n & 31) as u32) as i32
}

/// The digit count `bit.tohex` uses when the second argument is absent.
pub const TOHEX_DEFAULT_DIGITS: i32 = 8;

/// `bit.tohex(x, n)` for number arguments (both already through
/// [`tobit`]; pass [`TOHEX_DEFAULT_DIGITS`] when `n` is absent).
///
/// A negative `n` asks for upper case and `|n|` digits. The value is the
/// zero-extended 32-bit pattern, so more than 8 digits pad with zeros. The
/// digit count is kept in an 8-bit precision field by LuaJIT, so counts
/// wrap modulo 256 (and 255 means "as many digits as needed"); `-2^31`
/// stays negative when negated and comes out as the empty string.
pub fn tohex(x: i32, n: i32) -> String {
    let upper = n < 0;
    let n = if upper { n.wrapping_neg() } else { n };
    let mut value = x as u32 as u64;
    let field = (n.wrapping_add(1) & 255) as u32;
    // `None` is "no precision": at least one digit, as many as needed.
    let precision = field.checked_sub(1);
    if n < 16 {
        // The count is multiplied in 32 bits and the 64-bit shift only
        // looks at the low 6 bits of the result; this matters for -2^31,
        // whose scaled count wraps to 0 and masks everything away.
        let shift = (n.wrapping_mul(4) as u32) & 63;
        value &= (1u64 << shift).wrapping_sub(1);
    }
    let digits = if value == 0 {
        if precision == Some(0) {
            String::new()
        } else {
            "0".to_string()
        }
    } else if upper {
        format!("{value:X}")
    } else {
        format!("{value:x}")
    };
    let width = precision.map_or(0, |p| p as usize).max(digits.len());
    let mut out = String::with_capacity(width);
    out.extend(std::iter::repeat_n('0', width - digits.len()));
    out.push_str(&digits);
    out
}

#[cfg(test)]
mod tests;
