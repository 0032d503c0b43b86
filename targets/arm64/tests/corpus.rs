//! The conformance corpus (`tests/lua/run`, outputs recorded from
//! `luajit -joff`) on the arm64 template interpreter, also under both GC
//! stress modes: the engine hands slow paths to the reference interpreter
//! mid-frame, so every program exercises the hand-over both ways.

#![cfg(target_arch = "aarch64")]

use std::path::{Path, PathBuf};
use std::rc::Rc;

use xlj_runtime::gc::Stress;
use xlj_runtime::vm::{SharedBuf, Vm};

fn programs(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/lua")
        .join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "lua") && p.with_extension("expected").exists()
        })
        .collect();
    v.sort();
    v
}

/// Runs one program as the recording script ran luajit: output, then the
/// error message (if any) on a last line.
fn run(path: &Path, stress: Stress, close: bool) -> String {
    let src = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let buf = SharedBuf::default();
    {
        let mut vm = Vm::new().unwrap();
        let engine = xlj_target_arm64::interpreter().expect("the arm64 interpreter generates");
        vm.set_engine(Some(Rc::new(engine)));
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
        if close {
            assert_eq!(vm.close(), 0, "{name}: heap bytes leaked");
        }
    }
    let out = buf.0.borrow().clone();
    String::from_utf8_lossy(&out).into_owned()
}

fn check(dir: &str, stress: Stress, close: bool) {
    let progs = programs(dir);
    assert!(!progs.is_empty());
    let mut failed = Vec::new();
    for p in &progs {
        let want = std::fs::read_to_string(p.with_extension("expected")).unwrap();
        let got = run(p, stress, close);
        if got != want {
            eprintln!("--- {} differs (stress={stress:?})", p.display());
            let (mut g, mut w) = (got.lines(), want.lines());
            for i in 1.. {
                match (g.next(), w.next()) {
                    (Some(a), Some(b)) if a == b => continue,
                    (None, None) => break,
                    (a, b) => {
                        eprintln!("line {i}: got  {a:?}\n        want {b:?}");
                        break;
                    }
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
    eprintln!(
        "{dir}: {} programs, {} failed (stress={stress:?})",
        progs.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
fn corpus_matches_luajit() {
    check("run", Stress::Off, false);
}

#[test]
fn corpus_under_gc_stress() {
    check("run", Stress::Full, true);
}

#[test]
fn corpus_under_incremental_gc_stress() {
    check("run", Stress::Incremental, true);
}

#[test]
fn finalizers_run_when_the_vm_closes() {
    for stress in [Stress::Off, Stress::Full, Stress::Incremental] {
        check("gc", stress, true);
    }
}
