//! Parsed instructions (what an ISA parser returns) and run-time operands
//! (what an ISA encoder receives).
//!
//! Parsing happens once, at compile time in the macro or at run time in
//! `xasm`; it picks a *form* — one encoding shape of one mnemonic — and
//! lists the form's arguments. Each argument is a constant, a spliced Rust
//! expression, or a label. At run time every argument becomes an
//! [`Operand`] and the ISA's `encode` turns the form into bytes, choosing
//! between short and long encodings by value where the ISA has several.

use crate::global::GlobalName;

/// One encoding shape of one mnemonic, numbered by its ISA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FormId(pub u16);

/// A label as written in the source.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelRef {
    /// `>N` (forward) or `<N` (backward): the nearest local label N.
    Local { n: u32, forward: bool },
    /// `->name`: a named entry point.
    Global(String),
    /// `=>value`: a label numbered at run time (bytecode targets, exits).
    Dynamic(Box<Arg>),
}

/// One argument of a parsed instruction.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A value known when parsing: register number, immediate, shift, ...
    Const(i64),
    /// The `index`-th spliced expression of the statement, negated if
    /// written `-{expr}`.
    Splice { index: usize, negate: bool },
    /// A branch target or address.
    Label(LabelRef),
}

/// A parsed instruction: its form and arguments in the form's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Insn {
    pub form: FormId,
    pub args: Vec<Arg>,
}

/// A label with its run-time identity. It is `Copy` (a global label is
/// a pointer to its hashed name, see [`GlobalName`]) so that operands are
/// plain values: encoding them never clones, frees or allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Local {
        n: u32,
        forward: bool,
    },
    Global(&'static GlobalName),
    Dynamic(u32),
    /// A fixed absolute address (a runtime function, an exit handler).
    Absolute(u64),
}

impl Label {
    /// The global label `name` (interned; the macro uses a static name).
    pub fn global(name: &str) -> Label {
        Label::Global(GlobalName::intern(name))
    }
}

/// A run-time operand handed to `Isa::encode`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    Imm(i64),
    Label(Label),
}

impl Operand {
    /// The integer value; encoders call this for non-label arguments.
    pub fn imm(&self) -> i64 {
        match self {
            Operand::Imm(v) => *v,
            Operand::Label(_) => 0,
        }
    }
}

/// Values that can be spliced into an instruction: integers, and each
/// ISA's register types (which implement this trait in their own crate).
pub trait AsmValue {
    fn to_operand(self) -> Operand;
}

macro_rules! int_asm_value {
    ($($t:ty)*) => { $(impl AsmValue for $t {
        fn to_operand(self) -> Operand { Operand::Imm(self as i64) }
    })* };
}
int_asm_value!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

impl AsmValue for Label {
    fn to_operand(self) -> Operand {
        Operand::Label(self)
    }
}
