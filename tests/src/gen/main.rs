//! `xlj-gen`: writes generated differential-test programs to files, for
//! `tests/tools/diff_vs_luajit.py` and for reproducing a failure by hand.
//!
//! `xlj-gen SEED [COUNT] [DIR]` writes `DIR/SEED.lua`, `DIR/SEED+1.lua`,
//! ... (`DIR` defaults to `.`); `xlj-gen SEED -` prints one program.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: xlj-gen SEED [COUNT|-] [DIR]";
    let Some(seed) = args.first().and_then(|s| s.parse::<u64>().ok()) else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    if args.get(1).map(String::as_str) == Some("-") {
        print!("{}", xlj_tests::gen::program(seed));
        return ExitCode::SUCCESS;
    }
    let count = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    };
    let dir = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("."));
    for s in seed..seed.saturating_add(count) {
        let path = dir.join(format!("{s}.lua"));
        if let Err(e) = std::fs::write(&path, xlj_tests::gen::program(s)) {
            eprintln!("xlj-gen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
