//! `string.format`, as LuaJIT 2.1 does it.
//!
//! The format string is read left to right and each conversion fetches its
//! argument on demand through [`FormatArgs`], so the library function can
//! hand over its stack slots without converting anything up front, and so
//! errors come in the same order as LuaJIT's. What LuaJIT accepts:
//!
//! - flags `-+ 0#` (any number, any order), a width of at most two digits
//!   and a precision of at most two digits; anything longer is an
//!   `invalid option '%…' to 'format'`;
//! - conversions `d i` (signed), `u o x X` (unsigned), `e E f g G a A`,
//!   `F`, `c`, `s`, `q` and `p`; C's length modifiers are invalid;
//! - numbers go to integers by truncation, and out-of-range values give
//!   what x86-64's conversion instruction gives (`-2^63`), because that is
//!   what the reference build prints;
//! - `%s` applies the precision as a byte count, `%q` ignores width and
//!   precision, and `%c` writes the low byte.

use super::numfmt::{push_float, push_padded, Flags, FloatConv, FloatSpec};
use std::borrow::Cow;

/// Why an argument could not be used; the caller, which knows the object
/// model, produces these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgError {
    /// A value of the wrong type, e.g. `number expected, got string`.
    Expected {
        expected: &'static str,
        got: Cow<'static, str>,
    },
}

impl ArgError {
    fn text(&self) -> String {
        match self {
            ArgError::Expected { expected, got } => format!("{expected} expected, got {got}"),
        }
    }
}

/// The arguments of one `string.format` call. Indices are Lua argument
/// numbers: the format string is argument 1, so the first value is 2.
pub trait FormatArgs {
    /// How many arguments there are, the format string included.
    fn count(&self) -> usize;
    /// Argument `i` as a number, with strings coerced (`lj_lib_checknum`).
    fn number(&mut self, i: usize) -> Result<f64, ArgError>;
    /// `tostring` of argument `i`, metamethods included.
    fn string(&mut self, i: usize) -> Result<Cow<'_, [u8]>, ArgError>;
    /// The address `%p` prints for argument `i` (0 for non-objects).
    fn pointer(&mut self, i: usize) -> Result<u64, ArgError>;
}

/// Why `string.format` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// A malformed conversion; holds its text from `%` to the offending
    /// character.
    InvalidOption(Vec<u8>),
    /// Argument `arg` is missing (`bad argument #N to 'format' (value
    /// expected)`).
    Missing { arg: usize },
    /// Argument `arg` has the wrong type.
    BadArgument { arg: usize, error: ArgError },
}

impl FormatError {
    /// LuaJIT's message, naming the function as `fname` in argument
    /// errors (`format`, or `?` when called straight from `pcall`); the
    /// option error always says `'format'`.
    pub fn message(&self, fname: &str) -> Vec<u8> {
        match self {
            FormatError::InvalidOption(opt) => {
                let mut m = b"invalid option '".to_vec();
                m.extend_from_slice(opt);
                m.extend_from_slice(b"' to 'format'");
                m
            }
            FormatError::Missing { arg } => {
                format!("bad argument #{arg} to '{fname}' (value expected)").into_bytes()
            }
            FormatError::BadArgument { arg, error } => {
                format!("bad argument #{arg} to '{fname}' ({})", error.text()).into_bytes()
            }
        }
    }
}

/// What a conversion does with its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Conv {
    Int,
    Uint { radix: u32 },
    Float(FloatConv),
    Char,
    Str,
    Quoted,
    Ptr,
}

#[derive(Clone, Copy, Debug)]
struct Spec {
    conv: Conv,
    upper: bool,
    flags: Flags,
    width: u32,
    prec: Option<u32>,
}

/// One piece of a format string.
enum Piece<'a> {
    Lit(&'a [u8]),
    Conv(Spec),
}

/// Reads the next piece at `*pos`. Errors carry the text LuaJIT quotes.
fn next_piece<'a>(fmt: &'a [u8], pos: &mut usize) -> Option<Result<Piece<'a>, FormatError>> {
    let at = |i: usize| fmt.get(i).copied().unwrap_or(0);
    let start = *pos;
    if start >= fmt.len() {
        return None;
    }
    if at(start) != b'%' {
        let end = fmt[start..]
            .iter()
            .position(|&c| c == b'%')
            .map_or(fmt.len(), |i| start + i);
        *pos = end;
        return Some(Ok(Piece::Lit(&fmt[start..end])));
    }
    if at(start + 1) == b'%' {
        *pos = start + 2;
        return Some(Ok(Piece::Lit(&fmt[start + 1..start + 2])));
    }
    let mut p = start + 1;
    let mut flags = Flags::default();
    loop {
        match at(p) {
            b'-' => flags.left = true,
            b'+' => flags.plus = true,
            b'0' => flags.zero = true,
            b' ' => flags.space = true,
            b'#' => flags.alt = true,
            _ => break,
        }
        p += 1;
    }
    let mut width = 0;
    if at(p).is_ascii_digit() {
        width = (at(p) - b'0') as u32;
        p += 1;
        if at(p).is_ascii_digit() {
            width = width * 10 + (at(p) - b'0') as u32;
            p += 1;
        }
    }
    let mut prec = None;
    if at(p) == b'.' {
        p += 1;
        let mut v = 0;
        if at(p).is_ascii_digit() {
            v = (at(p) - b'0') as u32;
            p += 1;
            if at(p).is_ascii_digit() {
                v = v * 10 + (at(p) - b'0') as u32;
                p += 1;
            }
        }
        prec = Some(v);
    }
    let c = at(p);
    let conv = match c | 0x20 {
        b'a' => Some(Conv::Float(FloatConv::A)),
        b'e' => Some(Conv::Float(FloatConv::E)),
        b'f' => Some(Conv::Float(FloatConv::F)),
        b'g' => Some(Conv::Float(FloatConv::G)),
        b'x' => Some(Conv::Uint { radix: 16 }),
        _ if c.is_ascii_uppercase() => None,
        b'c' => Some(Conv::Char),
        b'd' | b'i' => Some(Conv::Int),
        b'o' => Some(Conv::Uint { radix: 8 }),
        b'p' => Some(Conv::Ptr),
        b'q' => Some(Conv::Quoted),
        b's' => Some(Conv::Str),
        b'u' => Some(Conv::Uint { radix: 10 }),
        _ => None,
    };
    match conv {
        Some(conv) => {
            *pos = p + 1;
            Some(Ok(Piece::Conv(Spec {
                conv,
                upper: c.is_ascii_uppercase(),
                flags,
                width,
                prec,
            })))
        }
        None => {
            // The quoted text includes the bad character unless it is a
            // control character (or the end of the string).
            let end = if p < fmt.len() && c >= 32 { p + 1 } else { p };
            *pos = fmt.len();
            Some(Err(FormatError::InvalidOption(
                fmt[start..end.min(fmt.len())].to_vec(),
            )))
        }
    }
}

/// 2^63 exactly.
const TWO_63: f64 = 9_223_372_036_854_775_808u64 as f64;

/// `(int64_t)n` as x86-64 computes it: truncation, and `-2^63` for NaN and
/// anything out of range.
fn to_i64(n: f64) -> i64 {
    if n.is_nan() || !(-TWO_63..TWO_63).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

/// `(int32_t)n` as x86-64 computes it.
fn to_i32(n: f64) -> i32 {
    if n.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&n) {
        i32::MIN
    } else {
        n as i32
    }
}

/// LuaJIT's conversion of a number for the unsigned formats.
fn to_u64(n: f64) -> u64 {
    if n >= TWO_63 {
        to_i64(n - 2.0 * TWO_63) as u64
    } else {
        to_i64(n) as u64
    }
}

/// Integer conversions: `k` is the two's-complement value.
fn push_int(out: &mut Vec<u8>, spec: &Spec, k: u64) {
    let mut flags = spec.flags;
    let mut prefix: &[u8] = b"";
    let mut k = k;
    if spec.conv == Conv::Int {
        if (k as i64) < 0 {
            k = (k as i64).wrapping_neg() as u64;
            prefix = b"-";
        } else if flags.plus {
            prefix = b"+";
        } else if flags.space {
            prefix = b" ";
        }
    }
    if spec.prec.is_some() {
        flags.zero = false;
    }
    let radix = match spec.conv {
        Conv::Uint { radix } => radix,
        _ => 10,
    };
    let digits: &[u8; 16] = if spec.upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut body = Vec::with_capacity(24);
    if k == 0 {
        if spec.prec != Some(0) || (radix == 8 && flags.alt) {
            body.push(b'0');
        }
    } else {
        while k != 0 {
            body.push(digits[(k % radix as u64) as usize]);
            k /= radix as u64;
        }
        if radix == 16 && flags.alt {
            prefix = if spec.upper { b"0X" } else { b"0x" };
        } else if radix == 8 && flags.alt {
            body.push(b'0');
        }
        body.reverse();
    }
    let prec = spec.prec.unwrap_or(0) as usize;
    if body.len() < prec {
        let mut padded = vec![b'0'; prec - body.len()];
        padded.extend_from_slice(&body);
        body = padded;
    }
    push_padded(out, flags, spec.width, prefix, &body);
}

/// `%q`: the string in double quotes, readable back by the Lua lexer.
pub fn push_quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(c);
            }
            0..=31 | 127 => {
                out.push(b'\\');
                // Three digits when a digit follows, so it is not absorbed.
                let next_digit = s.get(i + 1).is_some_and(u8::is_ascii_digit);
                if c >= 100 || next_digit {
                    out.extend_from_slice(format!("{c:03}").as_bytes());
                } else {
                    out.extend_from_slice(c.to_string().as_bytes());
                }
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// `%p`: `NULL`, or `0x` and eight hex digits, more when the high half of
/// the address is nonzero.
fn push_pointer(out: &mut Vec<u8>, x: u64) {
    if x == 0 {
        out.extend_from_slice(b"NULL");
        return;
    }
    let hi = (x >> 32) as u32;
    let n = if hi != 0 {
        8 + 2 + 2 * ((31 - hi.leading_zeros()) >> 3) as usize
    } else {
        8
    };
    out.extend_from_slice(b"0x");
    out.extend_from_slice(format!("{:0width$x}", x, width = n).as_bytes());
}

/// `string.format(fmt, ...)`.
pub fn format(fmt: &[u8], args: &mut dyn FormatArgs) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    let mut arg = 1;
    while let Some(piece) = next_piece(fmt, &mut pos) {
        let spec = match piece? {
            Piece::Lit(s) => {
                out.extend_from_slice(s);
                continue;
            }
            Piece::Conv(spec) => spec,
        };
        arg += 1;
        if arg > args.count() {
            return Err(FormatError::Missing { arg });
        }
        let bad = |error| FormatError::BadArgument { arg, error };
        match spec.conv {
            Conv::Int => {
                let n = args.number(arg).map_err(bad)?;
                push_int(&mut out, &spec, to_i64(n) as u64);
            }
            Conv::Uint { .. } => {
                let n = args.number(arg).map_err(bad)?;
                push_int(&mut out, &spec, to_u64(n));
            }
            Conv::Float(conv) => {
                let n = args.number(arg).map_err(bad)?;
                let fs = FloatSpec {
                    conv,
                    upper: spec.upper,
                    flags: spec.flags,
                    width: spec.width,
                    prec: spec.prec,
                };
                push_float(&mut out, &fs, n);
            }
            Conv::Char => {
                let n = args.number(arg).map_err(bad)?;
                let c = [to_i32(n) as u8];
                let f = Flags {
                    zero: false,
                    ..spec.flags
                };
                push_padded(&mut out, f, spec.width, b"", &c);
            }
            Conv::Str => {
                let s = args.string(arg).map_err(bad)?;
                let len = spec.prec.map_or(s.len(), |p| s.len().min(p as usize));
                let f = Flags {
                    zero: false,
                    ..spec.flags
                };
                push_padded(&mut out, f, spec.width, b"", &s[..len]);
            }
            Conv::Quoted => {
                let s = args.string(arg).map_err(bad)?;
                push_quoted(&mut out, &s);
            }
            Conv::Ptr => {
                let p = args.pointer(arg).map_err(bad)?;
                push_pointer(&mut out, p);
            }
        }
    }
    Ok(out)
}
