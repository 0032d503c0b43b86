//! Lexer tests. Expected token values follow the Lua 5.1 / LuaJIT 2.1
//! reference manual's definitions of the literal forms.

use std::rc::Rc;

use super::*;

fn lex_all(src: &[u8]) -> Result<Vec<(Tok, TokVal, u32)>, SyntaxError> {
    let mut lx = Lexer::new(src, "=t");
    let mut out = Vec::new();
    loop {
        lx.advance()?;
        if lx.tok == Tok::Eof {
            return Ok(out);
        }
        out.push((lx.tok, lx.val.clone(), lx.line));
    }
}

fn toks(src: &str) -> Vec<Tok> {
    lex_all(src.as_bytes())
        .expect("lexes")
        .into_iter()
        .map(|t| t.0)
        .collect()
}

fn string_value(src: &[u8]) -> Vec<u8> {
    match lex_all(src).expect("lexes").as_slice() {
        [(Tok::String, TokVal::Str(s), _)] => s.to_vec(),
        other => panic!("not one string: {other:?}"),
    }
}

fn number_value(src: &str) -> NumLit {
    match lex_all(src.as_bytes()).expect("lexes").as_slice() {
        [(Tok::Number, TokVal::Num(n), _)] => *n,
        other => panic!("not one number: {other:?}"),
    }
}

fn error(src: &[u8]) -> String {
    lex_all(src).expect_err("must fail").message
}

#[test]
fn operators_and_keywords() {
    use Tok::*;
    assert_eq!(
        toks("+ - * / % ^ # == ~= <= >= < > = ( ) { } [ ] ; : :: , . .. ..."),
        vec![
            Char(b'+'),
            Char(b'-'),
            Char(b'*'),
            Char(b'/'),
            Char(b'%'),
            Char(b'^'),
            Char(b'#'),
            Eq,
            Ne,
            Le,
            Ge,
            Char(b'<'),
            Char(b'>'),
            Char(b'='),
            Char(b'('),
            Char(b')'),
            Char(b'{'),
            Char(b'}'),
            Char(b'['),
            Char(b']'),
            Char(b';'),
            Char(b':'),
            Label,
            Char(b','),
            Char(b'.'),
            Concat,
            Dots
        ]
    );
    let words = "and break do else elseif end false for function goto if in local nil not or \
                 repeat return then true until while";
    let t = toks(words);
    assert_eq!(t.len(), 22);
    assert!(t.iter().all(|t| !matches!(t, Name | Char(_))));
    assert_eq!(
        toks("ands _x x1 \u{e9}t\u{e9}"),
        vec![Name, Name, Name, Name]
    );
    assert_eq!(toks("~"), vec![Char(b'~')]);
}

#[test]
fn token_names_as_luajit_prints_them() {
    assert_eq!(Tok::Eof.name(), "<eof>");
    assert_eq!(Tok::Name.name(), "<name>");
    assert_eq!(Tok::Function.name(), "function");
    assert_eq!(Tok::Concat.name(), "..");
    assert_eq!(Tok::Char(b'}').name(), "}");
    assert_eq!(Tok::Char(1).name(), "char(1)");
}

#[test]
fn string_escapes() {
    assert_eq!(
        string_value(br#""a\a\b\f\n\r\t\v\\\"\'""#),
        b"a\x07\x08\x0c\n\r\t\x0b\\\"'"
    );
    assert_eq!(string_value(br#"'\65\066\0671\0'"#), b"AB\x431\0");
    assert_eq!(string_value(br#""\x41\x6a\x7F""#), b"Aj\x7f");
    assert_eq!(
        string_value(br#""\u{41}\u{e9}\u{20ac}\u{1F600}""#),
        "A\u{e9}\u{20ac}\u{1f600}".as_bytes()
    );
    assert_eq!(string_value(b"\"a\\z  \n\t b\""), b"ab");
    assert_eq!(string_value(b"\"a\\\nb\""), b"a\nb");
    assert_eq!(string_value(b"\"a\\\r\nb\""), b"a\nb");
}

#[test]
fn long_strings() {
    assert_eq!(string_value(b"[[abc]]"), b"abc");
    assert_eq!(string_value(b"[[\nabc]]"), b"abc");
    assert_eq!(string_value(b"[[\r\nabc\r\ndef]]"), b"abc\ndef");
    assert_eq!(string_value(b"[==[a]]b]=]c]==]"), b"a]]b]=]c");
    assert_eq!(string_value(b"[=[\\n]=]"), b"\\n");
}

#[test]
fn comments_are_skipped() {
    assert_eq!(
        toks("a -- comment\nb --[[ long\n comment ]] c --[==[ x ]] ]==] d"),
        vec![Tok::Name; 4]
    );
    assert_eq!(toks("--[ not long\nx"), vec![Tok::Name]);
    assert_eq!(toks("--"), vec![]);
}

#[test]
fn numbers() {
    assert_eq!(number_value("3"), NumLit::Num(3.0));
    assert_eq!(number_value("3.25e2"), NumLit::Num(325.0));
    assert_eq!(number_value(".5"), NumLit::Num(0.5));
    assert_eq!(number_value("0x1P-2"), NumLit::Num(0.25));
    assert_eq!(number_value("0xA.8p0"), NumLit::Num(10.5));
    assert_eq!(number_value("1e-5"), NumLit::Num(1e-5));
    assert_eq!(number_value("0b1010"), NumLit::Num(10.0));
    assert_eq!(number_value("123LL"), NumLit::I64(123));
    assert_eq!(number_value("0xffffffffffffffffULL"), NumLit::U64(u64::MAX));
    assert_eq!(number_value("0x8000000000000000LL"), NumLit::I64(i64::MIN));
    assert_eq!(number_value("12i"), NumLit::Imag(12.0));
    // `-` is an operator, and `+` after `e` belongs to the exponent.
    assert_eq!(toks("1-2"), vec![Tok::Number, Tok::Char(b'-'), Tok::Number]);
    assert_eq!(
        toks("0x1e+2"),
        vec![Tok::Number, Tok::Char(b'+'), Tok::Number]
    );
}

#[test]
fn line_numbers() {
    let t = lex_all(b"a\nb\r\nc\n\rd\r\re\n\nf").unwrap();
    let lines: Vec<u32> = t.iter().map(|t| t.2).collect();
    assert_eq!(lines, vec![1, 2, 3, 4, 6, 8]);
    let t = lex_all(b"x = [[\n\n]] y").unwrap();
    assert_eq!(t.last().unwrap().2, 3);
}

#[test]
fn headers_are_skipped() {
    assert_eq!(toks("#!/usr/bin/env luajit\nx"), vec![Tok::Name]);
    assert_eq!(lex_all(b"#!x\ny").unwrap()[0].2, 2);
    assert_eq!(toks("\u{feff}x"), vec![Tok::Name]);
    assert_eq!(toks("#"), vec![]);
}

#[test]
fn lookahead_keeps_the_current_token() {
    let mut lx = Lexer::new(b"a = 1", "=t");
    lx.advance().unwrap();
    assert_eq!(lx.lookahead().unwrap(), Tok::Char(b'='));
    assert_eq!(lx.tok, Tok::Name);
    assert_eq!(lx.val, TokVal::Str(Rc::from(&b"a"[..])));
    lx.advance().unwrap();
    assert_eq!(lx.tok, Tok::Char(b'='));
    lx.advance().unwrap();
    assert_eq!(lx.tok, Tok::Number);
}

/// Messages checked against `luajit` (loadstring with chunk name `=t`).
#[test]
fn lexical_errors_quote_the_token_text() {
    assert_eq!(error(b"x = \"abc"), "t:1: unfinished string near '<eof>'");
    assert_eq!(
        error(b"\n\"abc\nd\""),
        "t:2: unfinished string near '\"abc'"
    );
    assert_eq!(error(b"[[abc"), "t:1: unfinished long string near '<eof>'");
    assert_eq!(
        error(b"--[[\n"),
        "t:2: unfinished long comment near '<eof>'"
    );
    assert_eq!(
        error(b"[=x"),
        "t:1: invalid long string delimiter near '[='"
    );
    assert_eq!(error(b"0x1g"), "t:1: malformed number near '0x1g'");
    assert_eq!(error(b"'a\\g'"), "t:1: invalid escape sequence near ''a'");
    assert_eq!(error(b"'\\999'"), "t:1: invalid escape sequence near '''");
    assert_eq!(
        error(b"'\\u{d800}'"),
        "t:1: invalid escape sequence near '''"
    );
}

#[test]
fn chunk_names_in_messages() {
    let e = Lexer::new(b"", "@dir/file.lua").error(Some(Tok::Eof), "m");
    assert_eq!(e.message, "dir/file.lua:1: m near '<eof>'");
    let e = Lexer::new(b"", "return 1").error(None, "m");
    assert_eq!(e.message, "[string \"return 1\"]:1: m");
}

/// Number literals read exactly as the reference `luajit` reads them
/// (recorded by `tests/tools/record_frontend_numbers.py`).
#[test]
fn golden_numbers() {
    let golden = include_str!("../../../tests/golden-frontend/numbers.txt");
    let mut checked = 0;
    for line in golden
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (lit, want) = line.split_once('\t').expect("literal and value");
        let got = match lex_all(lit.as_bytes()).as_deref() {
            Ok([(Tok::Number, TokVal::Num(n), _)]) => match *n {
                NumLit::Num(x) => Some(format!("{x:e}")),
                NumLit::I64(x) => Some(format!("I64 {x}")),
                NumLit::U64(x) => Some(format!("U64 {x}")),
                NumLit::Imag(x) => Some(format!("IMAG {x:e}")),
            },
            _ => None,
        };
        // The golden values are `%.17g`, which identifies a double exactly.
        let want = if want == "ERR" {
            None
        } else if let Some(rest) = want.strip_prefix("IMAG ") {
            Some(format!("IMAG {:e}", rest.parse::<f64>().expect("number")))
        } else if want.starts_with('I') || want.starts_with('U') {
            Some(want.to_string())
        } else {
            Some(format!("{:e}", want.parse::<f64>().expect("number")))
        };
        assert_eq!(got, want, "literal {lit}");
        checked += 1;
    }
    assert!(checked > 700, "only {checked} literals");
}

/// Undoes the escaping of the recording scripts (`\\`, `\n`, `\r`, `\t`,
/// `\xHH`).
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' => {
                    out.push(u8::from_str_radix(&s[i + 2..i + 4], 16).expect("hex escape"));
                    i += 2;
                }
                c => out.push(c),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// String literals read exactly as the reference `luajit` reads them
/// (recorded by `tests/tools/record_frontend_strings.py`).
#[test]
fn golden_strings() {
    let golden = include_str!("../../../tests/golden-frontend/strings.txt");
    let mut checked = 0;
    for line in golden
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (lit, want) = line.rsplit_once('\t').expect("literal and value");
        let lit = unescape(lit);
        let mut chunk = b"return ".to_vec();
        chunk.extend_from_slice(&lit);
        let got = match crate::parse::parse_chunk(&chunk, "=s") {
            Err(_) => "ERR".to_string(),
            Ok(_) => match lex_all(&lit).as_deref() {
                Ok([(Tok::String, TokVal::Str(s), _)]) if s.is_empty() => "-".to_string(),
                Ok([(Tok::String, TokVal::Str(s), _)]) => {
                    s.iter().map(|b| format!("{b:02x}")).collect()
                }
                other => panic!(
                    "{:?} is not one string: {other:?}",
                    String::from_utf8_lossy(&lit)
                ),
            },
        };
        assert_eq!(got, want, "literal {:?}", String::from_utf8_lossy(&lit));
        checked += 1;
    }
    assert!(checked >= 500, "only {checked} literals");
}
