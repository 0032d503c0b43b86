//! `os`: time and dates over [`crate::stdlib::ostime`], the environment,
//! files by name, processes and `exit`. Failures are reported as
//! `nil, "name: message", errno`, as LuaJIT's `luaL_fileresult` does.

use std::io::Write;

use super::{check_bytes, check_num, opt_bytes, ret1, ret_num, ret_str, set_field};
use crate::stdlib::ostime::{self, local, DateFields, DateResult};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{Args, LuaError, Vm};

pub const FUNCS: &[Reg] = &[
    reg("time", time),
    reg("clock", clock),
    reg("date", date),
    reg("difftime", difftime),
    reg("getenv", getenv),
    reg("remove", remove),
    reg("rename", rename),
    reg("tmpname", tmpname),
    reg("exit", exit),
    reg("execute", execute),
    reg("setlocale", setlocale),
];

/// The C library's text for an I/O error (Rust's `Display` adds
/// ` (os error N)`, which C's `strerror` does not).
pub(crate) fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `nil, "prefix: message", errno` for a failed file operation.
pub(crate) fn file_fail(
    vm: &mut Vm,
    name: Option<&[u8]>,
    e: &std::io::Error,
) -> Result<u32, LuaError> {
    let msg = match name {
        Some(n) => format!("{}: {}", String::from_utf8_lossy(n), strerror(e)),
        None => strerror(e),
    };
    super::ret_fail(vm, &msg, Some(e.raw_os_error().unwrap_or(0)))
}

fn path_of(b: &[u8]) -> std::path::PathBuf {
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

pub(crate) fn path(b: &[u8]) -> std::path::PathBuf {
    path_of(b)
}

/// Reads field `name` of a date table as an int.
fn date_field(vm: &mut Vm, t: Value, name: &str, def: Option<i32>) -> Result<i32, LuaError> {
    let v = super::get_field(vm, t, name)?;
    if let Some(x) = vm
        .to_num(v)
        .filter(|_| v.is_number() || v.itype() == itype::STR)
    {
        return Ok(ostime::field_to_int(x));
    }
    match def {
        Some(d) if v.is_nil() => Ok(d),
        _ => Err(vm.caller_error(&format!("field '{name}' missing in date table"))),
    }
}

fn time(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.arg(a, 0);
    if t.is_nil() {
        return ret_num(vm, ostime::now() as f64);
    }
    let t = super::check_tab(vm, a, 1)?;
    let sec = date_field(vm, t, "sec", Some(0))?;
    let min = date_field(vm, t, "min", Some(0))?;
    let hour = date_field(vm, t, "hour", Some(12))?;
    let day = date_field(vm, t, "day", None)?;
    let month = date_field(vm, t, "month", None)?;
    let year = date_field(vm, t, "year", None)?;
    let dst = super::get_field(vm, t, "isdst")?;
    let fields = DateFields {
        sec,
        min,
        hour,
        day,
        month,
        year,
        isdst: if dst.is_nil() {
            None
        } else {
            Some(!dst.is_falsy())
        },
    };
    match local::time_local(&fields) {
        Some(t) => ret_num(vm, t as f64),
        None => ret1(vm, Value::NIL),
    }
}

fn clock(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    ret_num(vm, local::clock_seconds())
}

fn date(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let fmt = opt_bytes(vm, a, 1)?.unwrap_or_else(|| b"%c".to_vec());
    let t = if vm.arg(a, 1).is_nil() {
        ostime::now()
    } else {
        ostime::to_time_t(check_num(vm, a, 2)?)
    };
    match ostime::date(&fmt, t) {
        DateResult::Nil => ret1(vm, Value::NIL),
        DateResult::Text(s) => ret_str(vm, &s),
        DateResult::LastArgument => {
            let v = vm.arg(a, a.n.max(1) - 1);
            ret1(vm, v)
        }
        DateResult::Table(tm) => {
            let d = tm.table();
            let t = super::new_table(vm, 0, 4)?;
            for (k, x) in [
                ("sec", d.sec),
                ("min", d.min),
                ("hour", d.hour),
                ("day", d.day),
                ("month", d.month),
                ("year", d.year),
                ("wday", d.wday),
                ("yday", d.yday),
            ] {
                set_field(vm, t, k, Value::number(x as f64))?;
            }
            set_field(vm, t, "isdst", Value::boolean(d.isdst))?;
            ret1(vm, t)
        }
    }
}

fn difftime(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    // LuaJIT's C compiler evaluates the arguments right to left.
    let t2 = ostime::to_time_t(super::opt_num(vm, a, 2, 0.0)?);
    let t1 = ostime::to_time_t(check_num(vm, a, 1)?);
    ret_num(vm, ostime::difftime(t1, t2))
}

fn getenv(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_bytes(vm, a, 1)?;
    let v = String::from_utf8(name).ok().and_then(std::env::var_os);
    match v {
        Some(v) => ret_str(vm, v.to_string_lossy().as_bytes()),
        None => ret1(vm, Value::NIL),
    }
}

fn ok_true(vm: &mut Vm) -> Result<u32, LuaError> {
    ret1(vm, Value::TRUE)
}

fn remove(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = check_bytes(vm, a, 1)?;
    let p = path_of(&name);
    let r = match std::fs::symlink_metadata(&p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir(&p),
        _ => std::fs::remove_file(&p),
    };
    match r {
        Ok(()) => ok_true(vm),
        Err(e) => file_fail(vm, Some(&name), &e),
    }
}

fn rename(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let from = check_bytes(vm, a, 1)?;
    let to = check_bytes(vm, a, 2)?;
    match std::fs::rename(path_of(&from), path_of(&to)) {
        Ok(()) => ok_true(vm),
        Err(e) => file_fail(vm, Some(&from), &e),
    }
}

/// A fresh empty file under the temporary directory, as `mkstemp`
/// makes one.
pub(crate) fn make_temp() -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    // 32-bit targets (ppc, mips) have no 64-bit atomics.
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = if cfg!(unix) {
        std::path::PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let mut last = None;
    for _ in 0..100 {
        let n = u64::from(COUNTER.fetch_add(1, Ordering::Relaxed));
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos() as u64)
            .unwrap_or(0);
        let mut x =
            (std::process::id() as u64) << 32 ^ nanos ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut name = String::from("lua_");
        for _ in 0..6 {
            let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                [(x % 62) as usize];
            name.push(c as char);
            x /= 62;
        }
        let p = dir.join(name);
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => return Ok((p, f)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("unable to generate a unique filename")))
}

fn tmpname(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    match make_temp() {
        Ok((p, _)) => ret_str(vm, p.to_string_lossy().as_bytes()),
        Err(_) => Err(vm.caller_error("unable to generate a unique filename")),
    }
}

fn exit(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    let code = match v.itype() {
        itype::TRUE => 0,
        itype::FALSE => 1,
        _ => super::opt_int(vm, a, 1, 0)?,
    };
    // LuaJIT closes the state first when asked to (finalizers run,
    // files close); C's `exit` then flushes every stream.
    if !vm.arg(a, 1).is_falsy() {
        vm.gc_close();
    }
    super::iolib::flush_all(vm);
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

fn execute(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let Some(cmd) = opt_bytes(vm, a, 1)? else {
        return ret_num(vm, 1.0);
    };
    // C's `system` does not flush standard output either: on a shared
    // pipe the command's output comes before what Lua buffered.
    let armed = super::hook::interrupts_armed();
    let status = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(String::from_utf8_lossy(&cmd).into_owned())
        .status();
    if armed && !super::hook::interrupts_armed() {
        super::hook::forget_interrupt(vm);
    }
    let code = match status {
        #[cfg(unix)]
        Ok(s) => {
            use std::os::unix::process::ExitStatusExt;
            s.into_raw()
        }
        #[cfg(not(unix))]
        Ok(s) => s.code().unwrap_or(1) << 8,
        Err(_) => -1,
    };
    ret_num(vm, code as f64)
}

fn setlocale(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let locale = opt_bytes(vm, a, 1)?;
    if let Some(cat) = opt_bytes(vm, a, 2)? {
        let known = [
            &b"all"[..],
            b"collate",
            b"ctype",
            b"monetary",
            b"numeric",
            b"time",
        ];
        if !known.contains(&&cat[..]) {
            let m = format!("invalid option '{}'", String::from_utf8_lossy(&cat));
            return Err(vm.arg_error(2, &m));
        }
    }
    let Some(locale) = locale else {
        return ret_str(vm, b"C");
    };
    if matches!(&locale[..], b"" | b"C" | b"POSIX") {
        ret_str(vm, b"C")
    } else {
        ret1(vm, Value::NIL)
    }
}
