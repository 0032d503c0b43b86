//! `string.find`, `match`, `gmatch` and `gsub`: argument handling and
//! boxing around the pattern engine of [`crate::stdlib::pattern`].
//!
//! A `gmatch` iterator is a native closure whose three upvalues hold the
//! subject, the pattern and the next search position, so it needs no
//! state outside the heap.

use super::strref::{check_slice, rooted_bytes};
use super::{check_bytes, opt_int, ret1};
use crate::obj::{GcFunc, GcTab};
use crate::stdlib::pattern::{self, Capture, GMatch, Match, PatternError};
use crate::value::{itype, Value};
use crate::vm::{number, obj, val, Args, LuaError, Vm};

fn pat_err(vm: &mut Vm, e: PatternError) -> LuaError {
    vm.caller_error(&e.to_string())
}

fn capture_value(vm: &mut Vm, src: &[u8], c: Capture) -> Result<Value, LuaError> {
    match c {
        Capture::Span(a, b) => vm.new_str(&src[a..b]),
        Capture::Position(p) => Ok(Value::number((p + 1) as f64)),
    }
}

fn push_captures(vm: &mut Vm, src: &[u8], caps: &[Capture]) -> Result<u32, LuaError> {
    let top = vm.thread().top;
    vm.ensure_stack(top + caps.len() as u32)?;
    for &c in caps {
        let v = capture_value(vm, src, c)?;
        vm.push(v)?;
    }
    Ok(caps.len() as u32)
}

pub fn find(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let src = check_slice(vm, a, 1)?;
    let pat = check_slice(vm, a, 2)?;
    let init = opt_int(vm, a, 3, 1)?;
    let plain = !vm.arg(a, 3).is_falsy();
    match pattern::find(&src, &pat, init, plain) {
        Ok(Some(f)) => {
            vm.push(Value::number((f.start + 1) as f64))?;
            vm.push(Value::number(f.end as f64))?;
            Ok(2 + push_captures(vm, &src, &f.captures)?)
        }
        Ok(None) => ret1(vm, Value::NIL),
        Err(e) => Err(pat_err(vm, e)),
    }
}

pub fn match_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let src = check_slice(vm, a, 1)?;
    let pat = check_slice(vm, a, 2)?;
    let init = opt_int(vm, a, 3, 1)?;
    match pattern::match_captures(&src, &pat, init) {
        Ok(Some(caps)) => push_captures(vm, &src, &caps),
        Ok(None) => ret1(vm, Value::NIL),
        Err(e) => Err(pat_err(vm, e)),
    }
}

pub fn gmatch(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = super::check_str(vm, a, 1)?;
    let p = super::check_str(vm, a, 2)?;
    let f = vm.new_native(gmatch_aux, crate::obj::func::ffid::NATIVE, 3)?;
    // SAFETY: a fresh closure with three upvalue slots.
    unsafe {
        let f = &mut *f.as_ptr();
        f.set_native_uv(0, s);
        f.set_native_uv(1, p);
        f.set_native_uv(2, Value::number(0.0));
    }
    ret1(vm, val::<GcFunc>(f.as_ptr()))
}

fn gmatch_aux(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = vm.native_upvalue(a, 0);
    let p = vm.native_upvalue(a, 1);
    let pos = vm.native_upvalue(a, 2).as_number().unwrap_or(0.0) as usize;
    let src = rooted_bytes(s);
    let pat = rooted_bytes(p);
    let mut it = GMatch { pos };
    let found = it.next(&src, &pat);
    let f = obj::<GcFunc>(vm.thread().get(a.base - 2));
    // SAFETY: the running closure is live and has three upvalues.
    unsafe { (*f).set_native_uv(2, Value::number(it.pos as f64)) };
    match found {
        Ok(Some(m)) => match m.captures() {
            Ok(caps) => push_captures(vm, &src, &caps),
            Err(e) => Err(pat_err(vm, e)),
        },
        Ok(None) => Ok(0),
        Err(e) => Err(pat_err(vm, e)),
    }
}

/// A failure inside the gsub driver: from the pattern or from Lua code
/// run by a replacement function.
enum GsubErr {
    Pat(PatternError),
    Lua(LuaError),
}

impl From<PatternError> for GsubErr {
    fn from(e: PatternError) -> GsubErr {
        GsubErr::Pat(e)
    }
}

/// The replacement of one match by a table or function result.
fn replace_value(
    vm: &mut Vm,
    repl: Value,
    src: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
) -> Result<(), GsubErr> {
    let caps = m.captures()?;
    let r = if repl.itype() == itype::TAB {
        let k = capture_value(vm, src, caps[0]).map_err(GsubErr::Lua)?;
        // SAFETY: a live table.
        unsafe { (*obj::<GcTab>(repl)).get(k) }
    } else {
        let mut args = Vec::with_capacity(caps.len());
        for &c in &caps {
            args.push(capture_value(vm, src, c).map_err(GsubErr::Lua)?);
        }
        let res = vm.call(repl, &args).map_err(GsubErr::Lua)?;
        res.first().copied().unwrap_or(Value::NIL)
    };
    if r.is_falsy() {
        out.extend_from_slice(&src[m.start..m.end]);
    } else if r.itype() == itype::STR {
        out.extend_from_slice(vm.str_bytes(r));
    } else if let Some(n) = r.as_number() {
        out.extend_from_slice(number::fmt_num(n).as_bytes());
    } else {
        let msg = pattern::invalid_replacement(r.type_name());
        return Err(GsubErr::Lua(vm.caller_error(&msg)));
    }
    Ok(())
}

pub fn gsub(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let src = check_slice(vm, a, 1)?;
    let pat = check_slice(vm, a, 2)?;
    let repl = vm.arg(a, 2);
    let max_n = opt_int(vm, a, 4, src.len() as i32 + 1)?;
    let r = match repl.itype() {
        _ if repl.itype() == itype::STR || repl.is_number() => {
            let rs = check_bytes(vm, a, 3)?;
            pattern::gsub::<GsubErr>(&src, &pat, max_n as i64, |m, out| {
                pattern::expand_replacement(out, &rs, &src, m).map_err(GsubErr::Pat)
            })
        }
        itype::TAB | itype::FUNC => pattern::gsub::<GsubErr>(&src, &pat, max_n as i64, |m, out| {
            replace_value(vm, repl, &src, m, out)
        }),
        _ => return Err(vm.arg_error(3, "string/function/table expected")),
    };
    match r {
        Ok((out, n)) => {
            let s = vm.new_str(&out)?;
            vm.push(s)?;
            vm.push(Value::number(n as f64))?;
            Ok(2)
        }
        Err(GsubErr::Pat(e)) => Err(pat_err(vm, e)),
        Err(GsubErr::Lua(e)) => Err(e),
    }
}
