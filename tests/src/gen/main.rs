//! `xlj-gen`: writes generated differential-test programs to files, for
//! `tests/tools/diff_vs_luajit.py` and for reproducing a failure by hand.
//!
//! `xlj-gen [--same-host] SEED [COUNT] [DIR]` writes `DIR/SEED.lua`,
//! `DIR/SEED+1.lua`, ... (`DIR` defaults to `.`); `xlj-gen SEED -` prints
//! one program. `--same-host` makes the programs the engine comparison
//! runs (see `Config::same_host`); without it, those checked against
//! luajit.

use std::path::PathBuf;
use std::process::ExitCode;

use xlj_tests::gen::{program_with, Config};

const USAGE: &str = "usage: xlj-gen [--same-host] SEED [COUNT|-] [DIR]";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut config = Config::default();
    if args.first().map(String::as_str) == Some("--same-host") {
        config.same_host = true;
        args.remove(0);
    }
    let Some(seed) = args.first().and_then(|s| s.parse::<u64>().ok()) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    if args.get(1).map(String::as_str) == Some("-") {
        print!("{}", program_with(seed, config));
        return ExitCode::SUCCESS;
    }
    let count = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let dir = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("."));
    for s in seed..seed.saturating_add(count) {
        let path = dir.join(format!("{s}.lua"));
        if let Err(e) = std::fs::write(&path, program_with(s, config)) {
            eprintln!("xlj-gen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
