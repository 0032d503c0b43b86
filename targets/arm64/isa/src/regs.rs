//! The ARM64 register file as the assembler sees it.
//!
//! - `x0`..`x30` are the 64-bit general registers, `w0`..`w30` their low
//!   32 bits. `fp` is `x29` (frame pointer) and `lr` is `x30` (the link
//!   register `bl`/`blr` write and `ret` reads).
//! - Register number 31 has no general register behind it: depending on
//!   the instruction field it means either the stack pointer (`sp`/`wsp`)
//!   or the zero register (`xzr`/`wzr`, reads as 0, writes are dropped).
//!   Written by name, the parser checks that the field allows it; spliced
//!   as a number (`x{r}`), 31 means whatever the field means.
//! - `d0`..`d31` are the FP/SIMD registers used as doubles and
//!   `s0`..`s31` the same registers used as singles.
//!
//! Roles the hardware does not enforce but the AAPCS64 calling convention
//! (and so any code calling C) relies on: `x0`..`x7` and `d0`..`d7` pass
//! arguments and results, `x8` the address of a large result; `x16`/`x17`
//! (IP0/IP1) may be clobbered by linker veneers between a call and its
//! target; `x18` is reserved for the platform on some systems (Apple,
//! Windows) and should not be allocated; `x19`..`x28` and the low halves
//! of `d8`..`d15` are callee-saved.

use asm_dsl_core::{AsmValue, Operand};

/// Register classes, which also give an operand's width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// 64-bit general register (`x`).
    X,
    /// 32-bit general register (`w`).
    W,
    /// Double-precision FP register (`d`).
    D,
    /// Single-precision FP register (`s`).
    S,
}

impl Class {
    pub fn is_gpr(self) -> bool {
        matches!(self, Class::X | Class::W)
    }

    /// The prefix used in names and splices.
    pub fn prefix(self) -> &'static str {
        match self {
            Class::X => "x",
            Class::W => "w",
            Class::D => "d",
            Class::S => "s",
        }
    }
}

/// Register number 31 as written by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    None,
    Sp,
    Zr,
}

/// Parses a register name: its class, number and, for number 31, whether
/// it was written as the stack pointer or the zero register.
pub fn parse_name(name: &str) -> Option<(Class, u8, Special)> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "sp" => return Some((Class::X, 31, Special::Sp)),
        "wsp" => return Some((Class::W, 31, Special::Sp)),
        "xzr" => return Some((Class::X, 31, Special::Zr)),
        "wzr" => return Some((Class::W, 31, Special::Zr)),
        "lr" => return Some((Class::X, 30, Special::None)),
        "fp" => return Some((Class::X, 29, Special::None)),
        _ => {}
    }
    let class = match lower.as_bytes().first()? {
        b'x' => Class::X,
        b'w' => Class::W,
        b'd' => Class::D,
        b's' => Class::S,
        _ => return None,
    };
    let digits = &lower[1..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // No leading zeros, so "x01" is not a register.
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    let limit = if class.is_gpr() { 30 } else { 31 };
    (n <= limit).then_some((class, n, Special::None))
}

/// What number 31 means in a given instruction field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Sp,
    Zr,
}

/// Prints a register of `class` numbered `n` for a field where 31 means
/// `role`.
pub fn name(class: Class, n: u32, role: Role) -> String {
    match (class, n, role) {
        (Class::X, 31, Role::Sp) => "sp".into(),
        (Class::W, 31, Role::Sp) => "wsp".into(),
        (Class::X, 31, Role::Zr) => "xzr".into(),
        (Class::W, 31, Role::Zr) => "wzr".into(),
        _ => format!("{}{}", class.prefix(), n),
    }
}

/// A general register number, for splicing into `x{..}` or `w{..}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gpr(pub u8);

/// An FP/SIMD register number, for splicing into `d{..}` or `s{..}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fpr(pub u8);

/// The frame pointer.
pub const FP: Gpr = Gpr(29);
/// The link register.
pub const LR: Gpr = Gpr(30);
/// Number 31 in a field where it means the stack pointer.
pub const SP: Gpr = Gpr(31);
/// Number 31 in a field where it means the zero register.
pub const ZR: Gpr = Gpr(31);

impl AsmValue for Gpr {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

impl AsmValue for Fpr {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

/// Condition codes, in encoding order.
pub const CONDS: [&str; 16] = [
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
];

/// Parses a condition name (including the `hs`/`lo` synonyms of `cs`/`cc`).
pub fn parse_cond(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "hs" => Some(2),
        "lo" => Some(3),
        s => CONDS.iter().position(|c| *c == s).map(|i| i as u8),
    }
}
