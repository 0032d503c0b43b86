//! Number ↔ string conversions used by the VM: `%.14g` formatting as
//! LuaJIT prints numbers, and string-to-number coercion with `tonumber`'s
//! acceptance rules. This is the single point where the VM reaches the
//! standard library's exact formatter and scanner (checked there against
//! luajit).

/// Formats a number as LuaJIT's `tostring` does (`%.14g`).
pub fn fmt_num(n: f64) -> String {
    String::from_utf8_lossy(&crate::stdlib::numfmt::number_to_string(n)).into_owned()
}

/// Converts a string to a number the way arithmetic coercion and
/// `tonumber` do, or `None`.
pub fn str_to_num(s: &[u8]) -> Option<f64> {
    crate::stdlib::strscan::str_to_number(s)
}
