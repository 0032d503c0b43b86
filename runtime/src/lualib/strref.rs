//! Borrowing the bytes of Lua strings without copying them, for the
//! string functions that only read their subject (`sub`, `byte`, `find`,
//! `match`, `gmatch`, `gsub`): copying would make a loop over a long
//! string quadratic.
//!
//! # Invariants
//! - Strings are immutable and the collector never moves objects, so a
//!   string's bytes stay put for as long as the string lives.
//! - A native's arguments live in its frame for the whole call, and the
//!   upvalues of the running closure live as long as the closure, which
//!   is in the frame's function slot. A number argument converted to a
//!   string is stored back into its argument slot (as LuaJIT's
//!   `lj_lib_checkstr` does) so that the new string is rooted too.
//! - Slices are therefore valid until the native returns, even across
//!   calls back into Lua (which may collect garbage); callers must not
//!   keep them longer. The lifetime is chosen by the caller, which is why
//!   these functions are confined to this module and documented here.

use crate::obj::GcStr;
use crate::value::{itype, Value};
use crate::vm::{number, obj, Args, LuaError, Vm};

/// The bytes of a string value that is rooted for the rest of the native
/// call (an argument or an upvalue of the running closure).
pub(crate) fn rooted_bytes<'a>(v: Value) -> &'a [u8] {
    debug_assert_eq!(v.itype(), itype::STR);
    // SAFETY: see the module invariants; `v` is a live, rooted string.
    unsafe { (*obj::<GcStr>(v)).as_bytes() }
}

/// Argument `n` (1-based) as bytes, numbers converted; the slice is valid
/// until the native returns.
pub(crate) fn check_slice<'a>(vm: &mut Vm, a: Args, n: u32) -> Result<&'a [u8], LuaError> {
    let v = vm.arg(a, n - 1);
    let s = if v.itype() == itype::STR {
        v
    } else if let Some(x) = v.as_number() {
        let s = vm.new_str(number::fmt_num(x).as_bytes())?;
        vm.thread().set(a.base + n - 1, s);
        s
    } else {
        return Err(vm.type_error(a, n, "string"));
    };
    Ok(rooted_bytes(s))
}
