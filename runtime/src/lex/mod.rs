//! The Lua lexer (being built).
