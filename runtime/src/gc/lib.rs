//! The collector's part of the base library: `collectgarbage` and
//! `newproxy`, with LuaJIT's options and results.

use super::state::Phase;
use crate::obj::func::ffid;
use crate::obj::{GcTab, GcUdata};
use crate::value::{itype, Value};
use crate::vm::{obj, val, Args, LuaError, Vm};

const OPTIONS: [&str; 8] = [
    "stop",
    "restart",
    "collect",
    "count",
    "step",
    "setpause",
    "setstepmul",
    "isrunning",
];

/// Registers `collectgarbage`, `gcinfo` and `newproxy` as globals.
pub fn open(vm: &mut Vm) -> Result<(), LuaError> {
    let f = vm.new_native(collectgarbage, ffid::NATIVE, 0)?;
    vm.set_global("collectgarbage", val(f.as_ptr()))?;
    let f = vm.new_native(gcinfo, ffid::NATIVE, 0)?;
    vm.set_global("gcinfo", val(f.as_ptr()))?;
    // newproxy remembers the metatables it made in a weak-keyed table, to
    // tell proxies from other userdata.
    let known = vm.new_table(0, 0)?.as_ptr();
    let mt = vm.new_table(0, 1)?.as_ptr();
    let k = vm.new_str(b"__mode")?;
    let mode = vm.new_str(b"k")?;
    vm.raw_set(mt, k, mode)?;
    // SAFETY: a fresh table.
    unsafe { (*known).metatable = mt };
    let f = vm.new_native(newproxy, ffid::NATIVE, 1)?;
    // SAFETY: a fresh closure with one upvalue word.
    unsafe { (*f.as_ptr()).set_native_uv(0, val::<GcTab>(known)) };
    vm.set_global("newproxy", val(f.as_ptr()))
}

/// `gcinfo()`: the heap in use in whole KiB (Lua 5.0's function, which
/// LuaJIT keeps).
fn gcinfo(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let kib = (vm.heap.used() >> 10) as f64;
    vm.push(Value::number(kib))?;
    Ok(1)
}

/// An optional integer argument (0 when absent), as `luaL_optint`.
fn opt_int(vm: &mut Vm, a: Args, i: u32) -> Result<i32, LuaError> {
    let v = vm.arg(a, i);
    if v.is_nil() {
        return Ok(0);
    }
    match vm.to_num(v) {
        Some(n) => Ok(n as i64 as i32),
        None => Err(vm.type_error(a, i + 1, "number")),
    }
}

fn collectgarbage(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let o = vm.arg(a, 0);
    let opt = if o.is_nil() {
        "collect"
    } else if o.itype() == itype::STR || o.is_number() {
        // A number names an option by its string form, as LuaJIT's
        // option check converts it.
        let name = vm.tostring_basic(o);
        match OPTIONS.iter().find(|n| n.as_bytes() == name.as_slice()) {
            Some(n) => n,
            None => {
                let msg = format!("invalid option '{}'", String::from_utf8_lossy(&name));
                return Err(vm.arg_error(1, &msg));
            }
        }
    } else {
        return Err(vm.type_error(a, 1, "string"));
    };
    let data = opt_int(vm, a, 1)?;
    let r = match opt {
        "count" => Value::number(vm.heap.used() as f64 / 1024.0),
        "stop" => {
            vm.gc_set_running(false);
            Value::number(0.0)
        }
        "restart" => {
            vm.gc_set_running(true);
            Value::number(0.0)
        }
        "collect" => {
            vm.gc_full()?;
            Value::number(0.0)
        }
        "step" => {
            let want = (data.max(0) as usize) << 10;
            let total = vm.heap.used();
            vm.gc.threshold = total.saturating_sub(want);
            let mut done = false;
            while vm.heap.used() >= vm.gc.threshold {
                if vm.gc_step()? {
                    done = true;
                    break;
                }
            }
            Value::boolean(done)
        }
        "setpause" => {
            let old = vm.gc.pause;
            vm.gc.pause = data as u32;
            Value::number(old as i32 as f64)
        }
        "setstepmul" => {
            let old = vm.gc.stepmul;
            vm.gc.stepmul = data as u32;
            Value::number(old as i32 as f64)
        }
        _ => Value::boolean(vm.gc.is_running()),
    };
    vm.push(r)?;
    Ok(1)
}

fn newproxy(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let arg = vm.arg(a, 0);
    let known = obj::<GcTab>(vm.native_upvalue(a, 0));
    let mt = if arg.is_falsy() {
        std::ptr::null_mut()
    } else if arg.itype() == itype::TRUE {
        let mt = vm.new_table(0, 0)?.as_ptr();
        vm.push(val::<GcTab>(mt))?;
        vm.raw_set(known, val::<GcTab>(mt), Value::TRUE)?;
        vm.thread().top -= 1;
        mt
    } else {
        let mt = vm.metatable_of(arg);
        // SAFETY: the upvalue is newproxy's live table.
        let valid = !mt.is_null() && unsafe { !(*known).get(val::<GcTab>(mt)).is_falsy() };
        if !valid {
            return Err(vm.arg_error(1, "boolean or proxy expected"));
        }
        mt
    };
    let u = vm.new_udata(0)?.as_ptr();
    // SAFETY: a fresh userdata (white: no barrier needed).
    unsafe { (*u).metatable = mt };
    vm.push(val::<GcUdata>(u))?;
    vm.gc_check();
    Ok(1)
}

impl Vm {
    /// Where the collector is in its cycle.
    pub fn gc_phase(&self) -> Phase {
        self.gc.phase
    }
}
