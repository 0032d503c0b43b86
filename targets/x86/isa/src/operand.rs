//! Concrete operands, shared by the encoder and the disassembler, and the
//! shape word that carries operand kinds from the parser to the encoder.
//!
//! Shape word: 16 bits per operand, operand `i` at bits `16*i..`:
//! - bits 0..3 kind ([`K_GPR`], [`K_XMM`], [`K_MEM`], [`K_IMM`], [`K_LABEL`],
//!   [`K_ST`]);
//! - bits 3..6 size code (0 none, 1 byte, 2 word, 3 dword, 4 qword, 5 xmmword);
//! - memory: bit 6 base present, bit 7 base is `rip`, bit 8 index present,
//!   bits 9..11 log2 of the scale, bits 11..13 number of displacement
//!   arguments (summed), bit 13 label displacement;
//! - immediates and labels: bit 6 `short` (an 8-bit branch was asked for).
//!
//! The arguments follow in operand order: a register number for a
//! register; base, index, displacements and label for memory; the value for
//! an immediate; the label for a label.

use asm_dsl_core::{AsmError, Label, Operand};

use crate::regs::{gpr_valid, xmm_valid};
use crate::Mode;

pub const K_NONE: u16 = 0;
pub const K_GPR: u16 = 1;
pub const K_XMM: u16 = 2;
pub const K_MEM: u16 = 3;
pub const K_IMM: u16 = 4;
pub const K_LABEL: u16 = 5;
pub const K_ST: u16 = 6;

pub const M_BASE: u16 = 1 << 6;
pub const M_RIP: u16 = 1 << 7;
pub const M_INDEX: u16 = 1 << 8;
pub const M_SCALE_SHIFT: u16 = 9;
pub const M_DISP_SHIFT: u16 = 11;
pub const M_LABEL: u16 = 1 << 13;
pub const SHORT: u16 = 1 << 6;

/// Encodes an operand size in bytes (0 = unspecified) as a size code.
pub fn size_code(size: u8) -> u16 {
    match size {
        1 => 1,
        2 => 2,
        4 => 3,
        8 => 4,
        16 => 5,
        _ => 0,
    }
}

/// Operand sizes in bytes by size code.
const SIZES: [u8; 8] = [0, 1, 2, 4, 8, 16, 0, 0];

#[inline]
fn size_of_code(code: u16) -> u8 {
    SIZES[code as usize & 7]
}

/// A memory operand's base.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Base {
    None,
    Reg(u8),
    /// `rip` (64-bit mode): the displacement is relative to the next insn.
    Rip,
}

/// A memory operand with concrete values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mem {
    /// Size keyword in bytes; 0 when not written.
    pub size: u8,
    pub base: Base,
    /// Index register and scale (1, 2, 4 or 8).
    pub index: Option<(u8, u8)>,
    pub disp: i64,
    /// The instruction's label ([`Opnds::label`]) is added to the
    /// displacement (rip-relative on x64, absolute on x86).
    pub label: bool,
}

/// One concrete operand. Labels are kept aside in [`Opnds::label`] (an
/// instruction has at most one), which keeps operands small and `Copy`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Opnd {
    Gpr {
        size: u8,
        num: u8,
    },
    Xmm(u8),
    /// An x87 stack register `st0..st7`.
    St(u8),
    Mem(Mem),
    Imm(i64),
    /// A branch target or a label used as an immediate (the instruction's
    /// label); `short` asks for an 8-bit displacement.
    Target {
        short: bool,
    },
}

/// Errors are built out of line, keeping formatting off the hot path.
#[cold]
#[inline(never)]
fn bad(msg: impl std::fmt::Display) -> AsmError {
    AsmError::NoForm(msg.to_string())
}

/// The run-time values after the shape word, read in order.
struct Values<'a> {
    vals: &'a [Operand],
    next: usize,
}

impl<'a> Values<'a> {
    #[inline(always)]
    fn take(&mut self) -> Result<&'a Operand, AsmError> {
        let v = self
            .vals
            .get(self.next)
            .ok_or_else(|| bad("missing operand value"))?;
        self.next += 1;
        Ok(v)
    }

    /// A register number (`0..=255`; the register file is checked after).
    #[inline(always)]
    fn reg(&mut self) -> Result<u8, AsmError> {
        match *self.take()? {
            Operand::Imm(n) if (0..=255).contains(&n) => Ok(n as u8),
            v => Err(bad(format_args!("{v:?} is not a register number"))),
        }
    }

    /// A label, or an integer taken as an absolute address.
    #[inline(always)]
    fn label(&mut self) -> Result<Label, AsmError> {
        Ok(match *self.take()? {
            Operand::Label(l) => l,
            Operand::Imm(v) => Label::Absolute(v as u64),
        })
    }
}

/// Up to three operands, kept inline: encoding runs once per emitted
/// instruction, so it allocates nothing it can avoid.
pub struct Opnds {
    items: [Opnd; 3],
    len: usize,
    /// The label a [`Opnd::Target`] or a labelled [`Mem`] refers to.
    pub label: Option<Label>,
}

impl Opnds {
    pub fn new() -> Self {
        Opnds {
            items: [Opnd::Imm(0); 3],
            len: 0,
            label: None,
        }
    }

    #[inline(always)]
    fn set_label(&mut self, l: Label) -> Result<(), AsmError> {
        if self.label.is_some() {
            return Err(bad("an instruction takes one label"));
        }
        self.label = Some(l);
        Ok(())
    }
}

impl std::ops::Deref for Opnds {
    type Target = [Opnd];

    fn deref(&self) -> &[Opnd] {
        &self.items[..self.len]
    }
}

impl Default for Opnds {
    fn default() -> Self {
        Opnds::new()
    }
}

/// Rebuilds concrete operands from the shape word and the run-time values
/// into `out` (which must be empty).
#[inline]
pub fn unpack(mode: Mode, ops: &[Operand], out: &mut Opnds) -> Result<(), AsmError> {
    let [first, rest @ ..] = ops else {
        return Err(bad("missing shape word"));
    };
    let shape = first.imm() as u64;
    let mut vals = Values {
        vals: rest,
        next: 0,
    };
    let mut n = 0;
    while n < 3 {
        let s = (shape >> (16 * n)) as u16;
        let size = size_of_code(s >> 3);
        let opnd = match s & 7 {
            K_NONE => break,
            K_GPR => {
                let num = vals.reg()?;
                if !gpr_valid(mode, size, num) {
                    return Err(bad(format_args!(
                        "no {size}-byte register {num} in {} mode",
                        mode.name()
                    )));
                }
                Opnd::Gpr { size, num }
            }
            K_XMM => {
                let num = vals.reg()?;
                if !xmm_valid(mode, num) {
                    return Err(bad(format_args!("no register xmm{num}")));
                }
                Opnd::Xmm(num)
            }
            K_ST => match vals.reg()? {
                n @ 0..=7 => Opnd::St(n),
                n => return Err(bad(format_args!("no register st{n}"))),
            },
            K_MEM => Opnd::Mem(unpack_mem(mode, s, size, &mut vals, out)?),
            K_IMM => match *vals.take()? {
                Operand::Imm(v) if s & SHORT == 0 => Opnd::Imm(v),
                Operand::Imm(v) => {
                    out.set_label(Label::Absolute(v as u64))?;
                    Opnd::Target { short: true }
                }
                Operand::Label(l) => {
                    out.set_label(l)?;
                    Opnd::Target {
                        short: s & SHORT != 0,
                    }
                }
            },
            K_LABEL => {
                out.set_label(vals.label()?)?;
                Opnd::Target {
                    short: s & SHORT != 0,
                }
            }
            _ => return Err(bad("bad shape word")),
        };
        out.items[n] = opnd;
        n += 1;
    }
    out.len = n;
    if vals.next != rest.len() {
        return Err(bad("too many operand values"));
    }
    Ok(())
}

#[inline(always)]
fn unpack_mem(
    mode: Mode,
    s: u16,
    size: u8,
    vals: &mut Values<'_>,
    out: &mut Opnds,
) -> Result<Mem, AsmError> {
    let addr = mode.ptr_size();
    let base = if s & M_RIP != 0 {
        Base::Rip
    } else if s & M_BASE != 0 {
        let b = vals.reg()?;
        if !gpr_valid(mode, addr, b) {
            return Err(bad(format_args!("no base register {b}")));
        }
        Base::Reg(b)
    } else {
        Base::None
    };
    let index = if s & M_INDEX != 0 {
        let x = vals.reg()?;
        if !gpr_valid(mode, addr, x) {
            return Err(bad(format_args!("no index register {x}")));
        }
        Some((x, 1u8 << ((s >> M_SCALE_SHIFT) & 3)))
    } else {
        None
    };
    // `[rax + rsp]` (say with spliced registers): rsp cannot be an index,
    // but the sum is the same with the two swapped.
    let (base, index) = match (base, index) {
        (Base::Reg(b), Some((4, 1))) if b != 4 => (Base::Reg(4), Some((b, 1))),
        other => other,
    };
    let mut disp: i64 = 0;
    for _ in 0..(s >> M_DISP_SHIFT) & 3 {
        match *vals.take()? {
            Operand::Imm(v) => disp = disp.wrapping_add(v),
            Operand::Label(_) => return Err(bad("a label cannot be a displacement term")),
        }
    }
    let label = s & M_LABEL != 0;
    if label {
        out.set_label(vals.label()?)?;
    }
    Ok(Mem {
        size,
        base,
        index,
        disp,
        label,
    })
}
