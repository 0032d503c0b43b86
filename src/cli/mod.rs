//! The `xlj` command: LuaJIT's command line, option for option.
//!
//! `xlj [options] [script [args]]` accepts exactly what `luajit` accepts
//! (`-e`, `-l`, `-b ...`, `-j`, `-O`, `-i`, `-v`, `-E`, `--`, `-`) and
//! rejects what it rejects, with the same usage text, and runs things in
//! luajit's order: the `arg` table, `LUA_INIT`, `-v`, the options left to
//! right, the script, then `-i` (or stdin when nothing else was asked).
//! Messages, tracebacks and exit codes are luajit's with `xlj` for the
//! program name. xlj adds `--interp=NAME` / `XLJ_INTERP=NAME` to pick the
//! engine (`asm`, the host's generated interpreter, where one exists, and
//! `ref`, the reference interpreter; see [`crate::engine`]).
//!
//! The command talks to the world through [`Console`], so tests can run it
//! in-process.

mod args;
mod bcsave;
mod elfobj;
mod jitopt;
mod lineedit;
mod machobj;
mod peobj;
mod repl;
mod session;
mod sigint;
mod term;

use std::io::{self, Read, Write};

pub use args::{collect, ArgError, Invocation, Opt};
pub use lineedit::{Editor, Key};
use session::{Session, Status};

/// The name used in messages (LuaJIT prints its own name the same way).
pub const PROGNAME: &str = "xlj";

/// The line `xlj -v` prints.
pub const VERSION_LINE: &str = concat!(
    "xlj ",
    env!("CARGO_PKG_VERSION"),
    " -- a LuaJIT-class VM for Lua 5.1 (LuaJIT 2.1 bytecode)"
);

const USAGE: &str = "\
usage: xlj [options]... [script [args]...].
Available options are:
  -e chunk  Execute string 'chunk'.
  -l name   Require library 'name'.
  -b ...    Save or list bytecode.
  -j cmd    Perform LuaJIT control command.
  -O[opt]   Control LuaJIT optimizations.
  -i        Enter interactive mode after executing 'script'.
  -v        Show version information.
  -E        Ignore environment variables.
  --        Stop handling options.
  -         Execute stdin and stop handling options.
";

/// Where the command reads and writes: its own output (the version line,
/// the REPL's prompts) and messages, and the REPL's input. What Lua code
/// prints goes where the VM sends it, the process's stdout, so that the
/// two interleave in order only when `stdout` is the process's stdout too.
pub struct Console<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    pub stdin_is_tty: bool,
    /// Whether stdout is a terminal (line editing needs one; Lua's own
    /// output buffering is decided by the io library).
    pub stdout_is_tty: bool,
    /// Interactive lines go through the line editor (stdin and stdout are
    /// terminals that understand VT100 sequences); otherwise they are read
    /// plainly and the terminal's own line discipline echoes them.
    pub line_editing: bool,
    /// The `LUA_INIT` environment variable, run first unless `-E` is given.
    pub lua_init: Option<Vec<u8>>,
    /// The `XLJ_INTERP` environment variable (`--interp=` overrides it).
    pub xlj_interp: Option<Vec<u8>>,
}

impl Console<'_> {
    /// Prints `xlj: message` on stderr and returns the failure exit code.
    pub(crate) fn fail(&mut self, msg: impl AsRef<[u8]>) -> i32 {
        let _ = self.stderr.write_all(PROGNAME.as_bytes());
        let _ = self.stderr.write_all(b": ");
        let _ = self.stderr.write_all(msg.as_ref());
        let _ = self.stderr.write_all(b"\n");
        let _ = self.stderr.flush();
        1
    }
}

/// Runs the command with the process's own arguments and standard streams;
/// returns the exit code.
pub fn main_with_env() -> i32 {
    term::default_sigpipe();
    let argv: Vec<Vec<u8>> = std::env::args_os().map(os_bytes).collect();
    // Not locked: Lua's io library uses the same handles while the command
    // runs (locking stdin here would deadlock `io.read`), and sharing the
    // buffered stdin keeps what the REPL and `io.read` consume in order.
    let (mut stdin, mut stdout, mut stderr) = (io::stdin(), io::stdout(), io::stderr());
    let is_tty = is_terminal(&stdin);
    let stdout_is_tty = std::io::IsTerminal::is_terminal(&stdout);
    let line_editing =
        is_tty && stdout_is_tty && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let mut console = Console {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        stdin_is_tty: is_tty,
        stdout_is_tty,
        line_editing,
        lua_init: std::env::var_os("LUA_INIT").map(os_bytes),
        xlj_interp: std::env::var_os("XLJ_INTERP").map(os_bytes),
    };
    let code = run(&argv, &mut console);
    let _ = console.stdout.flush();
    code
}

fn is_terminal(stdin: &io::Stdin) -> bool {
    use std::io::IsTerminal;
    stdin.is_terminal()
}

/// An argument as the bytes Lua will see.
pub fn os_bytes(s: std::ffi::OsString) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        s.into_vec()
    }
    #[cfg(not(unix))]
    {
        s.to_string_lossy().into_owned().into_bytes()
    }
}

/// Runs the command: `argv[0]` is the program name, as in C's `main`.
pub fn run(argv: &[Vec<u8>], con: &mut Console) -> i32 {
    let inv = match collect(argv) {
        Ok(inv) => inv,
        Err(_) => {
            let _ = con.stderr.write_all(USAGE.as_bytes());
            let _ = con.stderr.flush();
            return 1;
        }
    };
    let interp = inv.interp.clone().or_else(|| con.xlj_interp.clone());
    if let Some(name) = &interp {
        if !crate::engine::is_known(name) {
            let shown = String::from_utf8_lossy(name).into_owned();
            return con.fail(format!("unknown interpreter '{shown}'"));
        }
    }
    let mut sess = match Session::new(inv.no_env) {
        Ok(s) => s,
        Err(msg) => return con.fail(msg),
    };
    if let Err(msg) = crate::engine::install(&mut sess.vm, interp.as_deref()) {
        return con.fail(msg);
    }
    let code = match main_steps(&inv, argv, &mut sess, con) {
        Ok(()) => 0,
        Err(()) => 1,
    };
    let _ = sess.vm.out.flush();
    code
}

/// luajit's `pmain` after option collection: the `arg` table, `LUA_INIT`,
/// the version line, the options in order, the script, then interactive
/// mode or stdin.
fn main_steps(inv: &Invocation, argv: &[Vec<u8>], sess: &mut Session, con: &mut Console) -> Status {
    if sess.set_arg_table(&inv.arg_table(argv)).is_err() {
        sess.report(con, &Some(b"not enough memory".to_vec()));
        return Err(());
    }
    if !inv.no_env {
        if let Some(init) = con.lua_init.clone() {
            match init.strip_prefix(b"@") {
                Some(path) => sess.dofile(con, Script::File(path))?,
                None => sess.dostring(con, &init, "=LUA_INIT")?,
            }
        }
    }
    // The command's own output follows what Lua wrote so far.
    let _ = sess.vm.out.flush();
    if inv.version {
        print_version(con);
    }
    for opt in &inv.options {
        match opt {
            Opt::Exec(chunk) => sess.dostring(con, chunk, "=(command line)")?,
            Opt::Require(name) => sess.dolibrary(con, name)?,
            Opt::Jit(cmd) => status_of(jit_command(cmd, con))?,
            Opt::Optimize(opt) => match jitopt::check(opt) {
                Ok(()) => {}
                Err(msg) => status_of(con.fail(msg))?,
            },
            Opt::Bytecode(rest) => {
                let _ = sess.vm.out.flush();
                return status_of(bcsave::run(rest, con));
            }
        }
    }
    if let Some(script) = inv.script(argv) {
        sess.handle_script(con, script)?;
    }
    if inv.interactive {
        print_jit_status(sess, con);
        repl::dotty(sess, con);
    } else if inv.script(argv).is_none() && !inv.exec && !inv.version {
        if con.stdin_is_tty {
            let _ = sess.vm.out.flush();
            print_version(con);
            print_jit_status(sess, con);
            repl::dotty(sess, con);
        } else {
            // luajit reports the error but keeps exit code 0 here.
            let _ = sess.dofile(con, Script::Stdin);
        }
    }
    Ok(())
}

fn status_of(code: i32) -> Status {
    if code == 0 {
        Ok(())
    } else {
        Err(())
    }
}

fn print_version(con: &mut Console) {
    let _ = writeln!(con.stdout, "{VERSION_LINE}");
    let _ = con.stdout.flush();
}

/// `JIT: ON|OFF` and the flags, from `jit.status()` as luajit prints them.
fn print_jit_status(sess: &mut Session, con: &mut Console) {
    // After what Lua printed so far: one stdout in luajit.
    let _ = sess.vm.out.flush();
    let (on, flags) = sess.jit_status();
    let mut line = String::from(if on { "JIT: ON" } else { "JIT: OFF" });
    for f in flags {
        line.push(' ');
        line.push_str(&f);
    }
    let _ = writeln!(con.stdout, "{line}");
    let _ = con.stdout.flush();
}

/// What the script argument names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script<'a> {
    Stdin,
    File(&'a [u8]),
}

/// Reads a script or `-b` input with its chunk name, or the message
/// luajit gives when it cannot (`cannot open x: No such file or directory`).
pub(crate) fn read_input(script: Script, con: &mut Console) -> Result<(Vec<u8>, String), String> {
    match script {
        Script::Stdin => {
            let mut buf = Vec::new();
            con.stdin
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {}", io_message(&e)))?;
            Ok((buf, "=stdin".into()))
        }
        Script::File(path) => {
            let shown = String::from_utf8_lossy(path).into_owned();
            let p = path_from_bytes(path);
            // Opening a directory works; reading it is what fails.
            let mut file = std::fs::File::open(&p)
                .map_err(|e| format!("cannot open {shown}: {}", io_message(&e)))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {shown}: {}", io_message(&e)))?;
            Ok((bytes, format!("@{shown}")))
        }
    }
}

pub(crate) fn path_from_bytes(b: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(b))
    }
    #[cfg(not(unix))]
    {
        std::path::PathBuf::from(String::from_utf8_lossy(b).into_owned())
    }
}

/// An I/O error worded like C's `strerror`, without Rust's "(os error N)".
pub(crate) fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `-j cmd[=arg,...]`: the engine switches are accepted (there is no JIT
/// to switch yet) and their arguments checked as `jit.on`/`jit.off` check
/// them; the add-on modules (`-jv`, `-jdump`, ...) are not installed.
fn jit_command(cmd: &[u8], con: &mut Console) -> i32 {
    let (name, arg) = match cmd.iter().position(|&b| b == b'=') {
        Some(i) => (&cmd[..i], Some(&cmd[i + 1..])),
        None => (cmd, None),
    };
    // The first argument as jit.* sees it: absent, nil (empty) or a string.
    let first = arg
        .filter(|a| !a.is_empty())
        .map(|a| a.split(|&b| b == b',').next().unwrap_or_default());
    match name {
        b"on" | b"off" => match first {
            Some(f) if !f.is_empty() => {
                con.fail("bad argument #1 to '?' (function expected, got string)")
            }
            _ => 0,
        },
        b"flush" | b"status" => 0,
        // The tracing add-ons have nothing to trace without a JIT.
        b"v" | b"dump" => 0,
        b"attach" => match first {
            None => con.fail("bad argument #1 to '?' (function expected, got no value)"),
            Some([]) => con.fail("bad argument #1 to '?' (function expected, got nil)"),
            Some(_) => con.fail("bad argument #1 to '?' (function expected, got string)"),
        },
        _ => con.fail("unknown luaJIT command or jit.* modules not installed"),
    }
}
