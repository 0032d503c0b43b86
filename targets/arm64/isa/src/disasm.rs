//! The disassembler: one instruction word to text in the syntax `parse`
//! accepts, printing the aliases GNU objdump prefers (`mov`, `cmp`,
//! `lsl #n`, `cset`, ...) so that text round-trips and agrees with it.
//!
//! Number formats follow objdump: add/sub, logical, move-wide, `ccmp` and
//! `brk` immediates in hex; offsets, shift amounts and bit positions in
//! decimal; branch targets as absolute hex addresses.

mod branch;
mod fp;
mod int;
mod mem;

use asm_dsl_core::AsmError;

use crate::regs::{self, Class, Role};

pub fn disassemble(code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
    let b = code
        .get(..4)
        .ok_or_else(|| AsmError::Undecodable("fewer than 4 bytes".into()))?;
    let w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    decode(w, addr).map(|t| (4, t)).ok_or_else(|| {
        AsmError::Undecodable(format!(
            "{w:#010x} is not an instruction this disassembler knows"
        ))
    })
}

fn decode(w: u32, addr: u64) -> Option<String> {
    match (w >> 25) & 0xf {
        0b1000 | 0b1001 => int::dp_imm(w, addr),
        0b1010 | 0b1011 => branch::decode(w, addr),
        0b0101 | 0b1101 => int::dp_reg(w),
        0b0100 | 0b0110 | 0b1100 | 0b1110 => mem::decode(w, addr),
        0b0111 | 0b1111 => fp::decode(w),
        _ => None,
    }
}

/// A register field (`shift` = bit position) of `class` where 31 means `role`.
pub(crate) fn reg(w: u32, shift: u32, class: Class, role: Role) -> String {
    regs::name(class, (w >> shift) & 31, role)
}

/// The x/w class from bit 31.
pub(crate) fn gclass(w: u32) -> Class {
    if w >> 31 != 0 {
        Class::X
    } else {
        Class::W
    }
}

pub(crate) fn field(w: u32, shift: u32, bits: u32) -> u32 {
    (w >> shift) & ((1 << bits) - 1)
}

pub(crate) fn hex(v: u64) -> String {
    format!("#{v:#x}")
}

/// A sign-extended field.
pub(crate) fn sfield(w: u32, shift: u32, bits: u32) -> i64 {
    let v = field(w, shift, bits) as i64;
    if v >> (bits - 1) != 0 {
        v - (1 << bits)
    } else {
        v
    }
}

pub(crate) fn fmt(m: &str, ops: &[String]) -> String {
    if ops.is_empty() {
        m.to_string()
    } else {
        format!("{m} {}", ops.join(", "))
    }
}

pub(crate) fn cond(c: u32) -> String {
    regs::CONDS[(c & 15) as usize].to_string()
}

pub(crate) fn target(addr: u64, delta: i64) -> String {
    format!("{:#x}", addr.wrapping_add(delta as u64))
}
