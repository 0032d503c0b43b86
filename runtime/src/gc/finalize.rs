//! `__gc` finalizers of userdata.
//!
//! In the atomic phase every unreachable userdata not yet finalized is
//! flagged `FINALIZED`; those whose metatable has `__gc` are queued and
//! marked again (resurrected) with everything they reach, so the sweep
//! keeps them. After the sweep the finalize phase calls one `__gc` per
//! step, most recently created userdata first, as LuaJIT does. A
//! finalized userdata is an ordinary object again and dies in a later
//! cycle once unreachable. Closing the VM finalizes every userdata left.
//!
//! A finalizer's error propagates from the step that ran it, as in
//! LuaJIT: `collectgarbage` raises it, and so does the instruction whose
//! safepoint ran the step (see [`Vm::gc_check_err`]). Errors of finalizers
//! run while the VM closes are ignored.

use super::mark;
use crate::obj::GcUdata;
use crate::vm::{val, LuaError, Mm, Vm};

impl Vm {
    /// Moves unreachable (or, with `all`, every) userdata not yet
    /// finalized off the watch list; queues those with `__gc`. Returns the
    /// bytes queued.
    ///
    /// # Safety
    /// The watch list holds live userdata (it is pruned every cycle).
    pub(crate) unsafe fn gc_separate_udata(&mut self, all: bool) -> usize {
        let mut bytes = 0;
        let list = std::mem::take(&mut self.gc.udata);
        let mut keep = Vec::with_capacity(list.len());
        for &u in list.iter().rev() {
            let m = (*u).marked;
            if !(all || m & mark::WHITES != 0) || m & mark::FINALIZED != 0 {
                if m & mark::FINALIZED == 0 {
                    keep.push(u);
                }
                continue;
            }
            (*u).marked |= mark::FINALIZED;
            if !self.mm_lookup((*u).metatable, Mm::Gc).is_nil() {
                bytes += GcUdata::alloc_size((*u).len as usize);
                self.gc.tobefnz.push_back(u);
            }
        }
        keep.reverse();
        // Userdata created by finalizers run meanwhile stay watched.
        keep.append(&mut self.gc.udata);
        self.gc.udata = keep;
        bytes
    }

    /// Calls the finalizer of the next queued userdata.
    pub(crate) fn gc_finalize_one(&mut self) -> Result<(), LuaError> {
        let Some(u) = self.gc.tobefnz.pop_front() else {
            return Ok(());
        };
        // SAFETY: queued userdata were resurrected and survive the sweep.
        let mt = unsafe {
            (*u).marked = ((*u).marked & !mark::COLORS) | self.white;
            (*u).metatable
        };
        let mo = self.mm_lookup(mt, Mm::Gc);
        if mo.is_nil() {
            return Ok(());
        }
        let saved = self.gc.in_finalizer;
        self.gc.in_finalizer = true;
        let r = self.call(mo, &[val::<GcUdata>(u)]);
        self.gc.in_finalizer = saved;
        r.map(|_| ())
    }

    /// Runs every pending finalizer and those of all userdata still
    /// alive, ignoring their errors: what closing the VM does first.
    pub fn gc_close(&mut self) {
        if self.gc.closed
            || self.main.is_null()
            || self.mmname.len() < crate::vm::meta::MM_NAMES.len()
        {
            return;
        }
        self.cur = self.main;
        self.gc.stress = super::state::Stress::Off;
        // Bounded: a finalizer may create more finalizable userdata.
        for _ in 0..100 {
            // SAFETY: the watch list holds live userdata.
            unsafe { self.gc_separate_udata(true) };
            if self.gc.tobefnz.is_empty() {
                break;
            }
            while !self.gc.tobefnz.is_empty() {
                let _ = self.gc_finalize_one();
            }
        }
        // Everything is about to be freed: the collector lets go of its
        // lists and never runs again.
        let gc = &mut self.gc;
        gc.closed = true;
        gc.threshold = usize::MAX;
        gc.gray.clear();
        gc.grayagain.clear();
        gc.weak.clear();
        gc.threads.clear();
        gc.udata.clear();
        gc.tobefnz.clear();
        gc.pending_error = None;
        gc.phase = super::Phase::Pause;
    }
}
