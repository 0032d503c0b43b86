//! The ARMv7 register file as the assembler sees it.
//!
//! * Core registers `r0`..`r15`. Three have fixed roles in the ISA itself:
//!   `r13` is `sp` (the stack pointer: `push`/`pop` and `vpush`/`vpop`
//!   use it implicitly), `r14` is `lr` (written by `bl`/`blx` with the
//!   return address) and `r15` is `pc` (reading it gives the address of
//!   the current instruction plus 8, which is why pc-relative offsets are
//!   measured from there). `r10`, `r11` and `r12` have the AAPCS names
//!   `sl`, `fp` and `ip`; the disassembler prints those names, as GNU
//!   objdump does, and the parser accepts both spellings.
//! * VFPv3-D16 double registers `d0`..`d15` and single registers
//!   `s0`..`s31`, where `s(2n)` and `s(2n+1)` are the halves of `dn`.
//!   `d16`..`d31` do not exist on D16 parts and are refused.
//!
//! Register values cross the macro seam as their numbers.

use asm_dsl_core::{AsmValue, Operand};

/// A core register, `r0`..`r15`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reg(pub u8);

/// A VFP double register, `d0`..`d15`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DReg(pub u8);

/// A VFP single register, `s0`..`s31`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SReg(pub u8);

impl AsmValue for Reg {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

impl AsmValue for DReg {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

impl AsmValue for SReg {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

pub const SP: Reg = Reg(13);
pub const LR: Reg = Reg(14);
pub const PC: Reg = Reg(15);

/// The class of a register operand, which decides its field layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Core,
    Double,
    Single,
}

impl Class {
    /// How many registers the class has (D16 for doubles).
    pub fn count(self) -> u32 {
        match self {
            Class::Core => 16,
            Class::Double => 16,
            Class::Single => 32,
        }
    }

    /// The prefix of splices of this class: `r{e}`, `d{e}`, `s{e}`.
    pub fn prefix(self) -> &'static str {
        match self {
            Class::Core => "r",
            Class::Double => "d",
            Class::Single => "s",
        }
    }
}

/// The canonical (objdump) name of core register `n`.
pub fn core_name(n: u32) -> &'static str {
    const NAMES: [&str; 16] = [
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip", "sp", "lr",
        "pc",
    ];
    NAMES[(n & 15) as usize]
}

/// Parses a register name of the given class (case-insensitive).
pub fn parse_name(name: &str, class: Class) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if class == Class::Core {
        let alias = match lower.as_str() {
            "sl" => Some(10),
            "fp" => Some(11),
            "ip" => Some(12),
            "sp" => Some(13),
            "lr" => Some(14),
            "pc" => Some(15),
            _ => None,
        };
        if alias.is_some() {
            return alias;
        }
    }
    let digits = lower.strip_prefix(class.prefix())?;
    if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n < class.count()).then_some(n)
}

/// The class of a register name, if it is one.
pub fn classify(name: &str) -> Option<(Class, u32)> {
    [Class::Core, Class::Double, Class::Single]
        .into_iter()
        .find_map(|c| parse_name(name, c).map(|n| (c, n)))
}
