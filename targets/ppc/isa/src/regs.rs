//! The PowerPC32 register file as the assembler sees it.
//!
//! - 32 general registers `r0`..`r31`. `r1` is the stack pointer by ABI
//!   (accepted as `sp`). `r0` is special to the hardware: as the base
//!   (`rA`) of a D-form load/store or of `addi`/`addis`, field value 0
//!   means the literal 0, not the register; the disassembler prints such a
//!   base as `0`, and the parser accepts `0` or `r0` there.
//! - 32 double-precision floating-point registers `f0`..`f31` (the classic
//!   FPU; there is no SPE or soft-float variant here).
//! - 8 condition-register fields `cr0`..`cr7` (4 bits each: lt, gt, eq,
//!   so). Integer record forms (`add.`) set `cr0`, FP record forms `cr1`.
//!   Condition branches name a bit `4*crN + cond`.
//! - Special registers reached through `mfspr`/`mtspr`: `xer` (1), `lr`
//!   (8, the return address) and `ctr` (9, the loop counter and the target
//!   of indirect branches).

use asm_dsl_core::{AsmValue, Operand};

/// A general-purpose register (number 0..=31).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Gpr(pub u8);

/// A floating-point register (number 0..=31).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fpr(pub u8);

/// A condition-register field (number 0..=7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Crf(pub u8);

/// The stack pointer by ABI.
pub const SP: Gpr = Gpr(1);

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

impl AsmValue for Crf {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

/// The register classes, each with its name prefix and count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Gpr,
    Fpr,
    Crf,
}

impl Class {
    /// The prefix written before a number or a `{splice}`.
    pub fn prefix(self) -> &'static str {
        match self {
            Class::Gpr => "r",
            Class::Fpr => "f",
            Class::Crf => "cr",
        }
    }

    pub fn count(self) -> u32 {
        match self {
            Class::Gpr | Class::Fpr => 32,
            Class::Crf => 8,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Class::Gpr => "a general register (r0..r31)",
            Class::Fpr => "a floating-point register (f0..f31)",
            Class::Crf => "a condition-register field (cr0..cr7)",
        }
    }
}

/// Parses a whole register name of `class` (`r12`, `sp`, `f3`, `cr7`).
pub fn parse_name(class: Class, name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if class == Class::Gpr && lower == "sp" {
        return Some(1);
    }
    let digits = lower.strip_prefix(class.prefix())?;
    // Reject "r01"-style spellings and empty numbers: one spelling per register.
    if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n < class.count()).then_some(n)
}

/// The name the disassembler prints.
pub fn name(class: Class, n: u32) -> String {
    format!("{}{}", class.prefix(), n)
}

/// Condition names of the four bits of a CR field, in bit order.
pub const COND_BITS: [&str; 4] = ["lt", "gt", "eq", "so"];
