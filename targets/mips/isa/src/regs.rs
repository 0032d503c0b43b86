//! The register file: 32 general registers, 32 FPU registers and the eight
//! FPU condition flags, with their o32 ABI names.
//!
//! Registers with a special role in the ISA or the o32 ABI:
//! - `$zero` ($0) reads as 0 and ignores writes; aliases such as `move`,
//!   `not`, `neg`, `beqz` and `b` are ordinary instructions with `$zero`
//!   in one field.
//! - `$at` ($1) is the assembler temporary; GNU as uses it to expand macros.
//!   This assembler never expands anything behind the writer's back, so it
//!   is free for generated code, but ABI-conscious code still treats it as
//!   scratch.
//! - `$k0`/`$k1` belong to the kernel's exception handlers and may change
//!   at any time in user code.
//! - `$gp`, `$sp`, `$fp` (= `$s8`) and `$ra` are the global pointer, stack
//!   pointer, frame pointer and return address (written by `jal`/`jalr`/
//!   `bal`); `$t9` holds the callee's address on PIC calls.
//! - FPU registers: in FR=0 mode (what LuaJIT's o32 port assumes) a double
//!   lives in an even/odd pair, named by the even register; the odd one
//!   holds its high word (on either byte order). Operands that are doubles
//!   therefore must be even.

use asm_dsl_core::{AsmValue, Operand};

/// A general register `$0`..`$31`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Gpr(pub u8);

/// An FPU register `$f0`..`$f31`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fpr(pub u8);

/// An FPU condition flag `$fcc0`..`$fcc7`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fcc(pub u8);

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

impl AsmValue for Fcc {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

/// The o32 ABI names, indexed by register number, as objdump prints them.
pub const GPR_NAMES: [&str; 32] = [
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
    "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp", "s8",
    "ra",
];

/// The number of a general register written without its `$`: an ABI name
/// (`fp` is accepted for `s8`) or a decimal number.
pub fn gpr_number(name: &str) -> Option<u8> {
    if name == "fp" {
        return Some(30);
    }
    GPR_NAMES.iter().position(|&n| n == name).map(|i| i as u8)
}

/// The number of an FPU register written `fN` without its `$`.
pub fn fpr_number(name: &str) -> Option<u8> {
    let digits = name.strip_prefix('f')?;
    number_below(digits, 32)
}

/// The number of a condition flag written `fccN` without its `$`.
pub fn fcc_number(name: &str) -> Option<u8> {
    let digits = name.strip_prefix("fcc")?;
    number_below(digits, 8)
}

fn number_below(digits: &str, limit: u8) -> Option<u8> {
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // "f05" is not a register name anywhere else either.
    if digits.len() == 2 && digits.starts_with('0') {
        return None;
    }
    digits.parse::<u8>().ok().filter(|&n| n < limit)
}

macro_rules! gprs {
    ($($name:ident = $n:expr),* $(,)?) => {
        $(pub const $name: Gpr = Gpr($n);)*
    };
}

gprs! {
    ZERO = 0, AT = 1, V0 = 2, V1 = 3, A0 = 4, A1 = 5, A2 = 6, A3 = 7,
    T0 = 8, T1 = 9, T2 = 10, T3 = 11, T4 = 12, T5 = 13, T6 = 14, T7 = 15,
    S0 = 16, S1 = 17, S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, S7 = 23,
    T8 = 24, T9 = 25, K0 = 26, K1 = 27, GP = 28, SP = 29, FP = 30, S8 = 30, RA = 31,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(gpr_number("zero"), Some(0));
        assert_eq!(gpr_number("fp"), Some(30));
        assert_eq!(gpr_number("s8"), Some(30));
        assert_eq!(gpr_number("ra"), Some(31));
        assert_eq!(gpr_number("x1"), None);
        assert_eq!(fpr_number("f31"), Some(31));
        assert_eq!(fpr_number("f32"), None);
        assert_eq!(fpr_number("fp"), None);
        assert_eq!(fpr_number("f01"), None);
        assert_eq!(fcc_number("fcc7"), Some(7));
        assert_eq!(fcc_number("fcc8"), None);
    }
}
