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
