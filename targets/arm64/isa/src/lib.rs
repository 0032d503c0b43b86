//! The arm64 instruction set (being built).
