//! The ISA-neutral core of xlj's assembler DSL.
//!
//! The seam: an instruction set is a value implementing [`Isa`] (parse a
//! statement into a form, encode a form, patch a relocation, disassemble
//! one instruction). This crate owns everything else — tokens and the
//! cursor ISA parsers read them with, label and relocation bookkeeping, the
//! code buffer, the text statement grammar — so that adding an ISA means
//! writing only its module under `targets/<isa>/isa` and registering it.

pub mod assembler;
pub mod error;
pub mod global;
pub mod insn;
pub mod isa;
mod labels;
pub mod text;
pub mod token;

pub use assembler::{Assembler, Emitter};
pub use error::AsmError;
pub use global::GlobalName;
pub use insn::{Arg, AsmValue, FormId, Insn, Label, LabelRef, Operand};
pub use isa::{Caps, Endian, Isa, RelocKind};
pub use text::{assemble_statement, assemble_text};
pub use token::{tokenize, Cursor, Token};
