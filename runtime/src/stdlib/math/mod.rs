//! The numeric core of LuaJIT's `math` library: pure functions on `f64`.
//!
//! Most of `math` maps straight onto the C library (`sin`, `exp`, ...),
//! and Rust's `f64` methods call the same libm, so those wrappers are
//! trivial. The functions with a body here are the ones where LuaJIT's
//! result is not what a naive Rust translation gives:
//!
//! - `min`/`max` fold left with the semantics of the SSE `minsd`/`maxsd`
//!   instructions LuaJIT's x64 interpreter uses (its JIT orders the
//!   operands the other way; the interpreter is the reference): when the comparison is
//!   false (a NaN, or equal values such as `0` and `-0`) the *new* argument
//!   wins, so `math.min(0/0, 1)` is `1` but `math.min(1, 0/0)` is NaN.
//! - `ldexp` uses the x87 `fscale` semantics: the exponent is any double,
//!   truncated toward zero, and infinite exponents are meaningful.
//! - `log(x, base)` is `log2(x) * (1 / log2(base))`, not `ln(x) / ln(b)`.
//! - `floor`/`ceil` reproduce the interpreter's rounding sequence, which
//!   decides the sign of zero results.
//! - `modf` keeps the sign on both parts (`modf(-3)` is `-3, -0`), and
//!   `modf(±inf)` is `±inf, ±0`.
//!
//! [`prng`] holds LuaJIT's random number generator. Argument checking and
//! coercion of strings belong to the library wrapper.

pub mod prng;

#[cfg(test)]
mod tests;

/// `math.pi`.
pub const PI: f64 = std::f64::consts::PI;
/// `math.huge` (LuaJIT writes it as the literal `1e310`, i.e. +inf).
pub const HUGE: f64 = f64::INFINITY;

/// `math.abs`: clears the sign bit, so `abs(-0)` is `0`.
pub fn abs(x: f64) -> f64 {
    x.abs()
}

/// `math.floor`.
pub fn floor(x: f64) -> f64 {
    round_with_bias(x, false)
}

/// `math.ceil`. Note the zero's sign: `ceil(-0.5)` is `-0` but
/// `ceil(-0.75)` is `+0` in LuaJIT's interpreter, whose rounding sequence
/// this reproduces.
pub fn ceil(x: f64) -> f64 {
    round_with_bias(x, true)
}

/// LuaJIT's interpreter rounds without SSE4.1: it rounds `|x|` to the
/// nearest integer by adding and subtracting 2^52, puts the sign back,
/// and then corrects by one in the needed direction. The correction is a
/// subtraction of `1` (floor) or `-1` (ceil) or of `+0` when none is
/// needed, which fixes the sign of zero results: `-1 - -1` is `+0`, while
/// an uncorrected `-0` stays `-0`. (LuaJIT's JIT may use `roundsd`
/// instead and then returns `-0` for every ceil in (-1, 0); the
/// interpreter is the reference here.)
fn round_with_bias(x: f64, up: bool) -> f64 {
    const TWO_POW_52: f64 = 4_503_599_627_370_496.0;
    let magnitude = x.abs();
    // Large values are already integers; NaN is returned unchanged too.
    if magnitude >= TWO_POW_52 || x.is_nan() {
        return x;
    }
    let nearest = ((magnitude + TWO_POW_52) - TWO_POW_52).copysign(x);
    let correction = if up {
        if x > nearest {
            -1.0
        } else {
            0.0
        }
    } else if x < nearest {
        1.0
    } else {
        0.0
    };
    nearest - correction
}

/// `math.sqrt`.
pub fn sqrt(x: f64) -> f64 {
    x.sqrt()
}

/// `math.log(x)` with one argument: the natural logarithm.
pub fn log(x: f64) -> f64 {
    x.ln()
}

/// `math.log(x, base)`. LuaJIT multiplies by the reciprocal rather than
/// dividing, and the rounding of the two differs, so this keeps that shape.
pub fn log_base(x: f64, base: f64) -> f64 {
    let inv = 1.0 / base.log2();
    x.log2() * inv
}

/// `math.log10`.
pub fn log10(x: f64) -> f64 {
    x.log10()
}

/// `math.exp`.
pub fn exp(x: f64) -> f64 {
    x.exp()
}

/// `math.sin`.
pub fn sin(x: f64) -> f64 {
    x.sin()
}

/// `math.cos`.
pub fn cos(x: f64) -> f64 {
    x.cos()
}

/// `math.tan`.
pub fn tan(x: f64) -> f64 {
    x.tan()
}

/// `math.asin`.
pub fn asin(x: f64) -> f64 {
    x.asin()
}

/// `math.acos`.
pub fn acos(x: f64) -> f64 {
    x.acos()
}

/// `math.atan`.
pub fn atan(x: f64) -> f64 {
    x.atan()
}

/// `math.atan2(y, x)`.
pub fn atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

/// `math.sinh`.
pub fn sinh(x: f64) -> f64 {
    x.sinh()
}

/// `math.cosh`.
pub fn cosh(x: f64) -> f64 {
    x.cosh()
}

/// `math.tanh`.
pub fn tanh(x: f64) -> f64 {
    x.tanh()
}

/// `math.deg`: a multiplication by a rounded constant, as in LuaJIT
/// (not a division by pi, which would round differently).
pub fn deg(x: f64) -> f64 {
    x * 57.295_779_513_082_32
}

/// `math.rad`.
pub fn rad(x: f64) -> f64 {
    x * 0.017_453_292_519_943_295
}

/// `math.pow(x, y)` and the `^` operator: C's `pow`. `pow(1, y)` and
/// `pow(x, 0)` are 1 even for a NaN argument (C99 Annex F); that is
/// checked here because some libms (or NaN encodings: MIPS' legacy NaNs
/// read x64's default NaN as signalling) answer NaN instead.
pub fn pow(x: f64, y: f64) -> f64 {
    if x == 1.0 || y == 0.0 {
        return 1.0;
    }
    x.powf(y)
}

/// `math.fmod(x, y)`: C's `fmod` (the result has the sign of `x`; a zero
/// divisor gives NaN). Rust's `%` on floats is exactly that operation.
pub fn fmod(x: f64, y: f64) -> f64 {
    x % y
}

/// `math.modf(x)`: integral and fractional parts, both with the sign of
/// `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_nan() {
        return (x, x);
    }
    let int = x.trunc();
    let frac = if x.is_infinite() { 0.0 } else { x - int };
    (int, frac.copysign(x))
}

/// `math.frexp(x)`: `(m, e)` with `x = m * 2^e` and `0.5 <= |m| < 1`;
/// zero, infinities and NaN come back unchanged with exponent 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range first so the exponent
        // field tells the truth.
        (x * TWO_POW_54, -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exp - 1022 + bias)
}

const TWO_POW_54: f64 = 18_014_398_509_481_984.0;

/// `math.ldexp(x, e)`: `x * 2^trunc(e)` rounded once, with the x87
/// `fscale` rules LuaJIT inherits for exponents that are not small
/// integers: any double is accepted and truncated toward zero, and an
/// infinite exponent scales to infinity or zero (`0 * 2^inf` and
/// `inf * 2^-inf` are NaN).
pub fn ldexp(x: f64, e: f64) -> f64 {
    if x.is_nan() || e.is_nan() {
        return f64::NAN;
    }
    if e == f64::INFINITY {
        return if x == 0.0 {
            f64::NAN
        } else {
            x * f64::INFINITY
        };
    }
    if e == f64::NEG_INFINITY {
        return if x.is_infinite() { f64::NAN } else { x * 0.0 };
    }
    // Beyond this range every finite non-zero x overflows or underflows.
    let n = e.trunc().clamp(-4000.0, 4000.0) as i32;
    scale_by_power_of_two(x, n)
}

/// `x * 2^n` with a single rounding, for any `n`. Large factors are
/// applied in at most three exact steps; going down, each step stops at
/// 2^-969 (2^-1022 * 2^53) so that a product can only become subnormal, and
/// round, in the last multiplication, or else is so small that it rounds
/// to zero either way.
fn scale_by_power_of_two(x: f64, n: i32) -> f64 {
    let two_pow = |k: i32| f64::from_bits(((k + 1023) as u64) << 52);
    let (mut y, mut n) = (x, n);
    if n > 1023 {
        y *= two_pow(1023);
        n -= 1023;
        if n > 1023 {
            y *= two_pow(1023);
            n = (n - 1023).min(1023);
        }
    } else if n < -1022 {
        y *= two_pow(-969);
        n += 969;
        if n < -1022 {
            y *= two_pow(-969);
            n = (n + 969).max(-1022);
        }
    }
    y * two_pow(n)
}

/// One step of `math.min`'s left fold: `minsd` keeps the accumulator only
/// when it is strictly smaller.
pub fn min_step(acc: f64, x: f64) -> f64 {
    if acc < x {
        acc
    } else {
        x
    }
}

/// One step of `math.max`'s left fold.
pub fn max_step(acc: f64, x: f64) -> f64 {
    if acc > x {
        acc
    } else {
        x
    }
}

/// `math.min(x1, ...)`; the library requires at least one argument, and an
/// empty slice gives NaN.
pub fn min(xs: &[f64]) -> f64 {
    fold(xs, min_step)
}

/// `math.max(x1, ...)`.
pub fn max(xs: &[f64]) -> f64 {
    fold(xs, max_step)
}

fn fold(xs: &[f64], step: fn(f64, f64) -> f64) -> f64 {
    match xs.split_first() {
        Some((&first, rest)) => rest.iter().fold(first, |acc, &x| step(acc, x)),
        None => f64::NAN,
    }
}
