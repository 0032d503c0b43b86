//! The data block a template's DISPATCH register points at.

use std::mem::offset_of;

use crate::hotcount;
use xlj_runtime::bc::OP_COUNT;

/// The dispatch table (one fragment address per opcode) followed by the
/// hot counters. It lives in a `Box` owned by the generated interpreter,
/// so its address is fixed and can be built into the code.
#[repr(C)]
pub struct DispatchData {
    pub table: [u64; OP_COUNT],
    pub hotcount: [u16; hotcount::SIZE],
}

pub const DISPATCH_OFS_TABLE: usize = offset_of!(DispatchData, table);
pub const DISPATCH_OFS_HOTCOUNT: usize = offset_of!(DispatchData, hotcount);

impl DispatchData {
    pub(crate) fn new() -> Box<DispatchData> {
        Box::new(DispatchData {
            table: [0; OP_COUNT],
            hotcount: [hotcount::START; hotcount::SIZE],
        })
    }
}
