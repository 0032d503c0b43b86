//! The `asm!` proc macro of xlj's assembler DSL.
//!
//! It parses assembly written inline in Rust with the named ISA's own
//! parser at compile time (the ISA is found through `asm-dsl-registry`) and
//! expands to calls on `asm_dsl::Assembler` that only encode at run time.
//! Use it through the `asm-dsl` facade, whose crate documentation describes
//! the syntax; the generated code names `::asm_dsl` paths.

use proc_macro::TokenStream;

mod convert;
mod expand;

/// Assembles statements into an `asm_dsl::Assembler`:
/// `asm!(<isa>, <assembler>; <statement>; <statement>; ...)`.
///
/// See the `asm-dsl` crate documentation for the statement syntax.
#[proc_macro]
pub fn asm(input: TokenStream) -> TokenStream {
    expand::expand(input.into()).into()
}

#[cfg(test)]
mod tests;
