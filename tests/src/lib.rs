//! Cross-crate tests of xlj. The suites live in `tests/tests/*.rs`; their
//! data (Lua programs and the outputs recorded from the reference `luajit`)
//! lives beside them, with the scripts that regenerate it in `tests/tools`.
//!
//! This library holds what the suites share: where the corpus and the
//! golden files are, how a listing splits into functions, and the random
//! program generator of the differential tests ([`gen`]).

pub mod gen;

use std::fs;
use std::path::{Path, PathBuf};

/// `tests/lua`: the Lua corpus.
pub fn lua_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lua")
}

/// `tests/golden`: outputs recorded from `luajit` by
/// `tests/tools/regen-golden.sh`.
pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

/// One program of the corpus.
#[derive(Clone, Debug)]
pub struct Case {
    /// Path relative to `tests/lua`, with `/` separators (`frontend/x.lua`).
    pub rel: String,
    /// The relative path without `.lua`, which names its golden files.
    pub stem: String,
}

impl Case {
    /// The Lua source.
    pub fn source(&self) -> Vec<u8> {
        fs::read(lua_dir().join(&self.rel)).expect("corpus file is readable")
    }

    /// The chunk name luajit used when the golden files were recorded.
    pub fn chunk_name(&self) -> String {
        format!("@{}", self.rel)
    }

    /// A golden file of this case (`ext` like `bl`, `raw`, `g.raw`), if it
    /// was recorded.
    pub fn golden(&self, ext: &str) -> Option<Vec<u8>> {
        fs::read(golden_dir().join(format!("{}.{ext}", self.stem))).ok()
    }

    /// The file name of the golden stripped dump (its chunk name when
    /// luajit listed it).
    pub fn raw_name(&self) -> String {
        let base = self.stem.rsplit('/').next().unwrap_or(&self.stem);
        format!("@{base}.raw")
    }
}

/// Every `*.lua` file under `tests/lua`, sorted.
pub fn corpus() -> Vec<Case> {
    let mut out = Vec::new();
    collect(&lua_dir(), "", &mut out);
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<Case>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        let path = e.path();
        if path.is_dir() {
            collect(&path, &format!("{rel}/"), out);
        } else if let Some(stem) = rel.strip_suffix(".lua") {
            out.push(Case {
                stem: stem.to_string(),
                rel,
            });
        }
    }
}

/// Splits a listing into its functions: each starts at a
/// `-- BYTECODE --` header and runs to the next one.
pub fn split_functions(listing: &[u8]) -> Vec<&[u8]> {
    const HEAD: &[u8] = b"-- BYTECODE --";
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in listing.split_inclusive(|&b| b == b'\n') {
        if line.starts_with(HEAD) {
            starts.push(at);
        }
        at += line.len();
    }
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(listing.len());
        out.push(&listing[s..e]);
    }
    out
}

/// The first line of a function's listing, for messages.
pub fn header(function: &[u8]) -> String {
    let line = function.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(line).into_owned()
}
