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

/// Every golden stripped dump, as (directory, file name).
fn raw_dumps() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![golden()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                dirs.push(p);
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

/// Where the recorded runs of luajit live (`tests/tools/gen-cli-golden.py`).
fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

/// Cases whose output matches luajit except inside stack tracebacks,
/// because the reference interpreter does not name functions in its
/// traceback lines yet (`[C]: in function` for `[C]: in function 'error'`,
/// `in function <file:1>` for `in function 'inner'`). For these the
/// traceback lines are left out of the comparison; everything else,
/// including the `stack traceback:` header and the exit code, must match.
const TRACEBACK_NAME_GAPS: &[&str] = &[
    "deep_traceback",
    "e_removes_arg",
    "e_stops_at_error",
    "error_binary_message",
    "error_in_script",
    "error_level0",
    "error_level2",
    "error_nul_in_message",
    "error_number",
    "error_tostring",
    "error_tostring_number",
    "hash_line",
    "lua_init_runtime_error",
    "repl_basic",
    "repl_not_reached_after_error",
    "require_failing",
    "require_missing",
    "stdin_error",
    "traceback_just_long_enough",
    "traceback_just_short_enough",
];

/// Bytes as text, one char per byte, so that outputs which are not UTF-8
/// still compare exactly.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// `[C]: at 0x...` shows a host function's address, which differs from
/// run to run.
fn hide_addresses(text: &str) -> String {
    const MARK: &str = "[C]: at 0x";
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i + MARK.len()]);
        rest =
            rest[i + MARK.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit() || c == '?');
        out.push('?');
    }
    out.push_str(rest);
    out
}

/// luajit's stdout with xlj's own version line, and the `JIT:` status
/// line cut to its first two words (xlj has no JIT flags to list).
fn expected_stdout(luajit: &str) -> String {
    let mut out = String::new();
    for line in luajit.split_inclusive('\n') {
        if line.starts_with("LuaJIT ") {
            out.push_str(xlj::cli::VERSION_LINE);
            out.push('\n');
        } else if let Some(status) = line.strip_prefix("JIT: ") {
            let word = status.split([' ', '\n']).next().unwrap_or_default();
            out.push_str(&format!("JIT: {word}\n"));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Stderr without the frame lines of stack tracebacks.
fn without_traceback_frames(text: &str) -> String {
    let mut out = String::new();
    let mut in_traceback = false;
    for line in text.split_inclusive('\n') {
        if in_traceback && line.starts_with('\t') {
            continue;
        }
        in_traceback = line == "stack traceback:\n";
        out.push_str(line);
    }
    out
}

struct RunCase {
    name: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<PathBuf>,
}

fn run_cases() -> Vec<RunCase> {
    let dir = cli_dir().join("cases");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("tests/cli/cases (run tests/tools/gen-cli-golden.py)")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_suffix(".args").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let base = dir.join(&name);
            let read = |ext: &str| fs::read_to_string(base.with_extension(ext)).ok();
            let args = read("args").unwrap();
            let args = if args.is_empty() {
                Vec::new()
            } else {
                args.split(SEP).map(str::to_string).collect()
            };
            let env = read("env")
                .unwrap_or_default()
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let stdin = read("stdin").map(|f| cli_dir().join("scripts").join(f.trim()));
            RunCase {
                name,
                args,
                env,
                stdin,
            }
        })
        .collect()
}

/// Runs xlj as the recorded luajit run was made: in tests/cli/scripts,
/// without LUA_* variables except the case's own.
fn run_like_luajit(case: &RunCase) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xlj"));
    // argv[0] shows in the arg table: luajit ran as `luajit`, xlj as `xlj`.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, "xlj");
    cmd.args(&case.args)
        .current_dir(cli_dir().join("scripts"))
        .env_remove("LUA_INIT")
        .env_remove("LUA_PATH")
        .env_remove("LUA_CPATH")
        .env_remove("XLJ_INTERP")
        .envs(case.env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match &case.stdin {
        Some(f) => cmd.stdin(fs::File::open(f).expect("stdin file")),
        None => cmd.stdin(Stdio::null()),
    };
    cmd.output().expect("xlj runs")
}

#[test]
fn running_lua_matches_luajit() {
    let mut exact = 0;
    let mut failures = Vec::new();
    let cases = run_cases();
    assert!(cases.len() >= 70, "only {} recorded runs", cases.len());
    for case in &cases {
        let expected_dir = cli_dir().join("cases").join(&case.name);
        let want_out = latin1(&fs::read(expected_dir.with_extension("stdout")).unwrap());
        let want_err = latin1(&fs::read(expected_dir.with_extension("stderr")).unwrap());
        let want_rc: i32 = fs::read_to_string(expected_dir.with_extension("rc"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let out = run_like_luajit(case);
        let got_out = latin1(&out.stdout);
        let got_err = hide_addresses(&latin1(&out.stderr));
        let want_out = as_luajit(&expected_stdout(&want_out));
        let want_err = hide_addresses(&as_luajit(&want_err));
        let gap = TRACEBACK_NAME_GAPS.contains(&case.name.as_str());
        let err_ok = if gap {
            without_traceback_frames(&got_err) == without_traceback_frames(&want_err)
        } else {
            got_err == want_err
        };
        if got_out != want_out || !err_ok || out.status.code() != Some(want_rc) {
            failures.push(format!(
                "case {} (xlj {:?}):\n--- stdout want\n{want_out}--- stdout got\n{got_out}\
                 --- stderr want\n{want_err}--- stderr got\n{got_err}--- rc want {want_rc}, got {:?}",
                case.name,
                case.args,
                out.status.code()
            ));
        } else if got_err == want_err {
            exact += 1;
            if gap {
                println!(
                    "{}: tracebacks now match luajit; drop it from TRACEBACK_NAME_GAPS",
                    case.name
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    println!(
        "runs checked: {}, of which {exact} byte-exact including tracebacks",
        cases.len()
    );
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_like_luajit() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    let text = fs::read_to_string(cli_dir().join("sigpipe.txt")).unwrap();
    let mut lines = text.lines();
    let args: Vec<&str> = lines.next().unwrap().split(SEP).collect();
    let first = lines.next().unwrap();
    let want = lines.next().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_xlj"))
        .args(&args)
        .env_remove("LUA_INIT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line.trim_end(), first);
    drop(reader);
    let status = child.wait().unwrap();
    let got = match status.signal() {
        Some(sig) => format!("signal {sig}"),
        None => format!("exit {}", status.code().unwrap()),
    };
    assert_eq!(got, want);
}

#[test]
fn version_line_and_interpreter_choice() {
    let dir = cli_dir().join("scripts");
    let out = xlj(&dir, &["-v"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{}\n", xlj::cli::VERSION_LINE)
    );
    assert!(xlj::cli::VERSION_LINE.starts_with("xlj 0.1.0 -- "));
    // --interp=ref and XLJ_INTERP=ref name the reference interpreter.
    let out = xlj(&dir, &["--interp=ref", "-e", "io.write(1 + 1)"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2");
    let run_env = |value: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xlj"))
            .args(args)
            .current_dir(&dir)
            .env_remove("LUA_INIT")
            .env("XLJ_INTERP", value)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = run_env("ref", &["-e", "io.write('ok')"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok");
    for out in [
        xlj(&dir, &["--interp=foo", "-e", "io.write('no')"]),
        run_env("foo", &["-e", "io.write('no')"]),
        // The option wins over the environment, in both directions.
        run_env("ref", &["--interp=foo", "-e", "io.write('no')"]),
    ] {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(out.stdout, b"");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "xlj: unknown interpreter 'foo'\n"
        );
    }
    let out = run_env("foo", &["--interp=ref", "-e", "io.write('yes')"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "yes");
    // The option sits among the options, so it is in the arg table.
    let out = xlj(&dir, &["--interp=ref", "args.lua", "x"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("arg[-1]\t--interp=ref\n"), "{text}");
}

#[test]
fn embedding_runs_the_recorded_scripts() {
    // The facade and the command share the runtime: a script's output is
    // the same through both.
    let mut lua = xlj::Lua::new().unwrap();
    let buf = xlj::runtime::vm::SharedBuf::default();
    lua.set_output(Box::new(buf.clone()));
    let src = fs::read(cli_dir().join("scripts/mymod.lua")).unwrap();
    let r = lua.exec_chunk(&src, "@mymod.lua").unwrap();
    assert_eq!(r, vec![xlj::LuaValue::Other("table")]);
    let want = fs::read_to_string(cli_dir().join("cases/require_module.stdout")).unwrap();
    let first = want.lines().next().unwrap();
    // `require` passes the module name; exec_chunk passes nothing.
    assert_eq!(
        String::from_utf8_lossy(&buf.0.borrow()),
        format!("{}\n", first.trim_end_matches("\tmymod"))
    );
    let err = lua
        .exec_chunk(
            &fs::read(cli_dir().join("scripts/err.lua")).unwrap(),
            "@err.lua",
        )
        .unwrap_err();
    let want = fs::read_to_string(cli_dir().join("cases/error_in_script.stderr")).unwrap();
    assert_eq!(
        format!("luajit: {}", err.message),
        want.lines().next().unwrap()
    );
    assert!(!err.traceback.is_empty());
}

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
