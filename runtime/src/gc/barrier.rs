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

impl Vm {
    /// The barrier for any store into table `t` (a value, a new key or
    /// the metatable). Call it after the store.
    #[inline]
    pub fn gc_barrier_tab(&mut self, t: *mut GcTab) {
        // SAFETY: callers pass a live table.
        unsafe {
            if (*t).marked & mark::BLACK != 0 {
                (*t).marked &= !mark::BLACK;
                self.gc.grayagain.push(t as *mut GcHeader);
            }
        }
    }

    /// The barrier for a store of `v` into a field of object `o` that is
    /// not a table (a userdata's metatable or environment, a closure's
    /// or a thread's environment): forward, like the upvalue barrier.
    pub fn gc_barrier_obj(&mut self, o: *mut GcHeader, v: Value) {
        // SAFETY: callers pass a live object and a value of a live object.
        unsafe {
            if (*o).marked & mark::BLACK == 0
                || !v.is_gc()
                || (*(v.payload() as *const GcHeader)).marked & mark::WHITES == 0
            {
                return;
            }
            if (*o).gct == ObjType::Tab as u8 {
                self.gc_barrier_tab(o as *mut GcTab);
            } else if self.gc.keeps_invariant() {
                self.gc.mark_value(v);
            } else {
                (*o).marked = ((*o).marked & !mark::COLORS) | self.white;
            }
        }
    }

    /// The barrier for a store into upvalue `uv`. Call it after the store.
    #[inline]
    pub fn gc_barrier_uv(&mut self, uv: *mut GcUpval) {
        // SAFETY: callers pass a live upvalue; its `v` is valid.
        unsafe {
            if (*uv).marked & mark::BLACK == 0 {
                return;
            }
            let v = *(*uv).v;
            if !v.is_gc() || (*(v.payload() as *const GcHeader)).marked & mark::WHITES == 0 {
                return;
            }
            if self.gc.keeps_invariant() {
                self.gc.mark_value(v);
            } else {
                (*uv).marked = ((*uv).marked & !mark::COLORS) | self.white;
            }
        }
    }
}
