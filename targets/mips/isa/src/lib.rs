//! The mips instruction set (being built).
