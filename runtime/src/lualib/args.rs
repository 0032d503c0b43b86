//! Argument checks and result pushing shared by the libraries, with
//! LuaJIT's coercions (`lj_lib_checkstr` turns numbers into strings,
//! `lj_lib_checknum` strings into numbers) and its error wording
//! (`bad argument #1 to 'sub' (number expected, got no value)`).

use crate::obj::GcStr;
use crate::value::{itype, Value};
use crate::vm::{number, obj, Args, LuaError, Vm};

/// Argument `n` (1-based) as a string value; numbers are converted.
pub(crate) fn check_str(vm: &mut Vm, a: Args, n: u32) -> Result<Value, LuaError> {
    let v = vm.arg(a, n - 1);
    if v.itype() == itype::STR {
        return Ok(v);
    }
    if let Some(x) = v.as_number() {
        return vm.new_str(number::fmt_num(x).as_bytes());
    }
    Err(vm.type_error(a, n, "string"))
}

/// Argument `n` as bytes (numbers converted).
pub(crate) fn check_bytes(vm: &mut Vm, a: Args, n: u32) -> Result<Vec<u8>, LuaError> {
    let v = check_str(vm, a, n)?;
    Ok(vm.str_bytes(v).to_vec())
}

/// Argument `n` as bytes, or `None` when it is nil or absent.
pub(crate) fn opt_bytes(vm: &mut Vm, a: Args, n: u32) -> Result<Option<Vec<u8>>, LuaError> {
    if vm.arg(a, n - 1).is_nil() {
        return Ok(None);
    }
    check_bytes(vm, a, n).map(Some)
}

/// Argument `n` as a number; numeric strings are converted.
pub(crate) fn check_num(vm: &mut Vm, a: Args, n: u32) -> Result<f64, LuaError> {
    let v = vm.arg(a, n - 1);
    if n <= a.n {
        if let Some(x) = vm.to_num(v) {
            return Ok(x);
        }
    }
    Err(vm.type_error(a, n, "number"))
}

/// Argument `n` as a number, `def` when nil or absent.
pub(crate) fn opt_num(vm: &mut Vm, a: Args, n: u32, def: f64) -> Result<f64, LuaError> {
    if vm.arg(a, n - 1).is_nil() {
        Ok(def)
    } else {
        check_num(vm, a, n)
    }
}

/// A double truncated to a 32-bit integer as LuaJIT's `lj_num2int` does
/// on x86 (out-of-range values give the "integer indefinite" value).
pub(crate) fn num2int(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// Argument `n` as a 32-bit integer (truncated).
pub(crate) fn check_int(vm: &mut Vm, a: Args, n: u32) -> Result<i32, LuaError> {
    check_num(vm, a, n).map(num2int)
}

/// Argument `n` as a 32-bit integer, `def` when nil or absent.
pub(crate) fn opt_int(vm: &mut Vm, a: Args, n: u32, def: i32) -> Result<i32, LuaError> {
    if vm.arg(a, n - 1).is_nil() {
        Ok(def)
    } else {
        check_int(vm, a, n)
    }
}

/// The argument checks of LuaJIT's library functions written in Lua
/// (`table.remove`, `move`, `getn`, `foreach`, `foreachi`): a missing
/// argument is a nil parameter there, so the message says `got nil`.
pub(crate) mod lua_coded {
    use super::*;

    fn error(vm: &mut Vm, a: Args, n: u32, expected: &str) -> LuaError {
        let got = vm.arg(a, n - 1).type_name();
        vm.arg_error(n, &format!("{expected} expected, got {got}"))
    }

    pub(crate) fn check_tab(vm: &mut Vm, a: Args, n: u32) -> Result<Value, LuaError> {
        let v = vm.arg(a, n - 1);
        if v.itype() == itype::TAB {
            Ok(v)
        } else {
            Err(error(vm, a, n, "table"))
        }
    }

    pub(crate) fn check_func(vm: &mut Vm, a: Args, n: u32) -> Result<Value, LuaError> {
        let v = vm.arg(a, n - 1);
        if v.itype() == itype::FUNC {
            Ok(v)
        } else {
            Err(error(vm, a, n, "function"))
        }
    }

    /// A number argument as such code sees it after its check: numeric
    /// strings converted, fractions kept.
    pub(crate) fn check_num(vm: &mut Vm, a: Args, n: u32) -> Result<f64, LuaError> {
        let v = vm.arg(a, n - 1);
        match vm.to_num(v) {
            Some(x) => Ok(x),
            None => Err(error(vm, a, n, "number")),
        }
    }
}

/// Argument `n`, which must be a table.
pub(crate) fn check_tab(vm: &mut Vm, a: Args, n: u32) -> Result<Value, LuaError> {
    vm.check_table(a, n)
}

/// Argument `n`, which must be a function.
pub(crate) fn check_func(vm: &mut Vm, a: Args, n: u32) -> Result<Value, LuaError> {
    let v = vm.arg(a, n - 1);
    if v.itype() == itype::FUNC {
        Ok(v)
    } else {
        Err(vm.type_error(a, n, "function"))
    }
}

/// The collector's write barrier after storing `stored` into a field of
/// the object `o` (a table's metatable, a closure's environment or
/// upvalue, a userdata's metatable, a thread's environment).
pub(crate) fn barrier(vm: &mut Vm, o: Value, stored: Value) {
    vm.gc_barrier_obj(o.payload() as *mut crate::gc::GcHeader, stored);
}

/// The bytes of a string value, copied out.
pub(crate) fn bytes_of(v: Value) -> Vec<u8> {
    // SAFETY: callers pass string values, which point at live strings.
    unsafe { (*obj::<GcStr>(v)).as_bytes().to_vec() }
}

pub(crate) fn ret1(vm: &mut Vm, v: Value) -> Result<u32, LuaError> {
    vm.push(v)?;
    Ok(1)
}

pub(crate) fn ret_num(vm: &mut Vm, x: f64) -> Result<u32, LuaError> {
    ret1(vm, Value::number(x))
}

pub(crate) fn ret_str(vm: &mut Vm, s: &[u8]) -> Result<u32, LuaError> {
    let v = vm.new_str(s)?;
    ret1(vm, v)
}

/// `nil, message` (and an error number when given), as the io and os
/// functions report failures.
pub(crate) fn ret_fail(vm: &mut Vm, msg: &str, errno: Option<i32>) -> Result<u32, LuaError> {
    vm.push(Value::NIL)?;
    let m = vm.new_str(msg.as_bytes())?;
    vm.push(m)?;
    match errno {
        Some(e) => {
            vm.push(Value::number(e as f64))?;
            Ok(3)
        }
        None => Ok(2),
    }
}
