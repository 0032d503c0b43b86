//! Assembler errors. Every failure is a value: a bad operand, an immediate
//! or branch out of range, an undefined label. Nothing panics on bad input.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsmError {
    /// The text or macro input does not parse.
    Syntax(String),
    /// The operands do not fit any form of the instruction.
    NoForm(String),
    /// An immediate or displacement does not fit its field.
    ImmRange(String),
    /// A branch or other relocation cannot reach its target.
    BranchRange(String),
    /// A label is used but never defined, or defined twice.
    Label(String),
    /// Bytes that do not decode to an instruction this disassembler knows.
    Undecodable(String),
    /// The operating system refused memory or a protection change.
    Memory(String),
}

impl AsmError {
    pub fn syntax(msg: impl Into<String>) -> Self {
        AsmError::Syntax(msg.into())
    }
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsmError::Syntax(m) => write!(f, "syntax error: {m}"),
            AsmError::NoForm(m) => write!(f, "invalid operands: {m}"),
            AsmError::ImmRange(m) => write!(f, "immediate out of range: {m}"),
            AsmError::BranchRange(m) => write!(f, "branch out of range: {m}"),
            AsmError::Label(m) => write!(f, "label error: {m}"),
            AsmError::Undecodable(m) => write!(f, "cannot decode: {m}"),
            AsmError::Memory(m) => write!(f, "memory error: {m}"),
        }
    }
}

impl std::error::Error for AsmError {}
