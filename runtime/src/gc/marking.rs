//! Marking: colouring reached objects and traversing gray ones.
//!
//! A white object becomes gray when reached and black once its children
//! are marked. Strings have no children and only lose their white bit;
//! userdata and closed upvalues are blackened on the spot (their few
//! children are marked at once), as LuaJIT does. Tables, closures,
//! prototypes and threads go on the gray stack. Threads never turn black:
//! their stacks change without barriers, so they are traversed again in
//! the atomic phase; weak tables stay gray for the same reason.
//!
//! Open upvalues stay gray until the atomic phase, where their value is
//! marked again: stores into them go to a stack slot, without barrier,
//! and closing one moves the value out of the stack.
//!
//! Invariant of this module's unsafe code: every pointer it is handed, and
//! every object reachable from a live object, is a live object of the
//! type its tag or field says (the safepoint contract of [`crate::vm`]).

use super::state::{GcState, WEAK_KEY, WEAK_VAL};
use super::{mark, GcHeader, ObjType};
use crate::obj::{GcFunc, GcProto, GcStr, GcTab, GcThread, GcUdata, GcUpval};
use crate::value::{itype, Value};

/// What a traversal needs to know about the VM.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    /// The `__mode` string as a key.
    pub mode_key: Value,
    /// Traversing in the atomic phase (threads clear their dead slots).
    pub atomic: bool,
}

fn is_white(h: *mut GcHeader) -> bool {
    // SAFETY: callers pass live objects.
    unsafe { (*h).marked & mark::WHITES != 0 }
}

impl GcState {
    /// Marks a white object.
    ///
    /// # Safety
    /// `h` must be a live, white object.
    pub(crate) unsafe fn mark_obj(&mut self, h: *mut GcHeader) {
        (*h).marked &= !mark::WHITES;
        match (*h).gct {
            t if t == ObjType::Str as u8 => {}
            t if t == ObjType::Udata as u8 => {
                (*h).marked |= mark::BLACK;
                let u = h as *mut GcUdata;
                self.mark_ptr((*u).metatable);
                self.mark_ptr((*u).env);
            }
            t if t == ObjType::Upval as u8 => {
                let uv = h as *mut GcUpval;
                if (*uv).closed != 0 {
                    (*h).marked |= mark::BLACK;
                } else {
                    // Its slot may change until the atomic phase.
                    self.grayagain.push(h);
                }
                if !(*uv).v.is_null() {
                    self.mark_value(*(*uv).v);
                }
            }
            _ => self.gray.push(h),
        }
    }

    /// Marks the object a value points at, if it is white.
    ///
    /// # Safety
    /// A GC value must point at a live object.
    pub(crate) unsafe fn mark_value(&mut self, v: Value) {
        if v.is_gc() {
            let h = v.payload() as *mut GcHeader;
            if is_white(h) {
                self.mark_obj(h);
            }
        }
    }

    /// Marks an object given by a (possibly null) pointer, if white.
    ///
    /// # Safety
    /// A non-null pointer must point at a live object.
    pub(crate) unsafe fn mark_ptr<T>(&mut self, p: *mut T) {
        let h = p as *mut GcHeader;
        if !h.is_null() && is_white(h) {
            self.mark_obj(h);
        }
    }

    /// Traverses the gray object on top of the stack; returns an estimate
    /// of the work done in bytes.
    ///
    /// # Safety
    /// The gray stack holds live objects.
    pub(crate) unsafe fn propagate_one(&mut self, cx: Ctx) -> usize {
        let Some(h) = self.gray.pop() else {
            return 0;
        };
        (*h).marked |= mark::BLACK;
        match (*h).gct {
            t if t == ObjType::Tab as u8 => {
                let tab = h as *mut GcTab;
                if self.traverse_tab(tab, cx) {
                    (*h).marked &= !mark::BLACK;
                }
                (*tab).size_bytes()
            }
            t if t == ObjType::Func as u8 => {
                let f = h as *mut GcFunc;
                self.traverse_func(f);
                GcFunc::alloc_size((*f).nupvalues as usize)
            }
            t if t == ObjType::Proto as u8 => {
                let pt = h as *mut GcProto;
                self.traverse_proto(pt);
                std::mem::size_of::<GcProto>()
                    + (*pt).sizebc as usize * 4
                    + (*pt).sizekgc as usize * 8
                    + (*pt).sizekn as usize * 8
            }
            t if t == ObjType::Thread as u8 => {
                (*h).marked &= !mark::BLACK;
                self.grayagain.push(h);
                let th = h as *mut GcThread;
                self.traverse_thread(th, cx);
                std::mem::size_of::<GcThread>() + (*th).stacksize as usize * 8
            }
            t if t == ObjType::Upval as u8 => {
                let uv = h as *mut GcUpval;
                if !(*uv).v.is_null() {
                    self.mark_value(*(*uv).v);
                }
                std::mem::size_of::<GcUpval>()
            }
            t => unreachable!("object type {t} is never gray"),
        }
    }

    /// Traverses every gray object; returns the work done.
    ///
    /// # Safety
    /// As [`GcState::propagate_one`].
    pub(crate) unsafe fn propagate_all(&mut self, cx: Ctx) -> usize {
        let mut work = 0;
        while !self.gray.is_empty() {
            work += self.propagate_one(cx);
        }
        work
    }

    /// Marks a table's metatable and its strong parts. Returns whether it
    /// is weak (it then goes on the weak list).
    unsafe fn traverse_tab(&mut self, t: *mut GcTab, cx: Ctx) -> bool {
        let mt = (*t).metatable;
        self.mark_ptr(mt);
        let mut weak = 0;
        if !mt.is_null() {
            let mode = (*mt).get(cx.mode_key);
            if mode.itype() == itype::STR {
                for &c in (*(mode.payload() as *const GcStr)).as_bytes() {
                    match c {
                        b'k' => weak |= WEAK_KEY,
                        b'v' => weak |= WEAK_VAL,
                        _ => {}
                    }
                }
            }
        }
        if weak != 0 {
            self.weak.push((t, weak));
        }
        if weak & WEAK_VAL == 0 {
            for i in 0..(*t).asize as usize {
                self.mark_value(*(*t).array.add(i));
            }
        }
        if (*t).hmask > 0 && weak != WEAK_KEY | WEAK_VAL {
            for i in 0..=(*t).hmask as usize {
                let n = &*(*t).node.add(i);
                if !n.val.is_nil() {
                    if weak & WEAK_KEY == 0 {
                        self.mark_value(n.key);
                    }
                    if weak & WEAK_VAL == 0 {
                        self.mark_value(n.val);
                    }
                }
            }
        }
        weak != 0
    }

    unsafe fn traverse_func(&mut self, f: *mut GcFunc) {
        self.mark_ptr((*f).env);
        let n = (*f).nupvalues as usize;
        if (*f).is_lua() {
            self.mark_ptr((*f).proto);
            for i in 0..n {
                self.mark_ptr((*f).uv(i));
            }
        } else {
            for i in 0..n {
                self.mark_value((*f).native_uv(i));
            }
        }
    }

    unsafe fn traverse_proto(&mut self, pt: *mut GcProto) {
        self.mark_ptr((*pt).chunkname);
        if !(*pt).kgc.is_null() {
            for i in 0..(*pt).sizekgc as usize {
                self.mark_value(*(*pt).kgc.add(i));
            }
        }
    }

    /// Marks a thread's stack up to its top, its open upvalues and its
    /// environment. In the atomic phase the slots above the top are
    /// cleared: they are dead, and would dangle after the sweep.
    unsafe fn traverse_thread(&mut self, th: *mut GcThread, cx: Ctx) {
        let stack = (*th).stack;
        if !stack.is_null() {
            let top = ((*th).top).min((*th).stacksize) as usize;
            for i in 0..top {
                self.mark_value(*stack.add(i));
            }
            if cx.atomic {
                for i in top..(*th).stacksize as usize {
                    *stack.add(i) = Value::NIL;
                }
            }
        }
        let mut uv = (*th).openupval;
        while !uv.is_null() {
            self.mark_ptr(uv);
            uv = (*uv).nextopen;
        }
        self.mark_ptr((*th).env);
    }

    /// Whether a weak entry may be cleared: its object is about to die
    /// (or, for values, is a finalized userdata). Strings are values, not
    /// references: they are never cleared, and are marked here because a
    /// weak part was not traversed.
    unsafe fn may_clear(&mut self, v: Value, is_val: bool) -> bool {
        if !v.is_gc() {
            return false;
        }
        let h = v.payload() as *mut GcHeader;
        if v.itype() == itype::STR {
            (*h).marked &= !mark::WHITES;
            return false;
        }
        if is_white(h) {
            return true;
        }
        is_val && v.itype() == itype::UDATA && (*h).marked & mark::FINALIZED != 0
    }

    /// Clears the entries of weak tables whose weak part died.
    ///
    /// # Safety
    /// Called once all marking is done, with the weak list of live tables.
    pub(crate) unsafe fn clear_weak(&mut self) {
        for (t, weak) in std::mem::take(&mut self.weak) {
            if weak & WEAK_VAL != 0 {
                for i in 0..(*t).asize as usize {
                    let slot = (*t).array.add(i);
                    if self.may_clear(*slot, true) {
                        *slot = Value::NIL;
                    }
                }
            }
            if (*t).hmask > 0 {
                for i in 0..=(*t).hmask as usize {
                    let n = &mut *(*t).node.add(i);
                    if !n.val.is_nil()
                        && (self.may_clear(n.key, false) || self.may_clear(n.val, true))
                    {
                        n.val = Value::NIL;
                    }
                }
            }
        }
    }
}
