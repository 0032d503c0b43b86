//! The `xlj` command against `luajit`'s: the `arg` table, error messages
//! and exit codes for bad command lines, and `-b`/`-bl` output, all
//! compared with outputs recorded from luajit by
//! `tests/tools/regen-golden.sh` (with luajit's name replaced by ours);
//! and running Lua — scripts, `-e`, `-l`, stdin, `LUA_INIT`, errors with
//! tracebacks, exit codes, the REPL through a pipe — against the runs
//! recorded by `tests/tools/gen-cli-golden.py` under `tests/cli/`.
//!
//! This file is an integration test of the root package (so that Cargo
//! builds the binary and names it in `CARGO_BIN_EXE_xlj`); its data lives
//! in the `xlj-tests` crate's `golden/` directory beside it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEP: char = '\u{1f}';

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn xlj(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xlj"))
        .args(args)
        .current_dir(dir)
        .env_remove("LUA_INIT")
        .stdin(Stdio::null())
        .output()
        .expect("xlj runs")
}

fn as_luajit(text: &str) -> String {
    text.replace("luajit", "xlj")
}

#[test]
fn arg_tables_match_luajit() {
    let text = fs::read_to_string(golden().join("cli/argtables.txt")).expect("golden arg tables");
    let mut cases = 0;
    for line in text.lines() {
        let (args, want) = line.split_once('\t').expect("args<TAB>table");
        let mut argv = vec![b"luajit".to_vec()];
        argv.extend(args.split(SEP).map(|a| a.as_bytes().to_vec()));
        let inv = xlj::cli::collect(&argv).expect("luajit accepted this command line");
        let got: Vec<String> = inv
            .arg_table(&argv)
            .into_iter()
            .map(|(i, v)| format!("{i}={}", String::from_utf8_lossy(&v)))
            .collect();
        assert_eq!(got.join(&SEP.to_string()), want, "arguments {args:?}");
        cases += 1;
    }
    assert!(cases > 0);
    println!("arg tables checked: {cases}");
}

#[test]
fn failing_command_lines_match_luajit() {
    let dir = golden().join("cli");
    let mut cases = 0;
    let mut entries: Vec<_> = fs::read_dir(dir.join("errors"))
        .expect("golden error cases")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .collect();
    entries.sort();
    for args_file in entries {
        let args = fs::read_to_string(&args_file).unwrap();
        let args: Vec<&str> = if args.is_empty() {
            vec![]
        } else {
            args.split(SEP).collect()
        };
        let want_err = fs::read_to_string(args_file.with_extension("stderr")).unwrap();
        let want_rc: i32 = fs::read_to_string(args_file.with_extension("rc"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let out = xlj(&dir, &args);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            as_luajit(&want_err),
            "stderr of xlj {args:?}"
        );
        assert_eq!(
            out.status.code(),
            Some(want_rc),
            "exit code of xlj {args:?}"
        );
        cases += 1;
    }
    assert!(cases > 0);
    println!("failing command lines checked: {cases}");
}

/// Every golden stripped dump luajit wrote, as (directory, file name);
/// `golden/portable` holds big-endian forms written by xlj itself for the
/// portable-bytecode suite, with no luajit listing to compare against.
fn raw_dumps() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![golden()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != "portable" {
                    dirs.push(p);
                }
            } else if name.ends_with(".raw") && !name.ends_with(".g.raw") {
                out.push((d.clone(), name));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn listing_dumps_matches_luajit() {
    let dumps = raw_dumps();
    assert!(!dumps.is_empty());
    for (dir, name) in &dumps {
        let out = xlj(dir, &["-bl", name]);
        let want = fs::read(dir.join(format!("{name}.bl"))).unwrap();
        assert!(
            out.status.success(),
            "xlj -bl {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout == want, "xlj -bl {name} differs from luajit");
    }
    println!("dumps listed: {}", dumps.len());
}

#[test]
fn rewriting_dumps_is_byte_identical() {
    for (dir, name) in raw_dumps() {
        let debug = name.replace(".raw", ".g.raw");
        for (args, file) in [
            (vec!["-b", &name, "-"], &name),
            (vec!["-b", "-g", &debug, "-"], &debug),
        ] {
            let out = xlj(&dir, &args);
            assert!(
                out.status.success(),
                "xlj {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.stdout == fs::read(dir.join(file)).unwrap(),
                "xlj {args:?} changed the dump"
            );
        }
    }
}

#[test]
fn debug_dump_of_a_stripped_dump_matches_luajit() {
    let dir = golden().join("cli");
    let out = xlj(&dir, &["-b", "-g", "../closures.raw", "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == fs::read(dir.join("closures.regdebug")).unwrap());
}

#[test]
fn c_and_header_output_match_luajit() {
    let dir = golden().join("cli");
    let tmp = std::env::temp_dir().join(format!("xlj-cli-test-{}", std::process::id()));
    fs::create_dir_all(&tmp).unwrap();
    let cases: [(&[&str], &str, &str); 3] = [
        (&["-b", "../hello.raw"], "hello.c", "hello.c"),
        (
            &["-b", "-n", "mod.x-y", "../hello.raw"],
            "hello.h",
            "hello.h",
        ),
        (
            &["-b", "-t", "h", "-n", "named", "../hello.raw"],
            "hello.out",
            "hello.out",
        ),
    ];
    for (args, out_name, golden_name) in cases {
        let target = tmp.join(out_name);
        let mut all: Vec<&str> = args.to_vec();
        let target_str = target.to_str().unwrap();
        all.push(target_str);
        let out = xlj(&dir, &all);
        assert!(
            out.status.success(),
            "xlj {all:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            fs::read_to_string(&target).unwrap(),
            fs::read_to_string(dir.join(golden_name)).unwrap(),
            "xlj {all:?}"
        );
    }
    let _ = fs::remove_dir_all(&tmp);
}

#[test]
fn object_files_match_luajit() {
    let dir = golden().join("cli");
    let tmp = std::env::temp_dir().join(format!("xlj-obj-test-{}", std::process::id()));
    fs::create_dir_all(&tmp).unwrap();
    let mut checked = 0;
    for e in fs::read_dir(dir.join("obj")).unwrap().flatten() {
        // Golden objects are stored as .elf (the repository ignores *.o);
        // xlj picks the file type from the output name, so use .o and .obj.
        let name = e.file_name().to_string_lossy().into_owned();
        let (args, out_name): (Vec<&str>, String) = if let Some(stem) = name.strip_suffix(".coff") {
            let arch = stem.strip_prefix("pe-").expect("pe-<arch>.coff");
            (
                vec!["-b", "-a", arch, "-o", "windows", "../hello.raw"],
                format!("{stem}.obj"),
            )
        } else if let Some(stem) = name.strip_suffix(".macho") {
            let arch = stem.strip_prefix("macho-").expect("macho-<arch>.macho");
            (
                vec!["-b", "-a", arch, "-o", "osx", "../hello.raw"],
                format!("{stem}.o"),
            )
        } else if let Some(stem) = name.strip_suffix(".elf") {
            match stem.strip_prefix("hello-") {
                Some(arch) => (
                    vec!["-b", "-a", arch, "-o", "linux", "../hello.raw"],
                    format!("{stem}.o"),
                ),
                None => (
                    vec![
                        "-b",
                        "-a",
                        "x64",
                        "-o",
                        "freebsd",
                        "-n",
                        "mod",
                        "../hello.raw",
                    ],
                    format!("{stem}.obj"),
                ),
            }
        } else {
            continue;
        };
        let target = tmp.join(out_name);
        let mut args = args;
        args.push(target.to_str().unwrap());
        let out = xlj(&dir, &args);
        assert!(
            out.status.success(),
            "xlj {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            fs::read(&target).unwrap() == fs::read(e.path()).unwrap(),
            "xlj {args:?} differs from luajit"
        );
        checked += 1;
    }
    let _ = fs::remove_dir_all(&tmp);
    assert!(checked >= 21, "only {checked} object files");
}

#[test]
fn examples_list_like_luajit() {
    // `xlj -bl examples/hello.lua` is the README's first command.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut listed = 0;
    for e in fs::read_dir(root.join("examples")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".lua") else {
            continue;
        };
        let out = xlj(root, &["-bl", &format!("examples/{name}")]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let want = fs::read(golden().join(format!("examples/{stem}.bl"))).expect("golden listing");
        assert!(
            out.stdout == want,
            "xlj -bl examples/{name} differs from luajit"
        );
        listed += 1;
    }
    assert!(listed > 0);
}

#[test]
fn stdin_and_command_line_chunks_list_like_luajit() {
    let dir = golden().join("cli");
    let mut child = Command::new(env!("CARGO_BIN_EXE_xlj"))
        .args(["-bl", "-"])
        .current_dir(&dir)
        .env_remove("LUA_INIT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xlj runs");
    let dump = fs::read(golden().join("hello.raw")).unwrap();
    child.stdin.take().unwrap().write_all(&dump).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout == fs::read(dir.join("stdin.bl")).unwrap(),
        "xlj -bl - differs"
    );

    let out = xlj(&dir, &["-bl", "-e", "local t = { 1, 2 } return #t"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout == fs::read(dir.join("e.bl")).unwrap(),
        "xlj -bl -e differs"
    );
}

#[path = "cli/run.rs"]
mod run;
use run::cli_dir;

#[test]
fn dumps_load_like_luajit() {
    // A dump loads as it is; behind a '#' first line luajit refuses it
    // (and so does `xlj -bl`, checked with the recorded runs), and a cut
    // dump is malformed.
    let raw = fs::read(golden().join("hello.raw")).unwrap();
    let proto = xlj::load(&raw, "@hello.raw").expect("loads");
    let listing = xlj::runtime::bc::listing::list_chunk_bytes(&proto);
    assert!(listing == fs::read(golden().join("hello.raw.bl")).unwrap());
    let want = |case: &str| {
        let text = fs::read_to_string(cli_dir().join("cases").join(case)).unwrap();
        text.trim_end().trim_start_matches("luajit: ").to_string()
    };
    let mut with_line = b"#!/usr/bin/env xlj\n".to_vec();
    with_line.extend_from_slice(&raw);
    let err = xlj::load(&with_line, "@hello.raw").unwrap_err().to_string();
    assert_eq!(err, want("dump_behind_hash_line.stderr"));
    let err = xlj::load(&raw[..20], "@cut.raw").unwrap_err().to_string();
    assert_eq!(err, want("dump_truncated.stderr"));
    let err = xlj::load(b"\x1bLua\x51\x00", "@lua51.raw")
        .unwrap_err()
        .to_string();
    assert_eq!(err, want("dump_incompatible.stderr"));
}
