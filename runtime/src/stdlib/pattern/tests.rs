//! Spot checks; the golden files carry the bulk of the cases.

use super::*;

fn find(s: &str, p: &str) -> Result<Option<(usize, usize)>, PatternError> {
    Ok(search(s.as_bytes(), p.as_bytes(), 0)?.map(|m| (m.start, m.end)))
}

#[test]
fn basics() {
    assert_eq!(find("hello world", "o w"), Ok(Some((4, 7))));
    assert_eq!(find("hello", "^h(.-)o$"), Ok(Some((0, 5))));
    assert_eq!(find("f(a(b)c)", "%b()"), Ok(Some((1, 8))));
    assert_eq!(find("THE (quick) fox", "%f[%a]%a+"), Ok(Some((0, 3))));
    assert_eq!(find("abc", "%"), Err(PatternError::EndsWithPercent));
    assert_eq!(find("abc", "[a"), Err(PatternError::MissingBracket));
    let m = search(b"abc", b"(()", 0).unwrap().unwrap();
    assert_eq!(m.find_captures(), Err(PatternError::UnfinishedCapture));
}

#[test]
fn depth_is_bounded() {
    let src = "a".repeat(1000);
    let pat = "a?".repeat(100_000);
    assert_eq!(find(&src, &pat), Err(PatternError::TooComplex));
}

#[test]
fn gsub_with_string() {
    let src = b"hello world";
    let (out, n) = gsub::<PatternError>(src, b"(o)", 100, |m, out| {
        expand_replacement(out, b"[%1%0]", src, m)
    })
    .unwrap();
    assert_eq!((out.as_slice(), n), (&b"hell[oo] w[oo]rld"[..], 2));
}
