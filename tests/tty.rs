//! Output buffering on a terminal against luajit's: the script runs with
//! stdout and stderr (and, with typed input, stdin) on a pseudo-terminal,
//! and everything the terminal receives is compared with the run of luajit recorded by
//! `tests/tools/gen-cli-golden.py` under `tests/cli/tty/`.
//!
//! An integration test of the root package, so Cargo builds the binary.

#![cfg(target_os = "linux")]

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::unix::io::{AsRawFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cli_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

/// A pseudo-terminal: (master, slave).
fn open_pty() -> (File, File) {
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: `openpty` writes two descriptors it opened into the out
    // parameters; the optional name, termios and size are null.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "openpty failed");
    // SAFETY: both descriptors are fresh and owned by nothing else.
    unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) }
}

/// Turns the terminal's echo off.
fn no_echo(tty: &File) {
    let fd = tty.as_raw_fd();
    // SAFETY: `termios` is plain data that `tcgetattr` fills in for a
    // descriptor we own; `tcsetattr` only reads it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(fd, &mut t), 0);
        t.c_lflag &= !libc::ECHO;
        assert_eq!(libc::tcsetattr(fd, libc::TCSANOW, &t), 0);
    }
}

fn check(name: &str) {
    let base = cli_dir().join("tty").join(name);
    let args_text = fs::read_to_string(base.with_extension("args")).unwrap();
    let args: Vec<&str> = args_text.split('\u{1f}').collect();
    let want = fs::read(base.with_extension("out")).unwrap();
    let want_rc: i32 = fs::read_to_string(base.with_extension("rc"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let (mut master, slave) = open_pty();
    // Input typed before the run, on a terminal that does not echo it.
    let stdin = match fs::read(base.with_extension("input")) {
        Ok(typed) => {
            no_echo(&slave);
            master.write_all(&typed).unwrap();
            Stdio::from(slave.try_clone().unwrap())
        }
        Err(_) => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_xlj"))
        .args(&args)
        .current_dir(cli_dir().join("scripts"))
        .env_remove("LUA_INIT")
        .stdin(stdin)
        .stdout(slave.try_clone().unwrap())
        .stderr(slave)
        .spawn()
        .expect("xlj starts");
    // The parent's copies of the slave are gone (moved into the child's
    // set-up and dropped), so the master reads until the child exits:
    // Linux then reports EIO.
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    let status = child.wait().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&want),
        "{name}: what the terminal shows"
    );
    assert_eq!(status.code(), Some(want_rc), "{name}: exit code");
}

#[test]
fn terminal_output_is_line_buffered_like_luajit() {
    check("buffering");
}

#[test]
fn reading_the_terminal_flushes_a_line_buffered_stdout_like_luajit() {
    check("read");
}
