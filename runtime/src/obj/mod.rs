//! The GC object types: strings and tables so far; closures, upvalues,
//! prototypes, userdata and threads join them as the runtime grows.
//!
//! Objects are plain `repr(C)` structs (declared with `gc_object!`) so that
//! interpreter templates and JIT backends can address their fields by the
//! offsets exported next to each type. Rust code reaches them through raw
//! pointers; the GC's safepoint rule (see [`crate::gc`]) keeps every object
//! a handle points at alive between safepoints.

pub mod string;
pub mod table;

pub use string::{GcStr, StrTable};
pub use table::{GcTab, Node};
