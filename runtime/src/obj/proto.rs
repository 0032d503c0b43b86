//! Runtime function prototypes.
//!
//! A [`GcProto`] is the loaded form of a [`crate::bc::Proto`]: the
//! bytecode, the number constants as doubles and the GC constants as
//! values (strings interned, child prototypes loaded, TDUP templates built
//! as tables) sit in heap arrays whose addresses the interpreters read
//! through the offsets below. Debug information (line per instruction,
//! variable ranges, upvalue names) is only read on errors, so it lives in
//! an ordinary Rust box beside the object.

use std::mem::offset_of;

use crate::bc::{Ins, VarInfo};
use crate::gc::{gc_object, ObjType};
use crate::obj::GcStr;
use crate::value::Value;

gc_object! {
    /// A function prototype.
    pub struct GcProto : ObjType::Proto {
        pub numparams: u8,
        pub framesize: u8,
        /// Bits of [`crate::bc::proto::flags`].
        pub flags: u8,
        pub sizebc: u32,
        pub sizekgc: u32,
        pub sizekn: u32,
        pub sizeuv: u32,
        pub firstline: u32,
        pub numline: u32,
        /// The instructions, the FUNCF/FUNCV header at index 0.
        pub bc: *mut Ins,
        /// GC constants, indexed as the operands name them.
        pub kgc: *mut Value,
        /// Number constants.
        pub knum: *mut f64,
        /// Upvalue descriptors in LuaJIT's 16-bit encoding.
        pub uv: *mut u16,
        pub chunkname: *mut GcStr,
        /// Owned debug information (may be empty when stripped).
        pub debug: *mut ProtoDebug,
    }
}

/// Debug information kept beside a prototype.
#[derive(Default, Debug)]
pub struct ProtoDebug {
    pub lines: Vec<u32>,
    pub vars: Vec<VarInfo>,
    pub uvnames: Vec<std::rc::Rc<str>>,
}

pub const PROTO_OFS_BC: usize = offset_of!(GcProto, bc);
pub const PROTO_OFS_KGC: usize = offset_of!(GcProto, kgc);
pub const PROTO_OFS_KNUM: usize = offset_of!(GcProto, knum);
pub const PROTO_OFS_FRAMESIZE: usize = offset_of!(GcProto, framesize);
pub const PROTO_OFS_NUMPARAMS: usize = offset_of!(GcProto, numparams);

impl GcProto {
    pub fn is_vararg(&self) -> bool {
        self.flags & crate::bc::proto::flags::VARARG != 0
    }

    pub fn code(&self) -> &[Ins] {
        // SAFETY: `bc` holds `sizebc` instructions for the proto's life.
        unsafe { std::slice::from_raw_parts(self.bc, self.sizebc as usize) }
    }

    pub fn kgc_at(&self, i: usize) -> Value {
        debug_assert!(i < self.sizekgc as usize);
        // SAFETY: the loader checked every operand against `sizekgc`.
        unsafe { *self.kgc.add(i) }
    }

    pub fn knum_at(&self, i: usize) -> f64 {
        debug_assert!(i < self.sizekn as usize);
        // SAFETY: as above, against `sizekn`.
        unsafe { *self.knum.add(i) }
    }

    pub fn uv_desc(&self, i: usize) -> u16 {
        // SAFETY: `uv` holds `sizeuv` descriptors.
        unsafe { *self.uv.add(i) }
    }

    pub fn debug(&self) -> &ProtoDebug {
        // SAFETY: set by the loader to a live box, freed with the proto.
        unsafe { &*self.debug }
    }

    /// The source line of instruction `pc` (0 when stripped).
    pub fn line_of(&self, pc: usize) -> u32 {
        self.debug().lines.get(pc).copied().unwrap_or(0)
    }

    pub fn chunk_name(&self) -> &[u8] {
        // SAFETY: an interned string kept alive with the proto.
        unsafe { (*self.chunkname).as_bytes() }
    }

    /// The name of the local variable in `slot` live at `pc`, following
    /// LuaJIT's rule: the n-th variable live at pc holds slot n.
    pub fn var_name(&self, pc: usize, slot: usize) -> Option<&str> {
        let mut slot = slot;
        for v in &self.debug().vars {
            if v.start_pc as usize > pc {
                break;
            }
            if pc < v.end_pc as usize {
                if slot == 0 {
                    return Some(&v.name);
                }
                slot -= 1;
            }
        }
        None
    }

    pub fn uv_name(&self, i: usize) -> &str {
        self.debug().uvnames.get(i).map_or("?", |s| s)
    }
}
