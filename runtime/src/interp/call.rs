//! Calls, returns, tail calls, `pcall`/`xpcall` frames, error unwinding
//! and upvalue management.

use super::{Exit, Flow, St, FRAME_EXTRA};
use crate::gc::ObjType;
use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcUpval};
use crate::value::{itype, Value};
use crate::vm::{frame, obj, Args, LuaError, Mm, Vm};

/// Stack slots a native may use without checking (LUA_MINSTACK).
const NATIVE_MINSTACK: u32 = 20;

impl Vm {
    #[inline]
    pub(crate) fn s(&self, i: u32) -> Value {
        // SAFETY: `cur` is live; callers index inside the ensured stack.
        unsafe { (*self.cur).get(i) }
    }

    #[inline]
    pub(crate) fn ss(&mut self, i: u32, v: Value) {
        // SAFETY: as in `s`.
        unsafe { (*self.cur).set(i, v) }
    }

    /// Copies `n` slots from `from` down (or up) to `to`.
    pub(crate) fn move_slots(&mut self, from: u32, to: u32, n: u32) {
        if from == to {
            return;
        }
        if to < from {
            for i in 0..n {
                let v = self.s(from + i);
                self.ss(to + i, v);
            }
        } else {
            for i in (0..n).rev() {
                let v = self.s(from + i);
                self.ss(to + i, v);
            }
        }
    }

    /// Makes the Lua frame at `base` the running one, resuming at `pc`.
    pub(crate) fn enter_frame_at(&mut self, st: &mut St, base: u32, pc: *const crate::bc::Ins) {
        let f = obj::<GcFunc>(self.s(base - 2));
        st.func = f;
        // SAFETY: a frame below a Lua link is a live Lua closure.
        st.pt = unsafe { (*f).proto };
        st.base = base;
        st.pc = pc;
        let fs = st.pt().framesize as u32;
        let th = self.thread();
        th.base = base;
        th.top = base + fs;
    }

    /// Sets up a Lua function's frame at `base` with `nargs` arguments.
    fn enter_lua(
        &mut self,
        st: &mut St,
        base: u32,
        nargs: u32,
        f: *mut GcFunc,
    ) -> Result<(), LuaError> {
        // SAFETY: `f` is a live Lua closure.
        let (pt, pc) = unsafe { ((*f).proto, (*f).pc) };
        // SAFETY: its prototype is live.
        let (fs, np, varg) = unsafe {
            (
                (*pt).framesize as u32,
                (*pt).numparams as u32,
                (*pt).is_vararg(),
            )
        };
        self.ensure_stack(base + nargs + fs + FRAME_EXTRA + 2)?;
        let mut base = base;
        if varg {
            let nb = base + nargs + 2;
            let fv = self.s(base - 2);
            self.ss(nb - 2, fv);
            self.ss(nb - 1, frame::delta_link(nargs + 2, frame::VARG));
            for i in 0..np {
                if i < nargs {
                    let v = self.s(base + i);
                    self.ss(nb + i, v);
                    self.ss(base + i, Value::NIL);
                } else {
                    self.ss(nb + i, Value::NIL);
                }
            }
            base = nb;
        } else {
            for i in nargs..np {
                self.ss(base + i, Value::NIL);
            }
        }
        st.func = f;
        st.pt = pt;
        st.base = base;
        st.pc = pc;
        let th = self.thread();
        th.base = base;
        th.top = base + fs;
        Ok(())
    }

    /// Calls the value in slot `func` with `nargs` arguments from
    /// `func + 2`, storing `link` as its frame link. `name_slot` is the
    /// slot the calling instruction names, for the error message.
    pub(crate) fn do_call(
        &mut self,
        st: &mut St,
        func: u32,
        nargs: u32,
        link: Value,
        name_slot: Option<u32>,
    ) -> Result<Flow, LuaError> {
        let mut nargs = nargs;
        let mut f = self.s(func);
        if f.itype() != itype::FUNC {
            let mm = self.mm_of(f, Mm::Call);
            if mm.itype() != itype::FUNC {
                return Err(match name_slot {
                    Some(slot) => self.op_err(st, Some(slot), f, "call"),
                    None => self.err_msg(&format!("attempt to call a {} value", f.type_name())),
                });
            }
            self.ensure_stack(func + 3 + nargs + FRAME_EXTRA)?;
            self.move_slots(func + 2, func + 3, nargs);
            self.ss(func + 2, f);
            self.ss(func, mm);
            nargs += 1;
            f = mm;
        }
        self.ss(func + 1, link);
        let fp = obj::<GcFunc>(f);
        let base = func + 2;
        // SAFETY: `f` is a function value.
        let (id, native) = unsafe { ((*fp).ffid, (*fp).native) };
        match id {
            ffid::LUA => {
                self.enter_lua(st, base, nargs, fp)?;
                Ok(Flow::Continue)
            }
            ffid::PCALL if nargs >= 1 => {
                self.ensure_stack(base + nargs + 1 + FRAME_EXTRA)?;
                self.move_slots(base + 1, base + 2, nargs - 1);
                // The protected frame exists before the callee is checked,
                // so that "attempt to call" is caught by this pcall.
                let plink = frame::delta_link(2, frame::PCALL);
                self.ss(base + 1, plink);
                self.thread().base = base + 2;
                self.do_call(st, base, nargs - 1, plink, None)
            }
            ffid::XPCALL if nargs >= 2 && self.s(base + 1).itype() == itype::FUNC => {
                self.ensure_stack(base + nargs + 1 + FRAME_EXTRA)?;
                let (fv, hv) = (self.s(base), self.s(base + 1));
                self.ss(base, hv);
                self.ss(base + 1, fv);
                self.move_slots(base + 2, base + 3, nargs - 2);
                let plink = frame::delta_link(3, frame::PCALLH);
                self.ss(base + 2, plink);
                self.thread().base = base + 3;
                self.do_call(st, base + 1, nargs - 2, plink, None)
            }
            ffid::TOSTRING if nargs >= 1 && !self.mm_of(self.s(base), Mm::Tostring).is_nil() => {
                // `__tostring` replaces the builtin's frame (a tail call, as
                // LuaJIT's fast function does), so it may yield.
                let mm = self.mm_of(self.s(base), Mm::Tostring);
                self.ss(func, mm);
                self.do_call(st, func, 1, link, None)
            }
            ffid::YIELD => {
                let th = self.thread();
                th.base = base;
                th.top = base + nargs;
                if self.cur == self.main || self.thread().ccall_mark != self.ccalls {
                    return Err(self.caller_error("attempt to yield across C-call boundary"));
                }
                Ok(Flow::Exit(Exit::Yield { base, n: nargs }))
            }
            _ => {
                let th = self.thread();
                th.base = base;
                th.top = base + nargs;
                self.ensure_stack(base + nargs + NATIVE_MINSTACK)?;
                let native = native.expect("native closure without a function");
                let n = native(self, Args { base, n: nargs })?;
                // The natives' safepoint: their results sit below `top`,
                // so everything live is reachable.
                self.gc_check_native()?;
                let top = self.thread().top;
                self.ret(st, base, top - n, n)
            }
        }
    }

    /// A tail call of the function in slot `func` from the running frame.
    pub(crate) fn tail_call(
        &mut self,
        st: &mut St,
        func: u32,
        nargs: u32,
    ) -> Result<Flow, LuaError> {
        let mut b = st.base;
        let mut link = self.s(b - 1);
        if frame::kind(link) == frame::VARG {
            b -= frame::delta(link);
            link = self.s(b - 1);
        }
        let f = self.s(func);
        if f.itype() != itype::FUNC && self.mm_of(f, Mm::Call).itype() != itype::FUNC {
            return Err(self.op_err(st, Some(func - st.base), f, "call"));
        }
        self.ss(b - 2, f);
        self.move_slots(func + 2, b, nargs);
        self.thread().base = b;
        self.do_call(st, b - 2, nargs, link, None)
    }

    /// Returns `n` values stored from slot `res` out of the frame at
    /// `base`, following its link.
    pub(crate) fn ret(
        &mut self,
        st: &mut St,
        base: u32,
        res: u32,
        n: u32,
    ) -> Result<Flow, LuaError> {
        let (mut base, mut res, mut n) = (base, res, n);
        loop {
            let link = self.s(base - 1);
            match frame::kind(link) {
                frame::LUA => {
                    let pc = frame::pc(link);
                    // SAFETY: a Lua link points just after a call.
                    let ins = unsafe { *pc.sub(1) };
                    let dst = base - 2;
                    self.move_slots(res, dst, n);
                    let cbase = dst - ins.a() as u32;
                    self.enter_frame_at(st, cbase, pc);
                    let wanted = ins.b() as u32;
                    if wanted == 0 {
                        st.multres = n;
                        let th = self.thread();
                        th.top = th.top.max(dst + n);
                    } else {
                        for i in n..wanted - 1 {
                            self.ss(dst + i, Value::NIL);
                        }
                    }
                    return Ok(Flow::Continue);
                }
                frame::C => {
                    self.move_slots(res, base - 2, n);
                    let th = self.thread();
                    th.base = base - frame::delta(link);
                    th.top = base - 2 + n;
                    return Ok(Flow::Exit(Exit::Return(n)));
                }
                frame::CONT => {
                    let r = if n > 0 { self.s(res) } else { Value::NIL };
                    let cont = self.s(base - 4);
                    let spc = frame::pc(self.s(base - 3));
                    let cbase = base - frame::delta(link);
                    self.enter_frame_at(st, cbase, spc);
                    return self.continue_after_mm(st, cont, r);
                }
                frame::VARG => {
                    base -= frame::delta(link);
                }
                _ => {
                    let p = base - frame::delta(link);
                    self.ss(p, Value::TRUE);
                    self.move_slots(res, p + 1, n);
                    res = p;
                    n += 1;
                    base = p;
                }
            }
        }
    }

    /// Unwinds the running thread to the nearest `pcall` frame above the
    /// entry frame and returns `false, err` from it; at the entry frame
    /// the error propagates to Rust.
    pub(crate) fn unwind(&mut self, st: &mut St, e: LuaError) -> Result<Flow, LuaError> {
        let mut base = self.thread().base;
        loop {
            if base < 2 {
                return Err(e);
            }
            let link = self.s(base - 1);
            match frame::kind(link) {
                frame::LUA => {
                    // SAFETY: a Lua link points just after a call.
                    let a = unsafe { (*frame::pc(link).sub(1)).a() } as u32;
                    base = base - 2 - a;
                }
                frame::CONT | frame::VARG => base -= frame::delta(link),
                frame::C => {
                    let mut e = e;
                    if e.traceback.is_empty() {
                        // The failed frames are still in place: snapshot them.
                        let top_pc =
                            (!st.pt.is_null() && st.base == self.thread().base).then_some(st.pc);
                        e.traceback = self.traceback_from(top_pc);
                    }
                    self.close_upvals(base - 2);
                    let th = self.thread();
                    th.base = base - frame::delta(link);
                    th.top = base - 2;
                    return Err(e);
                }
                kind => {
                    let p = base - frame::delta(link);
                    let mut v = e.value;
                    if kind == frame::PCALLH {
                        v = self.run_handler(self.s(p), v);
                    }
                    self.close_upvals(p);
                    self.thread().overflowed = 0;
                    self.ss(p, Value::FALSE);
                    self.ss(p + 1, v);
                    self.thread().base = p;
                    return self.ret(st, p, p, 2);
                }
            }
        }
    }

    /// Calls an `xpcall` handler on the error value, above the failed
    /// frames (so it can inspect them).
    fn run_handler(&mut self, h: Value, v: Value) -> Value {
        let func = self.thread().top;
        let pushed = self
            .push(h)
            .and_then(|_| self.push(Value::NIL))
            .and_then(|_| self.push(v));
        if let Err(e) = pushed {
            return e.value;
        }
        match self.call_at(func, 1) {
            Ok(n) => {
                let r = if n > 0 { self.s(func) } else { Value::NIL };
                self.thread().top = func;
                r
            }
            // A failing handler gives LuaJIT's fixed message.
            Err(_) => match self.new_str(b"error in error handling") {
                Ok(v) => v,
                Err(e) => e.value,
            },
        }
    }

    /// The open upvalue for stack slot `level`, created if needed.
    pub(crate) fn find_upval(&mut self, level: u32) -> Result<*mut GcUpval, LuaError> {
        let th = self.cur;
        // SAFETY: the open list holds live upvalues of the running thread,
        // sorted by level from the top down.
        unsafe {
            let mut link: *mut *mut GcUpval = &mut (*th).openupval;
            while let Some(u) = (*link).as_mut() {
                if u.level == level {
                    return Ok(u);
                }
                if u.level < level {
                    break;
                }
                link = &mut u.nextopen;
            }
            let p = self
                .alloc_obj(ObjType::Upval, std::mem::size_of::<GcUpval>())?
                .cast::<GcUpval>()
                .as_ptr();
            (*p).level = level;
            (*p).v = (*th).slot_ptr(level);
            (*p).nextopen = *link;
            *link = p;
            Ok(p)
        }
    }

    /// Closes every open upvalue at or above slot `level`.
    pub(crate) fn close_upvals(&mut self, level: u32) {
        let th = self.thread();
        // SAFETY: as in `find_upval`.
        unsafe {
            while let Some(u) = th.openupval.as_mut() {
                if u.level < level {
                    break;
                }
                u.close();
                th.openupval = u.nextopen;
                u.nextopen = std::ptr::null_mut();
            }
        }
    }

    /// Calls metamethod `mm` on `args` in a continuation frame above the
    /// running Lua frame; `cont` says what to do with its result.
    pub(crate) fn mm_call(
        &mut self,
        st: &mut St,
        cont: Value,
        mm: Value,
        args: &[Value],
    ) -> Result<Flow, LuaError> {
        let top = st.base + st.pt().framesize as u32;
        let n = args.len() as u32;
        self.ensure_stack(top + 4 + n + FRAME_EXTRA)?;
        self.ss(top, cont);
        self.ss(top + 1, frame::lua_link(st.pc));
        self.ss(top + 2, mm);
        for (i, &a) in args.iter().enumerate() {
            self.ss(top + 4 + i as u32, a);
        }
        let delta = top + 4 - st.base;
        self.do_call(st, top + 2, n, frame::delta_link(delta, frame::CONT), None)
    }
}
