//! `debug`: introspection of functions, frames, upvalues, metatables and
//! environments, and hooks.
//!
//! Implemented: `traceback` (LuaJIT's format), `getinfo` (by function or
//! level, options `nSlfuL`, threads), `getlocal`/`setlocal`, `getupvalue`/
//! `setupvalue`, `upvalueid`/`upvaluejoin`, `getmetatable`/`setmetatable`
//! (raw), `getregistry`, `getfenv`/`setfenv`, `sethook`/`gethook` (events
//! raised by the interpreter through [`super::hook`]). `debug.debug`
//! is accepted and does nothing.

use super::hook::{HOOK_KEY, MASK_CALL, MASK_COUNT, MASK_LINE, MASK_RET};
use super::{check_func, check_int, new_table, opt_bytes, ret1, ret_str, set_field};
use crate::interp::debug::FrameInfo;
use crate::obj::{GcFunc, GcTab, GcThread, GcUdata, GcUpval};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{obj, val, Args, LuaError, Vm};

pub const FUNCS: &[Reg] = &[
    reg("traceback", traceback),
    reg("getinfo", getinfo),
    reg("getlocal", super::locals::getlocal),
    reg("setlocal", super::locals::setlocal),
    reg("getupvalue", getupvalue),
    reg("setupvalue", setupvalue),
    reg("upvalueid", upvalueid),
    reg("upvaluejoin", upvaluejoin),
    reg("getmetatable", getmetatable),
    reg("setmetatable", setmetatable),
    reg("getregistry", getregistry),
    reg("getfenv", getfenv),
    reg("setfenv", setfenv),
    reg("sethook", sethook),
    reg("gethook", gethook),
    reg("debug", nop),
];

fn func(v: Value) -> &'static mut GcFunc {
    // SAFETY: callers pass function values; no object dies while a
    // native runs.
    unsafe { &mut *obj::<GcFunc>(v) }
}

/// The frame at `level` (0: the running native), if any.
fn frame_at(vm: &mut Vm, level: i32) -> Option<FrameInfo> {
    if level < 0 {
        return None;
    }
    vm.frames(None).get(level as usize).copied()
}

/// Sets the environment of the Lua function that called the running
/// native (`module`'s effect on its caller).
pub(crate) fn set_caller_env(vm: &mut Vm, env: *mut GcTab) {
    if let Some(f) = frame_at(vm, 1) {
        let fv = vm.thread().get(f.base - 2);
        if fv.itype() == itype::FUNC {
            func(fv).env = env;
            if !env.is_null() {
                vm.gc_barrier_obj(fv.payload() as *mut crate::gc::GcHeader, val::<GcTab>(env));
            }
        }
    }
}

/// Runs `f` with the running thread switched to `th` (a coroutine whose
/// frames are being inspected); nothing in `f` may run Lua code.
fn on_thread<R>(vm: &mut Vm, th: Option<Value>, f: impl FnOnce(&mut Vm) -> R) -> R {
    let Some(th) = th else { return f(vm) };
    let saved = vm.cur;
    vm.cur = obj::<GcThread>(th);
    let r = f(vm);
    vm.cur = saved;
    r
}

/// The thread argument of a debug function, if the first argument is
/// one, and the index of the next argument.
fn thread_arg(vm: &mut Vm, a: Args) -> (Option<Value>, u32) {
    let v = vm.arg(a, 0);
    if v.itype() == itype::THREAD {
        let cur = val::<GcThread>(vm.cur);
        (Some(v).filter(|&t| t.payload() != cur.payload()), 1)
    } else {
        (None, 0)
    }
}

/// LuaJIT prints the first 12 and the last 10 levels of deeper stacks.
const LEVELS1: usize = 12;
const LEVELS2: usize = 10;

fn traceback(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let (th, arg) = thread_arg(vm, a);
    let msg = vm.arg(a, arg);
    if !(msg.itype() == itype::STR || msg.is_number()) && a.n > arg {
        return ret1(vm, msg);
    }
    let def = if th.is_some() { 0 } else { 1 };
    let level = if vm.arg(a, arg + 1).is_nil() {
        def
    } else {
        check_int(vm, a, arg + 2)?
    };
    let mut out = Vec::new();
    if !msg.is_nil() {
        out.extend_from_slice(&vm.tostring_basic(msg));
        out.push(b'\n');
    }
    out.extend_from_slice(b"stack traceback:");
    let host = host_frame(vm);
    let lines = on_thread(vm, th, |vm| {
        let frames = vm.frames(None);
        let start = level.max(0) as usize;
        // The main thread's bottom frame was called by the host, which
        // counts as one more level (a coroutine's bottom is its body).
        let host = host.filter(|_| vm.cur == vm.main);
        let n = frames.len() + usize::from(host.is_some());
        let mut lines = Vec::new();
        let mut i = start;
        let mut first_part = true;
        while i < n {
            // The level numbers are absolute, as in Lua 5.1's loop.
            if first_part && i + 1 > LEVELS1 {
                first_part = false;
                if i + 1 + LEVELS2 < n {
                    lines.push("...".to_string());
                    i = n - LEVELS2;
                    continue;
                }
            }
            match (frames.len() > i, &host) {
                (true, _) => lines.push(vm.traceback_line(&frames, i)),
                (false, Some(h)) => lines.push(h.clone()),
                (false, None) => {}
            }
            i += 1;
        }
        lines
    });
    for l in lines {
        out.extend_from_slice(b"\n\t");
        out.extend_from_slice(l.as_bytes());
    }
    ret_str(vm, &out)
}

/// The registry key of the host's traceback line (a light userdata, as
/// no program's key can be one by accident).
fn host_frame_key() -> Value {
    Value::tagged(itype::LIGHTUD, 0x4057)
}

/// Declares that the host calls the main thread's chunks from a native
/// frame of its own, which `debug.traceback` then shows last as `line`
/// (luajit's command runs every chunk under its C function `pmain`,
/// shown as `[C]: at 0x...`).
pub fn set_host_frame(vm: &mut Vm, line: &str) -> Result<(), LuaError> {
    let v = vm.new_str(line.as_bytes())?;
    vm.raw_set(vm.registry, host_frame_key(), v)
}

fn host_frame(vm: &mut Vm) -> Option<String> {
    // SAFETY: the registry is a live table.
    let v = unsafe { (*vm.registry).get(host_frame_key()) };
    (v.itype() == itype::STR).then(|| String::from_utf8_lossy(vm.str_bytes(v)).into_owned())
}

fn getinfo(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let (th, first) = thread_arg(vm, a);
    let target = vm.arg(a, first);
    let what = opt_bytes(vm, a, first + 2)?.unwrap_or_else(|| b"flnSu".to_vec());
    let (fv, line, name) = if target.itype() == itype::FUNC {
        (target, -1, None)
    } else {
        if vm.to_num(target).is_none() {
            return Err(vm.arg_error(first + 1, "function or level expected"));
        }
        let level = check_int(vm, a, first + 1)?;
        let found = on_thread(vm, th, |vm| {
            let frames = vm.frames(None);
            let i = usize::try_from(level).ok().filter(|&i| i < frames.len())?;
            let f = frames[i];
            let fv = vm.thread().get(f.base - 2);
            Some((
                fv,
                vm.frame_current_line(&f),
                vm.frame_call_name(&frames, i),
            ))
        });
        match found {
            Some(x) => x,
            None => return ret1(vm, Value::NIL),
        }
    };
    let t = new_table(vm, 0, 4)?;
    let f = func(fv);
    for &c in &what {
        match c {
            b'S' => {
                let (src, line, last, kind) = if f.is_lua() {
                    let pt = f.proto();
                    let kind = if pt.firstline == 0 { "main" } else { "Lua" };
                    (
                        pt.chunk_name().to_vec(),
                        pt.firstline as f64,
                        (pt.firstline + pt.numline) as f64,
                        kind,
                    )
                } else {
                    (b"=[C]".to_vec(), -1.0, -1.0, "C")
                };
                let ss = crate::lex::short_name(&String::from_utf8_lossy(&src));
                let v = vm.new_str(&src)?;
                set_field(vm, t, "source", v)?;
                let v = vm.new_str(ss.as_bytes())?;
                set_field(vm, t, "short_src", v)?;
                set_field(vm, t, "linedefined", Value::number(line))?;
                set_field(vm, t, "lastlinedefined", Value::number(last))?;
                let v = vm.new_str(kind.as_bytes())?;
                set_field(vm, t, "what", v)?;
            }
            b'l' => set_field(vm, t, "currentline", Value::number(line as f64))?,
            b'u' => set_field(vm, t, "nups", Value::number(f.nupvalues as f64))?,
            b'f' => set_field(vm, t, "func", fv)?,
            b'n' => {
                let (kind, n) = match &name {
                    Some((k, n)) => (*k, Some(n.clone())),
                    None => ("", None),
                };
                if let Some(n) = n {
                    let v = vm.new_str(n.as_bytes())?;
                    set_field(vm, t, "name", v)?;
                }
                let v = vm.new_str(kind.as_bytes())?;
                set_field(vm, t, "namewhat", v)?;
            }
            b'L' => {
                let lines = new_table(vm, 0, 2)?;
                if f.is_lua() {
                    let pt = f.proto();
                    let ls: Vec<u32> = (1..pt.sizebc as usize).map(|pc| pt.line_of(pc)).collect();
                    for l in ls {
                        vm.raw_set(obj::<GcTab>(lines), Value::number(l as f64), Value::TRUE)?;
                    }
                }
                set_field(vm, t, "activelines", lines)?;
            }
            _ => return Err(vm.arg_error(first + 2, "invalid option")),
        }
    }
    ret1(vm, t)
}

/// The upvalue object `n` (1-based) of a Lua function.
fn lua_upval(f: &GcFunc, n: i32) -> Option<*mut GcUpval> {
    (f.is_lua() && n >= 1 && (n as u32) <= f.nupvalues as u32).then(|| f.uv(n as usize - 1))
}

fn upvalue_name(f: &GcFunc, n: i32) -> Option<String> {
    if f.is_lua() {
        lua_upval(f, n).map(|_| f.proto().uv_name(n as usize - 1).to_string())
    } else {
        (n >= 1 && n as u32 <= f.nupvalues as u32).then(String::new)
    }
}

fn getupvalue(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let n = check_int(vm, a, 2)?;
    let fv = check_func(vm, a, 1)?;
    let f = func(fv);
    let Some(name) = upvalue_name(f, n) else {
        return Ok(0);
    };
    let v = match lua_upval(f, n) {
        // SAFETY: a Lua closure's upvalue objects are live.
        Some(u) => unsafe { (*u).get() },
        None => f.native_uv(n as usize - 1),
    };
    let s = vm.new_str(name.as_bytes())?;
    vm.push(s)?;
    vm.push(v)?;
    Ok(2)
}

fn setupvalue(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let fv = check_func(vm, a, 1)?;
    let n = check_int(vm, a, 2)?;
    let v = vm.check_any(a, 3)?;
    let f = func(fv);
    let Some(name) = upvalue_name(f, n) else {
        return Ok(0);
    };
    match lua_upval(f, n) {
        Some(u) => {
            // SAFETY: as in `getupvalue`.
            unsafe { (*u).set(v) };
            vm.gc_barrier_uv(u);
        }
        None => {
            f.set_native_uv(n as usize - 1, v);
            vm.gc_barrier_obj(fv.payload() as *mut crate::gc::GcHeader, v);
        }
    }
    ret_str(vm, name.as_bytes())
}

fn upvalueid(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let fv = check_func(vm, a, 1)?;
    let n = check_int(vm, a, 2)?;
    match lua_upval(func(fv), n) {
        Some(u) => ret1(vm, Value::tagged(itype::LIGHTUD, u as usize)),
        None => Err(vm.arg_error(2, "invalid upvalue index")),
    }
}

fn upvaluejoin(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let f1 = check_func(vm, a, 1)?;
    let n1 = check_int(vm, a, 2)?;
    let f2 = check_func(vm, a, 3)?;
    let n2 = check_int(vm, a, 4)?;
    if !func(f1).is_lua() {
        return Err(vm.arg_error(1, "Lua function expected"));
    }
    if !func(f2).is_lua() {
        return Err(vm.arg_error(3, "Lua function expected"));
    }
    let Some(_) = lua_upval(func(f1), n1) else {
        return Err(vm.arg_error(2, "invalid upvalue index"));
    };
    let Some(u2) = lua_upval(func(f2), n2) else {
        return Err(vm.arg_error(4, "invalid upvalue index"));
    };
    func(f1).set_uv(n1 as usize - 1, u2);
    let uv = Value::tagged(itype::UPVAL, u2 as usize);
    vm.gc_barrier_obj(f1.payload() as *mut crate::gc::GcHeader, uv);
    Ok(0)
}

fn getmetatable(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    let mt = vm.metatable_of(v);
    if mt.is_null() {
        ret1(vm, Value::NIL)
    } else {
        ret1(vm, val::<GcTab>(mt))
    }
}

fn setmetatable(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    let mt = vm.arg(a, 1);
    // An absent second argument is not a nil one here.
    if a.n < 2 || !(mt.is_nil() || mt.itype() == itype::TAB) {
        return Err(vm.arg_error(2, "nil or table expected"));
    }
    let p = if mt.is_nil() {
        std::ptr::null_mut()
    } else {
        obj::<GcTab>(mt)
    };
    // SAFETY: values of these types point at live objects.
    unsafe {
        match v.itype() {
            itype::TAB => (*obj::<GcTab>(v)).metatable = p,
            itype::UDATA => (*obj::<GcUdata>(v)).metatable = p,
            itype::STR => vm.string_mt = p,
            _ => set_base_mt(vm, v, mt)?,
        }
    }
    if matches!(v.itype(), itype::TAB | itype::UDATA) {
        vm.gc_barrier_obj(v.payload() as *mut crate::gc::GcHeader, mt);
    }
    ret1(vm, Value::TRUE)
}

/// The registry key of the table that keeps the base metatables alive
/// (a light userdata, so no string key of a program can collide).
fn base_mt_key() -> Value {
    Value::tagged(itype::LIGHTUD, 0xba5e)
}

/// Sets the metatable shared by all values of `v`'s type; `true` and
/// `false` share one, as in LuaJIT. The registry holds each such table
/// (the collector's roots reach it there), `Vm::base_mt` caches it for
/// the lookups.
fn set_base_mt(vm: &mut Vm, v: Value, mt: Value) -> Result<(), LuaError> {
    let key = base_mt_key();
    // SAFETY: the registry is a live table.
    let mut holder = unsafe { (*vm.registry).get(key) };
    if holder.is_nil() {
        holder = super::new_table(vm, crate::vm::meta::BASE_SLOTS as u32, 0)?;
        vm.raw_set(vm.registry, key, holder)?;
    }
    let p = if mt.is_nil() {
        std::ptr::null_mut()
    } else {
        obj::<GcTab>(mt)
    };
    let slots = if matches!(v.itype(), itype::TRUE | itype::FALSE) {
        vec![
            crate::vm::meta::base_slot(Value::TRUE),
            crate::vm::meta::base_slot(Value::FALSE),
        ]
    } else {
        vec![crate::vm::meta::base_slot(v)]
    };
    for slot in slots {
        vm.raw_set(obj::<GcTab>(holder), Value::number(slot as f64 + 1.0), mt)?;
        vm.base_mt[slot] = p;
    }
    Ok(())
}

fn getregistry(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let r = val::<GcTab>(vm.registry);
    ret1(vm, r)
}

fn getfenv(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    // SAFETY: values of these types point at live objects.
    let env = unsafe {
        match v.itype() {
            itype::FUNC => (*obj::<GcFunc>(v)).env,
            itype::UDATA => (*obj::<GcUdata>(v)).env,
            itype::THREAD => (*obj::<GcThread>(v)).env,
            _ => std::ptr::null_mut(),
        }
    };
    if env.is_null() {
        ret1(vm, Value::NIL)
    } else {
        ret1(vm, val::<GcTab>(env))
    }
}

fn setfenv(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    let t = super::check_tab(vm, a, 2)?;
    let env = obj::<GcTab>(t);
    // SAFETY: as in `getfenv`.
    unsafe {
        match v.itype() {
            itype::FUNC if (*obj::<GcFunc>(v)).is_lua() => (*obj::<GcFunc>(v)).env = env,
            itype::UDATA => (*obj::<GcUdata>(v)).env = env,
            itype::THREAD => (*obj::<GcThread>(v)).env = env,
            _ => return Err(vm.caller_error("'setfenv' cannot change environment of given object")),
        }
    }
    vm.gc_barrier_obj(v.payload() as *mut crate::gc::GcHeader, t);
    ret1(vm, v)
}

fn sethook(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let reg = val::<GcTab>(vm.registry);
    let (_, first) = thread_arg(vm, a);
    let f = vm.arg(a, first);
    if f.itype() != itype::FUNC {
        vm.hook.set(0, 0);
        set_field(vm, reg, HOOK_KEY, Value::NIL)?;
        return Ok(0);
    }
    let mask_s = opt_bytes(vm, a, first + 2)?.unwrap_or_default();
    let count = super::opt_int(vm, a, first + 3, 0)?.max(0) as u32;
    let mut mask = 0;
    for c in &mask_s {
        mask |= match c {
            b'c' => MASK_CALL,
            b'r' => MASK_RET,
            b'l' => MASK_LINE,
            _ => 0,
        };
    }
    if count > 0 {
        mask |= MASK_COUNT;
    }
    let t = new_table(vm, 3, 0)?;
    vm.raw_set(obj::<GcTab>(t), Value::number(1.0), f)?;
    set_field(vm, reg, HOOK_KEY, t)?;
    vm.hook.set(mask, count);
    Ok(0)
}

fn gethook(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let reg = val::<GcTab>(vm.registry);
    let t = super::get_field(vm, reg, HOOK_KEY)?;
    let f = if t.itype() == itype::TAB {
        // SAFETY: a live table.
        unsafe { (*obj::<GcTab>(t)).get_int(1) }
    } else {
        Value::NIL
    };
    let mask = vm.hook.mask;
    let mut m = String::new();
    for (bit, c) in [(MASK_CALL, 'c'), (MASK_RET, 'r'), (MASK_LINE, 'l')] {
        if mask & bit != 0 {
            m.push(c);
        }
    }
    let count = if f.is_nil() { 0 } else { vm.hook.count };
    vm.push(f)?;
    let ms = vm.new_str(m.as_bytes())?;
    vm.push(ms)?;
    vm.push(Value::number(count as f64))?;
    Ok(3)
}

fn nop(_vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    Ok(0)
}
