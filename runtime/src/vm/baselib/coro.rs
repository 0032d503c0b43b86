//! `coroutine`: each coroutine runs on its own thread stack. `resume`
//! re-enters the interpreter (one Rust frame per active resume, bounded
//! by the C-call limit); a yield leaves the interpreter loop with the
//! coroutine's frames intact, so it may happen inside `pcall` frames and
//! metamethods, but not across a native that called back into Lua.

use super::{reg, Reg};
use crate::interp::Exit;
use crate::obj::func::ffid;
use crate::obj::thread::status;
use crate::obj::{GcFunc, GcThread};
use crate::value::{itype, Value};
use crate::vm::{obj, val, Args, LuaError, Vm, MAX_CCALLS};

pub const FUNCS: &[Reg] = &[
    reg("create", create),
    Reg {
        name: "resume",
        f: resume,
        ffid: ffid::RESUME,
    },
    Reg {
        name: "yield",
        f: yield_,
        ffid: ffid::YIELD,
    },
    reg("status", status_),
    reg("wrap", wrap),
    reg("running", running),
    reg("isyieldable", isyieldable),
];

fn new_coroutine(vm: &mut Vm, a: Args) -> Result<*mut GcThread, LuaError> {
    let f = vm.arg(a, 0);
    if f.itype() != itype::FUNC {
        return Err(vm.type_error(a, 1, "function"));
    }
    let co = vm.new_thread()?.as_ptr();
    // SAFETY: a fresh thread with its initial stack.
    unsafe {
        (*co).set(0, f);
        (*co).top = 1;
    }
    Ok(co)
}

fn create(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let co = new_coroutine(vm, a)?;
    vm.push(val::<GcThread>(co))?;
    Ok(1)
}

/// Runs `co` with `args` until it returns, yields or fails. The outer
/// error is for failures of `resume` itself; the inner one carries the
/// coroutine's error value.
fn resume_co(
    vm: &mut Vm,
    co: *mut GcThread,
    args: &[Value],
) -> Result<Result<Vals, Value>, LuaError> {
    // SAFETY: `co` is a live thread; `prev` is the running thread.
    unsafe {
        match (*co).status {
            status::DEAD => return Ok(Err(vm.new_str(b"cannot resume dead coroutine")?)),
            status::FRESH | status::SUSPENDED if co != vm.cur => {}
            _ if co == vm.cur => return Ok(Err(vm.new_str(b"cannot resume running coroutine")?)),
            _ => return Ok(Err(vm.new_str(b"cannot resume non-suspended coroutine")?)),
        }
        if vm.ccalls >= MAX_CCALLS {
            return Err(vm.err_msg("C stack overflow"));
        }
        let prev = vm.cur;
        let fresh = (*co).status == status::FRESH;
        (*prev).status = status::NORMAL;
        vm.cur = co;
        vm.ccalls += 1;
        (*co).ccall_mark = vm.ccalls;
        (*co).status = status::RUNNING;
        let r = (|| {
            let n = args.len() as u32;
            if fresh {
                vm.ensure_stack(2 + n)?;
                (*co).set(1, Value::NIL);
                for (i, &v) in args.iter().enumerate() {
                    (*co).set(2 + i as u32, v);
                }
                (*co).top = 2 + n;
                vm.call_entry(0, n)
            } else {
                let b = (*co).base;
                vm.ensure_stack(b + n + 1)?;
                for (i, &v) in args.iter().enumerate() {
                    (*co).set(b + i as u32, v);
                }
                (*co).top = b + n;
                vm.resume_entry(n)
            }
        })();
        vm.ccalls -= 1;
        vm.cur = prev;
        (*prev).status = status::RUNNING;
        Ok(match r {
            Ok(Exit::Return(n)) => {
                (*co).status = status::DEAD;
                Ok(Vals::from_fn(n, |i| (*co).get(i)))
            }
            Ok(Exit::Yield { base, n }) => {
                (*co).status = status::SUSPENDED;
                (*co).base = base;
                Ok(Vals::from_fn(n, |i| (*co).get(base + i)))
            }
            Err(e) => {
                (*co).status = status::DEAD;
                Err(e.value)
            }
        })
    }
}

/// Values carried from one thread's stack to another's: inline up to a
/// few (what almost every resume and yield passes), on the heap beyond,
/// so a resume allocates nothing.
struct Vals {
    inline: [Value; 8],
    len: usize,
    spilled: Vec<Value>,
}

impl Vals {
    fn from_fn(n: u32, mut f: impl FnMut(u32) -> Value) -> Vals {
        let mut v = Vals {
            inline: [Value::NIL; 8],
            len: 0,
            spilled: Vec::new(),
        };
        for i in 0..n {
            let x = f(i);
            if v.len < v.inline.len() && v.spilled.is_empty() {
                v.inline[v.len] = x;
                v.len += 1;
            } else {
                if v.spilled.is_empty() {
                    v.spilled.extend_from_slice(&v.inline[..v.len]);
                }
                v.spilled.push(x);
            }
        }
        v
    }

    fn as_slice(&self) -> &[Value] {
        if self.spilled.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }
}

fn args_vec(vm: &mut Vm, a: Args, from: u32) -> Vals {
    Vals::from_fn(a.n.saturating_sub(from), |i| vm.arg(a, from + i))
}

fn push_all(vm: &mut Vm, vals: &[Value]) -> Result<u32, LuaError> {
    let top = vm.thread().top;
    vm.ensure_stack(top + vals.len() as u32 + 1)?;
    for &v in vals {
        vm.push(v)?;
    }
    Ok(vals.len() as u32)
}

fn check_co(vm: &mut Vm, a: Args) -> Result<*mut GcThread, LuaError> {
    let v = vm.arg(a, 0);
    if v.itype() != itype::THREAD {
        return Err(vm.arg_error(1, "coroutine expected"));
    }
    Ok(obj::<GcThread>(v))
}

fn resume(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let co = check_co(vm, a)?;
    let args = args_vec(vm, a, 1);
    match resume_co(vm, co, args.as_slice())? {
        Ok(vals) => {
            vm.push(Value::TRUE)?;
            Ok(1 + push_all(vm, vals.as_slice())?)
        }
        Err(v) => {
            vm.push(Value::FALSE)?;
            vm.push(v)?;
            Ok(2)
        }
    }
}

/// Only reached when the interpreter could not treat it as a yield.
fn yield_(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    Err(vm.caller_error("attempt to yield across C-call boundary"))
}

fn status_(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let co = check_co(vm, a)?;
    // SAFETY: a live thread.
    let s: &[u8] = match unsafe { (*co).status } {
        _ if co == vm.cur => b"running",
        status::FRESH | status::SUSPENDED => b"suspended",
        status::NORMAL => b"normal",
        status::RUNNING => b"running",
        _ => b"dead",
    };
    let v = vm.new_str(s)?;
    vm.push(v)?;
    Ok(1)
}

fn wrap_aux(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let co = obj::<GcThread>(vm.native_upvalue(a, 0));
    let args = args_vec(vm, a, 0);
    match resume_co(vm, co, args.as_slice())? {
        Ok(vals) => push_all(vm, vals.as_slice()),
        Err(v) if v.itype() == itype::STR || v.is_number() => {
            let text = String::from_utf8_lossy(&vm.tostring_basic(v)).into_owned();
            Err(vm.caller_error(&text))
        }
        Err(v) => Err(LuaError::new(v)),
    }
}

fn wrap(vm: &mut Vm, a: Args) -> Result<u32, LuaError> {
    let co = new_coroutine(vm, a)?;
    let f = vm.new_native(wrap_aux, ffid::WRAP_AUX, 1)?;
    // SAFETY: a fresh closure with one upvalue word.
    unsafe { (*f.as_ptr()).set_native_uv(0, val::<GcThread>(co)) };
    vm.push(val::<GcFunc>(f.as_ptr()))?;
    Ok(1)
}

fn running(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let v = if vm.cur == vm.main {
        Value::NIL
    } else {
        val::<GcThread>(vm.cur)
    };
    vm.push(v)?;
    Ok(1)
}

fn isyieldable(vm: &mut Vm, _a: Args) -> Result<u32, LuaError> {
    let y = vm.cur != vm.main && vm.thread().ccall_mark == vm.ccalls;
    vm.push(Value::boolean(y))?;
    Ok(1)
}
