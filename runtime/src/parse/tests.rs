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
