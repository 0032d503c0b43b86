//! Giving thread stacks back: a stack grown by a deep recursion stays
//! large after the recursion unwinds, so every cycle's atomic phase halves
//! the stacks of live threads that use less than a quarter of theirs (as
//! LuaJIT's collector does while it traverses a thread).
//!
//! The used part is what the thread's frames may still touch: its `top`
//! and, for every Lua frame on it, the frame's base plus its frame size
//! (a caller resumes using its registers without checking the stack
//! again), plus the headroom the interpreter counts on above every frame
//! (`FRAME_EXTRA`: it checks the stack once per call, not per access). Only
//! threads whose frame chain is complete are walked: running threads, the
//! coroutines that resumed them, and suspended coroutines; dead and fresh
//! ones are left alone.

use crate::obj::thread::status;
use crate::obj::GcThread;
use crate::vm::Vm;

/// Stacks at most this large (in slots) are never worth walking.
const SMALL_STACK: u32 = 256;
/// Slots above the frames a frame may use without checking the stack:
/// the interpreter's headroom above every Lua frame (one instruction's
/// reach: continuation frames, up to 255 call arguments or results) and
/// a native's minimum stack.
const MARGIN: u32 = crate::interp::FRAME_EXTRA + 32;

impl Vm {
    /// Halves the stacks of live threads that use under a quarter of
    /// theirs. Runs in the atomic phase (a safepoint), after dead threads
    /// left the thread list.
    pub(crate) fn gc_shrink_stacks(&mut self) {
        for i in 0..self.gc.threads.len() {
            let th = self.gc.threads[i];
            // SAFETY: the list holds the live threads.
            let (st, size) = unsafe { ((*th).status, (*th).stacksize) };
            if size <= SMALL_STACK || st == status::DEAD || st == status::FRESH {
                continue;
            }
            let used = self.stack_in_use(th);
            // SAFETY: as above; the heap is a separate field.
            unsafe { (*th).shrink(&mut self.heap, used) };
        }
    }

    /// The slots `th`'s frames may still use (see the module docs).
    fn stack_in_use(&mut self, th: *mut GcThread) -> u32 {
        // The frame walk reads the running thread: point it at `th` for
        // the walk (nothing runs meanwhile).
        let running = self.cur;
        self.cur = th;
        let frames = self.frames(None);
        let mut used = self.thread().top;
        for f in &frames {
            if let Some(pt) = self.frame_proto(f) {
                used = used.max(f.run_base + pt.framesize as u32);
            }
        }
        self.cur = running;
        used.saturating_add(MARGIN)
    }
}
