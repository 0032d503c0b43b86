//! The GC object types: strings, tables, prototypes, closures, upvalues,
//! userdata and threads.
//!
//! Objects are plain `repr(C)` structs (declared with `gc_object!`) so that
//! interpreter templates and JIT backends can address their fields by the
//! offsets exported next to each type. Rust code reaches them through raw
//! pointers; the GC's safepoint rule (see [`crate::gc`]) keeps every object
//! a handle points at alive between safepoints.

pub mod func;
pub mod offsets;
pub mod proto;
pub mod string;
pub mod table;
pub mod thread;
pub mod udata;
pub mod upval;

pub use func::{GcFunc, NativeFn};
pub use proto::GcProto;
pub use string::{GcStr, StrTable};
pub use table::{GcTab, Node};
pub use thread::GcThread;
pub use udata::GcUdata;
pub use upval::GcUpval;
