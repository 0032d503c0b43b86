//! xlj's assembler DSL, our DynASM (being built): re-exports the neutral
//! core, the `asm!` macro and the registry of instruction sets.
pub use asm_dsl_core::*;
