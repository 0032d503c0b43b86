//! The ppc instruction set (being built).
