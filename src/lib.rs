//! The embedding facade of xlj: compile and run Lua from a host program.
pub use xlj_runtime as runtime;
