//! Field offsets that interpreter templates and JIT backends address,
//! gathered in one place. Each is computed from the type's declaration
//! (`offset_of!`), so a layout change cannot leave an engine behind.

use std::mem::{offset_of, size_of};

use crate::gc::GcHeader;
use crate::obj::{GcFunc, GcProto, GcStr, GcTab, GcThread, GcUpval, Node};

pub use crate::obj::func::{FUNC_OFS_ENV, FUNC_OFS_FFID, FUNC_OFS_PC, FUNC_OFS_UPVALUES};
pub use crate::obj::proto::{
    PROTO_OFS_BC, PROTO_OFS_FRAMESIZE, PROTO_OFS_KGC, PROTO_OFS_KNUM, PROTO_OFS_NUMPARAMS,
};
pub use crate::obj::thread::{THREAD_OFS_BASE, THREAD_OFS_STACK, THREAD_OFS_TOP};
pub use crate::obj::upval::{UPVAL_OFS_CLOSED, UPVAL_OFS_V};

/// The mark bits of every object's header.
pub const GC_OFS_MARKED: usize = offset_of!(GcHeader, marked);

pub const FUNC_OFS_PROTO: usize = offset_of!(GcFunc, proto);
pub const PROTO_OFS_FLAGS: usize = offset_of!(GcProto, flags);

pub const STR_OFS_HASH: usize = offset_of!(GcStr, hash);
pub const STR_OFS_LEN: usize = offset_of!(GcStr, len);
/// The string's bytes follow its header directly.
pub const STR_OFS_DATA: usize = size_of::<GcStr>();

pub const TAB_OFS_NOMM: usize = offset_of!(GcTab, nomm);
pub const TAB_OFS_ARRAY: usize = offset_of!(GcTab, array);
pub const TAB_OFS_METATABLE: usize = offset_of!(GcTab, metatable);
pub const TAB_OFS_NODE: usize = offset_of!(GcTab, node);
pub const TAB_OFS_ASIZE: usize = offset_of!(GcTab, asize);
pub const TAB_OFS_HMASK: usize = offset_of!(GcTab, hmask);

pub const NODE_SIZE: usize = size_of::<Node>();
pub const NODE_OFS_VAL: usize = offset_of!(Node, val);
pub const NODE_OFS_KEY: usize = offset_of!(Node, key);
pub const NODE_OFS_NEXT: usize = offset_of!(Node, next);

pub const THREAD_OFS_OPENUPVAL: usize = offset_of!(GcThread, openupval);
pub const UPVAL_OFS_LEVEL: usize = offset_of!(GcUpval, level);
