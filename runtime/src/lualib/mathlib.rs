//! `math`: every Lua 5.1 function (LuaJIT 2.1 has no `math.mod`), over
//! [`crate::stdlib::math`]. `random` and `randomseed` share one LuaJIT
//! PRNG per VM, kept in a userdata that both closures hold as their
//! upvalue.

use super::{check_num, ret_num, udbox};
use crate::obj::func::ffid;
use crate::obj::GcFunc;
use crate::stdlib::math::{self, prng::Prng};
use crate::value::Value;
use crate::vm::baselib::{reg, Reg};
use crate::vm::{val, Args, LuaError, Vm};

/// The userdata tag of the PRNG box.
const PRNG_TAG: u8 = 0x50;

macro_rules! unary {
    ($($name:ident => $f:path),* $(,)?) => {
        $(fn $name(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
            let x = check_num(vm, a, 1)?;
            ret_num(vm, $f(x))
        })*
    };
}

unary! {
    abs => math::abs, floor => math::floor, ceil => math::ceil, sqrt => math::sqrt,
    log10 => math::log10, exp => math::exp, sin => math::sin, cos => math::cos,
    tan => math::tan, asin => math::asin, acos => math::acos, atan => math::atan,
    sinh => math::sinh, cosh => math::cosh, tanh => math::tanh,
}

/// `deg` and `rad` are bytecode builtins in LuaJIT (a multiplication), so
/// a bad argument fails as arithmetic does, positioned in the builtin.
fn builtin_mul(vm: &mut Vm, a: Args, name: &str, f: fn(f64) -> f64) -> Result<u32, LuaError> {
    let v = vm.arg(a, 0);
    match vm.to_num(v) {
        Some(x) => ret_num(vm, f(x)),
        None => {
            let t = v.type_name();
            Err(vm.err_msg(&format!(
                "[builtin:{name}]:0: attempt to perform arithmetic on a {t} value"
            )))
        }
    }
}

fn deg(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    builtin_mul(vm, a, "deg", math::deg)
}

fn rad(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    builtin_mul(vm, a, "rad", math::rad)
}

pub const FUNCS: &[Reg] = &[
    reg("abs", abs),
    reg("floor", floor),
    reg("ceil", ceil),
    reg("sqrt", sqrt),
    reg("log10", log10),
    reg("exp", exp),
    reg("sin", sin),
    reg("cos", cos),
    reg("tan", tan),
    reg("asin", asin),
    reg("acos", acos),
    reg("atan", atan),
    reg("sinh", sinh),
    reg("cosh", cosh),
    reg("tanh", tanh),
    reg("deg", deg),
    reg("rad", rad),
    reg("log", log),
    reg("atan2", atan2),
    reg("pow", pow),
    reg("fmod", fmod),
    reg("ldexp", ldexp),
    reg("frexp", frexp),
    reg("modf", modf),
    reg("min", min),
    reg("max", max),
];

/// Adds the constants and the PRNG-backed functions.
pub fn init(vm: &mut Vm) -> Result<(), LuaError> {
    let m = vm.get_global("math")?;
    super::set_field(vm, m, "pi", Value::number(math::PI))?;
    super::set_field(vm, m, "huge", Value::number(math::HUGE))?;
    let state = udbox::new_box(vm, PRNG_TAG, Prng::new())?;
    for (name, f) in [
        ("random", random as crate::obj::NativeFn),
        ("randomseed", randomseed),
    ] {
        let c = vm.new_native(f, ffid::NATIVE, 1)?;
        // SAFETY: a fresh closure with one upvalue slot.
        unsafe { (*c.as_ptr()).set_native_uv(0, state) };
        super::set_field(vm, m, name, val::<GcFunc>(c.as_ptr()))?;
    }
    Ok(())
}

fn log(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = check_num(vm, a, 1)?;
    if vm.arg(a, 1).is_nil() {
        return ret_num(vm, math::log(x));
    }
    let b = check_num(vm, a, 2)?;
    ret_num(vm, math::log_base(x, b))
}

fn binary(vm: &mut Vm, a: Args, f: fn(f64, f64) -> f64) -> Result<u32, LuaError> {
    let x = check_num(vm, a, 1)?;
    let y = check_num(vm, a, 2)?;
    ret_num(vm, f(x, y))
}

fn atan2(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    binary(vm, a, math::atan2)
}

fn pow(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    binary(vm, a, math::pow)
}

fn fmod(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    binary(vm, a, math::fmod)
}

fn ldexp(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    binary(vm, a, math::ldexp)
}

fn frexp(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = check_num(vm, a, 1)?;
    let (m, e) = math::frexp(x);
    vm.push(Value::number(m))?;
    vm.push(Value::number(e as f64))?;
    Ok(2)
}

fn modf(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = check_num(vm, a, 1)?;
    let (i, f) = math::modf(x);
    vm.push(Value::number(i))?;
    vm.push(Value::number(f))?;
    Ok(2)
}

fn fold(vm: &mut Vm, a: Args, step: fn(f64, f64) -> f64) -> Result<u32, LuaError> {
    let mut acc = check_num(vm, a, 1)?;
    for i in 2..=a.n {
        let x = check_num(vm, a, i)?;
        acc = step(acc, x);
    }
    ret_num(vm, acc)
}

fn min(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    fold(vm, a, math::min_step)
}

fn max(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    fold(vm, a, math::max_step)
}

fn random(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let state = vm.native_upvalue(a, 0);
    let r = if a.n == 0 {
        udbox::with(state, |p: &mut Prng| p.next_unit())
    } else {
        let m = check_num(vm, a, 1)?;
        if a.n == 1 {
            udbox::with(state, |p: &mut Prng| p.random_upto(m))
        } else {
            let n = check_num(vm, a, 2)?;
            udbox::with(state, |p: &mut Prng| p.random_range(m, n))
        }
    };
    ret_num(vm, r)
}

fn randomseed(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let state = vm.native_upvalue(a, 0);
    let d = check_num(vm, a, 1)?;
    udbox::with(state, |p: &mut Prng| p.seed(d));
    Ok(0)
}
