//! vm-gen: turns a target's interpreter template into a running
//! interpreter (not yet built).
//!
//! The seam it will own: one neutral opcode table (taken from
//! `xlj_runtime::bc`) that every target's template is checked against, so a
//! target cannot forget an opcode or disagree on its operands; assembly of
//! the per-opcode fragments, gates and subroutines with `asm-dsl` into
//! executable memory at start-up; and the dispatch table and entry points
//! handed to the runtime.
