//! Number literal conversion with LuaJIT's acceptance rules.
//!
//! The lexer collects a literal's characters greedily and this module
//! decides whether they form a number: decimal, `0x` hex (with optional
//! fraction and `p` exponent), `0b` binary, and the FFI suffixes `LL`,
//! `ULL` and `i`. Decimal values go through Rust's correctly rounded float
//! parser; hex and binary values are rounded here from at most 64
//! significant bits plus a sticky bit, which gives the same correctly
//! rounded double LuaJIT computes.

use super::token::NumLit;

/// Exponents at or beyond this magnitude are refused, as LuaJIT does.
const MAX_EXP: i64 = 1 << 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Int,
    Num,
    Imag,
    U32,
    I64,
    U64,
}

/// Converts the text of a number literal, or `None` if it is malformed.
pub fn scan(text: &[u8]) -> Option<NumLit> {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let mut p = 0usize;
    let mut base = 10u32;
    let mut dp: Option<usize> = None;
    let mut hasdig = false;
    if at(0) <= b'0' {
        if at(0) == b'0' {
            match at(1) | 0x20 {
                b'x' => {
                    base = 16;
                    p = 2;
                }
                b'b' => {
                    base = 2;
                    p = 2;
                }
                _ => {}
            }
        }
        loop {
            match at(p) {
                b'0' => hasdig = true,
                b'.' if dp.is_some() => return None,
                b'.' => dp = Some(p),
                _ => break,
            }
            p += 1;
        }
    }
    let is_digit = |c: u8| {
        if base == 16 {
            c.is_ascii_hexdigit()
        } else {
            c.is_ascii_digit()
        }
    };
    let start = p;
    let mut dig = 0u32;
    loop {
        let c = at(p);
        if is_digit(c) {
            dig += 1;
        } else if c == b'.' {
            if dp.is_some() {
                return None;
            }
            dp = Some(p);
        } else {
            break;
        }
        p += 1;
    }
    if !hasdig && dig == 0 {
        return None;
    }
    // Significant digits, without the point.
    let digits: Vec<u8> = text[start..p]
        .iter()
        .copied()
        .filter(|&c| c != b'.')
        .collect();
    let mut fmt = Fmt::Int;
    let mut ex: i64 = 0;
    let mut sig = digits.len();
    if let Some(d) = dp {
        if base == 2 {
            return None;
        }
        fmt = Fmt::Num;
        if dig > 0 {
            // Digits after the point, less trailing zeros.
            let mut frac = (p - d - 1) as i64;
            while frac > 0 && sig > 0 && digits[sig - 1] == b'0' {
                frac -= 1;
                sig -= 1;
            }
            if frac >= MAX_EXP {
                return None;
            }
            ex = -frac;
            if base == 16 {
                ex *= 4;
            }
        }
    }
    let digits = &digits[..sig];
    if base >= 10 && (at(p) | 0x20) == if base == 16 { b'p' } else { b'e' } {
        fmt = Fmt::Num;
        p += 1;
        let mut neg = false;
        if at(p) == b'+' || at(p) == b'-' {
            neg = at(p) == b'-';
            p += 1;
        }
        if !at(p).is_ascii_digit() {
            return None;
        }
        let mut xx: i64 = 0;
        while at(p).is_ascii_digit() {
            xx = xx * 10 + (at(p) - b'0') as i64;
            if xx >= MAX_EXP {
                return None;
            }
            p += 1;
        }
        ex += if neg { -xx } else { xx };
    }
    if p < text.len() {
        let c = at(p) | 0x20;
        if c == b'i' {
            p += 1;
            fmt = Fmt::Imag;
        } else if fmt == Fmt::Int {
            if (at(p) | 0x20) == b'u' {
                p += 1;
                fmt = Fmt::U32;
            }
            if (at(p) | 0x20) == b'l' {
                p += 1;
                if (at(p) | 0x20) != b'l' {
                    return None;
                }
                p += 1;
                fmt = if fmt == Fmt::U32 { Fmt::U64 } else { Fmt::I64 };
            }
            if (at(p) | 0x20) == b'u' && (fmt == Fmt::Int || fmt == Fmt::I64) {
                p += 1;
                fmt = if fmt == Fmt::Int { Fmt::U32 } else { Fmt::U64 };
            }
            if fmt == Fmt::U32 {
                return None;
            }
        }
        while p < text.len() && matches!(at(p), 9..=13 | b' ') {
            p += 1;
        }
        if p < text.len() {
            return None;
        }
    }
    match base {
        16 => scan_pow2(digits, 4, ex, fmt),
        2 => {
            if ex != 0 || digits.len() > 64 || digits.iter().any(|&c| c > b'1') {
                return None;
            }
            scan_pow2(digits, 1, 0, fmt)
        }
        _ => scan_dec(digits, ex, fmt),
    }
}

fn digit_value(c: u8) -> u64 {
    (c as char).to_digit(16).unwrap_or(0) as u64
}

/// Hex or binary digits (`bits` per digit) scaled by 2^ex2.
fn scan_pow2(digits: &[u8], bits: u32, ex2: i64, fmt: Fmt) -> Option<NumLit> {
    let max = (64 / bits) as usize;
    let mut x = 0u64;
    for &c in digits.iter().take(max) {
        x = (x << bits) | digit_value(c);
    }
    let mut ex2 = ex2;
    for &c in digits.iter().skip(max) {
        x |= (c != b'0') as u64;
        ex2 += bits as i64;
    }
    match fmt {
        Fmt::I64 | Fmt::U64 => {
            if digits.len() > max {
                return None;
            }
            Some(if fmt == Fmt::I64 {
                NumLit::I64(x as i64)
            } else {
                NumLit::U64(x)
            })
        }
        Fmt::Imag => Some(NumLit::Imag(round_binary(x, ex2))),
        _ => Some(NumLit::Num(round_binary(x, ex2))),
    }
}

/// Decimal digits scaled by 10^ex10.
fn scan_dec(digits: &[u8], ex10: i64, fmt: Fmt) -> Option<NumLit> {
    let first = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    let sig = &digits[first..];
    match fmt {
        Fmt::I64 | Fmt::U64 => {
            if sig.len() > 20 {
                return None;
            }
            let mut x = 0u64;
            for &c in sig {
                x = x.checked_mul(10)?.checked_add((c - b'0') as u64)?;
            }
            Some(if fmt == Fmt::I64 {
                NumLit::I64(x as i64)
            } else {
                NumLit::U64(x)
            })
        }
        _ => {
            let n = if sig.is_empty() {
                0.0
            } else {
                let mut s = String::with_capacity(sig.len() + 24);
                s.extend(sig.iter().map(|&c| c as char));
                s.push('e');
                s.push_str(&ex10.to_string());
                s.parse::<f64>().ok()?
            };
            Some(if fmt == Fmt::Imag {
                NumLit::Imag(n)
            } else {
                NumLit::Num(n)
            })
        }
    }
}

/// Rounds `x * 2^ex2` to the nearest double, ties to even. The lowest bit
/// of `x` may be a sticky bit standing for discarded nonzero digits.
pub(crate) fn round_binary(x: u64, ex2: i64) -> f64 {
    if x == 0 {
        return 0.0;
    }
    let msb = 63 - x.leading_zeros() as i64;
    // Exponent of the leading bit, and of the lowest bit a double can keep.
    let lead = msb + ex2;
    if lead > 1023 {
        return f64::INFINITY;
    }
    let lowest_kept = (lead - 52).max(-1074);
    let shift = lowest_kept - ex2;
    let (mut m, mut e) = (x, ex2);
    if shift > 0 {
        if shift > 64 {
            return 0.0;
        }
        let half = if shift == 64 {
            1u64 << 63
        } else {
            1u64 << (shift - 1)
        };
        let rest = if shift == 64 {
            x
        } else {
            x & ((1u64 << shift) - 1)
        };
        m = if shift == 64 { 0 } else { x >> shift };
        if rest > half || (rest == half && m & 1 == 1) {
            m += 1;
        }
        e = lowest_kept;
    }
    compose(m, e)
}

/// The double `m * 2^e`, which must be exactly representable (or overflow).
fn compose(mut m: u64, mut e: i64) -> f64 {
    if m == 0 {
        return 0.0;
    }
    while m >= 1 << 53 {
        m >>= 1;
        e += 1;
    }
    while m < 1 << 52 && e > -1074 {
        m <<= 1;
        e -= 1;
    }
    if m < 1 << 52 {
        return f64::from_bits(m);
    }
    let biased = e + 52 + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        match scan(s.as_bytes()) {
            Some(NumLit::Num(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn decimal_and_hex() {
        assert_eq!(num("123"), Some(123.0));
        assert_eq!(num("1.5e3"), Some(1500.0));
        assert_eq!(num(".5"), Some(0.5));
        assert_eq!(num("5."), Some(5.0));
        assert_eq!(num("0x10"), Some(16.0));
        assert_eq!(num("0x1p4"), Some(16.0));
        assert_eq!(num("0x.8"), Some(0.5));
        assert_eq!(num("0x1.8p1"), Some(3.0));
        assert_eq!(num("0b101"), Some(5.0));
        assert_eq!(num("1e309"), Some(f64::INFINITY));
        assert_eq!(num("0x1p-1074"), Some(f64::from_bits(1)));
        assert_eq!(num("0xffffffffffffffffff"), Some(4722366482869645213696.0));
        assert_eq!(num("0.1"), Some(0.1));
    }

    #[test]
    fn malformed() {
        for s in [
            "0x", "1e", "3..2", "1.5LL", "0b2", "1e+", "0x1.2.3", "1u", "1ul", "08z",
        ] {
            assert_eq!(scan(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn ffi_suffixes() {
        assert_eq!(scan(b"1LL"), Some(NumLit::I64(1)));
        assert_eq!(scan(b"0x10ULL"), Some(NumLit::U64(16)));
        assert_eq!(scan(b"1llu"), Some(NumLit::U64(1)));
        assert_eq!(
            scan(b"18446744073709551615ULL"),
            Some(NumLit::U64(u64::MAX))
        );
        assert_eq!(scan(b"18446744073709551616ULL"), None);
        assert_eq!(scan(b"1.5i"), Some(NumLit::Imag(1.5)));
    }
}
