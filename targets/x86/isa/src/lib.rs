//! The x86 instruction set (being built).
