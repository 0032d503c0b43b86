//! Rust values stored in the payload of a full userdata, for library
//! state that must live in the heap (the PRNG of `math.random`, the
//! handle of an io file).
//!
//! # Invariants
//! - A box is created by [`new_box`] with `udtype` set to a tag the caller
//!   chooses, and its payload holds exactly one `T` written with
//!   `write_unaligned` (payloads are only byte-aligned).
//! - [`with`] is only called with the `T` the box was created for: callers
//!   check the `udtype` tag first.
//! - The `T` is never dropped by the heap: types with drop glue release
//!   their resources explicitly (an io file is closed by `close` or its
//!   `__gc` metamethod) before the userdata dies.

use crate::obj::GcUdata;
use crate::value::Value;
use crate::vm::{obj, val, LuaError, Vm};

/// A new userdata tagged `tag` holding `v`.
pub(crate) fn new_box<T>(vm: &mut Vm, tag: u8, v: T) -> Result<Value, LuaError> {
    let u = vm.new_udata(std::mem::size_of::<T>())?;
    // SAFETY: a fresh payload of `size_of::<T>()` bytes; see the module
    // invariants.
    unsafe {
        let u = &mut *u.as_ptr();
        u.udtype = tag;
        std::ptr::write_unaligned(u.payload() as *mut T, v);
    }
    Ok(val::<GcUdata>(u.as_ptr()))
}

/// The tag of a userdata value, `None` for any other value.
pub(crate) fn tag_of(v: Value) -> Option<u8> {
    if v.itype() != crate::value::itype::UDATA {
        return None;
    }
    // SAFETY: a userdata value points at a live userdata.
    Some(unsafe { (*obj::<GcUdata>(v)).udtype })
}

/// Runs `f` on the `T` in box `v`, writing it back afterwards.
///
/// The caller guarantees `v` is a box of `T` (checked by its tag).
pub(crate) fn with<T, R>(v: Value, f: impl FnOnce(&mut T) -> R) -> R {
    let u = obj::<GcUdata>(v);
    // SAFETY: per the module invariants the payload holds one `T`; it is
    // moved out, used and moved back, so no copy is dropped twice.
    unsafe {
        let p = (*u).payload() as *mut T;
        let mut x = std::ptr::read_unaligned(p);
        let r = f(&mut x);
        std::ptr::write_unaligned(p, x);
        r
    }
}
