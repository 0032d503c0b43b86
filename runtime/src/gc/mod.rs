//! Garbage-collected memory and the incremental collector.
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
//!
//! The collector is an incremental tri-colour mark & sweep in the style
//! of LuaJIT's: a cycle goes pause → propagate → atomic → sweep strings
//! → sweep → finalize, a little at every step ([`state`] for the phases
//! and pacing, `marking` for colouring and traversal, `cycle` for the state
//! machine, `finalize` for `__gc`, `barrier` for the write barriers every
//! store into a table or upvalue must call, `lib` for `collectgarbage`
//! and `newproxy`). Two whites alternate: after marking, the white is
//! flipped, so objects created during the sweep carry the new white and
//! survive it while unreached ones still carry the old, dead one.
//!
//! The interpreter's safepoints call [`crate::vm::Vm::gc_check_err`],
//! which also raises the error of a `__gc` finalizer the step ran (as
//! LuaJIT raises it from the allocating instruction); natives call the
//! infallible `gc_check`, whose finalizer errors wait for the next one.
//! [`crate::vm::Vm::gc_check_native`] is the safepoint for right after a
//! native returns; until the interpreter calls it there, a loop whose only
//! garbage comes from natives (`tostring(i)` and nothing else) reaches no
//! safepoint and its heap grows until an allocating instruction runs.
//!
//! Differences from LuaJIT: thread stacks are shrunk in the atomic
//! phase rather than while a thread is traversed (`stacks`); the string
//! table's chain array and the collector's own lists are not charged to
//! the heap; a dying thread's reachable open upvalues are closed in the
//! atomic phase (LuaJIT closes them when it frees the thread).

mod alloc;
mod barrier;
mod cycle;
mod finalize;
mod header;
pub mod lib;
mod marking;
mod object;
mod stacks;
pub mod state;
mod verify;

#[cfg(test)]
mod tests;

pub use alloc::{Heap, OutOfMemory};
pub use header::{mark, GcHeader, ObjType};
pub(crate) use object::gc_object;
pub use object::{trailing_data_offset, GcObject};
pub use state::{GcState, Phase, Stress};
