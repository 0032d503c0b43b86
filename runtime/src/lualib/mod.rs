//! The standard libraries beyond `base` and `coroutine`: `string`,
//! `table`, `math`, `bit`, `os`, `io`, `debug`, `package` (with
//! `require` and `module`) and `jit`, as natives with LuaJIT 2.1's
//! behaviour and error messages.
//!
//! Each library is one module holding its functions and a table of
//! [`Reg`]s; [`open`] registers them all and records them in
//! `package.loaded`. The pure algorithms (number formatting, patterns,
//! the PRNG, bit operations, the sort, dates) live in
//! [`crate::stdlib`]; the functions here fetch and check arguments, call
//! in there and box the results.
//!
//! Objects the libraries keep between calls (the standard files, the
//! loaded-modules table, the hook function) hang off the registry or the
//! globals, so they are roots for the collector.
//!
//! The interpreter reaches in at one point: while `debug.sethook` has set
//! a hook, or Ctrl-C is pending ([`signal_interrupt`]), it calls
//! `hook_ins` (see the `hook` module) before each instruction.
//!
//! Decisions where xlj cannot or does not copy LuaJIT: `jit.version` is
//! xlj's own ([`VERSION`], same shape) with `jit.version_num` 20100;
//! `jit.status()` is `false` (no compiler yet); C modules cannot be
//! loaded (`package.loadlib` and the C searchers say so). File output is
//! buffered by C stdio's rules (see `iobuf`), standard output through the
//! VM's sink so `print` and `io.write` share one buffer.
//!
//! The Lua programs `tests/lua/run/lib_*.lua` check every library against
//! `luajit -joff` (outputs recorded by `tests/tools/gen-run-golden.sh`).

mod args;
mod basecompat;
mod bitlib;
mod debuglib;
pub use debuglib::set_host_frame;
mod dump;
pub(crate) mod hook;
mod iobuf;
mod iofile;
mod iolib;
pub mod jitlib;
mod locals;
mod mathlib;
mod oslib;
mod package;
mod strlib;
mod strpat;
mod strref;
mod tablib;
mod udbox;

pub(crate) use args::*;
pub(crate) use hook::on_ins as hook_ins;
pub use hook::{arm_interrupts, interrupt_target, signal_interrupt, HookState};

use crate::obj::GcTab;
use crate::value::Value;
use crate::vm::baselib::Reg;
use crate::vm::{obj, val, LuaError, Vm};

/// The version string `jit.version` reports: xlj's own name and version
/// in LuaJIT's shape (`<name> <major>.<minor>.<patch>`).
pub const VERSION: &str = concat!("xlj ", env!("CARGO_PKG_VERSION"));

/// Opens every library of this module (the base library is already
/// open).
pub fn open(vm: &mut Vm) -> Result<(), LuaError> {
    let loaded = package::open(vm)?;
    let libs: [(&str, &[Reg]); 8] = [
        ("string", strlib::FUNCS),
        ("table", tablib::FUNCS),
        ("math", mathlib::FUNCS),
        ("bit", bitlib::FUNCS),
        ("os", oslib::FUNCS),
        ("io", iolib::FUNCS),
        ("debug", debuglib::FUNCS),
        ("jit", jitlib::FUNCS),
    ];
    for (name, regs) in libs {
        let t = vm.register_lib(Some(name), regs)?;
        set_field(vm, loaded, name, t)?;
    }
    strlib::init(vm)?;
    tablib::init(vm)?;
    mathlib::init(vm)?;
    iolib::init(vm)?;
    jitlib::init(vm, loaded)?;
    basecompat::init(vm)?;
    for name in ["_G", "coroutine"] {
        let v = vm.get_global(name)?;
        set_field(vm, loaded, name, v)?;
    }
    Ok(())
}

/// Raw `t[name] = v` for a table value.
pub(crate) fn set_field(vm: &mut Vm, t: Value, name: &str, v: Value) -> Result<(), LuaError> {
    let k = vm.new_str(name.as_bytes())?;
    vm.raw_set(obj::<GcTab>(t), k, v)
}

/// Raw `t[name]` for a table value.
pub(crate) fn get_field(vm: &mut Vm, t: Value, name: &str) -> Result<Value, LuaError> {
    let k = vm.new_str(name.as_bytes())?;
    // SAFETY: callers pass live table values.
    Ok(unsafe { (*obj::<GcTab>(t)).get(k) })
}

/// A new empty table value.
pub(crate) fn new_table(vm: &mut Vm, narr: u32, hbits: u32) -> Result<Value, LuaError> {
    let t = vm.new_table(narr, hbits)?;
    Ok(val::<GcTab>(t.as_ptr()))
}
