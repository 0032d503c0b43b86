//! Ctrl-C against luajit's: a script interrupted by SIGINT stops with
//! `interrupted!`, a traceback and exit code 1; the REPL abandons the
//! running chunk and reads on; a command run by `os.execute` takes the
//! signal while the interpreter goes on. Each case starts `xlj` and sends
//! SIGINT each time its Lua code prints the line saying it is looping
//! (so nothing depends on timing), then compares everything with the run
//! of `luajit -joff`
//! recorded by `tests/tools/gen-cli-golden.py` under `tests/cli/sigint/`.
//!
//! An integration test of the root package, so Cargo builds the binary.

#![cfg(unix)]

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

/// luajit's output with xlj's names: the program name, the version line
/// and the `JIT:` status cut to its first word (xlj lists no CPU flags).
fn as_xlj(luajit: &str) -> String {
    let mut out = String::new();
    for line in luajit.split_inclusive('\n') {
        if line.starts_with("LuaJIT ") {
            out.push_str(xlj::cli::VERSION_LINE);
            out.push('\n');
        } else if let Some(rest) = line.strip_prefix("JIT: ") {
            let word = rest.split([' ', '\n']).next().unwrap_or_default();
            out.push_str(&format!("JIT: {word}\n"));
        } else {
            out.push_str(&line.replace("luajit: ", "xlj: "));
        }
    }
    out
}

/// `[C]: at 0x...` shows an address that differs between runs.
fn hide_addresses(text: &str) -> String {
    let mark = "[C]: at 0x";
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(mark) {
        out.push_str(&rest[..i + mark.len()]);
        rest = rest[i + mark.len()..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        out.push('?');
    }
    out.push_str(rest);
    out
}

/// Runs one recorded case: returns stdout, stderr and the exit code (or
/// the negated signal number, as Python reports a death by signal).
fn run_case(name: &str) -> (String, String, i32) {
    let dir = cli_dir();
    let base = dir.join("sigint").join(name);
    let args_text = fs::read_to_string(base.with_extension("args")).unwrap();
    let args: Vec<&str> = args_text.split('\u{1f}').collect();
    let stdin = match fs::read_to_string(base.with_extension("stdin")) {
        Ok(file) => Stdio::from(fs::File::open(dir.join("scripts").join(file.trim())).unwrap()),
        Err(_) => Stdio::null(),
    };
    // A terminal sends Ctrl-C to the whole foreground process group.
    let group = base.with_extension("group").exists();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xlj"));
    cmd.args(&args)
        .current_dir(dir.join("scripts"))
        .env_remove("LUA_INIT")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if group {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().expect("xlj starts");
    let pid = child.id() as libc::pid_t;
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut got = String::new();
    let mut signals = 0;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        got.push_str(&line);
        if line.ends_with("ready\n") {
            // SAFETY: `kill` on our own child (or its process group),
            // not yet waited for, so the pid is still its.
            let r = unsafe { libc::kill(if group { -pid } else { pid }, libc::SIGINT) };
            assert_eq!(r, 0);
            signals += 1;
        }
    }
    assert!(signals > 0, "{name}: never got ready: {got}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    let code = match status.code() {
        Some(c) => c,
        None => {
            use std::os::unix::process::ExitStatusExt;
            -status.signal().unwrap_or(0)
        }
    };
    (got, err, code)
}

fn check(name: &str) {
    let base = cli_dir().join("sigint").join(name);
    let want_out = fs::read_to_string(base.with_extension("stdout")).unwrap();
    let want_err = fs::read_to_string(base.with_extension("stderr")).unwrap();
    let want_rc: i32 = fs::read_to_string(base.with_extension("rc"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let (out, err, rc) = run_case(name);
    assert_eq!(out, as_xlj(&want_out), "{name}: stdout");
    assert_eq!(hide_addresses(&err), as_xlj(&want_err), "{name}: stderr");
    assert_eq!(rc, want_rc, "{name}: exit code");
}

#[test]
fn sigint_stops_a_script_like_luajit() {
    check("script");
}

#[test]
fn sigint_returns_the_repl_to_its_prompt_like_luajit() {
    check("repl");
}

#[test]
fn sigint_during_os_execute_reaches_only_the_command_like_luajit() {
    check("execute");
}
