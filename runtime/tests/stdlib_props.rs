//! Robustness of the string machinery on arbitrary input: random patterns,
//! subjects, replacement strings, format strings and number texts must give
//! a result or an error value, never a panic, and matching must stay within
//! its recursion bound (a runaway recursion would overflow the stack and
//! abort the test binary).
//!
//! The generator is a fixed-seed xorshift, so a failure reproduces.

use std::borrow::Cow;
use xlj_runtime::stdlib::format::{format, ArgError, FormatArgs};
use xlj_runtime::stdlib::numfmt::number_to_string;
use xlj_runtime::stdlib::pattern::{
    expand_replacement, gsub, match_at, search, GMatch, PatternError,
};
use xlj_runtime::stdlib::strscan::{str_to_number, str_to_number_base};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a [u8]]) -> &'a [u8] {
        items[self.below(items.len())]
    }

    fn bytes(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

const PATTERN_PIECES: &[&[u8]] = &[
    b"a", b"b", b".", b"%a", b"%d", b"%s", b"%w", b"%z", b"%", b"[", b"]", b"[^", b"-", b"^", b"$",
    b"*", b"+", b"?", b"(", b")", b"()", b"%1", b"%2", b"%0", b"%b", b"%bxy", b"%f", b"%f[",
    b"%f[a]", b"[a-", b"\0", b"%]", b"%%", b"\xff",
];

fn random_pattern(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(12);
    (0..n)
        .flat_map(|_| rng.pick(PATTERN_PIECES).to_vec())
        .collect()
}

#[test]
fn random_patterns_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..30_000 {
        let pat = random_pattern(&mut rng);
        let src = rng.bytes(b"abxy()[]%-.\0 1", 24);
        let start = rng.below(src.len() + 1);
        if let Ok(Some(m)) = search(&src, &pat, start) {
            assert!(m.start <= m.end && m.end <= src.len());
            let _ = m.captures();
            let _ = m.find_captures();
        }
        let _ = match_at(&src, &pat, start);
        let mut it = GMatch::default();
        for _ in 0..(src.len() + 2) {
            match it.next(&src, &pat) {
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        let repl = rng.bytes(b"%0129ab", 6);
        let _ = gsub::<PatternError>(&src, &pat, rng.below(30) as i64 - 2, |m, out| {
            expand_replacement(out, &repl, &src, m)
        });
    }
}

#[test]
fn deep_patterns_are_errors_not_crashes() {
    let src = vec![b'a'; 5000];
    for piece in [&b"a?"[..], b"a*", b"a-", b"x*", b"(a", b"()"] {
        let pat: Vec<u8> = piece
            .iter()
            .copied()
            .cycle()
            .take(piece.len() * 50_000)
            .collect();
        let r = search(&src, &pat, 0).and_then(|m| match m {
            Some(m) => m.captures().map(|_| ()),
            None => Ok(()),
        });
        assert!(r.is_err(), "{:?} repeated should be refused", piece);
    }
}

struct NumArgs(Vec<f64>);

impl FormatArgs for NumArgs {
    fn count(&self) -> usize {
        self.0.len() + 1
    }
    fn number(&mut self, i: usize) -> Result<f64, ArgError> {
        Ok(self.0[i - 2])
    }
    fn string(&mut self, i: usize) -> Result<Cow<'_, [u8]>, ArgError> {
        Ok(Cow::Owned(number_to_string(self.0[i - 2])))
    }
    fn pointer(&mut self, i: usize) -> Result<u64, ArgError> {
        Ok(self.0[i - 2].to_bits())
    }
}

#[test]
fn random_formats_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let alphabet = b"%%%-+ #0123456789.diuoxXeEfFgGaAcsqpyl\0";
    for _ in 0..30_000 {
        let fmt = rng.bytes(alphabet, 14);
        let args: Vec<f64> = (0..rng.below(5))
            .map(|_| f64::from_bits(rng.next()))
            .collect();
        let mut a = NumArgs(args);
        match format(&fmt, &mut a) {
            Ok(out) => assert!(out.len() < 4096),
            Err(e) => {
                let _ = e.message("format");
            }
        }
    }
}

#[test]
fn random_number_texts_never_panic() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    let alphabet = b"0123456789abcdefxXpPeE.+- \t\0infINFNa";
    for _ in 0..50_000 {
        let s = rng.bytes(alphabet, 30);
        if let Some(n) = str_to_number(&s) {
            let _ = number_to_string(n);
        }
        let _ = str_to_number_base(&s, rng.below(40) as i64);
        let _ = number_to_string(f64::from_bits(rng.next()));
    }
}
