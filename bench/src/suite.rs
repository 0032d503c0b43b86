//! The benchmark programs in `bench/lua/`. Each file declares its default
//! and quick sizes in a header comment (`-- size: 36 quick: 24`), takes
//! the size as `arg[1]` and prints a checksum.

use std::path::{Path, PathBuf};

pub struct Benchmark {
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    pub quick_size: u64,
}

fn header_number(text: &str, key: &str) -> Option<u64> {
    let line = text
        .lines()
        .find(|l| l.starts_with("--") && l.contains(key))?;
    let rest = &line[line.find(key)? + key.len()..];
    rest.split_whitespace().next()?.parse().ok()
}

pub fn discover(dir: &Path) -> Result<Vec<Benchmark>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("lua") {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let size = header_number(&text, "size:")
            .ok_or_else(|| format!("{}: no '-- size: N' header", path.display()))?;
        let quick_size = header_number(&text, "quick:").unwrap_or(size);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        out.push(Benchmark {
            name,
            path,
            size,
            quick_size,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
