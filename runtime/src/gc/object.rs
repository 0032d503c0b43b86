//! Declaring GC object types.
//!
//! Every object type begins with the fields of [`GcHeader`], inline (not
//! nested), so that small type-specific fields fill the bytes after `gct`
//! instead of padding; `gc_object!` writes those three fields first. Since
//! all such structs are `repr(C)` and share that initial sequence, a pointer
//! to any object may be read as a pointer to its `GcHeader`.

/// Declares a `repr(C)` GC object struct whose first fields are the GC
/// header's (`next`, `marked`, `gct`), and implements [`GcObject`] for it.
macro_rules! gc_object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident : $ty:path {
            $( $(#[$fmeta:meta])* pub $field:ident : $fty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $name {
            /// Next object on this object's GC list.
            pub next: *mut $crate::gc::GcHeader,
            /// Mark bits (see [`crate::gc::mark`]).
            pub marked: u8,
            /// The object's type byte.
            pub gct: u8,
            $( $(#[$fmeta])* pub $field : $fty, )*
        }

        // SAFETY: the macro places GcHeader's fields first, in its order,
        // in a repr(C) struct.
        unsafe impl $crate::gc::GcObject for $name {
            const TYPE: $crate::gc::ObjType = $ty;
        }
    };
}

pub(crate) use gc_object;

use super::header::{GcHeader, ObjType};

/// A GC object type.
///
/// # Safety
/// Implementors must be `repr(C)` structs starting with `GcHeader`'s
/// fields in order (use `gc_object!`).
pub unsafe trait GcObject: Sized {
    const TYPE: ObjType;

    fn header(&self) -> &GcHeader {
        // SAFETY: by the trait's contract the object starts with the header.
        unsafe { &*(self as *const Self as *const GcHeader) }
    }

    fn header_mut(&mut self) -> &mut GcHeader {
        // SAFETY: as above.
        unsafe { &mut *(self as *mut Self as *mut GcHeader) }
    }
}

/// Where data that follows an object in the same block starts: the
/// object's size rounded up to 8, so trailing values and doubles are
/// aligned on 32-bit targets too (where a struct of pointers may end on
/// a 4-byte boundary). Blocks themselves are 8-aligned (`Heap`).
pub const fn trailing_data_offset(object_size: usize) -> usize {
    (object_size + 7) & !7
}
