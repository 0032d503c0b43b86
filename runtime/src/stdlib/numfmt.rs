//! Numbers to text: `tostring(number)` and the floating-point conversions
//! (`%e %f %g %a`) of `string.format`.
//!
//! LuaJIT has its own formatter rather than libc's, and it differs from C
//! in one visible way: decimal rounding is *half away from zero* on the
//! exact binary value (`%.0f` of 0.5 is `1`, `%.2f` of 0.125 is `0.13`,
//! `tostring(123456789012345)` is `1.2345678901235e+14`). So digits come
//! from one of two places:
//!
//! - the shortest round-trip digits from Rust's formatter, which are the
//!   correctly rounded result whenever they are no longer than the digits
//!   asked for and at most 15 digits are asked for (for a normal number
//!   the shortest string is within half an ulp of the value, far less
//!   than half a unit in the 15th digit, so it cannot sit on the other
//!   side of a rounding boundary);
//! - otherwise the exact decimal expansion (every double has one, at most
//!   767 significant digits), computed with a small base-10^9 bignum and
//!   rounded here.
//!
//! `%a` follows LuaJIT's own rules too: denormals are normalised, and
//! rounding to fewer than 13 hex digits adds half and may carry into a
//! leading `2`.

/// The flags of a conversion specification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub zero: bool,
    pub alt: bool,
}

/// Which floating-point conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatConv {
    E,
    F,
    G,
    A,
}

/// One floating-point conversion: `%[flags][width][.prec](e|f|g|a)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FloatSpec {
    pub conv: FloatConv,
    pub upper: bool,
    pub flags: Flags,
    pub width: u32,
    /// `None` when no precision was written (the default differs per
    /// conversion).
    pub prec: Option<u32>,
}

/// Significant decimal digits (values 0..=9, first one nonzero) of a
/// nonnegative number `d0.d1d2… × 10^exp`; no digits means zero.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Digits {
    d: Vec<u8>,
    exp: i32,
}

impl Digits {
    fn zero() -> Digits {
        Digits {
            d: Vec::new(),
            exp: 0,
        }
    }

    /// The digit standing for 10^k.
    fn at(&self, k: i32) -> u8 {
        let i = self.exp as i64 - k as i64;
        if i < 0 {
            0
        } else {
            self.d.get(i as usize).copied().unwrap_or(0)
        }
    }

    /// Rounds half away from zero to `keep` significant digits (which may
    /// be zero or negative when the rounding position lies above the first
    /// digit).
    fn round(mut self, keep: i64) -> Digits {
        if self.d.is_empty() || keep >= self.d.len() as i64 {
            return self;
        }
        if keep < 0 {
            return Digits::zero();
        }
        let keep = keep as usize;
        let up = self.d[keep] >= 5;
        self.d.truncate(keep);
        if up {
            let mut i = keep;
            loop {
                if i == 0 {
                    // Carried out of the top digit: 99.5 -> 100.
                    self.d.clear();
                    self.d.push(1);
                    self.exp += 1;
                    break;
                }
                i -= 1;
                if self.d[i] == 9 {
                    self.d[i] = 0;
                } else {
                    self.d[i] += 1;
                    break;
                }
            }
        }
        while self.d.last() == Some(&0) {
            self.d.pop();
        }
        if self.d.is_empty() {
            self.exp = 0;
        }
        self
    }
}

/// The exact decimal expansion of a finite nonnegative double.
fn exact_digits(a: f64) -> Digits {
    const BASE: u64 = 1_000_000_000;
    let bits = a.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return Digits::zero();
    }
    // Little-endian limbs in base 10^9.
    let mut big: Vec<u32> = vec![(m % BASE) as u32, ((m / BASE) % BASE) as u32];
    if m >= BASE * BASE {
        big.push((m / (BASE * BASE)) as u32);
    }
    let mul = |big: &mut Vec<u32>, k: u64| {
        let mut carry = 0u64;
        for limb in big.iter_mut() {
            let v = *limb as u64 * k + carry;
            *limb = (v % BASE) as u32;
            carry = v / BASE;
        }
        while carry > 0 {
            big.push((carry % BASE) as u32);
            carry /= BASE;
        }
    };
    // m * 2^e = (m * 2^e) for e >= 0, and (m * 5^-e) * 10^e otherwise.
    let pow10 = if e >= 0 {
        let mut k = e;
        while k > 0 {
            let s = k.min(30);
            mul(&mut big, 1u64 << s);
            k -= s;
        }
        0
    } else {
        let mut k = -e;
        while k > 0 {
            let s = k.min(13);
            mul(&mut big, 5u64.pow(s as u32));
            k -= s;
        }
        e
    };
    while big.len() > 1 && big.last() == Some(&0) {
        big.pop();
    }
    let mut d = Vec::with_capacity(big.len() * 9);
    for (i, &limb) in big.iter().rev().enumerate() {
        let mut chunk = [0u8; 9];
        let mut v = limb;
        for slot in chunk.iter_mut().rev() {
            *slot = (v % 10) as u8;
            v /= 10;
        }
        if i == 0 {
            let first = chunk.iter().position(|&c| c != 0).unwrap_or(8);
            d.extend_from_slice(&chunk[first..]);
        } else {
            d.extend_from_slice(&chunk);
        }
    }
    let exp = d.len() as i32 - 1 + pow10;
    while d.last() == Some(&0) {
        d.pop();
    }
    Digits { d, exp }
}

/// The shortest digits that read back as `a` (finite, nonnegative).
fn shortest_digits(a: f64) -> Digits {
    if a == 0.0 {
        return Digits::zero();
    }
    let s = format!("{:e}", a);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let d: Vec<u8> = mant
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|c| c - b'0')
        .collect();
    let mut digits = Digits {
        d,
        exp: exp.parse().unwrap_or(0),
    };
    while digits.d.last() == Some(&0) {
        digits.d.pop();
    }
    digits
}

/// `a` rounded to the digits `keep(exp)` asks for, where `exp` is the
/// decimal exponent of `a`'s leading digit.
fn rounded(a: f64, keep: impl Fn(i32) -> i64) -> Digits {
    // Denormals carry fewer bits, so their shortest digits are too short
    // to stand for the value; only normal numbers take the fast path.
    if a >= f64::MIN_POSITIVE || a == 0.0 {
        let short = shortest_digits(a);
        let k = keep(short.exp);
        if k <= 15 && short.d.len() as i64 <= k {
            return short;
        }
    }
    let exact = exact_digits(a);
    let k = keep(exact.exp);
    exact.round(k)
}

/// Appends `tostring(n)`: LuaJIT's `%.14g` with `nan`, `inf` and `-inf`.
pub fn push_number(out: &mut Vec<u8>, n: f64) {
    if n.is_nan() {
        out.extend_from_slice(b"nan");
        return;
    }
    if n.is_infinite() {
        out.extend_from_slice(if n < 0.0 { b"-inf" } else { b"inf" });
        return;
    }
    let neg = n.is_sign_negative();
    let a = n.abs();
    if neg {
        out.push(b'-');
    }
    // Integers below 10^14 print as themselves; most numbers are these.
    if a < 1e14 && a.fract() == 0.0 {
        out.extend_from_slice((a as u64).to_string().as_bytes());
        return;
    }
    let d = rounded(a, |_| 14);
    push_g_body(out, &d, 14, false, false);
}

/// `tostring(n)` as a new byte string.
pub fn number_to_string(n: f64) -> Vec<u8> {
    let mut out = Vec::with_capacity(24);
    push_number(&mut out, n);
    out
}

/// Appends `e+XX` style exponent (at least two digits).
fn push_exp(out: &mut Vec<u8>, e: i32, upper: bool) {
    out.push(if upper { b'E' } else { b'e' });
    out.push(if e < 0 { b'-' } else { b'+' });
    let a = e.unsigned_abs();
    if a < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(a.to_string().as_bytes());
}

/// `d.ddd` with `prec` digits after the point, then the exponent.
fn push_e_body(out: &mut Vec<u8>, d: &Digits, prec: u32, alt: bool, upper: bool) {
    out.push(b'0' + d.at(d.exp));
    if prec > 0 || alt {
        out.push(b'.');
    }
    for i in 1..=prec as i32 {
        out.push(b'0' + d.at(d.exp - i));
    }
    push_exp(out, d.exp, upper);
}

/// Fixed notation with `prec` digits after the point.
fn push_f_body(out: &mut Vec<u8>, d: &Digits, prec: u32, alt: bool) {
    let top = if d.d.is_empty() { 0 } else { d.exp.max(0) };
    for k in (0..=top).rev() {
        out.push(b'0' + d.at(k));
    }
    if prec > 0 || alt {
        out.push(b'.');
    }
    for k in 1..=prec as i32 {
        out.push(b'0' + d.at(-k));
    }
}

/// `%g` with `p` significant digits from digits already rounded to `p`.
fn push_g_body(out: &mut Vec<u8>, d: &Digits, p: u32, alt: bool, upper: bool) {
    let x = d.exp;
    let start = out.len();
    let exp_form = !(x < p as i32 && x >= -4);
    if exp_form {
        push_e_body(out, d, p - 1, alt, upper);
    } else {
        push_f_body(out, d, (p as i32 - 1 - x) as u32, alt);
    }
    if !alt {
        // Drop trailing zeros of the fraction, and a bare point.
        let body_end = if exp_form {
            out.iter()
                .rposition(|&c| c == b'e' || c == b'E')
                .unwrap_or(out.len())
        } else {
            out.len()
        };
        if out[start..body_end].contains(&b'.') {
            let mut cut = body_end;
            while out[cut - 1] == b'0' {
                cut -= 1;
            }
            if out[cut - 1] == b'.' {
                cut -= 1;
            }
            out.drain(cut..body_end);
        }
    }
}

/// Pads `body` (which follows `prefix`) to `width`: spaces on the left or
/// right, or zeros between prefix and body. Shared by every conversion.
pub(super) fn push_padded(out: &mut Vec<u8>, flags: Flags, width: u32, prefix: &[u8], body: &[u8]) {
    let len = prefix.len() + body.len();
    let fill = (width as usize).saturating_sub(len);
    if flags.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.extend(std::iter::repeat_n(b' ', fill));
    } else if flags.zero {
        out.extend_from_slice(prefix);
        out.extend(std::iter::repeat_n(b'0', fill));
        out.extend_from_slice(body);
    } else {
        out.extend(std::iter::repeat_n(b' ', fill));
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// Appends `n` formatted by one floating-point conversion.
pub fn push_float(out: &mut Vec<u8>, spec: &FloatSpec, n: f64) {
    let flags = spec.flags;
    let sign: &[u8] = if n.is_sign_negative() && !n.is_nan() {
        b"-"
    } else if flags.plus && !n.is_nan() {
        b"+"
    } else if flags.space {
        b" "
    } else {
        b""
    };
    if !n.is_finite() {
        let word: &[u8] = match (n.is_nan(), spec.upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        let f = Flags {
            zero: false,
            ..flags
        };
        return push_padded(out, f, spec.width, sign, word);
    }
    let a = n.abs();
    let mut body = Vec::with_capacity(32);
    let prec = spec.prec.unwrap_or(6);
    match spec.conv {
        FloatConv::A => return push_hex_float(out, spec, sign, n),
        FloatConv::E => {
            let d = rounded(a, |_| prec as i64 + 1);
            push_e_body(&mut body, &d, prec, flags.alt, spec.upper);
        }
        FloatConv::F => {
            let d = rounded(a, |x| x as i64 + 1 + prec as i64);
            push_f_body(&mut body, &d, prec, flags.alt);
        }
        FloatConv::G => {
            let p = prec.max(1);
            let d = rounded(a, |_| p as i64);
            push_g_body(&mut body, &d, p, flags.alt, spec.upper);
        }
    }
    push_padded(out, flags, spec.width, sign, &body);
}

/// `%a`: `0x1.hhhp+e`, LuaJIT style.
fn push_hex_float(out: &mut Vec<u8>, spec: &FloatSpec, sign: &[u8], n: f64) {
    let digits: &[u8; 16] = if spec.upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let bits = n.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let mut m = bits & ((1u64 << 52) - 1);
    let mut e = 0i32;
    if biased != 0 {
        m |= 1u64 << 52;
        e = biased - 1023;
    } else if m != 0 {
        let shift = 52 - (63 - m.leading_zeros() as i32);
        e = -1022 - shift;
        m <<= shift;
    }
    let prec = match spec.prec {
        // Just enough hex digits to be exact.
        None => 13 - ((m | (1u64 << 52)).trailing_zeros() / 4),
        Some(p) => {
            if p < 13 {
                m += 1u64 << (51 - p * 4);
            }
            p
        }
    };
    let mut body = Vec::with_capacity(32);
    body.push(b'0' + (m >> 52) as u8);
    if prec > 0 || spec.flags.alt {
        body.push(b'.');
        let mut frac = Vec::with_capacity(prec as usize);
        let shown = prec.min(13);
        let mut t = if prec < 13 { m >> (52 - prec * 4) } else { m };
        for _ in 0..shown {
            frac.push(digits[(t & 15) as usize]);
            t >>= 4;
        }
        frac.reverse();
        body.extend_from_slice(&frac);
        body.extend(std::iter::repeat_n(b'0', (prec - shown) as usize));
    }
    body.push(if spec.upper { b'P' } else { b'p' });
    body.push(if e < 0 { b'-' } else { b'+' });
    body.extend_from_slice(e.unsigned_abs().to_string().as_bytes());
    let mut prefix = sign.to_vec();
    prefix.push(b'0');
    prefix.push(if spec.upper { b'X' } else { b'x' });
    push_padded(out, spec.flags, spec.width, &prefix, &body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_expansion() {
        let d = exact_digits(0.125);
        assert_eq!((d.d, d.exp), (vec![1, 2, 5], -1));
        let d = exact_digits(1e22);
        assert_eq!((d.d, d.exp), (vec![1], 22));
        let d = exact_digits(f64::from_bits(1));
        assert_eq!(d.exp, -324);
        assert_eq!(d.d.len(), 751);
    }

    #[test]
    fn rounding_carries() {
        let d = Digits {
            d: vec![9, 9, 5],
            exp: 0,
        };
        let r = d.round(2);
        assert_eq!((r.d, r.exp), (vec![1], 1));
    }
}
