//! The target-neutral runtime of xlj.
//!
//! It owns everything that means the same on every CPU: the Lua front end
//! (lexer and single-pass parser emitting LuaJIT 2.1 bytecode), the bytecode
//! definitions, the listing and dump formats, and (as the runtime grows)
//! values, the garbage collector, tables, strings, the reference
//! interpreter and the standard library.
//!
//! The seam it owns: [`bc`] is the contract with every engine. Interpreter
//! templates (`targets/<isa>`) and the JIT (`jit`) read bytecode and object
//! layouts from here and never restate them. Nothing in this crate names an
//! instruction set; where behaviour depends on the machine it asks about a
//! capability (pointer width, endianness).

pub mod bc;
pub mod gc;
pub mod interp;
pub mod lex;
pub mod lualib;
pub mod obj;
pub mod parse;
pub mod stdlib;
pub mod value;
pub mod vm;
