//! The collection cycle: roots, the atomic phase, sweeping, steps and
//! pacing, as a state machine advanced by [`Vm::gc_step`] at safepoints.
//!
//! Pacing follows LuaJIT: a step runs when the heap passes `threshold`;
//! it does `STEP_SIZE * stepmul / 100` units of work (bytes traversed,
//! objects swept), and any allocation beyond the threshold becomes debt
//! that later steps pay off. When a cycle ends the threshold becomes
//! `estimate * pause / 100`, the estimate being the live bytes found.

use super::marking::Ctx;
use super::state::{Phase, Stress, FINALIZE_COST, STEP_SIZE, SWEEP_COST, SWEEP_MAX};
use super::{mark, GcHeader, ObjType};
use crate::obj::GcThread;
use crate::value::Value;
use crate::vm::{free_object, LuaError, Mm, Vm};

impl Vm {
    fn gc_ctx(&self, atomic: bool) -> Ctx {
        Ctx {
            mode_key: Value::tagged(
                crate::value::itype::STR,
                self.mmname[Mm::Mode as usize] as usize,
            ),
            atomic,
        }
    }

    /// Marks the roots: threads, registry, globals, metatables of the
    /// basic types, metamethod names, pending finalizations.
    ///
    /// # Safety
    /// The VM's root fields point at live objects (or are null).
    unsafe fn gc_mark_roots(&mut self) {
        let gc = &mut self.gc;
        gc.mark_ptr(self.main);
        gc.mark_ptr(self.cur);
        gc.mark_ptr(self.globals);
        gc.mark_ptr(self.registry);
        gc.mark_ptr(self.string_mt);
        for &s in &self.mmname {
            gc.mark_ptr(s);
        }
        gc.mark_value(self.oom_msg);
        if let Some(e) = &gc.pending_error {
            let v = e.value;
            gc.mark_value(v);
        }
        for i in 0..gc.tobefnz.len() {
            let u = gc.tobefnz[i];
            gc.mark_ptr(u);
        }
    }

    /// Starts a cycle.
    fn gc_mark_start(&mut self) {
        self.gc.gray.clear();
        self.gc.grayagain.clear();
        self.gc.weak.clear();
        // SAFETY: the roots are live at a safepoint.
        unsafe { self.gc_mark_roots() };
        self.gc.phase = Phase::Propagate;
    }

    /// The end of marking, without interruption: the roots and everything
    /// whose colour may be stale are marked again, finalizable userdata
    /// are separated and resurrected, weak tables cleared, and the white
    /// flipped so that everything still carrying the old one is garbage.
    fn gc_atomic(&mut self) {
        let cx = self.gc_ctx(true);
        // SAFETY: every list holds live objects (marked this cycle).
        unsafe {
            self.gc.propagate_all(cx);
            // Weak tables and the threads and tables queued again are
            // traversed anew: they may have changed without barriers.
            let weak = std::mem::take(&mut self.gc.weak);
            for (t, _) in weak {
                self.gc.gray.push(t as *mut GcHeader);
            }
            self.gc_mark_roots();
            self.gc.propagate_all(cx);
            let again = std::mem::take(&mut self.gc.grayagain);
            self.gc.gray.extend(again);
            self.gc.propagate_all(cx);
            // Values in the stack slots of reachable upvalues of dying
            // threads are reachable too (the slots are read until the
            // upvalues are closed below).
            self.gc_mark_dead_thread_upvals(cx);
            // Now only userdata waiting for finalizers and what they
            // reach can come back to life.
            let mut ud = self.gc_separate_udata(false);
            for i in 0..self.gc.tobefnz.len() {
                let u = self.gc.tobefnz[i];
                self.gc.mark_ptr(u);
            }
            ud += self.gc.propagate_all(cx);
            ud += self.gc_mark_dead_thread_upvals(cx);
            self.gc_close_dead_threads(cx);
            self.gc.clear_weak();
            // Threads seen again above went back on the list; drop them.
            self.gc.grayagain.clear();
            self.gc.threads.retain(|&t| (*t).marked & mark::WHITES == 0);
            self.gc_shrink_stacks();
            self.gc.estimate = self.heap.used().saturating_sub(ud);
            if self.gc.stress == Stress::Incremental {
                if let Err(e) = super::verify::check_black_to_white(self.root) {
                    panic!("{e}");
                }
            }
        }
        self.white ^= mark::WHITES;
        self.gc.sweep_after = std::ptr::null_mut();
        self.gc.sweep_str = 0;
    }

    /// Marks the values of the reachable open upvalues of unreached
    /// threads (until nothing new is reached); returns the work done.
    unsafe fn gc_mark_dead_thread_upvals(&mut self, cx: Ctx) -> usize {
        let mut work = 0;
        loop {
            for i in 0..self.gc.threads.len() {
                let th = self.gc.threads[i];
                if (*th).marked & mark::WHITES == 0 {
                    continue;
                }
                let mut uv = (*th).openupval;
                while !uv.is_null() {
                    if (*uv).marked & mark::WHITES == 0 {
                        self.gc.mark_value((*uv).get());
                    }
                    uv = (*uv).nextopen;
                }
            }
            if self.gc.gray.is_empty() {
                return work;
            }
            work += self.gc.propagate_all(cx);
        }
    }

    /// Closes the still reachable open upvalues of threads that die in
    /// this cycle, so that they outlive their stacks.
    unsafe fn gc_close_dead_threads(&mut self, cx: Ctx) {
        loop {
            let mut closed = false;
            for i in 0..self.gc.threads.len() {
                let th = self.gc.threads[i];
                if (*th).marked & mark::WHITES == 0 || (*th).openupval.is_null() {
                    continue;
                }
                let mut uv = (*th).openupval;
                (*th).openupval = std::ptr::null_mut();
                while !uv.is_null() {
                    let next = (*uv).nextopen;
                    if (*uv).marked & mark::WHITES == 0 {
                        (*uv).close();
                        (*uv).nextopen = std::ptr::null_mut();
                        self.gc.mark_value((*uv).tv);
                        closed = true;
                    }
                    uv = next;
                }
            }
            if !closed {
                break;
            }
            self.gc.propagate_all(cx);
        }
    }

    /// Frees the dead objects among the next `limit` of the all-objects
    /// list and whitens the live ones. Returns whether the list is done.
    fn gc_sweep_some(&mut self, limit: usize) -> bool {
        let dead = self.white ^ mark::WHITES;
        let white = self.white;
        // SAFETY: the list links live objects; an object is freed only when
        // it carries the dead white, i.e. marking proved it unreachable.
        unsafe {
            for _ in 0..limit {
                let link: *mut *mut GcHeader = if self.gc.sweep_after.is_null() {
                    &mut self.root
                } else {
                    &mut (*self.gc.sweep_after).next
                };
                let o = *link;
                if o.is_null() {
                    return true;
                }
                let m = (*o).marked;
                if m & dead != 0 && m & mark::FIXED == 0 {
                    *link = (*o).next;
                    free_object(&mut self.heap, o);
                } else {
                    (*o).marked = (m & !mark::COLORS) | white;
                    self.gc.sweep_after = o;
                }
            }
        }
        false
    }

    /// One unit of the state machine; returns its cost. Fails with the
    /// error of a finalizer.
    pub(crate) fn gc_onestep(&mut self) -> Result<usize, LuaError> {
        Ok(match self.gc.phase {
            Phase::Pause => {
                self.gc_mark_start();
                0
            }
            Phase::Propagate => {
                if self.gc.gray.is_empty() {
                    self.gc.phase = Phase::Atomic;
                    0
                } else {
                    let cx = self.gc_ctx(false);
                    // SAFETY: the gray stack holds live objects.
                    unsafe { self.gc.propagate_one(cx) }
                }
            }
            Phase::Atomic => {
                self.gc_atomic();
                self.gc.phase = Phase::SweepStrings;
                0
            }
            Phase::SweepStrings => {
                let dead = self.white ^ mark::WHITES;
                let before = self.heap.used();
                let white = self.white;
                let chain = self.gc.sweep_str;
                // SAFETY: strings carrying the dead white are unreachable.
                // Survivors get the new white, so that the next cycle can
                // tell them from dead ones.
                unsafe {
                    self.strings.sweep_chains(&mut self.heap, chain, 1, |s| {
                        if s.marked & dead != 0 && s.marked & mark::FIXED == 0 {
                            return true;
                        }
                        s.marked = (s.marked & !mark::COLORS) | white;
                        false
                    });
                }
                self.gc.sweep_str += 1;
                if self.gc.sweep_str >= self.strings.chain_count() {
                    self.strings.shrink_if_sparse();
                    self.gc.phase = Phase::Sweep;
                }
                let freed = before.saturating_sub(self.heap.used());
                self.gc.estimate = self.gc.estimate.saturating_sub(freed);
                SWEEP_COST
            }
            Phase::Sweep => {
                let before = self.heap.used();
                let done = self.gc_sweep_some(SWEEP_MAX);
                let freed = before.saturating_sub(self.heap.used());
                self.gc.estimate = self.gc.estimate.saturating_sub(freed);
                if done {
                    if self.gc.tobefnz.is_empty() {
                        self.gc_end_cycle();
                    } else {
                        self.gc.phase = Phase::Finalize;
                    }
                }
                SWEEP_MAX * SWEEP_COST
            }
            Phase::Finalize => {
                if self.gc.in_finalizer || self.gc.tobefnz.is_empty() {
                    self.gc_end_cycle();
                    return Ok(0);
                }
                self.gc.estimate = self.gc.estimate.saturating_sub(FINALIZE_COST);
                self.gc_finalize_one()?;
                FINALIZE_COST
            }
        })
    }

    fn gc_end_cycle(&mut self) {
        self.gc.phase = Phase::Pause;
        self.gc.debt = 0;
        self.gc.cycles += 1;
    }

    /// Gives every string the current white (when marking is abandoned).
    fn gc_whiten_strings(&mut self) {
        let white = self.white;
        // SAFETY: the predicate frees nothing.
        unsafe {
            self.strings.sweep(&mut self.heap, |s| {
                s.marked = (s.marked & !mark::COLORS) | white;
                false
            });
        }
    }

    /// Runs one incremental step (LuaJIT's pacing). Returns `Ok(true)`
    /// when the step finished a cycle; fails with a finalizer's error.
    pub fn gc_step(&mut self) -> Result<bool, LuaError> {
        let mut lim = (STEP_SIZE / 100).saturating_mul(self.gc.stepmul as usize);
        if lim == 0 {
            lim = usize::MAX;
        }
        let total = self.heap.used();
        if total > self.gc.threshold {
            self.gc.debt += total - self.gc.threshold;
        }
        loop {
            lim = lim.saturating_sub(self.gc_onestep()?);
            if self.gc.phase == Phase::Pause {
                self.gc.threshold = self.gc.next_threshold();
                return Ok(true);
            }
            if lim == 0 {
                break;
            }
        }
        let total = self.heap.used();
        if self.gc.debt < STEP_SIZE {
            self.gc.threshold = total.saturating_add(STEP_SIZE);
        } else {
            self.gc.debt -= STEP_SIZE;
            self.gc.threshold = total;
        }
        Ok(false)
    }

    /// A full collection: finishes any cycle in progress without
    /// marking more, then runs a complete one, finalizers included.
    pub fn gc_full(&mut self) -> Result<(), LuaError> {
        if matches!(self.gc.phase, Phase::Propagate | Phase::Atomic) {
            // Abandon the marking: nothing carries the dead white yet, so
            // the sweep below frees nothing and whitens everything.
            self.gc.gray.clear();
            self.gc.grayagain.clear();
            self.gc.weak.clear();
            self.gc_whiten_strings();
            self.gc.sweep_after = std::ptr::null_mut();
            self.gc.phase = Phase::Sweep;
        }
        while matches!(self.gc.phase, Phase::SweepStrings | Phase::Sweep) {
            self.gc_onestep()?;
        }
        self.gc.phase = Phase::Pause;
        let r = loop {
            if let Err(e) = self.gc_onestep() {
                break Err(e);
            }
            if self.gc.phase == Phase::Pause {
                break Ok(());
            }
        };
        // As LuaJIT: a full collection also restarts a stopped collector.
        self.gc.threshold = self.gc.next_threshold();
        r
    }

    /// The body of [`Vm::gc_check`]: a step when the heap has grown past
    /// the threshold, a full collection every time in stress mode.
    pub(crate) fn gc_safepoint(&mut self) {
        if self.gc.in_finalizer || !self.gc.is_running() || self.gc.closed {
            return;
        }
        if self.gc.stress != Stress::Off && !self.heap.poisons() {
            self.heap.set_poison(true);
        }
        let r = match self.gc.stress {
            Stress::Full => self.gc_full(),
            // One unit at every safepoint interleaves marking with the
            // program as finely as possible; the paced steps on top keep
            // the heap as bounded as in a normal run (a unit per
            // allocation alone falls behind a program that stores every
            // new object through a barrier).
            Stress::Incremental => self.gc_onestep().and_then(|_| {
                if self.heap.used() >= self.gc.threshold {
                    self.gc_step().map(|_| ())
                } else {
                    Ok(())
                }
            }),
            Stress::Off if self.heap.used() >= self.gc.threshold => self.gc_step().map(|_| ()),
            Stress::Off => Ok(()),
        };
        if let Err(e) = r {
            self.gc.pending_error.get_or_insert(e);
        }
    }

    /// A safepoint that can raise: runs [`Vm::gc_check`] and returns the
    /// error of a finalizer it (or an earlier safepoint) ran, as LuaJIT
    /// raises it from the allocating instruction.
    pub fn gc_check_err(&mut self) -> Result<(), LuaError> {
        self.gc_safepoint();
        match self.gc.pending_error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The safepoint for the interpreter to run after a native returns
    /// (its results on the stack, below `top`): a paced step when the
    /// heap has passed the threshold, so that loops whose only garbage
    /// comes from natives (`tostring`, `string.format`, ...) stay bounded,
    /// as LuaJIT's fast functions and C API check the collector. Stress
    /// modes are not applied here: a stress collection after every
    /// `collectgarbage` call would undo the very steps a program takes.
    /// Raises a finalizer's error as [`Vm::gc_check_err`] does.
    pub fn gc_check_native(&mut self) -> Result<(), LuaError> {
        let gc = &self.gc;
        if !gc.in_finalizer && !gc.closed && gc.is_running() && self.heap.used() >= gc.threshold {
            if let Err(e) = self.gc_step() {
                self.gc.pending_error.get_or_insert(e);
            }
        }
        match self.gc.pending_error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Registers objects the collector tracks beyond the all-objects list.
    pub(crate) fn gc_note_alloc(&mut self, ty: ObjType, p: *mut u8) {
        match ty {
            ObjType::Thread => self.gc.threads.push(p as *mut GcThread),
            ObjType::Udata => self.gc.udata.push(p as *mut crate::obj::GcUdata),
            _ => {}
        }
    }

    /// Turns collection on or off (`collectgarbage("stop"/"restart")`).
    pub fn gc_set_running(&mut self, on: bool) {
        self.gc.threshold = if on { self.heap.used() } else { usize::MAX };
    }

    /// Every safepoint runs a full collection (for finding missing
    /// roots and barriers).
    pub fn set_gc_stress(&mut self, on: bool) {
        self.gc.stress = if on { Stress::Full } else { Stress::Off };
    }

    /// Chooses a stress mode (see [`Stress`]).
    pub fn set_gc_stress_mode(&mut self, mode: Stress) {
        self.gc.stress = mode;
    }
}
