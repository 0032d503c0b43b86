//! The bytecode listing printed by `xlj -bl` (being built).
