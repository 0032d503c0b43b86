//! Portable bytecode: a chunk dumped on one machine loads and runs
//! unchanged on every other, whatever its pointer width and byte order.
//!
//! The golden dumps were written by `luajit -b` on x64 (little-endian,
//! two-slot frames). `cargo xtask cross-test` runs this suite under QEMU
//! on the 32-bit and big-endian targets, so there it checks that those
//! dumps list as `luajit -bl` listed them and run with the output
//! `luajit -joff` printed. The big-endian dumps in `golden/portable` were
//! converted from luajit's by our dump writer on x64
//! (`tools/gen-be-dumps.sh`); they must load on little-endian hosts, and a
//! big-endian host must write exactly the same bytes.

use std::fs;
use std::path::PathBuf;

use xlj_runtime::bc::dump::{read_dump, write_dump, DumpOptions};
use xlj_runtime::bc::listing::list_chunk_bytes;
use xlj_runtime::vm::Vm;
use xlj_tests::{corpus, golden_dir, lua_dir};

/// Programs of `lua/run` that are also run from their big-endian form:
/// numbers, strings, tables, closures and coroutines between them.
const BE_RUN_PROGRAMS: &[&str] = &[
    "algorithms",
    "arith",
    "closures",
    "coroutines",
    "strings",
    "tables",
];

/// Set to write the big-endian dumps instead of checking them.
const BLESS_VAR: &str = "XLJ_WRITE_BE_DUMPS";

fn portable_dir() -> PathBuf {
    golden_dir().join("portable")
}

fn run_dir() -> PathBuf {
    lua_dir().join("run")
}

/// The big-endian form of a little-endian dump, as our writer makes it.
fn to_big_endian(le: &[u8], name: &str) -> Vec<u8> {
    let dump = read_dump(le, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(!dump.options.big_endian, "{name}: golden dump is not LE");
    let opts = DumpOptions {
        big_endian: true,
        ..dump.options
    };
    write_dump(&dump.main, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Checks `bytes` against the committed file `path` (or writes it when
/// blessing). Returns the committed bytes.
fn committed(path: &PathBuf, bytes: &[u8]) -> Vec<u8> {
    if std::env::var_os(BLESS_VAR).is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let stored = fs::read(path).unwrap_or_else(|_| {
        panic!(
            "{}: missing (run tests/tools/gen-be-dumps.sh)",
            path.display()
        )
    });
    assert!(
        stored == bytes,
        "{}: this host writes a different big-endian dump",
        path.display()
    );
    stored
}

#[test]
fn x64_dumps_list_the_same_on_this_target() {
    let mut checked = 0;
    for case in corpus() {
        for (ext, golden) in [("g.raw", "bl"), ("raw", "raw.bl")] {
            let (Some(bytes), Some(expected)) = (case.golden(ext), case.golden(golden)) else {
                continue;
            };
            let dump = read_dump(&bytes, &case.raw_name())
                .unwrap_or_else(|e| panic!("{}.{ext}: {e}", case.stem));
            assert!(
                !dump.options.big_endian && dump.options.fr2,
                "{}.{ext}: not an x64 dump",
                case.stem
            );
            assert!(
                list_chunk_bytes(&dump.main) == expected,
                "{}.{ext}: listing differs from luajit's",
                case.stem
            );
            checked += 1;
        }
    }
    println!("x64 dumps listed: {checked}");
    assert!(checked >= 20);
}

#[test]
fn big_endian_dumps_written_on_x64_load_here() {
    let mut checked = 0;
    for case in corpus() {
        // Only the top-level corpus: enough to cover every constant kind.
        if case.rel.contains('/') {
            continue;
        }
        let (Some(le), Some(listing)) = (case.golden("g.raw"), case.golden("bl")) else {
            continue;
        };
        let path = portable_dir().join(format!("{}.be.raw", case.stem));
        let be = committed(&path, &to_big_endian(&le, &case.raw_name()));
        let dump =
            read_dump(&be, &case.raw_name()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(dump.options.big_endian);
        assert!(
            list_chunk_bytes(&dump.main) == listing,
            "{}: listing differs from luajit's",
            path.display()
        );
        let le_again = DumpOptions {
            big_endian: false,
            ..dump.options
        };
        assert!(
            write_dump(&dump.main, &le_again).unwrap() == le,
            "{}: back to little-endian differs from luajit's dump",
            path.display()
        );
        checked += 1;
    }
    println!("big-endian dumps loaded: {checked}");
    assert!(checked >= 10);
}

/// Runs one dump and compares its output with luajit's.
fn run_matches(bytes: &[u8], name: &str, expected: &[u8]) -> Result<(), String> {
    let mut vm = Vm::new().map_err(|_| format!("{name}: no VM"))?;
    let (out, err) = vm.run_chunk(bytes, &format!("@{name}"));
    if let Some(e) = err {
        return Err(format!("{name}: {e}"));
    }
    if out != expected {
        let (o, x) = (
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(expected),
        );
        let line = o.lines().zip(x.lines()).position(|(a, b)| a != b);
        return Err(format!(
            "{name}: output differs from luajit's at line {}",
            line.map_or("(length)".to_string(), |l| (l + 1).to_string())
        ));
    }
    Ok(())
}

#[test]
fn x64_dumps_run_the_same_on_this_target() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for entry in fs::read_dir(run_dir().join("luajit-bc")).expect("lua/run/luajit-bc") {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let Ok(expected) = fs::read(run_dir().join(format!("{stem}.expected"))) else {
            continue;
        };
        let bytes = fs::read(&path).unwrap();
        ran += 1;
        if let Err(e) = run_matches(&bytes, &format!("{stem}.ljbc"), &expected) {
            failures.push(e);
        }
    }
    println!("x64 dumps run: {ran}, failed: {}", failures.len());
    assert!(ran >= BE_RUN_PROGRAMS.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn big_endian_dumps_written_on_x64_run_here() {
    for stem in BE_RUN_PROGRAMS {
        let name = format!("{stem}.ljbc");
        let le = fs::read(run_dir().join("luajit-bc").join(&name)).expect("luajit dump");
        let expected = fs::read(run_dir().join(format!("{stem}.expected"))).expect("output");
        let path = portable_dir().join("run").join(format!("{stem}.be.ljbc"));
        let be = committed(&path, &to_big_endian(&le, &name));
        if let Err(e) = run_matches(&be, &name, &expected) {
            panic!("{e}");
        }
    }
}
