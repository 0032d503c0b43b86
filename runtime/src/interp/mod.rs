//! The reference interpreter: one loop over the bytecode of the running
//! frame, with no Rust recursion for Lua calls, returns, tail calls,
//! metamethods or `pcall`. Every engine is checked against it.
//!
//! Calls push frames (see [`crate::vm::frame`]); a metamethod called by an
//! instruction runs in a continuation frame that says what to do with its
//! result; `pcall`/`xpcall` frames catch errors by unwinding the stack to
//! them. Rust is re-entered only when a native calls back into Lua
//! ([`Vm::call`]) or resumes a coroutine; a coroutine's frames all live on
//! its own stack, so it can yield from inside `pcall` and metamethods.
//!
//! Fast functions the loop handles itself, by `ffid`: `pcall` and
//! `xpcall` (they become protected frames), `coroutine.yield` (it leaves
//! the loop with the coroutine's frames intact) and `tostring` with a
//! `__tostring` metamethod (a tail call of the metamethod). Every other
//! native is a leaf call.
//!
//! The state of the running frame is kept in [`St`]; the thread's `base`
//! always equals `St::base`, and while a Lua frame runs the thread's `top`
//! is `base + framesize`, which is where continuation frames and native
//! calls go.

mod call;
pub mod debug;
mod dispatch;
pub mod engine;
mod ops;

use crate::bc::Ins;
use crate::obj::{GcFunc, GcProto};
use crate::vm::{frame, LuaError, Vm, MAX_CCALLS};

pub use debug::slot_name;
pub(crate) use ops::raw_equal;

/// Extra slots kept free above a Lua frame: room for a continuation
/// frame with its arguments and for a native's first pushes.
/// It also covers what one instruction may reach beyond its frame (up to
/// 255 call arguments or results), so the loader's operand checks are
/// enough to keep every access inside the stack.
pub const FRAME_EXTRA: u32 = 300;

/// The running Lua frame.
#[derive(Clone, Copy)]
pub(crate) struct St {
    /// The next instruction.
    pub pc: *const Ins,
    pub base: u32,
    pub pt: *const GcProto,
    pub func: *mut GcFunc,
    /// Number of values of the last multiple-result call or VARG.
    pub multres: u32,
}

impl St {
    fn empty() -> St {
        St {
            pc: std::ptr::null(),
            base: 0,
            pt: std::ptr::null(),
            func: std::ptr::null_mut(),
            multres: 0,
        }
    }

    pub fn pt(&self) -> &GcProto {
        // SAFETY: set from the running closure, which keeps it alive.
        unsafe { &*self.pt }
    }

    /// Index of the instruction being executed.
    pub fn cur_pc(&self) -> usize {
        // SAFETY: `pc` points into the prototype's code, past the header.
        unsafe { self.pc.offset_from(self.pt().bc) as usize - 1 }
    }
}

/// How the interpreter left its loop.
pub(crate) enum Exit {
    /// The entry frame returned `n` values, stored from its function slot.
    Return(u32),
    /// The coroutine yielded `n` values stored from slot `base`.
    Yield { base: u32, n: u32 },
}

/// What to do after a call or return step.
pub(crate) enum Flow {
    /// Go on with the frame in `St`.
    Continue,
    Exit(Exit),
}

impl Vm {
    /// Calls the value in slot `func` of the running thread with `nargs`
    /// arguments after it (the frame-link slot between them is
    /// overwritten). Results are left from slot `func`; returns how many.
    pub fn call_at(&mut self, func: u32, nargs: u32) -> Result<u32, LuaError> {
        if self.ccalls >= MAX_CCALLS {
            return Err(self.err_msg("C stack overflow"));
        }
        self.ccalls += 1;
        let saved_base = self.thread().base;
        let r = self.call_entry(func, nargs);
        self.ccalls -= 1;
        match r {
            Ok(Exit::Return(n)) => Ok(n),
            Ok(Exit::Yield { .. }) => unreachable!("yield checks its C-call depth"),
            Err(e) => {
                let th = self.thread();
                th.base = saved_base;
                th.top = func;
                Err(e)
            }
        }
    }

    /// Starts a call from Rust and runs it to its return or a yield.
    pub(crate) fn call_entry(&mut self, func: u32, nargs: u32) -> Result<Exit, LuaError> {
        let base = self.thread().base;
        let link = frame::delta_link(func + 2 - base, frame::C);
        let mut st = St::empty();
        match self.do_call(&mut st, func, nargs, link, None) {
            Ok(Flow::Continue) => self.execute(st),
            Ok(Flow::Exit(x)) => Ok(x),
            Err(e) => match self.unwind(&mut st, e)? {
                Flow::Continue => self.execute(st),
                Flow::Exit(x) => Ok(x),
            },
        }
    }

    /// Resumes a suspended coroutine (the running thread) whose yield
    /// frame is at its `base`, with `n` values stored from there.
    pub(crate) fn resume_entry(&mut self, n: u32) -> Result<Exit, LuaError> {
        let base = self.thread().base;
        let mut st = St::empty();
        match self.ret(&mut st, base, base, n) {
            Ok(Flow::Continue) => self.execute(st),
            Ok(Flow::Exit(x)) => Ok(x),
            Err(e) => match self.unwind(&mut st, e)? {
                Flow::Continue => self.execute(st),
                Flow::Exit(x) => Ok(x),
            },
        }
    }

    /// Runs the frame until the entry frame returns or the thread yields,
    /// on the selected engine while no debug hook is set and on the
    /// reference loop otherwise; errors are caught by the nearest `pcall`
    /// frame above the entry.
    fn execute(&mut self, mut st: St) -> Result<Exit, LuaError> {
        loop {
            let r = match self.engine.clone() {
                Some(engine) if self.hook.mask == 0 => match self.run_engine(&*engine, &mut st) {
                    Ok(Some(x)) => Ok(x),
                    Ok(None) => self.dispatch(&mut st),
                    Err(e) => Err(e),
                },
                _ => self.dispatch(&mut st),
            };
            let r = match r {
                Ok(x) => return Ok(x),
                Err(e) => self.unwind(&mut st, e)?,
            };
            if let Flow::Exit(x) = r {
                return Ok(x);
            }
        }
    }
}
