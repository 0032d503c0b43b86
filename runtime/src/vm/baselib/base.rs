//! Base functions: printing, types and conversions, iteration, raw
//! access, metatables, errors and protected calls.

use std::io::Write;

use super::{reg, Reg};
use crate::interp::raw_equal;
use crate::obj::func::ffid;
use crate::obj::GcTab;
use crate::value::{itype, Value};
use crate::vm::{number, obj, val, Args, LuaError, Mm, Vm};

pub const FUNCS: &[Reg] = &[
    reg("print", print),
    reg("type", type_),
    Reg {
        name: "tostring",
        f: tostring,
        ffid: ffid::TOSTRING,
    },
    reg("tonumber", tonumber),
    reg("pairs", pairs),
    Reg {
        name: "next",
        f: next,
        ffid: ffid::NEXT,
    },
    reg("select", select),
    reg("rawget", rawget),
    reg("rawset", rawset),
    reg("rawequal", rawequal),
    reg("setmetatable", setmetatable),
    reg("getmetatable", getmetatable),
    reg("assert", assert),
    reg("error", error),
    Reg {
        name: "pcall",
        f: pcall,
        ffid: ffid::PCALL,
    },
    Reg {
        name: "xpcall",
        f: xpcall,
        ffid: ffid::XPCALL,
    },
    reg("unpack", unpack),
];

impl Vm {
    /// `tostring(v)`, honouring `__tostring`.
    pub fn tostring_value(&mut self, v: Value) -> Result<Value, LuaError> {
        let mm = self.mm_of(v, Mm::Tostring);
        if !mm.is_nil() {
            let r = self.call(mm, &[v])?;
            return Ok(r.first().copied().unwrap_or(Value::NIL));
        }
        if v.itype() == itype::STR {
            return Ok(v);
        }
        let s = self.tostring_basic(v);
        self.new_str(&s)
    }
}

fn ret1(vm: &mut Vm, v: Value) -> Result<u32, LuaError> {
    vm.push(v)?;
    Ok(1)
}

fn print(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    // Like LuaJIT, print converts through the global `tostring`, unless
    // that is still the builtin.
    let ts = vm.get_global("tostring")?;
    let builtin = ts.itype() == itype::FUNC
        // SAFETY: a function value points at a live closure.
        && unsafe { (*obj::<crate::obj::GcFunc>(ts)).ffid } == ffid::TOSTRING;
    // Each piece is its own write, as luajit's `fwrite`/`putchar` calls
    // are: under stdio's buffering rules where a write lands depends on
    // it, and what an erroring `tostring` interrupts stays written.
    for i in 0..a.n {
        let v = vm.arg(a, i);
        let s = if builtin {
            vm.tostring_value(v)?
        } else {
            vm.call(ts, &[v])?.first().copied().unwrap_or(Value::NIL)
        };
        let text = if s.itype() == itype::STR {
            vm.str_bytes(s).to_vec()
        } else if s.is_number() {
            vm.tostring_basic(s)
        } else {
            return Err(vm.caller_error("'tostring' must return a string to 'print'"));
        };
        if i > 0 {
            let _ = vm.out.write_all(b"\t");
        }
        let _ = vm.out.write_all(&text);
    }
    let _ = vm.out.write_all(b"\n");
    Ok(0)
}

fn type_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    let i = (!v.itype() as usize).min(crate::vm::TYPE_NAME_NUMBER);
    let s = vm.type_names[i];
    ret1(vm, s)
}

fn tostring(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    let s = vm.tostring_value(v)?;
    ret1(vm, s)
}

fn tonumber(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    let b = vm.arg(a, 1);
    // Base 10 is the plain conversion, as in LuaJIT (decimals, exponents
    // and hex included; anything else is nil, not an error).
    if b.is_nil() || vm.to_num(b) == Some(10.0) {
        let r = match v.as_number() {
            Some(_) => v,
            None if v.itype() == itype::STR => match number::str_to_num(vm.str_bytes(v)) {
                Some(n) => Value::number(n),
                None => Value::NIL,
            },
            None => Value::NIL,
        };
        return ret1(vm, r);
    }
    let base = match vm.to_num(b) {
        Some(n) if (2.0..=36.0).contains(&n) => n as u32,
        _ => return Err(vm.arg_error(2, "base out of range")),
    };
    let text = if v.itype() == itype::STR || v.is_number() {
        String::from_utf8_lossy(&vm.tostring_basic(v)).into_owned()
    } else {
        return Err(vm.type_error(a, 1, "string"));
    };
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let mut n = 0f64;
    let mut ok = !digits.is_empty();
    for c in digits.chars() {
        match c.to_digit(base) {
            Some(d) => n = n * base as f64 + d as f64,
            None => {
                ok = false;
                break;
            }
        }
    }
    let r = if ok {
        Value::number(if neg { -n } else { n })
    } else {
        Value::NIL
    };
    ret1(vm, r)
}

fn next(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let k = vm.arg(a, 1);
    // SAFETY: a live table.
    match unsafe { (*obj::<GcTab>(t)).next(k) } {
        Ok(Some((k, v))) => {
            vm.push(k)?;
            vm.push(v)?;
            Ok(2)
        }
        Ok(None) => ret1(vm, Value::NIL),
        Err(e) => Err(vm.tab_error(e)),
    }
}

fn pairs(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let next = vm.get_global("next")?;
    vm.push(next)?;
    vm.push(t)?;
    vm.push(Value::NIL)?;
    Ok(3)
}

fn ipairs_aux(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let i = vm.arg(a, 1).as_number().unwrap_or(0.0) + 1.0;
    // SAFETY: a live table.
    let v = unsafe { (*obj::<GcTab>(t)).get(Value::number(i)) };
    if v.is_nil() {
        // No results at the end, as LuaJIT's fast function.
        return Ok(0);
    }
    vm.push(Value::number(i))?;
    vm.push(v)?;
    Ok(2)
}

/// Registers `ipairs`, whose iterator is its upvalue 0: every call
/// returns that same function, as LuaJIT's does, and allocates nothing
/// (a fresh closure per loop was garbage no safepoint ever collected).
pub fn open_ipairs(vm: &mut Vm) -> Result<(), LuaError> {
    let aux = vm.new_native(ipairs_aux, ffid::IPAIRS_AUX, 0)?;
    let f = vm.new_native(ipairs, ffid::NATIVE, 1)?;
    // SAFETY: a fresh closure with one upvalue word.
    unsafe { (*f.as_ptr()).set_native_uv(0, val(aux.as_ptr())) };
    vm.set_global("ipairs", val(f.as_ptr()))
}

fn ipairs(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    vm.check_any(a, 1)?;
    let t = vm.check_table(a, 1)?;
    let f = vm.native_upvalue(a, 0);
    vm.push(f)?;
    vm.push(t)?;
    vm.push(Value::number(0.0))?;
    Ok(3)
}

fn select(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let sel = vm.arg(a, 0);
    if sel.itype() == itype::STR && vm.str_bytes(sel) == b"#" {
        return ret1(vm, Value::number((a.n - 1) as f64));
    }
    let n = match vm.to_num(sel) {
        Some(n) => n as i64,
        None => return Err(vm.type_error(a, 1, "number")),
    };
    let rest = a.n as i64 - 1;
    let start = if n < 0 { rest + n } else { n - 1 };
    if n == 0 || start < 0 {
        return Err(vm.arg_error(1, "index out of range"));
    }
    let mut count = 0;
    for i in start..rest {
        let v = vm.arg(a, 1 + i as u32);
        vm.push(v)?;
        count += 1;
    }
    Ok(count)
}

fn rawget(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let k = vm.check_any(a, 2)?;
    // SAFETY: a live table.
    let v = unsafe { (*obj::<GcTab>(t)).get(k) };
    ret1(vm, v)
}

fn rawset(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let k = vm.check_any(a, 2)?;
    let v = vm.check_any(a, 3)?;
    vm.raw_set(obj::<GcTab>(t), k, v)?;
    ret1(vm, t)
}

fn rawequal(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = vm.check_any(a, 1)?;
    let y = vm.check_any(a, 2)?;
    ret1(vm, Value::boolean(raw_equal(x, y)))
}

fn setmetatable(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let mt = vm.arg(a, 1);
    if !(mt.is_nil() || mt.itype() == itype::TAB) {
        return Err(vm.arg_error(2, "nil or table expected"));
    }
    let tab = obj::<GcTab>(t);
    // SAFETY: a live table.
    let old = unsafe { (*tab).metatable };
    if !vm.mm_lookup(old, Mm::Metatable).is_nil() {
        return Err(vm.caller_error("cannot change a protected metatable"));
    }
    // SAFETY: as above.
    unsafe {
        (*tab).metatable = if mt.is_nil() {
            std::ptr::null_mut()
        } else {
            obj::<GcTab>(mt)
        };
    }
    vm.gc_barrier_tab(tab);
    ret1(vm, t)
}

fn getmetatable(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    let mt = vm.metatable_of(v);
    if mt.is_null() {
        return ret1(vm, Value::NIL);
    }
    let protected = vm.mm_lookup(mt, Mm::Metatable);
    let r = if protected.is_nil() {
        val::<GcTab>(mt)
    } else {
        protected
    };
    ret1(vm, r)
}

fn assert(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.check_any(a, 1)?;
    if !v.is_falsy() {
        let top = vm.thread().top;
        vm.ensure_stack(top + a.n)?;
        for i in 0..a.n {
            let x = vm.arg(a, i);
            vm.push(x)?;
        }
        return Ok(a.n);
    }
    if a.n < 2 {
        return Err(vm.caller_error("assertion failed!"));
    }
    let m = vm.arg(a, 1);
    if m.itype() == itype::STR || m.is_number() {
        // LuaJIT passes the message on as a C string: its bytes as they
        // are, up to the first NUL.
        let text = vm.tostring_basic(m);
        let end = text.iter().position(|&c| c == 0).unwrap_or(text.len());
        let mut msg = vm.where_(1).into_bytes();
        msg.extend_from_slice(&text[..end]);
        let s = vm.new_str(&msg)?;
        return Err(LuaError::new(s));
    }
    Err(LuaError::new(m))
}

fn error(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    let level = vm.arg(a, 1).as_number().unwrap_or(1.0) as i64;
    if (v.itype() == itype::STR || v.is_number()) && level > 0 {
        let mut msg = vm.where_(level as usize).into_bytes();
        msg.extend_from_slice(&vm.tostring_basic(v));
        let s = vm.new_str(&msg)?;
        return Err(LuaError::new(s));
    }
    Err(LuaError::new(v))
}

/// Only reached when the interpreter's fast path refused the call.
fn pcall(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    vm.check_any(a, 1)?;
    Err(vm.arg_error(1, "value expected"))
}

/// Only reached when the interpreter's fast path refused the call.
fn xpcall(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    vm.check_any(a, 1)?;
    Err(vm.type_error(a, 2, "function"))
}

fn unpack(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = vm.check_table(a, 1)?;
    let tab = obj::<GcTab>(t);
    let i = match vm.arg(a, 1) {
        v if v.is_nil() => 1,
        v => vm
            .to_num(v)
            .map(|n| n as i64)
            .ok_or_else(|| vm.type_error(a, 2, "number"))?,
    };
    let j = match vm.arg(a, 2) {
        // SAFETY: a live table.
        v if v.is_nil() => (unsafe { (*tab).len() }) as i64,
        v => vm
            .to_num(v)
            .map(|n| n as i64)
            .ok_or_else(|| vm.type_error(a, 3, "number"))?,
    };
    if i > j {
        return Ok(0);
    }
    let n = j - i + 1;
    if n >= 8000 {
        return Err(vm.caller_error("too many results to unpack"));
    }
    let top = vm.thread().top;
    vm.ensure_stack(top + n as u32)?;
    for k in i..=j {
        // SAFETY: a live table.
        let v = unsafe { (*tab).get(Value::number(k as f64)) };
        vm.push(v)?;
    }
    Ok(n as u32)
}
