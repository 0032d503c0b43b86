//! The pure string machinery of the standard library.
//!
//! Everything here works on byte slices, `f64` and `i64` and knows nothing
//! of the object model, so the library functions (`tostring`, `tonumber`,
//! `string.format`, `string.find` and friends) can be thin wrappers that
//! fetch arguments, call in here and box the results. The behaviour is
//! LuaJIT 2.1's, byte for byte, as recorded from the `luajit` binary into
//! the golden files under `runtime/tests/golden/stdlib/`.
//!
//! - [`numfmt`]: numbers to text: `tostring` (`%.14g` with LuaJIT's
//!   rounding) and the floating-point conversions of `string.format`.
//! - [`strscan`]: text to numbers: `tonumber(s)` and `tonumber(s, base)`.
//! - [`format`]: `string.format`, with arguments fetched lazily through
//!   [`format::FormatArgs`].
//! - [`pattern`]: the Lua 5.1 pattern matcher and the find, match, gmatch
//!   and gsub drivers built on it.

pub mod bit;
pub mod format;
pub mod math;
pub mod numfmt;
pub mod ostime;
pub mod pattern;
pub mod sort;
pub mod strscan;
