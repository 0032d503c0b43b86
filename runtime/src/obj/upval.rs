//! Upvalues: a variable shared between closures.
//!
//! An open upvalue points at a live stack slot of its thread and sits on
//! that thread's list of open upvalues, sorted by slot from the top down,
//! so closing everything above a level (UCLO, returns, unwinding) walks a
//! prefix of the list. Closing copies the value into the upvalue and points
//! `v` at that copy. When a stack is reallocated its open upvalues are
//! re-pointed from their `level`.

use std::mem::offset_of;

use crate::gc::{gc_object, ObjType};
use crate::value::Value;

gc_object! {
    /// An upvalue.
    pub struct GcUpval : ObjType::Upval {
        pub closed: u8,
        /// Never assigned after capture (bit 14 of the descriptor).
        pub immutable: u8,
        /// Slot index in the owning thread's stack while open.
        pub level: u32,
        /// The value once closed.
        pub tv: Value,
        /// Where the value lives: the stack slot or `tv`.
        pub v: *mut Value,
        /// Next open upvalue of the same thread (lower level).
        pub nextopen: *mut GcUpval,
    }
}

pub const UPVAL_OFS_V: usize = offset_of!(GcUpval, v);
pub const UPVAL_OFS_CLOSED: usize = offset_of!(GcUpval, closed);

impl GcUpval {
    pub fn get(&self) -> Value {
        // SAFETY: `v` points at a live stack slot (open) or at `tv`.
        unsafe { *self.v }
    }

    pub fn set(&mut self, val: Value) {
        // SAFETY: as in `get`.
        unsafe { *self.v = val }
    }

    /// Copies the value in and points at the copy.
    pub fn close(&mut self) {
        self.tv = self.get();
        self.v = &mut self.tv;
        self.closed = 1;
    }
}
