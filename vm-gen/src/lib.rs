//! vm-gen: turns a target's interpreter template into a running
//! interpreter at VM start-up.
//!
//! The pieces, all target-neutral:
//! - [`optable`]: the one opcode table every template is checked against
//!   (operands from [`xlj_runtime::bc::OPS`], plus what an engine must
//!   know: which opcodes are loop heads or function headers, which are
//!   followed by a jump, which only the JIT produces);
//! - [`hotcount`]: the hot counters' parameters and hash, shared by every
//!   template and by the hook that resets them;
//! - [`DispatchData`]: the block a template's DISPATCH register points at
//!   (the dispatch table, then the hot counters);
//! - [`Template`]: what a target provides — its gates (entry and exits
//!   between Rust and the interpreter), subroutines, one fragment per
//!   opcode and the fast functions it has in assembly (by LuaJIT's builtin
//!   numbers, `xlj_runtime::vm::builtins`);
//! - [`generate`]: assembles a template with `asm-dsl` into executable
//!   memory, checks that every opcode got a fragment, fills the dispatch
//!   table and returns a [`GeneratedInterp`], which the runtime runs
//!   through its [`Engine`](xlj_runtime::interp::engine::Engine) seam.

mod dispatch;
mod generate;
pub mod hotcount;
pub mod optable;

pub use dispatch::{
    DispatchData, DISPATCH_OFS_FAST, DISPATCH_OFS_HOTCOUNT, DISPATCH_OFS_TABLE, FAST_FUNCTION_IDS,
};
pub use generate::{
    generate, GenError, GenStats, GeneratedInterp, Template, ENTRY_LABEL, FALLBACK_LABEL,
    FAST_LABEL_BASE,
};
pub use optable::{OpRole, OpRow};
