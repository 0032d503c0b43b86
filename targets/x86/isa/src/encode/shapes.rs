//! Operand-shape helpers for the integer groups: sizes and prefixes, the
//! r/m view of an operand, and the common shapes (`r/m, reg`, `reg, mem`,
//! `r/m, imm`, one-operand groups, branches) every integer form is built
//! from.

use asm_dsl_core::{AsmError, Label};

use super::{no_form, Encoder, Imm, Inst, Rm};
use crate::imms::{fits_i8, signed, to_signed};
use crate::operand::Opnd;
use crate::reloc;
use crate::Mode;

/// The r/m view of an operand: a register or memory, with its size.
#[inline]
pub(super) fn rm_of(o: &Opnd) -> Option<(Rm<'_>, u8)> {
    match o {
        Opnd::Gpr { size, num } => Some((Rm::Reg(*num), *size)),
        Opnd::Mem(m) => Some((Rm::Mem(m), m.size)),
        _ => None,
    }
}

/// The operand size of a pair where memory may leave it unwritten.
#[inline]
pub(super) fn pair_size(a: u8, b: u8) -> Result<u8, AsmError> {
    match (a, b) {
        (0, 0) => Err(no_form("operand size unknown: write byte/word/dword/qword")),
        (0, s) | (s, 0) => Ok(s),
        (x, y) if x == y => Ok(x),
        _ => Err(no_form(format_args!(
            "operand sizes differ ({a} and {b} bytes)"
        ))),
    }
}

/// Operand-size prefixes for `size`: (0x66, REX.W, byte opcode).
#[inline]
pub(super) fn size_bits(mode: Mode, size: u8) -> Result<(bool, bool, bool), AsmError> {
    match size {
        1 => Ok((false, false, true)),
        2 => Ok((true, false, false)),
        4 => Ok((false, false, false)),
        8 if mode == Mode::X64 => Ok((false, true, false)),
        0 => Err(no_form("operand size unknown: write byte/word/dword/qword")),
        _ => Err(no_form(format_args!("no {size}-byte operand here"))),
    }
}

/// An immediate for an operand of `size` bytes: the value normalised to
/// the width (64-bit operands take a sign-extended 32-bit field).
#[inline]
pub(super) fn imm_value(size: u8, v: i64) -> Result<i64, AsmError> {
    match size {
        8 => signed(v, 32, "immediate"),
        s => to_signed(v, 8 * s as u32),
    }
}

#[inline]
pub(super) fn full_imm(size: u8, v: i64) -> Imm {
    Imm::Val(v, size.min(4))
}

#[inline]
pub(super) fn is_acc(o: &Opnd) -> bool {
    matches!(o, Opnd::Gpr { num: 0, .. })
}

impl Encoder<'_> {
    /// A ModRM instruction sized by `size`: opcode `op8` for bytes, `op`
    /// else.
    #[inline]
    pub(super) fn sized(
        &mut self,
        size: u8,
        (op8, op): (&[u8], &[u8]),
        reg: u8,
        reg_is_reg: bool,
        rm: Rm<'_>,
        imm: Imm,
    ) -> Result<(), AsmError> {
        let (p66, w, byte) = size_bits(self.mode, size)?;
        let opcode = if byte { op8 } else { op };
        if opcode.is_empty() {
            return Err(no_form(format_args!("no {}-bit form", size * 8)));
        }
        self.emit(&Inst {
            p66,
            rep: 0,
            w,
            opcode,
            reg,
            reg_byte: byte && reg_is_reg,
            rm,
            rm_byte: byte,
            imm,
        })
    }

    /// A fixed opcode with operand-size prefixes and no ModRM.
    #[inline]
    pub(super) fn plain(&mut self, size: u8, opcode: &[u8], imm: Imm) -> Result<(), AsmError> {
        let (p66, w, _) = size_bits(self.mode, size)?;
        self.prefixes(p66, 0, w, 0, false, false)?;
        self.raw(opcode);
        self.imm(&imm)
    }

    /// A relative branch: `short` opcode + rel8, or `near` opcode + rel32.
    pub(super) fn branch(
        &mut self,
        target: &Opnd,
        short: Option<&[u8]>,
        near: &[u8],
    ) -> Result<(), AsmError> {
        let absolute;
        let (label, want_short) = match target {
            Opnd::Target { short } => (self.label.ok_or_else(|| no_form("missing label"))?, *short),
            Opnd::Imm(v) => {
                absolute = Label::Absolute(*v as u64);
                (&absolute, false)
            }
            _ => return Err(no_form("expected a branch target")),
        };
        match (want_short, short) {
            (true, Some(op)) => {
                self.raw(op);
                self.reloc_field(reloc::REL8, label, 0, 1);
            }
            (true, None) => return Err(no_form("no short form of this branch")),
            (false, _) => {
                self.raw(near);
                self.reloc_field(reloc::REL32, label, 0, 4);
            }
        }
        Ok(())
    }

    /// An indirect branch or stack operand: pointer-sized r/m, no REX.W.
    pub(super) fn ptr_rm(&mut self, o: &Opnd, opcode: &[u8], ext: u8) -> Result<(), AsmError> {
        let ptr = self.mode.ptr_size();
        let (rm, size) = rm_of(o).ok_or_else(|| no_form("expected a register or memory"))?;
        if size != ptr && size != 0 {
            return Err(no_form(format_args!("expected a {}-bit operand", ptr * 8)));
        }
        self.emit(&Inst {
            p66: false,
            rep: 0,
            w: false,
            opcode,
            reg: ext,
            reg_byte: false,
            rm,
            rm_byte: false,
            imm: Imm::None,
        })
    }

    /// `r/m, imm` for the ALU group `n` (add .. cmp).
    #[inline]
    pub(super) fn alu_imm(&mut self, n: u8, dst: &Opnd, v: i64) -> Result<(), AsmError> {
        let (rm, size) = rm_of(dst).ok_or_else(|| no_form("bad destination"))?;
        let size = pair_size(size, 0)?;
        let v = imm_value(size, v)?;
        if size == 1 {
            if is_acc(dst) {
                return self.plain(1, &[n * 8 + 4], Imm::Val(v, 1));
            }
            return self.sized(1, (&[0x80], &[0x80]), n, false, rm, Imm::Val(v, 1));
        }
        if fits_i8(v) {
            self.sized(size, (&[], &[0x83]), n, false, rm, Imm::Val(v, 1))
        } else if is_acc(dst) {
            self.plain(size, &[n * 8 + 5], full_imm(size, v))
        } else {
            self.sized(size, (&[], &[0x81]), n, false, rm, full_imm(size, v))
        }
    }

    /// `r/m, reg` (`mr`) or `reg, mem` (`rm`) for a two-operand opcode pair.
    pub(super) fn binary(
        &mut self,
        a: &Opnd,
        b: &Opnd,
        mr: [u8; 2],
        rmop: Option<[u8; 2]>,
    ) -> Result<(), AsmError> {
        match (a, b) {
            (_, Opnd::Gpr { size, num }) if rm_of(a).is_some() => {
                let (rm, s) = rm_of(a).unwrap_or((Rm::Reg(0), 0));
                let size = pair_size(s, *size)?;
                self.sized(size, (&mr[..1], &mr[1..]), *num, true, rm, Imm::None)
            }
            (Opnd::Gpr { size, num }, Opnd::Mem(m)) => {
                let size = pair_size(*size, m.size)?;
                let op = rmop.unwrap_or(mr);
                self.sized(
                    size,
                    (&op[..1], &op[1..]),
                    *num,
                    true,
                    Rm::Mem(m),
                    Imm::None,
                )
            }
            _ => Err(no_form("expected register or memory operands")),
        }
    }

    /// A one-operand group instruction (`F6/F7 /n`, `FE/FF /n`).
    pub(super) fn unary(&mut self, o: &Opnd, op8: u8, op: u8, n: u8) -> Result<(), AsmError> {
        let (rm, size) = rm_of(o).ok_or_else(|| no_form("expected a register or memory"))?;
        self.sized(
            pair_size(size, 0)?,
            (&[op8], &[op]),
            n,
            false,
            rm,
            Imm::None,
        )
    }
}
