//! The target-neutral trace compiler of xlj (not yet built).
//!
//! The seam it will own: the trace recorder turns the bytecode path the
//! interpreter actually executed into one SSA IR with type guards and
//! snapshots; the optimizer (folding, CSE, DCE, loop-invariant hoisting,
//! integer narrowing) rewrites it; register allocation and a backward
//! emission pass hand each instruction to a target backend
//! (`targets/<isa>`) through a backend trait. Like `runtime`, it never names
//! an instruction set: it asks the backend for capabilities (pointer width,
//! endianness, branch range, soft float) and splits 64-bit IR into 32-bit
//! pairs for targets that need it.
