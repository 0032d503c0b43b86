//! Base-library functions that the module system and `string.dump`
//! depend on: `loadstring`, `load`, `loadfile`, `dofile`, `getfenv`,
//! `setfenv` and `newproxy`. The base library proper lives in
//! `vm::baselib`; each function here is installed only when the base
//! library has not defined that global, so a fuller base library takes
//! precedence.

use super::{check_bytes, check_int, new_table, opt_bytes, ret1, ret_fail};
use crate::obj::{GcFunc, GcTab, GcThread, GcUdata};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{obj, val, Args, LuaError, Vm};

const FUNCS: &[Reg] = &[
    reg("loadstring", loadstring),
    reg("load", load),
    reg("loadfile", loadfile),
    reg("dofile", dofile),
    reg("getfenv", getfenv),
    reg("setfenv", setfenv),
    reg("newproxy", newproxy),
];

/// Installs the functions the base library lacks.
pub fn init(vm: &mut Vm) -> Result<(), LuaError> {
    for r in FUNCS {
        if vm.get_global(r.name)?.is_nil() {
            vm.register_lib(None, std::slice::from_ref(r))?;
        }
    }
    Ok(())
}

/// `f` or `nil, message`.
fn load_result(vm: &mut Vm, r: Result<Value, LuaError>) -> Result<u32, LuaError> {
    match r {
        Ok(f) => ret1(vm, f),
        Err(e) => {
            vm.push(Value::NIL)?;
            vm.push(e.value)?;
            Ok(2)
        }
    }
}

fn loadstring(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let src = check_bytes(vm, a, 1)?;
    let name = opt_bytes(vm, a, 2)?.unwrap_or_else(|| src.clone());
    let r = vm.load(&src, &String::from_utf8_lossy(&name));
    load_result(vm, r)
}

fn load(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    if v.itype() == itype::STR || v.is_number() {
        let src = check_bytes(vm, a, 1)?;
        let name = opt_bytes(vm, a, 2)?.unwrap_or_else(|| src.clone());
        let r = vm.load(&src, &String::from_utf8_lossy(&name));
        return load_result(vm, r);
    }
    let f = super::check_func(vm, a, 1)?;
    let name = opt_bytes(vm, a, 2)?.unwrap_or_else(|| b"=(load)".to_vec());
    let mut src = Vec::new();
    loop {
        // An error in the reader fails the load (nil and the message), as
        // LuaJIT's protected parser does; it does not propagate.
        let top = vm.thread().top;
        let r = match vm.call(f, &[]) {
            Ok(r) => r,
            Err(e) => {
                vm.thread().top = top;
                vm.push(Value::NIL)?;
                vm.push(e.value)?;
                return Ok(2);
            }
        };
        let piece = r.first().copied().unwrap_or(Value::NIL);
        if piece.is_nil() {
            break;
        }
        if piece.itype() != itype::STR {
            return ret_fail(vm, "reader function must return a string", None);
        }
        if vm.str_bytes(piece).is_empty() {
            break;
        }
        src.extend_from_slice(vm.str_bytes(piece));
    }
    let r = vm.load(&src, &String::from_utf8_lossy(&name));
    load_result(vm, r)
}

/// Reads and compiles a file (`None`: standard input).
fn load_file(vm: &mut Vm, name: Option<&[u8]>) -> Result<Value, LuaError> {
    let (src, chunk) = match name {
        Some(n) => {
            let text = String::from_utf8_lossy(n).into_owned();
            match std::fs::read(super::oslib::path(n)) {
                Ok(s) => (s, format!("@{text}")),
                Err(e) => {
                    let m = format!("cannot open {text}: {}", super::oslib::strerror(&e));
                    return Err(vm.err_msg(&m));
                }
            }
        }
        None => {
            let mut s = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut s);
            (s, "=stdin".to_string())
        }
    };
    // A first line starting with '#' is skipped, as by the standalone
    // interpreter.
    let src = if src.first() == Some(&b'#') {
        let nl = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        let mut rest = b"--".to_vec();
        rest.extend_from_slice(&src[nl..]);
        rest
    } else {
        src
    };
    vm.load(&src, &chunk)
}

fn loadfile(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = opt_bytes(vm, a, 1)?;
    let r = load_file(vm, name.as_deref());
    load_result(vm, r)
}

fn dofile(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let name = opt_bytes(vm, a, 1)?;
    let f = load_file(vm, name.as_deref())?;
    let r = vm.call(f, &[])?;
    let top = vm.thread().top;
    vm.ensure_stack(top + r.len() as u32)?;
    for v in &r {
        vm.push(*v)?;
    }
    Ok(r.len() as u32)
}

/// The function a `getfenv`/`setfenv` argument designates: itself, or
/// the function running at a stack level (`None`: level 0, the thread).
fn fenv_target(vm: &mut Vm, a: Args) -> Result<Option<Value>, LuaError> {
    let v = vm.arg(a, 0);
    if v.itype() == itype::FUNC {
        return Ok(Some(v));
    }
    let level = if v.is_nil() { 1 } else { check_int(vm, a, 1)? };
    // LuaJIT has no separate message for a negative level: no frame
    // is there.
    if level < 0 {
        return Err(vm.arg_error(1, "invalid level"));
    }
    if level == 0 {
        return Ok(None);
    }
    let frames = vm.frames(None);
    match frames.get(level as usize) {
        Some(f) => Ok(Some(vm.thread().get(f.base - 2))),
        None => Err(vm.arg_error(1, "invalid level")),
    }
}

fn getfenv(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let env = match fenv_target(vm, a)? {
        // SAFETY: function values point at live closures.
        Some(f) => unsafe { (*obj::<GcFunc>(f)).env },
        None => vm.thread().env,
    };
    if env.is_null() {
        ret1(vm, val::<GcTab>(vm.globals))
    } else {
        ret1(vm, val::<GcTab>(env))
    }
}

fn setfenv(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let target = fenv_target(vm, a)?;
    let t = super::check_tab(vm, a, 2)?;
    match target {
        None => {
            vm.thread().env = obj::<GcTab>(t);
            let th = val::<GcThread>(vm.cur);
            super::barrier(vm, th, t);
            Ok(0)
        }
        Some(f) => {
            // SAFETY: function values point at live closures.
            let fun = unsafe { &mut *obj::<GcFunc>(f) };
            if !fun.is_lua() {
                return Err(vm.caller_error("'setfenv' cannot change environment of given object"));
            }
            fun.env = obj::<GcTab>(t);
            vm.gc_barrier_obj(f.payload() as *mut crate::gc::GcHeader, t);
            ret1(vm, f)
        }
    }
}

fn newproxy(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let u = vm.new_udata(0)?;
    let v = vm.arg(a, 0);
    let mt = if v.itype() == itype::TRUE {
        obj::<GcTab>(new_table(vm, 0, 0)?)
    } else if v.itype() == itype::UDATA {
        // SAFETY: a userdata value points at a live userdata.
        unsafe { (*obj::<GcUdata>(v)).metatable }
    } else {
        std::ptr::null_mut()
    };
    // SAFETY: a fresh userdata.
    unsafe { (*u.as_ptr()).metatable = mt };
    ret1(vm, val::<GcUdata>(u.as_ptr()))
}
