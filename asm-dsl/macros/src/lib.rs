//! The `asm!` proc macro (not yet built): parses assembly written inline in
//! Rust with each ISA's parser at compile time and expands to calls that
//! encode it at run time.
