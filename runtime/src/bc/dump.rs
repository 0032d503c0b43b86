//! The portable bytecode dump format of `xlj -b` (being built).
