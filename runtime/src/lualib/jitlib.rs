//! `jit`: the introspection surface of LuaJIT's `jit` module.
//!
//! xlj has no trace compiler yet, so `jit.status()` reports `false` and
//! `jit.on/off/flush` are accepted and do nothing. `jit.version` is xlj's
//! own string (see [`super::VERSION`]) in LuaJIT's `<name> <version>`
//! shape; `jit.version_num` stays 20100 so programs that test for LuaJIT
//! 2.1 features keep working. `jit.os` and `jit.arch` use LuaJIT's names
//! for the build target. `jit.util` and `jit.vmdef` are not provided.

use super::{ret1, set_field};
use crate::obj::GcFunc;
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{obj, val, Args, LuaError, Vm};

pub const FUNCS: &[Reg] = &[
    reg("on", set_mode),
    reg("off", set_mode),
    reg("flush", flush),
    reg("status", status),
    reg("attach", nop),
];

/// LuaJIT's name for the operating system.
pub const OS: &str = if cfg!(windows) {
    "Windows"
} else if cfg!(target_os = "linux") {
    "Linux"
} else if cfg!(target_os = "macos") {
    "OSX"
} else if cfg!(any(
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly"
)) {
    "BSD"
} else if cfg!(unix) {
    "POSIX"
} else {
    "Other"
};

/// Sets `jit.arch`. The runtime names no instruction set: the embedder
/// (the `xlj` command, `xlj::Lua`) passes the name its target registry
/// gives (LuaJIT's spelling: "x64", "arm64", "ppc", ...); until then the
/// field reads "unknown".
pub fn set_arch(vm: &mut Vm, name: &str) -> Result<(), LuaError> {
    let j = vm.get_global("jit")?;
    let v = vm.new_str(name.as_bytes())?;
    set_field(vm, j, "arch", v)
}

/// Fills in the constants and the `jit.opt` module.
pub fn init(vm: &mut Vm, loaded: Value) -> Result<(), LuaError> {
    let j = vm.get_global("jit")?;
    let v = vm.new_str(super::VERSION.as_bytes())?;
    set_field(vm, j, "version", v)?;
    set_field(vm, j, "version_num", Value::number(20100.0))?;
    let v = vm.new_str(OS.as_bytes())?;
    set_field(vm, j, "os", v)?;
    set_arch(vm, "unknown")?;
    let opt = super::new_table(vm, 0, 1)?;
    let start = vm.new_native(nop, crate::obj::func::ffid::NATIVE, 0)?;
    set_field(vm, opt, "start", val::<GcFunc>(start.as_ptr()))?;
    set_field(vm, j, "opt", opt)?;
    set_field(vm, loaded, "jit.opt", opt)
}

/// `jit.on/off/flush([nil | func | true [, recursive]])`: accepted with
/// LuaJIT's argument rules; `true` names the calling Lua function.
fn set_mode(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    let ok = match v.itype() {
        itype::NIL => true,
        // SAFETY: a function value points at a live closure.
        itype::FUNC => unsafe { (*obj::<GcFunc>(v)).is_lua() },
        itype::TRUE => vm
            .frames(None)
            .get(1)
            .copied()
            .is_some_and(|f| vm.frame_proto(&f).is_some()),
        _ => false,
    };
    if ok {
        Ok(0)
    } else {
        Err(vm.type_error(a, 1, "function"))
    }
}

/// `jit.flush(traceno)` flushes one trace; there are none.
fn flush(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    if vm.arg(a, 0).is_number() {
        return Ok(0);
    }
    set_mode(vm, a)
}

fn nop(_vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    Ok(0)
}

fn status(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    ret1(vm, Value::FALSE)
}
