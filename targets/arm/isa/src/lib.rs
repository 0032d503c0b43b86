//! The arm instruction set (being built).
