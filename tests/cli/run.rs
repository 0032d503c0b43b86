//! Running Lua through the command, against the runs of luajit recorded
//! by `tests/tools/gen-cli-golden.py` under `tests/cli/cases` (scripts and
//! inputs in `tests/cli/scripts`); plus xlj's own options and the
//! embedding facade on the same scripts.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::{as_luajit, xlj, SEP};

/// Where the recorded runs of luajit live (`tests/tools/gen-cli-golden.py`).
pub fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

/// Cases whose output matches luajit except inside stack tracebacks.
/// For these the traceback lines are left out of the comparison;
/// everything else, including the `stack traceback:` header and the exit
/// code, must match. Left: an error through `coroutine.wrap`, whose
/// frame luajit prints as its fast function (`[builtin#36]: at 0x...`)
/// where xlj's natives print as `[C]`.
const TRACEBACK_NAME_GAPS: &[&str] = &["error_in_coroutine"];

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
    assert!(cases.len() >= 90, "only {} recorded runs", cases.len());
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
