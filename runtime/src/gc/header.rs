//! The header every GC object starts with, and the mark bits.

/// The type of a GC object, numbered as the value tags (`!itype`), so that
/// `itype == !(gct as u32)` for every object type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjType {
    Str = 4,
    Upval = 5,
    Thread = 6,
    Proto = 7,
    Func = 8,
    Trace = 9,
    CData = 10,
    Tab = 11,
    Udata = 12,
}

impl ObjType {
    /// The value tag of a value pointing at an object of this type.
    pub const fn itype(self) -> u32 {
        !(self as u32)
    }
}

/// Mark bits in [`GcHeader::marked`].
///
/// Two white colours alternate between cycles: objects allocated during a
/// sweep get the *current* white and survive it, while objects still
/// carrying the *other* white after marking are dead.
pub mod mark {
    pub const WHITE0: u8 = 0x01;
    pub const WHITE1: u8 = 0x02;
    pub const BLACK: u8 = 0x04;
    /// The object is queued for, or has run, its `__gc` finalizer.
    pub const FINALIZED: u8 = 0x08;
    /// Never collected (reserved-word strings, the main thread).
    pub const FIXED: u8 = 0x20;
    pub const WHITES: u8 = WHITE0 | WHITE1;
    pub const COLORS: u8 = WHITES | BLACK;
}

/// The first field of every GC object.
#[repr(C)]
#[derive(Debug)]
pub struct GcHeader {
    /// Next object in the list this object lives on (all objects, a
    /// string-table chain, or the finalizer queue).
    pub next: *mut GcHeader,
    pub marked: u8,
    /// The object's [`ObjType`] as a byte.
    pub gct: u8,
}

impl GcHeader {
    pub fn new(ty: ObjType, white: u8) -> GcHeader {
        GcHeader {
            next: std::ptr::null_mut(),
            marked: white,
            gct: ty as u8,
        }
    }

    pub fn is_white(&self) -> bool {
        self.marked & mark::WHITES != 0
    }

    pub fn is_black(&self) -> bool {
        self.marked & mark::BLACK != 0
    }

    /// Gray: neither white nor black (reached, children not yet traversed).
    pub fn is_gray(&self) -> bool {
        self.marked & mark::COLORS == 0
    }
}
