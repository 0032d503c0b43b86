//! Text to numbers: `tonumber(s)`, `tonumber(s, base)` and the coercion of
//! strings in arithmetic.
//!
//! The decimal form follows LuaJIT's scanner: optional whitespace and sign,
//! then `inf`, `infinity` or `nan` in any case, or a number in the syntax
//! of a source literal (decimal, `0x` hex with fraction and `p` exponent,
//! `0b` binary), then optional whitespace, and nothing else: an embedded
//! NUL ends the match and makes the string no number. The literal part is
//! the lexer's own converter ([`crate::lex::scan_number`]), whose rules are
//! LuaJIT's; the FFI suffixes it also knows (`LL`, `ULL`, `i`) are refused
//! here, as `tonumber` refuses them.
//!
//! The other bases go through C's `strtoul` in LuaJIT, and its quirks are
//! kept: the digits must start with a letter or digit after the optional
//! sign, base 16 also takes a `0x` prefix, values that overflow 64 bits
//! saturate to 2^64-1, and the text ends at the first NUL.

use crate::lex::{scan_number, NumLit};

/// The NaN LuaJIT produces (sign bit set), kept bit for bit.
const CANONICAL_NAN: f64 = f64::from_bits(0xfff8_0000_0000_0000);

fn is_space(c: u8) -> bool {
    matches!(c, 9..=13 | b' ')
}

/// `tonumber(s)`: the number `s` denotes, or `None`.
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut p = 0;
    let mut neg = false;
    if !at(0).is_ascii_digit() {
        while is_space(at(p)) {
            p += 1;
        }
        if at(p) == b'+' || at(p) == b'-' {
            neg = at(p) == b'-';
            p += 1;
        }
        if at(p) >= b'A' {
            return special(&s[p.min(s.len())..], neg);
        }
    }
    let rest = &s[p.min(s.len())..];
    match scan_number(rest)? {
        NumLit::Num(n) => Some(if neg { -n } else { n }),
        _ => None,
    }
}

/// `inf`, `infinity` and `nan` (any case), then only whitespace.
fn special(s: &[u8], neg: bool) -> Option<f64> {
    let lower = |i: usize| s.get(i).map(|c| c | 0x20).unwrap_or(0);
    let word = |w: &[u8]| w.iter().enumerate().all(|(i, &c)| lower(i) == c);
    let (value, mut p) = if word(b"infinity") {
        (f64::INFINITY, 8)
    } else if word(b"inf") {
        (f64::INFINITY, 3)
    } else if word(b"nan") {
        (CANONICAL_NAN, 3)
    } else {
        return None;
    };
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    if p < s.len() {
        return None;
    }
    // LuaJIT negates infinity but not NaN.
    Some(if neg && value.is_infinite() {
        -value
    } else {
        value
    })
}

/// Why `tonumber(s, base)` cannot run at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseError {
    /// The base is outside 2..=36 (`bad argument #2 to 'tonumber' (base
    /// out of range)`).
    OutOfRange,
}

impl BaseError {
    /// LuaJIT's wording, for `bad argument #2 to 'tonumber' (...)`.
    pub fn message(self) -> &'static str {
        "base out of range"
    }
}

/// `tonumber(s, base)`. Base 10 is [`str_to_number`], as in LuaJIT; the
/// other bases read only integers.
pub fn str_to_number_base(s: &[u8], base: i64) -> Result<Option<f64>, BaseError> {
    if base == 10 {
        return Ok(str_to_number(s));
    }
    if !(2..=36).contains(&base) {
        return Err(BaseError::OutOfRange);
    }
    let base = base as u64;
    // C sees the string only up to its first NUL.
    let s = &s[..s.iter().position(|&c| c == 0).unwrap_or(s.len())];
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut p = 0;
    while is_space(at(p)) {
        p += 1;
    }
    let mut neg = false;
    if at(p) == b'-' {
        neg = true;
        p += 1;
    } else if at(p) == b'+' {
        p += 1;
    }
    if !at(p).is_ascii_alphanumeric() {
        return Ok(None);
    }
    let digit = |c: u8| -> Option<u64> {
        let v = (c as char).to_digit(36)? as u64;
        (v < base).then_some(v)
    };
    // strtoul skips a "0x" before hex digits, but only when a hex digit
    // follows it; otherwise it reads just the "0".
    if base == 16 && at(p) == b'0' && (at(p + 1) | 0x20) == b'x' && digit(at(p + 2)).is_some() {
        p += 2;
    }
    let start = p;
    let mut value = 0u64;
    let mut overflow = false;
    while let Some(v) = digit(at(p)) {
        match value.checked_mul(base).and_then(|x| x.checked_add(v)) {
            Some(x) => value = x,
            None => overflow = true,
        }
        p += 1;
    }
    if p == start {
        return Ok(None);
    }
    while is_space(at(p)) {
        p += 1;
    }
    if p < s.len() {
        return Ok(None);
    }
    let n = if overflow {
        u64::MAX as f64
    } else {
        value as f64
    };
    Ok(Some(if neg { -n } else { n }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert_eq!(str_to_number(b" 10 "), Some(10.0));
        assert_eq!(str_to_number(b"-0x10"), Some(-16.0));
        assert_eq!(str_to_number(b"1LL"), None);
        assert_eq!(str_to_number(b"10\0"), None);
        assert_eq!(str_to_number(b"-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(str_to_number_base(b"ff", 16), Ok(Some(255.0)));
        assert_eq!(str_to_number_base(b"0x", 16), Ok(None));
        assert_eq!(str_to_number_base(b"1", 37), Err(BaseError::OutOfRange));
    }
}
