//! Garbage-collected memory.
//!
//! Every GC object starts with a [`GcHeader`] and is allocated through a
//! [`Heap`], which keeps the byte count that drives collection and
//! enforces the configurable memory limit: an allocation that would pass
//! the limit, or that the system refuses, is an [`OutOfMemory`] value that
//! the runtime turns into Lua's "not enough memory" error, never an abort.
//!
//! Collection only ever happens at explicit safepoints (where every live
//! value is reachable from a root: the stacks, the registry, the globals),
//! never inside an allocation. Between safepoints no object dies, so Rust
//! code may hold raw object handles across allocations; that rule is the
//! invariant every unsafe access to an object relies on.

mod alloc;
mod header;
mod object;

pub use alloc::{Heap, OutOfMemory};
pub use header::{mark, GcHeader, ObjType};
pub(crate) use object::gc_object;
pub use object::GcObject;
