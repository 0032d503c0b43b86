//! One run of the command: a [`Vm`] with the standard libraries, and the
//! steps `luajit` takes with it — `-e` chunks, `-l` libraries, the script
//! with its arguments, `LUA_INIT` — each reported the way luajit reports
//! it (`xlj: message`, a stack traceback for runtime errors, nothing for a
//! `nil` error value).
//!
//! Everything here talks to the VM through its public API only; Lua's own
//! output (`print`, `io.write`) goes where the VM sends it (the process's
//! stdout), the command's messages go to the [`Console`].

use xlj_runtime::obj::GcTab;
use xlj_runtime::value::{itype, Value};
use xlj_runtime::vm::{obj, val, LuaError, Mm, Vm};

use super::{read_input, Console, Script, PROGNAME};

/// How a step ended.
pub type Status = Result<(), ()>;

/// The VM of one command run, plus the name errors are prefixed with
/// (none in interactive mode, as luajit).
pub struct Session {
    pub vm: Vm,
    pub progname: Option<&'static str>,
}

/// What a failed call leaves to report: `None` for an error value of
/// `nil` (luajit prints nothing for it).
pub type Report = Option<Vec<u8>>;

impl Session {
    /// A fresh VM. With `no_env` (`-E`), `LUA_PATH` and `LUA_CPATH` are
    /// hidden while the libraries open, so `package.path` and
    /// `package.cpath` take their defaults, as luajit's `LUA_NOENV` does.
    /// Lua's stdout is buffered by the io library as C buffers luajit's
    /// (by lines on a terminal, fully otherwise).
    pub fn new(no_env: bool) -> Result<Session, String> {
        let vm = if no_env {
            without_path_vars(Vm::new)
        } else {
            Vm::new()
        };
        let mut vm = vm.map_err(|_| "cannot create state: not enough memory".to_string())?;
        xlj_runtime::lualib::jitlib::set_arch(&mut vm, xlj_targets::host_arch_name())
            .map_err(|_| "cannot create state: not enough memory".to_string())?;
        xlj_runtime::lualib::set_host_frame(&mut vm, &host_frame())
            .map_err(|_| "cannot create state: not enough memory".to_string())?;
        Ok(Session {
            vm,
            progname: Some(PROGNAME),
        })
    }

    /// Prints a report on stderr (`xlj: ` first unless interactive).
    pub fn report(&self, con: &mut Console, report: &Report) {
        let Some(msg) = report else { return };
        // luajit hands the message to C's stdio, which stops at a NUL.
        let msg = until_nul(msg);
        if let Some(p) = self.progname {
            let _ = write!(con.stderr, "{p}: ");
        }
        let _ = con.stderr.write_all(msg);
        let _ = con.stderr.write_all(b"\n");
        let _ = con.stderr.flush();
    }

    /// Calls `f` as luajit's `docall` does: on error the report is the
    /// message with a stack traceback (or a note about a non-string error
    /// object).
    pub fn docall(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, Report> {
        // Lua's stdout is not flushed here: like luajit's, it holds what a
        // chunk printed until its buffer fills, a prompt is shown, or the
        // command ends, so a report on stderr may come first.
        let guard = super::sigint::Guard::new(&mut self.vm);
        let r = self.vm.call(f, args);
        drop(guard);
        r.map_err(|e| {
            let report = self.error_report(&e);
            // luajit collects fully after a failed call (finalizers run
            // before the message is printed); the error value is not
            // needed any more, the report being text.
            let _ = self.vm.gc_full();
            report
        })
    }

    /// The report luajit's traceback handler and `report` make of an error.
    pub fn error_report(&mut self, e: &LuaError) -> Report {
        let v = e.value;
        if v.is_nil() {
            return None;
        }
        let msg = if is_stringish(v) {
            Some(self.vm.tostring_basic(v))
        } else {
            match self.tostring_meta(v) {
                Ok(m) => m,
                // The handler itself failed: Lua's LUA_ERRERR.
                Err(()) => return Some(b"error in error handling".to_vec()),
            }
        };
        let Some(msg) = msg else {
            return Some(b"(error object is not a string)".to_vec());
        };
        // luaL_traceback formats the message with `%s`: it ends at a NUL.
        let mut text = until_nul(&msg).to_vec();
        text.extend_from_slice(b"\nstack traceback:");
        let mut levels = e.traceback.clone();
        levels.push(host_frame());
        for line in elide_levels(&levels) {
            text.extend_from_slice(b"\n\t");
            text.extend_from_slice(line.as_bytes());
        }
        Some(text)
    }

    /// The result of a `__tostring` metamethod, if there is one and it
    /// gives a string or a number; `Err` if the metamethod raised an error.
    fn tostring_meta(&mut self, v: Value) -> Result<Option<Vec<u8>>, ()> {
        let mm = self.vm.mm_of(v, Mm::Tostring);
        if mm.is_nil() {
            return Ok(None);
        }
        let r = self.vm.call(mm, &[v]).map_err(drop)?;
        Ok(r.first()
            .filter(|f| is_stringish(**f))
            .map(|f| self.vm.tostring_basic(*f)))
    }

    /// Loads a chunk, reporting syntax errors and bad dumps as luajit
    /// does (dumps are checked by [`crate::load`], which words dump
    /// errors as luajit and refuses a dump behind a `#` line).
    pub fn load(&mut self, bytes: &[u8], chunk_name: &str) -> Result<Value, Report> {
        if looks_like_dump(bytes) {
            if let Err(e) = crate::load(bytes, chunk_name) {
                return Err(Some(e.to_string().into_bytes()));
            }
        }
        self.vm
            .load(bytes, chunk_name)
            .map_err(|e| Some(self.message(&e)))
    }

    /// `dostring`: `-e chunk` and `LUA_INIT=chunk`.
    pub fn dostring(&mut self, con: &mut Console, chunk: &[u8], name: &str) -> Status {
        let r = self
            .load(chunk, name)
            .and_then(|f| self.docall(f, &[]).map(drop));
        self.finish(con, r)
    }

    /// `dofile`: `LUA_INIT=@file`, and stdin when it is not a terminal.
    pub fn dofile(&mut self, con: &mut Console, script: Script) -> Status {
        let r = read_input(script, con)
            .map_err(|m| Some(m.into_bytes()))
            .and_then(|(bytes, name)| self.load(&bytes, &name))
            .and_then(|f| self.docall(f, &[]).map(drop));
        self.finish(con, r)
    }

    /// `-l name`: `require(name)`; the result is not stored anywhere.
    pub fn dolibrary(&mut self, con: &mut Console, name: &[u8]) -> Status {
        let r = (|| {
            let require = self.vm.get_global("require").map_err(|e| self.plain(&e))?;
            let arg = self.vm.new_str(name).map_err(|e| self.plain(&e))?;
            self.docall(require, &[arg]).map(drop)
        })();
        self.finish(con, r)
    }

    /// The script: loaded first, then called with `arg[1]`, `arg[2]`, ...
    /// up to the first nil, read from the global `arg` as it is now
    /// (`LUA_INIT` and `-e` may have changed it).
    pub fn handle_script(&mut self, con: &mut Console, script: Script) -> Status {
        let r = read_input(script, con)
            .map_err(|m| Some(m.into_bytes()))
            .and_then(|(bytes, name)| self.load(&bytes, &name))
            .and_then(|f| {
                let args = self.script_args().map_err(|e| self.plain(&e))?;
                self.docall(f, &args).map(drop)
            });
        self.finish(con, r)
    }

    fn script_args(&mut self) -> Result<Vec<Value>, LuaError> {
        let arg = self.vm.get_global("arg")?;
        let mut out = Vec::new();
        if arg.itype() != itype::TAB {
            return Ok(out);
        }
        let t = obj::<GcTab>(arg);
        for i in 1.. {
            // SAFETY: `arg` is a live table reachable from the globals, and
            // nothing runs between here and the call that takes the values.
            let v = unsafe { (*t).get(Value::number(i as f64)) };
            if v.is_nil() {
                break;
            }
            out.push(v);
        }
        Ok(out)
    }

    /// Sets the global `arg` table from `(index, value)` pairs.
    pub fn set_arg_table(&mut self, entries: &[(i64, Vec<u8>)]) -> Result<(), LuaError> {
        let positive = entries.iter().filter(|(i, _)| *i > 0).count() as u32;
        let t = self.vm.new_table(positive + 1, 2)?.as_ptr();
        let tv = val::<GcTab>(t);
        // Rooted first, so every string made below is reachable at once.
        self.vm.set_global("arg", tv)?;
        for (i, a) in entries {
            let s = self.vm.new_str(a)?;
            self.vm.raw_set(t, Value::number(*i as f64), s)?;
        }
        Ok(())
    }

    /// `jit.status()` of the loaded `jit` module: whether the JIT is on
    /// and the flag names that follow (up to the first non-string).
    pub fn jit_status(&mut self) -> (bool, Vec<String>) {
        let f = self.loaded_field("jit", "status");
        let Ok(r) = self.vm.call(f, &[]) else {
            return (false, Vec::new());
        };
        let on = r.first().is_some_and(|v| !v.is_falsy());
        let flags = r
            .iter()
            .skip(1)
            .take_while(|v| is_stringish(**v))
            .map(|v| String::from_utf8_lossy(&self.vm.tostring_basic(*v)).into_owned())
            .collect();
        (on, flags)
    }

    /// `package.loaded[module][field]`, read raw; nil when missing.
    fn loaded_field(&mut self, module: &str, field: &str) -> Value {
        let mut v = self.vm.get_global("package").unwrap_or(Value::NIL);
        for key in ["loaded", module, field] {
            if v.itype() != itype::TAB {
                return Value::NIL;
            }
            let Ok(k) = self.vm.new_str(key.as_bytes()) else {
                return Value::NIL;
            };
            // SAFETY: a live table reached from the globals.
            v = unsafe { (*obj::<GcTab>(v)).get(k) };
        }
        v
    }

    /// Prints the report of a failed step; turns the outcome into a status.
    pub fn finish(&self, con: &mut Console, r: Result<(), Report>) -> Status {
        match r {
            Ok(()) => Ok(()),
            Err(rep) => {
                self.report(con, &rep);
                Err(())
            }
        }
    }

    /// The message of an error raised outside any Lua frame.
    pub fn plain(&mut self, e: &LuaError) -> Report {
        if e.value.is_nil() {
            None
        } else {
            Some(self.message(e))
        }
    }

    /// An error value as text: strings keep their bytes as they are.
    pub fn message(&mut self, e: &LuaError) -> Vec<u8> {
        if is_stringish(e.value) {
            self.vm.tostring_basic(e.value)
        } else {
            self.vm.error_text(e).into_bytes()
        }
    }
}

/// The frame of the host function every chunk runs under, which luajit
/// shows last as `[C]: at <address>` (its `pmain`); here the address is
/// that of the function running the command's steps.
fn host_frame() -> String {
    let host: fn(&[Vec<u8>], &mut Console) -> i32 = super::run;
    format!("[C]: at {:p}", host as *const ())
}

/// Levels shown of a long traceback: luaL_traceback keeps the innermost
/// 11 and the outermost 10 and puts `...` between them.
pub fn elide_levels(levels: &[String]) -> Vec<&str> {
    const FIRST: usize = 11;
    const LAST: usize = 10;
    if levels.len() <= FIRST + LAST + 1 {
        return levels.iter().map(String::as_str).collect();
    }
    let mut out: Vec<&str> = levels[..FIRST].iter().map(String::as_str).collect();
    out.push("...");
    out.extend(levels[levels.len() - LAST..].iter().map(String::as_str));
    out
}

/// The bytes before the first NUL, which is where C sees a string end.
fn until_nul(msg: &[u8]) -> &[u8] {
    match msg.iter().position(|&b| b == 0) {
        Some(n) => &msg[..n],
        None => msg,
    }
}

/// Strings and numbers are what `lua_tostring` converts.
pub fn is_stringish(v: Value) -> bool {
    v.itype() == itype::STR || v.is_number()
}

/// A dump, possibly behind a `#` first line.
fn looks_like_dump(bytes: &[u8]) -> bool {
    let body = match bytes.first() {
        Some(b'#') => match bytes.iter().position(|&b| b == b'\n') {
            Some(nl) => &bytes[nl + 1..],
            None => &[],
        },
        _ => bytes,
    };
    xlj_runtime::bc::dump::is_dump(body)
}

/// Runs `f` with `LUA_PATH` and `LUA_CPATH` removed from the environment
/// and puts them back afterwards (the libraries read them while opening).
/// Called before the command starts any thread.
fn without_path_vars<T>(f: impl FnOnce() -> T) -> T {
    let saved: Vec<_> = ["LUA_PATH", "LUA_CPATH"]
        .iter()
        .map(|k| (*k, std::env::var_os(k)))
        .collect();
    for (k, _) in &saved {
        std::env::remove_var(k);
    }
    let r = f();
    for (k, v) in saved {
        if let Some(v) = v {
            std::env::set_var(k, v);
        }
    }
    r
}
