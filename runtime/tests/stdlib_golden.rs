//! Replays the golden files recorded from luajit by
//! `runtime/tools/gen-stdlib-golden.py` against the string machinery in
//! `xlj_runtime::stdlib`, row by row, printing the rows that differ.
//!
//! Each test renders its result in the generator's notation (`ok` and
//! space-separated `n:`/`s:`/`nil` values, or `err:` and the message) and
//! compares the text, so a failure shows both sides readably.

use std::borrow::Cow;
use xlj_runtime::stdlib::format::{format, ArgError, FormatArgs};
use xlj_runtime::stdlib::numfmt::number_to_string;
use xlj_runtime::stdlib::pattern::{
    expand_replacement, find, gsub, match_captures, Capture, GMatch, Match, PatternError,
};
use xlj_runtime::stdlib::strscan::{str_to_number, str_to_number_base};

fn golden(name: &str) -> String {
    let path = format!("{}/tests/golden/stdlib/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The generator's field escape: bytes outside 0x21..0x7e, `\` and `#`
/// (so only the header line starts with `#`) as `\xHH`.
fn esc(s: &[u8]) -> String {
    let mut out = String::new();
    for &c in s {
        if c > 32 && c < 127 && c != b'\\' && c != b'#' {
            out.push(c as char);
        } else {
            out.push_str(&format!("\\x{c:02X}"));
        }
    }
    out
}

fn unesc(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() + 1 && b.get(i + 1) == Some(&b'x') {
            out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).expect("bad escape"));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn hex(n: f64) -> String {
    format!("{:016x}", n.to_bits())
}

fn unhex(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).expect("bad number bits"))
}

/// Runs `check` over the rows of a golden file (`inputs` fields then the
/// expected output, which may contain spaces but no tabs).
fn replay(name: &str, inputs: usize, check: impl Fn(&[&str]) -> String) {
    let text = golden(name);
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.splitn(inputs + 1, '\t').collect();
        assert_eq!(fields.len(), inputs + 1, "{name}: malformed row {line:?}");
        rows += 1;
        let got = check(&fields[..inputs]);
        if got != fields[inputs] {
            failures.push(format!(
                "  {}\n    want {}\n    got  {}",
                fields[..inputs].join(" | "),
                fields[inputs],
                got
            ));
        }
    }
    assert!(rows > 0, "{name}: no rows");
    if !failures.is_empty() {
        let shown: Vec<_> = failures.iter().take(40).cloned().collect();
        panic!(
            "{name}: {} of {rows} rows differ from luajit:\n{}",
            failures.len(),
            shown.join("\n")
        );
    }
    eprintln!("{name}: {rows} rows match");
}

#[test]
fn tostring_numbers() {
    replay("tostring.txt", 1, |f| esc(&number_to_string(unhex(f[0]))));
}

#[test]
fn tonumber_strings() {
    replay("tonumber.txt", 1, |f| match str_to_number(&unesc(f[0])) {
        Some(n) => hex(n),
        None => "nil".into(),
    });
}

#[test]
fn tonumber_with_base() {
    replay("tonumber_base.txt", 2, |f| {
        let base: i64 = f[1].parse().unwrap();
        match str_to_number_base(&unesc(f[0]), base) {
            Ok(Some(n)) => format!("ok n:{}", hex(n)),
            Ok(None) => "ok nil".into(),
            Err(e) => format!(
                "err:{}",
                esc(format!("bad argument #2 to '?' ({})", e.message()).as_bytes())
            ),
        }
    });
}

/// A test value: a number or a string.
enum Val {
    Num(f64),
    Str(Vec<u8>),
}

fn parse_vals(field: &str) -> Vec<Val> {
    field
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| match t.split_once(':') {
            Some(("n", h)) => Val::Num(unhex(h)),
            Some(("s", s)) => Val::Str(unesc(s)),
            _ => panic!("bad value token {t:?}"),
        })
        .collect()
}

struct Args(Vec<Val>);

impl FormatArgs for Args {
    fn count(&self) -> usize {
        self.0.len() + 1
    }

    fn number(&mut self, i: usize) -> Result<f64, ArgError> {
        match &self.0[i - 2] {
            Val::Num(n) => Ok(*n),
            Val::Str(s) => str_to_number(s).ok_or(ArgError::Expected {
                expected: "number",
                got: "string".into(),
            }),
        }
    }

    fn string(&mut self, i: usize) -> Result<Cow<'_, [u8]>, ArgError> {
        Ok(match &self.0[i - 2] {
            Val::Num(n) => Cow::Owned(number_to_string(*n)),
            Val::Str(s) => Cow::Borrowed(s),
        })
    }

    fn pointer(&mut self, _: usize) -> Result<u64, ArgError> {
        Ok(0)
    }
}

fn format_row(f: &[&str]) -> String {
    let mut args = Args(parse_vals(f[1]));
    match format(&unesc(f[0]), &mut args) {
        Ok(s) => format!("ok s:{}", esc(&s)),
        Err(e) => format!("err:{}", esc(&e.message("?"))),
    }
}

#[test]
fn string_format() {
    replay("format.txt", 2, format_row);
}

#[test]
fn string_format_sweeps() {
    replay("format_sweep.txt", 2, format_row);
}

fn cap_token(src: &[u8], c: Capture) -> String {
    match c {
        Capture::Span(a, b) => format!("s:{}", esc(&src[a..b])),
        Capture::Position(p) => format!("n:{}", hex((p + 1) as f64)),
    }
}

fn err(e: PatternError) -> String {
    format!("err:{}", esc(e.to_string().as_bytes()))
}

fn opt_int(s: &str) -> Option<i32> {
    (s != "nil").then(|| s.parse().unwrap())
}

fn caps_text(src: &[u8], caps: Vec<Capture>) -> String {
    caps.into_iter()
        .map(|c| format!(" {}", cap_token(src, c)))
        .collect()
}

/// `string.find` and `string.match` as the library will drive them.
fn find_or_match(src: &[u8], pat: &[u8], init: Option<i32>, plain: bool, is_find: bool) -> String {
    let init = init.unwrap_or(1);
    if is_find {
        match find(src, pat, init, plain) {
            Ok(Some(f)) => format!(
                "ok n:{} n:{}{}",
                hex((f.start + 1) as f64),
                hex(f.end as f64),
                caps_text(src, f.captures)
            ),
            Ok(None) => "ok nil".into(),
            Err(e) => err(e),
        }
    } else {
        match match_captures(src, pat, init) {
            Ok(Some(caps)) => format!("ok{}", caps_text(src, caps)),
            Ok(None) => "ok nil".into(),
            Err(e) => err(e),
        }
    }
}

fn find_row(f: &[&str]) -> String {
    find_or_match(
        &unesc(f[0]),
        &unesc(f[1]),
        opt_int(f[2]),
        f[3] == "true",
        true,
    )
}

#[test]
fn string_find() {
    replay("find.txt", 4, find_row);
}

#[test]
fn character_classes() {
    replay("find_classes.txt", 4, find_row);
}

#[test]
fn string_match() {
    replay("match.txt", 3, |f| {
        find_or_match(&unesc(f[0]), &unesc(f[1]), opt_int(f[2]), false, false)
    });
}

#[test]
fn string_gmatch() {
    replay("gmatch.txt", 2, |f| {
        let (src, pat) = (unesc(f[0]), unesc(f[1]));
        let mut it = GMatch::default();
        let mut out = String::from("ok");
        for _ in 0..50 {
            let m: Match = match it.next(&src, &pat) {
                Ok(Some(m)) => m,
                Ok(None) => break,
                Err(e) => return err(e),
            };
            let caps = match m.captures() {
                Ok(c) => c,
                Err(e) => return err(e),
            };
            out += " /";
            for c in caps.into_iter().take(3) {
                out.push(' ');
                out += &cap_token(&src, c);
            }
        }
        out
    });
}

#[test]
fn string_gsub() {
    replay("gsub.txt", 4, |f| {
        let (src, pat, repl) = (unesc(f[0]), unesc(f[1]), unesc(f[2]));
        let max_n = opt_int(f[3]).map_or(src.len() as i64 + 1, i64::from);
        let r = gsub::<PatternError>(&src, &pat, max_n, |m, out| {
            expand_replacement(out, &repl, &src, m)
        });
        match r {
            Ok((s, n)) => format!("ok s:{} n:{}", esc(&s), hex(n as f64)),
            Err(e) => err(e),
        }
    });
}
