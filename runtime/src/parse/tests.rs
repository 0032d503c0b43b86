//! Parser tests.

use super::*;

/// Lists the files named (one per line) in the file `$XLJ_FE_LIST` into
/// `<file>.xlj` next to each; used by `tests/tools/frontend_match.py`.
#[test]
#[ignore]
fn list_corpus() {
    let Ok(list) = std::env::var("XLJ_FE_LIST") else {
        return;
    };
    let names = std::fs::read_to_string(list).expect("list file");
    for name in names.lines().filter(|l| !l.is_empty()) {
        let src = std::fs::read(name).expect("source");
        let base = std::path::Path::new(name)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let out = match parse_chunk(&src, &format!("@{base}")) {
            Ok(p) => crate::bc::listing::list_chunk_bytes(&p),
            Err(e) => format!("ERROR: {e}\n").into_bytes(),
        };
        std::fs::write(format!("{name}.xlj"), out).expect("write");
    }
}

/// Describes the first structural difference between two prototype trees
/// (code, lines, constants, upvalues, debug info), or `None`.
pub(crate) fn diff_proto(a: &Proto, b: &Proto, path: &str) -> Option<String> {
    use crate::bc::GcConst;
    let here = format!("{path}@{}", a.first_line);
    let checks: [(&str, bool); 10] = [
        ("code", a.code != b.code),
        ("line_info", a.line_info != b.line_info),
        ("knum", a.knum != b.knum),
        ("upvalues", a.upvalues != b.upvalues),
        ("upvalue_names", a.upvalue_names != b.upvalue_names),
        ("var_info", a.var_info != b.var_info),
        ("flags", a.flags != b.flags),
        ("frame_size", a.frame_size != b.frame_size),
        (
            "lines",
            (a.first_line, a.num_lines, a.num_params) != (b.first_line, b.num_lines, b.num_params),
        ),
        ("kgc count", a.kgc.len() != b.kgc.len()),
    ];
    for (what, differs) in checks {
        if differs {
            return Some(format!("{here}: {what} differs"));
        }
    }
    for (i, (x, y)) in a.kgc.iter().zip(&b.kgc).enumerate() {
        let same = match (x, y) {
            (GcConst::Str(p), GcConst::Str(q)) => p == q,
            (GcConst::Table(p), GcConst::Table(q)) => {
                p.array == q.array
                    && p.hash.len() == q.hash.len()
                    && p.hash.iter().all(|kv| q.hash.contains(kv))
            }
            (GcConst::Child(p), GcConst::Child(q)) => {
                if let Some(d) = diff_proto(p, q, &here) {
                    return Some(d);
                }
                true
            }
            (GcConst::I64(p), GcConst::I64(q)) => p == q,
            (GcConst::U64(p), GcConst::U64(q)) => p == q,
            (GcConst::Complex(p, r), GcConst::Complex(q, s)) => p == q && r == s,
            _ => false,
        };
        if !same {
            return Some(format!("{here}: kgc[{i}] differs: {x:?} vs {y:?}"));
        }
    }
    None
}

/// Compares each file named in `$XLJ_FE_DUMPS` with the `luajit -b -g`
/// dump recorded next to it as `<file>.gdump`; prints one line per file.
#[test]
#[ignore]
fn compare_corpus_dumps() {
    let Ok(list) = std::env::var("XLJ_FE_DUMPS") else {
        return;
    };
    let names = std::fs::read_to_string(list).expect("list file");
    for name in names.lines().filter(|l| !l.is_empty()) {
        let src = std::fs::read(name).expect("source");
        let Ok(dump) = std::fs::read(format!("{name}.gdump")) else {
            continue;
        };
        let base = std::path::Path::new(name)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let theirs = match crate::bc::dump::read_dump(&dump, "=x") {
            Ok(d) => d.main,
            Err(e) => {
                println!("{name}: SKIP {e}");
                continue;
            }
        };
        match parse_chunk(&src, &format!("@{base}")) {
            Ok(p) => match diff_proto(&p, &theirs, "") {
                None => println!("{name}: SAME"),
                Some(d) => println!("{name}: DIFF {d}"),
            },
            Err(e) => println!("{name}: ERROR {e}"),
        }
    }
}

/// Undoes the escaping of `tests/tools/record_frontend_errors.py`.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
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

/// Builds a case's source: prefix, body repeated (with `{n}` numbering
/// the repetitions and `{uses}` in the suffix listing them), suffix.
fn expand(prefix: &[u8], body: &[u8], count: usize, suffix: &[u8]) -> Vec<u8> {
    let mut out = prefix.to_vec();
    let body = String::from_utf8_lossy(body).into_owned();
    let numbered = body.contains("{n}");
    for i in 0..count {
        out.extend_from_slice(body.replace("{n}", &i.to_string()).as_bytes());
    }
    let mut suffix = String::from_utf8_lossy(suffix).into_owned();
    if numbered {
        let uses: Vec<String> = (0..count).map(|i| format!("a{i}")).collect();
        suffix = suffix.replace("{uses}", &uses.join(", "));
    }
    out.extend_from_slice(suffix.as_bytes());
    out
}

/// Every syntax error class, with the messages recorded from luajit.
#[test]
fn golden_errors() {
    let golden = include_str!("../../../tests/golden-frontend/errors.txt");
    let mut checked = 0;
    for line in golden
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "malformed golden line: {line}");
        let src = expand(
            &unescape(f[2]),
            &unescape(f[3]),
            f[4].parse().unwrap(),
            &unescape(f[5]),
        );
        let chunk = String::from_utf8(unescape(f[1])).unwrap();
        let chunk = if chunk == "<source>" {
            String::from_utf8(src.clone()).unwrap()
        } else {
            chunk
        };
        let expected = String::from_utf8_lossy(&unescape(f[6])).into_owned();
        let got = match parse_chunk(&src, &chunk) {
            Ok(_) => "OK".to_string(),
            Err(e) => e.message,
        };
        assert_eq!(got, expected, "case {}", f[0]);
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} error cases");
}

/// Every `tests/lua/**/*.lua` with a recorded `luajit -bl` listing must
/// list identically.
#[test]
fn golden_listings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let mut files = Vec::new();
    let mut dirs = vec![root.join("lua")];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "lua") {
                files.push(p);
            }
        }
    }
    let mut checked = 0;
    for file in files {
        let rel = file
            .strip_prefix(root.join("lua"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let golden = root
            .join("golden")
            .join(rel.trim_end_matches(".lua").to_string() + ".bl");
        let Ok(expected) = std::fs::read(&golden) else {
            continue;
        };
        let src = std::fs::read(&file).unwrap();
        let p = parse_chunk(&src, &format!("@{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let got = crate::bc::listing::list_chunk_bytes(&p);
        assert!(
            got == expected,
            "{rel}: listing differs\n--- xlj\n{}\n--- luajit\n{}",
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected)
        );
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} golden listings found");
}

/// A small deterministic PRNG (xorshift64*), so the fuzz tests need no
/// dependencies and always run the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "local", "function", "end", "if", "then", "else", "elseif", "while", "do", "for", "in",
    "repeat", "until", "return", "break", "goto", "::", "and", "or", "not", "nil", "true", "false",
    "...", "..", "=", "==", "~=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^", "#", "(",
    ")", "{", "}", "[", "]", ";", ":", ",", ".", "x", "y", "t", "pairs", "next", "f", "1", "0",
    "2.5", "0x10", "1e3", "255", "256", "70000", "1LL", "2i", "\"s\"", "'q'", "[[long]]", "--c\n",
    "\n", " ", "self", "a1", "a2", "k", "v", "i",
];

/// Rounds for the fuzz tests: `XLJ_FUZZ_SCALE` multiplies them for longer
/// campaigns run by hand.
fn rounds(n: usize) -> usize {
    let scale = std::env::var("XLJ_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    n * scale
}

/// Random token streams (and random bytes) never panic the front end;
/// each either compiles or gives an error in LuaJIT's format.
#[test]
fn random_tokens_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut compiled = 0;
    for round in 0..rounds(4000) {
        let n = 1 + rng.below(60);
        let mut src = String::new();
        for _ in 0..n {
            src.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            src.push(' ');
        }
        match parse_chunk(src.as_bytes(), "=fuzz") {
            Ok(p) => {
                compiled += 1;
                let _ = crate::bc::listing::list_chunk_bytes(&p);
            }
            Err(e) => assert!(
                e.message.starts_with("fuzz:"),
                "round {round}: {}",
                e.message
            ),
        }
    }
    assert!(compiled > 0);
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for _ in 0..rounds(3000) {
        let n = rng.below(200);
        let bytes: Vec<u8> = (0..n)
            .map(|_| match rng.below(4) {
                0 => rng.next() as u8,
                _ => {
                    let pool = b" \n=(){}[]\"'\\.-+x1:;,#~<>";
                    pool[rng.below(pool.len())]
                }
            })
            .collect();
        if let Err(e) = parse_chunk(&bytes, "@r.lua") {
            assert!(e.message.starts_with("r.lua:"), "{}", e.message);
        }
    }
}

/// Mutations of valid programs (a byte replaced, deleted or duplicated)
/// never panic.
#[test]
fn mutated_programs_never_panic() {
    let base: &[&[u8]] = &[
        include_bytes!("../../../tests/lua/frontend/control.lua"),
        include_bytes!("../../../tests/lua/frontend/tables.lua"),
        include_bytes!("../../../tests/lua/frontend/functions.lua"),
    ];
    let mut rng = Rng(42);
    for _ in 0..rounds(600) {
        let mut src = base[rng.below(base.len())].to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(src.len());
            match rng.below(3) {
                0 => src[at] = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes()[0],
                1 => {
                    src.remove(at);
                }
                _ => {
                    let b = src[at];
                    src.insert(at, b);
                }
            }
        }
        if let Ok(p) = parse_chunk(&src, "=m") {
            let _ = crate::bc::listing::list_chunk_bytes(&p);
        }
    }
}
