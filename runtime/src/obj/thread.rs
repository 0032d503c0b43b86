//! Threads (coroutines): each owns a stack of values.
//!
//! The stack is one heap block of `stacksize` slots; `base` and `top` are
//! slot indices (not pointers), so reallocating the stack only needs the
//! open upvalues re-pointed. Slots from `top` to the end always hold nil
//! up to the highest slot ever used, so a frame may read its slots without
//! clearing them first and the collector may scan up to `top`.

use std::mem::offset_of;
use std::ptr::NonNull;

use crate::gc::{gc_object, GcHeader, Heap, ObjType, OutOfMemory};
use crate::obj::{GcTab, GcUpval};
use crate::value::Value;

/// Coroutine states.
pub mod status {
    /// Created, never resumed.
    pub const FRESH: u8 = 0;
    /// Yielded.
    pub const SUSPENDED: u8 = 1;
    pub const RUNNING: u8 = 2;
    /// Resumed another coroutine.
    pub const NORMAL: u8 = 3;
    pub const DEAD: u8 = 4;
}

/// The largest stack in slots (LuaJIT's limit); passing it is `stack overflow`.
pub const MAX_STACK: u32 = 65500;
/// Slots kept beyond the limit so the error handler can still run.
pub const STACK_EXTRA: u32 = 200;
const INITIAL_STACK: u32 = 64;

gc_object! {
    /// A thread.
    pub struct GcThread : ObjType::Thread {
        pub status: u8,
        /// Set while a stack overflow is being reported (the extra slots are in use).
        pub overflowed: u8,
        pub stacksize: u32,
        pub stack: *mut Value,
        pub base: u32,
        pub top: u32,
        pub openupval: *mut GcUpval,
        pub gclist: *mut GcHeader,
        pub env: *mut GcTab,
        /// Depth of native re-entries when this coroutine was resumed: a
        /// yield at a different depth would cross a Rust frame.
        pub ccall_mark: u32,
    }
}

pub const THREAD_OFS_STACK: usize = offset_of!(GcThread, stack);
pub const THREAD_OFS_BASE: usize = offset_of!(GcThread, base);
pub const THREAD_OFS_TOP: usize = offset_of!(GcThread, top);

impl GcThread {
    /// Fills in a freshly allocated thread and gives it an initial stack.
    pub fn init(&mut self, heap: &mut Heap, env: *mut GcTab) -> Result<(), OutOfMemory> {
        self.status = status::FRESH;
        self.overflowed = 0;
        self.stacksize = 0;
        self.stack = std::ptr::null_mut();
        self.base = 0;
        self.top = 0;
        self.openupval = std::ptr::null_mut();
        self.gclist = std::ptr::null_mut();
        self.env = env;
        self.ccall_mark = 0;
        let p = heap.alloc(INITIAL_STACK as usize * 8)?.cast::<Value>();
        self.stack = p.as_ptr();
        self.stacksize = INITIAL_STACK;
        self.fill_nil(0, INITIAL_STACK);
        Ok(())
    }

    fn fill_nil(&mut self, from: u32, to: u32) {
        for i in from..to {
            // SAFETY: i < stacksize.
            unsafe { *self.stack.add(i as usize) = Value::NIL };
        }
    }

    pub fn get(&self, i: u32) -> Value {
        debug_assert!(i < self.stacksize);
        // SAFETY: callers index below `stacksize` (ensured by `ensure`).
        unsafe { *self.stack.add(i as usize) }
    }

    pub fn set(&mut self, i: u32, v: Value) {
        debug_assert!(i < self.stacksize);
        // SAFETY: as in `get`.
        unsafe { *self.stack.add(i as usize) = v }
    }

    pub fn slot_ptr(&mut self, i: u32) -> *mut Value {
        // SAFETY: as in `get`; the pointer is valid until the stack grows.
        unsafe { self.stack.add(i as usize) }
    }

    /// Makes sure slots `0..need` exist. Fails with `Ok(false)` when that
    /// would pass the stack limit.
    pub fn ensure(&mut self, heap: &mut Heap, need: u32) -> Result<bool, OutOfMemory> {
        if need <= self.stacksize {
            return Ok(true);
        }
        let limit = if self.overflowed != 0 {
            MAX_STACK + STACK_EXTRA
        } else {
            MAX_STACK
        };
        if need > limit {
            return Ok(false);
        }
        let mut n = self.stacksize.max(INITIAL_STACK);
        while n < need {
            n *= 2;
        }
        self.resize(heap, n.min(limit))?;
        Ok(true)
    }

    /// Halves a stack whose used part (`used` slots, counted by the
    /// collector from the frames) is under a quarter of it, as LuaJIT's
    /// collector does: a deep recursion's stack is given back once it has
    /// unwound. Never below twice the used part, never while a stack
    /// overflow is being handled. Returns whether the stack shrank.
    pub fn shrink(&mut self, heap: &mut Heap, used: u32) -> bool {
        if self.overflowed != 0 || self.stacksize > MAX_STACK || self.stack.is_null() {
            return false;
        }
        let half = self.stacksize / 2;
        if used.saturating_mul(4) >= self.stacksize || half < 2 * INITIAL_STACK {
            return false;
        }
        // A refused shrink keeps the old, larger stack: nothing is lost.
        self.resize(heap, half).is_ok()
    }

    /// Reallocates the stack to `n` slots: new slots are nil, slots past
    /// `n` are dropped, open upvalues follow the block.
    fn resize(&mut self, heap: &mut Heap, n: u32) -> Result<(), OutOfMemory> {
        // SAFETY: the block came from this heap with `stacksize` slots.
        let p = unsafe {
            heap.realloc(
                NonNull::new_unchecked(self.stack).cast(),
                self.stacksize as usize * 8,
                n as usize * 8,
            )?
        };
        self.stack = p.cast::<Value>().as_ptr();
        let old = self.stacksize;
        self.stacksize = n;
        self.fill_nil(old, n);
        self.top = self.top.min(n);
        let mut uv = self.openupval;
        // SAFETY: the open list holds live upvalues of this thread, all
        // below the used part (they are slots of live frames).
        unsafe {
            while let Some(u) = uv.as_mut() {
                u.v = self.stack.add(u.level as usize);
                uv = u.nextopen;
            }
        }
        Ok(())
    }

    /// Frees the stack (the thread object itself is freed by the VM).
    pub fn free_stack(&mut self, heap: &mut Heap) {
        if let Some(p) = NonNull::new(self.stack) {
            // SAFETY: allocated by `init`/`ensure` with this size.
            unsafe { heap.free(p.cast(), self.stacksize as usize * 8) };
        }
        self.stack = std::ptr::null_mut();
        self.stacksize = 0;
    }
}
