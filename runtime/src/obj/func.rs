//! Closures.
//!
//! One layout serves Lua and native closures, told apart by `ffid`
//! (0: Lua). The upvalue words follow the object in the same block: for a
//! Lua closure each is a `*mut GcUpval`, for a native closure each is a
//! [`Value`]. Fast functions (`pcall`, `next`, `coroutine.yield`, ...) are
//! native closures with their own `ffid`, so engines can recognise them
//! by one byte compare and take a fast path.
//!
//! ```text
//!  +--------+--------+-----+------+-----------+-----+--------+----+--------+---------+
//!  | next   | marked | gct | ffid | nupvalues | env | gclist | pc | proto  | native  | upvalues...
//!  +--------+--------+-----+------+-----------+-----+--------+----+--------+---------+
//! ```

use std::mem::offset_of;

use crate::bc::Ins;
use crate::gc::{gc_object, trailing_data_offset, GcHeader, ObjType};
use crate::obj::{GcProto, GcTab, GcUpval};
use crate::value::Value;
use crate::vm::{Args, LuaError, Vm};

/// A native function: reads its arguments through `Args`, pushes its
/// results on the stack top and returns how many it pushed.
pub type NativeFn = fn(&mut Vm, Args) -> Result<u32, LuaError>;

/// Fast-function ids: 0 is a Lua closure, 1 a plain native, and the rest
/// LuaJIT's builtin numbers (see [`crate::vm::builtins`]); these are the
/// ones the interpreters handle themselves.
pub mod ffid {
    pub const LUA: u8 = 0;
    pub const NATIVE: u8 = 1;
    pub const NEXT: u8 = 4;
    pub const IPAIRS_AUX: u8 = 6;
    pub const TOSTRING: u8 = 18;
    pub const PCALL: u8 = 20;
    pub const XPCALL: u8 = 21;
    pub const YIELD: u8 = 34;
    pub const RESUME: u8 = 35;
    pub const WRAP_AUX: u8 = 36;
}

gc_object! {
    /// A closure, followed in memory by `nupvalues` upvalue words.
    pub struct GcFunc : ObjType::Func {
        pub ffid: u8,
        pub nupvalues: u8,
        pub env: *mut GcTab,
        pub gclist: *mut GcHeader,
        /// Lua: the first instruction after the header; native: null.
        pub pc: *const Ins,
        /// Lua: the prototype; native: null.
        pub proto: *mut GcProto,
        /// Native: the Rust function.
        pub native: Option<NativeFn>,
    }
}

pub const FUNC_OFS_FFID: usize = offset_of!(GcFunc, ffid);
pub const FUNC_OFS_PC: usize = offset_of!(GcFunc, pc);
pub const FUNC_OFS_ENV: usize = offset_of!(GcFunc, env);
/// Byte offset of the first upvalue word (8-aligned on every target).
pub const FUNC_OFS_UPVALUES: usize = trailing_data_offset(std::mem::size_of::<GcFunc>());

impl GcFunc {
    pub const fn alloc_size(nupvalues: usize) -> usize {
        FUNC_OFS_UPVALUES + nupvalues * 8
    }

    pub fn is_lua(&self) -> bool {
        self.ffid == ffid::LUA
    }

    fn upvalue_word(&self, i: usize) -> *mut u64 {
        debug_assert!(i < self.nupvalues as usize);
        // SAFETY: the block holds `nupvalues` words after the struct.
        unsafe { (self as *const GcFunc as *mut u8).add(FUNC_OFS_UPVALUES + i * 8) as *mut u64 }
    }

    /// Upvalue `i` of a Lua closure.
    pub fn uv(&self, i: usize) -> *mut GcUpval {
        // SAFETY: a Lua closure's words hold upvalue pointers.
        unsafe { *self.upvalue_word(i) as usize as *mut GcUpval }
    }

    pub fn set_uv(&mut self, i: usize, uv: *mut GcUpval) {
        // SAFETY: as above.
        unsafe { *self.upvalue_word(i) = uv as usize as u64 }
    }

    /// Upvalue `i` of a native closure.
    pub fn native_uv(&self, i: usize) -> Value {
        // SAFETY: a native closure's words hold values.
        Value(unsafe { *self.upvalue_word(i) })
    }

    pub fn set_native_uv(&mut self, i: usize, v: Value) {
        // SAFETY: as above.
        unsafe { *self.upvalue_word(i) = v.0 }
    }

    pub fn proto(&self) -> &GcProto {
        // SAFETY: Lua closures keep their prototype alive.
        unsafe { &*self.proto }
    }
}
