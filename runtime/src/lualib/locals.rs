//! `debug.getlocal` and `debug.setlocal`: which stack slot a local
//! number names in a frame, as LuaJIT resolves it.
//!
//! - `n > 0`: the `n`-th active local variable at the frame's pc, else
//!   `(*temporary)` for any slot below the next frame (for natives every
//!   slot is a temporary);
//! - `n < 0`: the `-n`-th extra argument of a vararg function,
//!   `(*vararg)`.
//!
//! A vararg function runs in a copy of its frame placed above its
//! arguments: the frame walk (`Vm::frames`) reports both the base where
//! the function was called and the base it runs at.

use super::{check_int, ret1};
use crate::interp::debug::FrameInfo;
use crate::obj::{GcFunc, GcProto, GcThread};
use crate::value::{itype, Value};
use crate::vm::{obj, Args, LuaError, Vm};

fn proto_of(vm: &mut Vm, f: &FrameInfo) -> Option<*const GcProto> {
    let fv = vm.thread().get(f.run_base - 2);
    if fv.itype() != itype::FUNC {
        return None;
    }
    // SAFETY: a function value in a frame's function slot.
    let func = unsafe { &*obj::<GcFunc>(fv) };
    func.is_lua().then(|| func.proto() as *const GcProto)
}

/// The name and slot of local `n` at stack `level`; `Err` when the
/// level does not exist.
fn resolve(vm: &mut Vm, level: i32, n: i32) -> Result<Option<(String, u32)>, ()> {
    let frames = vm.frames(None);
    let Some(f) = usize::try_from(level)
        .ok()
        .and_then(|i| frames.get(i))
        .copied()
    else {
        return Err(());
    };
    let limit = match level {
        0 => vm.thread().top,
        _ => frames[level as usize - 1].base - 2,
    };
    let pt = proto_of(vm, &f);
    if n < 0 {
        let Some(pt) = pt else { return Ok(None) };
        // SAFETY: a live prototype of a running function.
        let pt = unsafe { &*pt };
        if !pt.is_vararg() || f.run_base == f.base {
            return Ok(None);
        }
        let slot = u64::from(f.base) + u64::from(pt.numparams) + u64::from(n.unsigned_abs()) - 1;
        return Ok(
            (slot < u64::from(f.run_base - 2)).then(|| ("(*vararg)".to_string(), slot as u32))
        );
    }
    if n == 0 {
        return Ok(None);
    }
    let slot = f.run_base.saturating_add(n as u32 - 1);
    let pc = f.pc.or_else(|| super::hook::hooked_pc(vm, f.run_base));
    if let (Some(pt), Some(pc)) = (pt, pc) {
        // SAFETY: `pc` points into this live prototype's code.
        let pt = unsafe { &*pt };
        let idx = unsafe { pc.offset_from(pt.bc) } as usize;
        if let Some(name) = pt.var_name(idx.saturating_sub(1), n as usize - 1) {
            return Ok(Some((name.to_string(), slot)));
        }
    } else if let Some(pt) = pt {
        // The innermost Lua frame has no saved pc; only its parameters
        // are certain.
        // SAFETY: as above.
        let pt = unsafe { &*pt };
        if let Some(name) = pt.var_name(0, n as usize - 1) {
            return Ok(Some((name.to_string(), slot)));
        }
    }
    Ok((slot < limit).then(|| ("(*temporary)".to_string(), slot)))
}

/// Runs `f` with `th` as the running thread when the first argument is a
/// coroutine; returns the index of the next argument too.
fn with_thread<R>(vm: &mut Vm, a: Args, f: impl FnOnce(&mut Vm, u32) -> R) -> R {
    let v = vm.arg(a, 0);
    if v.itype() != itype::THREAD {
        return f(vm, 0);
    }
    let saved = vm.cur;
    vm.cur = obj::<GcThread>(v);
    let r = f(vm, 1);
    vm.cur = saved;
    r
}

pub fn getlocal(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let first = u32::from(vm.arg(a, 0).itype() == itype::THREAD);
    let target = vm.arg(a, first);
    // The local's number is checked first, as in LuaJIT.
    let n = check_int(vm, a, first + 2)?;
    if target.itype() == itype::FUNC {
        // SAFETY: a function value points at a live closure.
        let f = unsafe { &*obj::<GcFunc>(target) };
        let name = if f.is_lua() && n >= 1 {
            f.proto().var_name(0, n as usize - 1).map(str::to_string)
        } else {
            None
        };
        return match name {
            Some(s) => super::ret_str(vm, s.as_bytes()),
            None => ret1(vm, Value::NIL),
        };
    }
    let level = check_int(vm, a, first + 1)?;
    let found = with_thread(vm, a, |vm, first| {
        // Level 0 of the running thread is this native; of a coroutine,
        // its innermost frame.
        let r = resolve(vm, level, n);
        let _ = first;
        r.map(|o| o.map(|(name, slot)| (name, vm.thread().get(slot))))
    });
    match found {
        Err(()) => Err(vm.arg_error(first + 1, "level out of range")),
        Ok(None) => ret1(vm, Value::NIL),
        Ok(Some((name, v))) => {
            let s = vm.new_str(name.as_bytes())?;
            vm.push(s)?;
            vm.push(v)?;
            Ok(2)
        }
    }
}

pub fn setlocal(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let first = u32::from(vm.arg(a, 0).itype() == itype::THREAD);
    let level = check_int(vm, a, first + 1)?;
    let n = check_int(vm, a, first + 2)?;
    let v = vm.check_any(a, first + 3)?;
    let found = with_thread(vm, a, |vm, _| {
        resolve(vm, level, n).map(|o| {
            o.map(|(name, slot)| {
                vm.thread().set(slot, v);
                // A suspended coroutine's stack may already be marked.
                let th = crate::vm::val::<GcThread>(vm.cur);
                super::barrier(vm, th, v);
                name
            })
        })
    });
    match found {
        Err(()) => Err(vm.arg_error(first + 1, "level out of range")),
        Ok(None) => ret1(vm, Value::NIL),
        Ok(Some(name)) => super::ret_str(vm, name.as_bytes()),
    }
}
