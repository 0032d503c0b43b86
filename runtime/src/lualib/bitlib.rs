//! `bit`: LuaJIT's BitOp API over [`crate::stdlib::bit`]. Arguments are
//! numbers (numeric strings are coerced) normalised with `tobit`.

use super::{check_num, opt_num, ret_num, ret_str};
use crate::stdlib::bit;
use crate::vm::baselib::{reg, Reg};
use crate::vm::{Args, LuaError, Vm};

pub const FUNCS: &[Reg] = &[
    reg("tobit", tobit),
    reg("bnot", bnot),
    reg("bswap", bswap),
    reg("band", band),
    reg("bor", bor),
    reg("bxor", bxor),
    reg("lshift", lshift),
    reg("rshift", rshift),
    reg("arshift", arshift),
    reg("rol", rol),
    reg("ror", ror),
    reg("tohex", tohex),
];

fn arg(vm: &mut Vm, a: Args, n: u32) -> Result<i32, LuaError> {
    check_num(vm, a, n).map(bit::tobit)
}

fn ret(vm: &mut Vm, x: i32) -> Result<u32, LuaError> {
    ret_num(vm, x as f64)
}

fn tobit(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = arg(vm, a, 1)?;
    ret(vm, x)
}

fn bnot(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = arg(vm, a, 1)?;
    ret(vm, bit::bnot(x))
}

fn bswap(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = arg(vm, a, 1)?;
    ret(vm, bit::bswap(x))
}

/// The arguments of a variadic operation (at least one).
fn all(vm: &mut Vm, a: Args) -> Result<Vec<i32>, LuaError> {
    let mut xs = vec![arg(vm, a, 1)?];
    for i in 2..=a.n {
        xs.push(arg(vm, a, i)?);
    }
    Ok(xs)
}

fn band(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let xs = all(vm, a)?;
    ret(vm, bit::band(&xs))
}

fn bor(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let xs = all(vm, a)?;
    ret(vm, bit::bor(&xs))
}

fn bxor(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let xs = all(vm, a)?;
    ret(vm, bit::bxor(&xs))
}

fn shift(vm: &mut Vm, a: Args, op: fn(i32, i32) -> i32) -> Result<u32, LuaError> {
    let x = arg(vm, a, 1)?;
    let n = arg(vm, a, 2)?;
    ret(vm, op(x, n))
}

fn lshift(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    shift(vm, a, bit::lshift)
}

fn rshift(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    shift(vm, a, bit::rshift)
}

fn arshift(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    shift(vm, a, bit::arshift)
}

fn rol(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    shift(vm, a, bit::rol)
}

fn ror(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    shift(vm, a, bit::ror)
}

fn tohex(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let x = arg(vm, a, 1)?;
    let n = opt_num(vm, a, 2, bit::TOHEX_DEFAULT_DIGITS as f64).map(bit::tobit)?;
    ret_str(vm, bit::tohex(x, n).as_bytes())
}
