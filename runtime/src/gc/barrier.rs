//! Write barriers: what every store of a GC value into an object must
//! call, so that incremental marking never leaves a black object pointing
//! at a white one (which the sweep would free while still referenced).
//!
//! - Tables use a *backward* barrier: a black table that is stored into
//!   turns gray again and is traversed once more in the atomic phase
//!   (tables are written often; re-traversing once is cheaper than
//!   marking every stored value).
//! - Closed upvalues use a *forward* barrier: the stored value is marked
//!   (or, outside marking, the upvalue is whitened, which is enough since
//!   the sweep will not free it and the next cycle marks it from scratch).
//!
//! - Other objects' fields (a userdata's metatable, an environment) use
//!   the forward barrier of [`Vm::gc_barrier_obj`].
//!
//! Stores that need no barrier: into thread stacks and open upvalues
//! (threads are always traversed again), and into objects created since
//! the last safepoint (they are white).

use super::{mark, GcHeader, ObjType};
use crate::obj::{GcTab, GcUpval};
use crate::value::Value;
use crate::vm::Vm;

/// The mark bits of a live object.
fn marked(h: *const GcHeader) -> u8 {
    // SAFETY: barriers are only handed live objects (the safepoint
    // contract of `crate::vm`: no object dies between safepoints).
    unsafe { (*h).marked }
}

fn set_marked(h: *mut GcHeader, m: u8) {
    // SAFETY: as in `marked`.
    unsafe { (*h).marked = m }
}

fn obj_type(h: *const GcHeader) -> u8 {
    // SAFETY: as in `marked`.
    unsafe { (*h).gct }
}

fn upval_value(uv: *const GcUpval) -> Value {
    // SAFETY: as in `marked`; a live upvalue's `v` points at its value.
    unsafe { (*uv).get() }
}

/// Whether `v` is a GC value whose object is white.
fn is_white_value(v: Value) -> bool {
    v.is_gc() && marked(v.payload() as *const GcHeader) & mark::WHITES != 0
}

impl Vm {
    /// The barrier for any store into table `t` (a value, a new key or
    /// the metatable). Call it after the store; `t` must be live.
    #[inline]
    pub fn gc_barrier_tab(&mut self, t: *mut GcTab) {
        let h = t as *mut GcHeader;
        let m = marked(h);
        if m & mark::BLACK != 0 {
            set_marked(h, m & !mark::BLACK);
            self.gc.grayagain.push(h);
        }
    }

    /// The barrier for a store of `v` into a field of object `o` that is
    /// not a table (a userdata's metatable or environment, a closure's
    /// or a thread's environment): forward, like the upvalue barrier.
    /// Both must be live.
    pub fn gc_barrier_obj(&mut self, o: *mut GcHeader, v: Value) {
        if marked(o) & mark::BLACK == 0 || !is_white_value(v) {
            return;
        }
        if obj_type(o) == ObjType::Tab as u8 {
            self.gc_barrier_tab(o as *mut GcTab);
        } else {
            self.forward(o, v);
        }
    }

    /// The barrier for a store into upvalue `uv` (live). Call it after the
    /// store.
    #[inline]
    pub fn gc_barrier_uv(&mut self, uv: *mut GcUpval) {
        let h = uv as *mut GcHeader;
        if marked(h) & mark::BLACK == 0 {
            return;
        }
        let v = upval_value(uv);
        if is_white_value(v) {
            self.forward(h, v);
        }
    }

    /// Black `o` now holds white `v`: mark `v` while marking, else whiten
    /// `o` (the sweep keeps it; the next cycle marks both from scratch).
    fn forward(&mut self, o: *mut GcHeader, v: Value) {
        if self.gc.keeps_invariant() {
            // SAFETY: `v` is a live object's value.
            unsafe { self.gc.mark_value(v) };
        } else {
            set_marked(o, (marked(o) & !mark::COLORS) | self.white);
        }
    }
}
