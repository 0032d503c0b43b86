//! The data block a template's DISPATCH register points at.

use std::mem::offset_of;

use crate::hotcount;
use xlj_runtime::bc::OP_COUNT;

/// Fast-function ids are bytes: one table entry each.
pub const FAST_FUNCTION_IDS: usize = 256;

/// The dispatch table (one fragment address per opcode), the fast
/// functions (one address per builtin number, the hand-over for those a
/// template lacks) and the hot counters. It lives in a `Box` owned by the
/// generated interpreter, so its address is fixed and can be built into
/// the code.
#[repr(C)]
pub struct DispatchData {
    pub table: [u64; OP_COUNT],
    pub fast: [u64; FAST_FUNCTION_IDS],
    pub hotcount: [u16; hotcount::SIZE],
}

pub const DISPATCH_OFS_TABLE: usize = offset_of!(DispatchData, table);
pub const DISPATCH_OFS_FAST: usize = offset_of!(DispatchData, fast);
pub const DISPATCH_OFS_HOTCOUNT: usize = offset_of!(DispatchData, hotcount);

impl DispatchData {
    pub(crate) fn new() -> Box<DispatchData> {
        Box::new(DispatchData {
            table: [0; OP_COUNT],
            fast: [0; FAST_FUNCTION_IDS],
            hotcount: [hotcount::START; hotcount::SIZE],
        })
    }
}
