//! `table`: insert, remove, concat, sort (LuaJIT's quicksort from
//! [`crate::stdlib::sort`]), maxn, getn, move, foreach/foreachi, and the
//! LuaJIT extensions `table.new` and `table.clear`, which are not fields
//! of `table` but modules for `require("table.new")` and
//! `require("table.clear")` (registered in `package.preload`, as LuaJIT
//! does).
//!
//! Element access is raw, as in LuaJIT's C implementations.

use super::{check_int, check_tab, lua_coded, num2int, opt_bytes, opt_int, ret1, ret_num, ret_str};
use crate::interp::raw_equal;
use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcTab};
use crate::stdlib::sort::{self, SortAccess};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{number, obj, val, Args, LuaError, Mm, Vm};

pub const FUNCS: &[Reg] = &[
    reg("insert", insert),
    reg("remove", remove),
    reg("concat", concat),
    reg("sort", sort_),
    reg("maxn", maxn),
    reg("getn", getn),
    reg("move", move_),
    reg("foreach", foreach),
    reg("foreachi", foreachi),
];

/// Registers the `table.new` and `table.clear` modules as preloads.
pub fn init(vm: &mut Vm) -> Result<(), LuaError> {
    let preload = super::package::preload(vm)?;
    let f = vm.new_native(open_new, ffid::NATIVE, 0)?;
    super::set_field(vm, preload, "table.new", val::<GcFunc>(f.as_ptr()))?;
    let f = vm.new_native(open_clear, ffid::NATIVE, 0)?;
    super::set_field(vm, preload, "table.clear", val::<GcFunc>(f.as_ptr()))?;
    Ok(())
}

fn open_new(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let f = vm.new_native(new, ffid::NATIVE, 0)?;
    ret1(vm, val::<GcFunc>(f.as_ptr()))
}

fn open_clear(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let f = vm.new_native(clear, ffid::NATIVE, 0)?;
    ret1(vm, val::<GcFunc>(f.as_ptr()))
}

fn tab(v: Value) -> &'static mut GcTab {
    // SAFETY: callers pass table values checked by `check_tab`; no
    // object dies while a native runs.
    unsafe { &mut *obj::<GcTab>(v) }
}

fn geti(t: Value, i: i32) -> Value {
    tab(t).get_int(i)
}

fn seti(vm: &mut Vm, t: Value, i: i32, v: Value) -> Result<(), LuaError> {
    vm.raw_set(obj::<GcTab>(t), Value::number(i as f64), v)
}

fn len(t: Value) -> i32 {
    tab(t).len() as i32
}

/// Moves keys `from..to` (exclusive) of the array part by `by` (1 or -1)
/// in one go, when every key involved lies in the array part: what the
/// slot-by-slot loops do (they are raw), with one barrier. False when the
/// range is not all in the array part (the caller loops).
fn shift_in_array(vm: &mut Vm, t: Value, from: i32, to: i32, by: i32) -> bool {
    let tp = obj::<GcTab>(t);
    let asize = tab(t).asize as i64;
    let (lo, hi) = (from as i64 + (by as i64).min(0), to as i64 + (by as i64).max(0));
    if from >= to || lo < 1 || hi > asize {
        return false;
    }
    // SAFETY: keys lo..hi are inside the live table's array part.
    unsafe {
        let arr = std::slice::from_raw_parts_mut((*tp).array, asize as usize);
        arr.copy_within(from as usize..to as usize, (from + by) as usize);
    }
    vm.gc_barrier_tab(tp);
    true
}

fn insert(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = check_tab(vm, a, 1)?;
    let mut i = len(t).wrapping_add(1);
    if a.n != 2 {
        if a.n != 3 {
            return Err(vm.caller_error("wrong number of arguments to 'insert'"));
        }
        let n = check_int(vm, a, 2)?;
        if !shift_in_array(vm, t, n, i, 1) {
            while i > n {
                let v = geti(t, i - 1);
                seti(vm, t, i, v)?;
                i -= 1;
            }
        }
        // A position past the end stores there, leaving a hole.
        i = n;
    }
    let v = vm.arg(a, a.n - 1);
    seti(vm, t, i, v)?;
    Ok(0)
}

// `table.remove` is written in Lua in LuaJIT 2.1 with raw, integer-keyed
// accesses (TGETR/TSETR truncate the key), while the position itself
// stays a double: a fractional position shifts from truncated slots and
// its loop counts in fractions, which is observable.
fn remove(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = lua_coded::check_tab(vm, a, 1)?;
    let n = len(t);
    if vm.arg(a, 1).is_nil() {
        if n == 0 {
            return Ok(0);
        }
        let old = geti(t, n);
        seti(vm, t, n, Value::NIL)?;
        return ret1(vm, old);
    }
    let pos = lua_coded::check_num(vm, a, 2)?;
    let len = n as f64;
    if pos >= 1.0 && pos <= len {
        let old = geti(t, num2int(pos));
        let mut i = pos + 1.0;
        if pos.fract() == 0.0 && shift_in_array(vm, t, pos as i32 + 1, n + 1, -1) {
            i = len + 1.0;
        }
        while i <= len {
            let v = geti(t, num2int(i));
            seti(vm, t, num2int(i - 1.0), v)?;
            i += 1.0;
        }
        seti(vm, t, n, Value::NIL)?;
        return ret1(vm, old);
    }
    Ok(0)
}

fn concat(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = check_tab(vm, a, 1)?;
    let sep = opt_bytes(vm, a, 2)?.unwrap_or_default();
    let i = opt_int(vm, a, 3, 1)?;
    let j = if vm.arg(a, 3).is_nil() {
        len(t)
    } else {
        check_int(vm, a, 4)?
    };
    let mut out = Vec::new();
    let mut k = i as i64;
    while k <= j as i64 {
        let v = geti(t, k as i32);
        if v.itype() == itype::STR {
            out.extend_from_slice(vm.str_bytes(v));
        } else if let Some(x) = v.as_number() {
            out.extend_from_slice(number::fmt_num(x).as_bytes());
        } else {
            let msg = format!(
                "invalid value ({}) at index {} in table for 'concat'",
                v.type_name(),
                k
            );
            return Err(vm.caller_error(&msg));
        }
        if k < j as i64 {
            out.extend_from_slice(&sep);
        }
        k += 1;
    }
    ret_str(vm, &out)
}

/// `a < b` as the `<` operator decides it, `__lt` included.
pub(crate) fn less_than(vm: &mut Vm, x: Value, y: Value) -> Result<bool, LuaError> {
    if let (Some(p), Some(q)) = (x.as_number(), y.as_number()) {
        return Ok(p < q);
    }
    if x.itype() == itype::STR && y.itype() == itype::STR {
        return Ok(vm.str_bytes(x) < vm.str_bytes(y));
    }
    let m1 = vm.mm_of(x, Mm::Lt);
    let m2 = vm.mm_of(y, Mm::Lt);
    if x.itype() == y.itype() && !m1.is_nil() && raw_equal(m1, m2) {
        let r = vm.call(m1, &[x, y])?;
        return Ok(!r.first().copied().unwrap_or(Value::NIL).is_falsy());
    }
    let (t1, t2) = (x.type_name(), y.type_name());
    let msg = if t1 == t2 {
        format!("attempt to compare two {t1} values")
    } else {
        format!("attempt to compare {t1} with {t2}")
    };
    Err(vm.err_msg(&msg))
}

struct TabSort<'v> {
    vm: &'v mut Vm,
    t: Value,
    cmp: Value,
}

impl SortAccess for TabSort<'_> {
    type Value = Value;
    type Error = LuaError;

    fn get(&mut self, i: i32) -> Result<Value, LuaError> {
        Ok(geti(self.t, i))
    }

    fn set(&mut self, i: i32, v: Value) -> Result<(), LuaError> {
        seti(self.vm, self.t, i, v)
    }

    fn less(&mut self, x: &Value, y: &Value) -> Result<bool, LuaError> {
        if self.cmp.is_nil() {
            return less_than(self.vm, *x, *y);
        }
        let r = self.vm.call(self.cmp, &[*x, *y])?;
        Ok(!r.first().copied().unwrap_or(Value::NIL).is_falsy())
    }

    fn invalid_order(&mut self) -> LuaError {
        self.vm.caller_error("invalid order function for sorting")
    }
}

fn sort_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = check_tab(vm, a, 1)?;
    let n = len(t);
    let cmp = vm.arg(a, 1);
    if !cmp.is_nil() && cmp.itype() != itype::FUNC {
        return Err(vm.type_error(a, 2, "function"));
    }
    // The sort holds elements (the pivot above all) in Rust while the
    // comparator runs Lua code, which reaches safepoints. They are also
    // in the table unless the comparator rewrites it, so automatic
    // collection pauses for the sort as a second line of defence (an
    // explicit `collectgarbage()` in a comparator that also rewrites the
    // table is not covered).
    let running = vm.gc.is_running();
    if running {
        vm.gc_set_running(false);
    }
    let mut s = TabSort { vm, t, cmp };
    let r = sort::sort(&mut s, n);
    if running {
        vm.gc_set_running(true);
    }
    r?;
    Ok(0)
}

fn maxn(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = check_tab(vm, a, 1)?;
    let mut m = 0f64;
    for (k, _) in tab(t).entries().filter(|(_, v)| !v.is_nil()) {
        if let Some(x) = k.as_number() {
            if x > m {
                m = x;
            }
        }
    }
    ret_num(vm, m)
}

fn getn(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = lua_coded::check_tab(vm, a, 1)?;
    ret_num(vm, len(t) as f64)
}

// Written in Lua in LuaJIT 2.1 like `remove`: the bounds stay doubles,
// the element accesses truncate their keys.
fn move_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let a1 = lua_coded::check_tab(vm, a, 1)?;
    let f = lua_coded::check_num(vm, a, 2)?;
    let e = lua_coded::check_num(vm, a, 3)?;
    let t = lua_coded::check_num(vm, a, 4)?;
    let a2 = if vm.arg(a, 4).is_nil() {
        a1
    } else {
        lua_coded::check_tab(vm, a, 5)?
    };
    if e >= f {
        let d = t - f;
        let copy = |vm: &mut Vm, i: f64| {
            let v = geti(a1, num2int(i));
            seti(vm, a2, num2int(i + d), v)
        };
        if t > e || t <= f || !raw_equal(a1, a2) {
            let mut i = f;
            while i <= e {
                copy(vm, i)?;
                i += 1.0;
            }
        } else {
            let mut i = e;
            while i >= f {
                copy(vm, i)?;
                i -= 1.0;
            }
        }
    }
    ret1(vm, a2)
}

fn foreachi(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = lua_coded::check_tab(vm, a, 1)?;
    let f = lua_coded::check_func(vm, a, 2)?;
    for i in 1..=len(t) {
        let v = geti(t, i);
        let r = vm.call(f, &[Value::number(i as f64), v])?;
        let r = r.first().copied().unwrap_or(Value::NIL);
        if !r.is_nil() {
            return ret1(vm, r);
        }
    }
    Ok(0)
}

fn foreach(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = lua_coded::check_tab(vm, a, 1)?;
    let f = lua_coded::check_func(vm, a, 2)?;
    let mut k = Value::NIL;
    loop {
        let next = tab(t).next(k).map_err(|e| vm.tab_error(e))?;
        let Some((key, v)) = next else { return Ok(0) };
        let r = vm.call(f, &[key, v])?;
        let r = r.first().copied().unwrap_or(Value::NIL);
        if !r.is_nil() {
            return ret1(vm, r);
        }
        k = key;
    }
}

fn new(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let narr = check_int(vm, a, 1)?.clamp(0, 0x07ff_ffff) as u32;
    let nhash = check_int(vm, a, 2)?.clamp(0, 0x07ff_ffff) as u32;
    // LuaJIT's limit on the hash part (LJ_MAX_HBITS).
    let hbits = if nhash == 0 {
        0
    } else {
        (32 - (nhash - 1).leading_zeros()).min(26)
    };
    let asize = if narr > 0 { narr + 1 } else { 0 };
    let t = vm.new_table(asize, hbits.max(u32::from(nhash == 1)))?;
    ret1(vm, val::<GcTab>(t.as_ptr()))
}

fn clear(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let t = check_tab(vm, a, 1)?;
    let keys: Vec<Value> = tab(t)
        .entries()
        .filter(|(_, v)| !v.is_nil())
        .map(|(k, _)| k)
        .collect();
    for k in keys {
        vm.raw_set(obj::<GcTab>(t), k, Value::NIL)?;
    }
    Ok(0)
}
