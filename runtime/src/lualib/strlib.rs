//! `string`: the byte-string functions, `string.format` over
//! [`crate::stdlib::format`], and the metatable every string shares
//! (`__index = string`, so `("x"):rep(3)` works). The pattern functions
//! are in [`super::strpat`].

use std::borrow::Cow;

use super::strpat;
use super::strref::check_slice;
use super::{check_bytes, check_int, check_str, opt_bytes, opt_int, ret_num, ret_str};
use crate::obj::GcFunc;
use crate::stdlib::format::{self, ArgError, FormatArgs, FormatError};
use crate::value::{itype, Value};
use crate::vm::baselib::{reg, Reg};
use crate::vm::{obj, Args, LuaError, Vm};

pub const FUNCS: &[Reg] = &[
    reg("len", len),
    reg("sub", sub),
    reg("upper", upper),
    reg("lower", lower),
    reg("rep", rep),
    reg("reverse", reverse),
    reg("byte", byte),
    reg("char", char),
    reg("format", format_),
    reg("dump", dump),
    reg("find", strpat::find),
    reg("match", strpat::match_),
    reg("gmatch", strpat::gmatch),
    reg("gsub", strpat::gsub),
];

/// LuaJIT's longest string (`LJ_MAX_STR`).
const MAX_STR: u64 = 0x7fff_ff00;

/// Installs the metatable shared by all strings.
pub fn init(vm: &mut Vm) -> Result<(), LuaError> {
    let string = vm.get_global("string")?;
    let mt = super::new_table(vm, 0, 1)?;
    super::set_field(vm, mt, "__index", string)?;
    vm.string_mt = obj(mt);
    Ok(())
}

fn len(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    // LuaJIT's fast path reports a missing argument as nil.
    if a.n == 0 {
        return Err(vm.arg_error(1, "string expected, got nil"));
    }
    let s = check_str(vm, a, 1)?;
    let n = vm.str_bytes(s).len();
    ret_num(vm, n as f64)
}

/// Lua's relative string positions: negative counts from the end.
fn span(len: usize, start: i32, end: i32) -> (usize, usize) {
    let len = len as i64;
    let mut e = end as i64;
    let mut s = start as i64;
    if e < 0 {
        e += len + 1;
    } else if e > len {
        e = len;
    }
    if s < 0 {
        s += len + 1;
    }
    if s < 1 {
        s = 1;
    }
    if s > e {
        (0, 0)
    } else {
        (s as usize - 1, e as usize)
    }
}

fn sub(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = check_slice(vm, a, 1)?;
    let i = check_int(vm, a, 2)?;
    let j = opt_int(vm, a, 3, -1)?;
    let (from, to) = span(s.len(), i, j);
    ret_str(vm, &s[from..to])
}

fn upper(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = check_bytes(vm, a, 1)?;
    ret_str(vm, &s.to_ascii_uppercase())
}

fn lower(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = check_bytes(vm, a, 1)?;
    ret_str(vm, &s.to_ascii_lowercase())
}

fn reverse(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let mut s = check_bytes(vm, a, 1)?;
    s.reverse();
    ret_str(vm, &s)
}

fn rep(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = check_slice(vm, a, 1)?;
    let n = check_int(vm, a, 2)?;
    let sep = opt_bytes(vm, a, 3)?.unwrap_or_default();
    if n <= 0 {
        return ret_str(vm, b"");
    }
    let total = s.len() as u64 * n as u64 + sep.len() as u64 * (n as u64 - 1);
    if total > MAX_STR {
        return Err(vm.oom());
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(total as usize).is_err() {
        return Err(vm.oom());
    }
    for i in 0..n {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&s);
    }
    ret_str(vm, &out)
}

fn byte(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let s = check_slice(vm, a, 1)?;
    let i = opt_int(vm, a, 2, 1)?;
    let j = opt_int(vm, a, 3, i)?;
    let (from, to) = span(s.len(), i, j);
    let n = (to - from) as u32;
    let top = vm.thread().top;
    if n >= 8000 {
        return Err(vm.caller_error("string slice too long"));
    }
    vm.ensure_stack(top + n)?;
    for &c in &s[from..to] {
        vm.push(Value::number(c as f64))?;
    }
    Ok(n)
}

fn char(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let mut out = Vec::with_capacity(a.n as usize);
    for i in 1..=a.n {
        let c = check_int(vm, a, i)?;
        if !(0..=255).contains(&c) {
            return Err(vm.arg_error(i, "invalid value"));
        }
        out.push(c as u8);
    }
    ret_str(vm, &out)
}

/// `string.format`'s view of the native's arguments.
struct FmtArgs<'v> {
    vm: &'v mut Vm,
    a: Args,
    /// An error raised by a `__tostring` metamethod.
    failed: Option<LuaError>,
}

impl FmtArgs<'_> {
    fn expected(&mut self, i: usize, what: &'static str) -> ArgError {
        let v = self.vm.arg(self.a, i as u32 - 1);
        ArgError::Expected {
            expected: what,
            got: Cow::Borrowed(v.type_name()),
        }
    }
}

impl FormatArgs for FmtArgs<'_> {
    fn count(&self) -> usize {
        self.a.n as usize
    }

    fn number(&mut self, i: usize) -> Result<f64, ArgError> {
        let v = self.vm.arg(self.a, i as u32 - 1);
        match self.vm.to_num(v) {
            Some(x) => Ok(x),
            None => Err(self.expected(i, "number")),
        }
    }

    fn string(&mut self, i: usize) -> Result<Cow<'_, [u8]>, ArgError> {
        let v = self.vm.arg(self.a, i as u32 - 1);
        match self.vm.tostring_value(v) {
            Ok(s) if s.itype() == itype::STR => Ok(Cow::Owned(self.vm.str_bytes(s).to_vec())),
            Ok(_) => Err(self.expected(i, "string")),
            Err(e) => {
                self.failed = Some(e);
                Ok(Cow::Borrowed(b""))
            }
        }
    }

    fn pointer(&mut self, i: usize) -> Result<u64, ArgError> {
        let v = self.vm.arg(self.a, i as u32 - 1);
        Ok(if v.is_gc() { v.payload() as u64 } else { 0 })
    }
}

fn format_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let fmt = check_bytes(vm, a, 1)?;
    let mut args = FmtArgs {
        vm,
        a,
        failed: None,
    };
    let r = format::format(&fmt, &mut args);
    if let Some(e) = args.failed.take() {
        return Err(e);
    }
    match r {
        Ok(out) => ret_str(vm, &out),
        Err(FormatError::Missing { arg }) => Err(vm.arg_error(arg as u32, "value expected")),
        Err(FormatError::BadArgument {
            arg,
            error: ArgError::Expected { expected, got },
        }) => Err(vm.arg_error(arg as u32, &format!("{expected} expected, got {got}"))),
        Err(e) => {
            let msg = String::from_utf8_lossy(&e.message("format")).into_owned();
            Err(vm.caller_error(&msg))
        }
    }
}

fn dump(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let f = vm.arg(a, 0);
    if f.itype() != itype::FUNC {
        return Err(vm.type_error(a, 1, "function"));
    }
    // SAFETY: a function value points at a live closure.
    let is_lua = unsafe { (*obj::<GcFunc>(f)).is_lua() };
    if !is_lua {
        return Err(vm.caller_error("unable to dump given function"));
    }
    let strip = !vm.arg(a, 1).is_falsy();
    // SAFETY: checked to be a Lua closure, whose prototype is live.
    let pt = unsafe { (*obj::<GcFunc>(f)).proto() };
    match super::dump::dump(pt, strip) {
        Some(bytes) => ret_str(vm, &bytes),
        None => Err(vm.caller_error("unable to dump given function")),
    }
}
