//! The registry of xlj's targets.
//!
//! Each instruction set lives in `targets/<isa>/`: its encoder and
//! disassembler in `targets/<isa>/isa` (used by `asm-dsl`), and, as they are
//! built, its interpreter template and JIT backend. This crate will select
//! the host's target module for the VM; neutral crates reach targets only
//! through it.
