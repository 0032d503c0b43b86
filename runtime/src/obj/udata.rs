//! Full userdata: an opaque payload with a metatable and an environment.
//! The payload bytes follow the object in the same allocation.

use std::mem::offset_of;

use crate::gc::{gc_object, trailing_data_offset, GcHeader, ObjType};
use crate::obj::GcTab;

gc_object! {
    /// A userdata object, followed in memory by `len` payload bytes.
    pub struct GcUdata : ObjType::Udata {
        /// Kind of payload (0: plain), for library-private tagging.
        pub udtype: u8,
        pub len: u32,
        pub env: *mut GcTab,
        pub gclist: *mut GcHeader,
        pub metatable: *mut GcTab,
    }
}

pub const UDATA_OFS_METATABLE: usize = offset_of!(GcUdata, metatable);
/// Byte offset of the payload (8-aligned on every target).
pub const UDATA_OFS_PAYLOAD: usize = trailing_data_offset(std::mem::size_of::<GcUdata>());

impl GcUdata {
    pub const fn alloc_size(len: usize) -> usize {
        UDATA_OFS_PAYLOAD + len
    }

    pub fn payload(&mut self) -> *mut u8 {
        // SAFETY: the payload follows the header in the same block.
        unsafe { (self as *mut GcUdata as *mut u8).add(UDATA_OFS_PAYLOAD) }
    }
}
