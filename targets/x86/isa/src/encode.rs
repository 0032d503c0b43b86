//! The encoder: concrete operands to bytes.
//!
//! [`encode`] rebuilds the operands from the shape word and values, then
//! hands them to the integer (`int`, built from the shapes in `shapes`),
//! SSE (`sse`) or x87 (`x87`) group. Each group describes an instruction
//! as an [`Inst`] (prefixes, opcode, ModRM reg field, r/m operand,
//! immediate) and `Encoder::emit` lays out the bytes:
//! `[66] [F2|F3] [REX] opcode ModRM [SIB] [disp] [imm]`, picking the
//! shortest displacement by value and adding REX only when needed.
//!
//! The common shapes first try the fast lane (`fast`), which encodes them
//! straight from the shape word and values and declines everything else;
//! `X86Family::encode` falls back to [`encode`] when it does.

pub(crate) mod fast;
mod int;
mod shapes;
pub(crate) mod sse;
pub(crate) mod x87;

use asm_dsl_core::{AsmError, FormId, Label, Operand, RelocKind};

use crate::forms::{form_op, Op};
use crate::imms::{fits_i32, fits_i8, signed};
use crate::operand::{unpack, Base, Mem, Opnds};
use crate::regs::HIGH_BYTE;
use crate::reloc;
use crate::Mode;

/// The bytes of one instruction (x86 instructions are at most 15 bytes)
/// and its relocation, with `at` relative to the instruction's start.
pub struct Out {
    pub buf: [u8; 16],
    pub len: usize,
    pub reloc: Option<(RelocKind, usize, Label)>,
}

impl Out {
    pub fn new() -> Self {
        Out {
            buf: [0; 16],
            len: 0,
            reloc: None,
        }
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    #[inline]
    fn put(&mut self, v: i64, size: usize) {
        let end = self.len + size.min(8);
        if end <= self.buf.len() {
            self.buf[self.len..end].copy_from_slice(&v.to_le_bytes()[..end - self.len]);
            self.len = end;
        }
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

/// The recommended multi-byte nops, by length.
pub(crate) fn int_nops() -> &'static [&'static [u8]; 9] {
    &int::NOPS
}

/// Encodes form `form` with run-time operands `ops` into `out` (which
/// must be empty). Both buffers belong to the caller so that nothing large
/// is moved around per instruction.
pub fn encode(mode: Mode, form: FormId, ops: &[Operand], out: &mut Out) -> Result<(), AsmError> {
    let (op, cc) = form_op(form).ok_or_else(|| no_form(format_args!("no form {form:?}")))?;
    let mut opnds = Opnds::new();
    unpack(mode, ops, &mut opnds)?;
    let e = &mut Encoder {
        mode,
        out,
        label: opnds.label.as_ref(),
    };
    if op as usize >= Op::Fld as usize {
        x87::encode(e, op, &opnds)?;
    } else if op as usize >= Op::Movsd as usize {
        sse::encode(e, op, &opnds)?;
    } else {
        int::encode(e, op, cc, &opnds)?;
    }
    Ok(())
}

pub(crate) struct Encoder<'a> {
    pub mode: Mode,
    pub out: &'a mut Out,
    /// The instruction's label, if an operand refers to one.
    pub label: Option<&'a Label>,
}

/// The r/m operand of an instruction.
#[derive(Clone, Copy)]
pub(crate) enum Rm<'a> {
    Reg(u8),
    Mem(&'a Mem),
}

/// The immediate following ModRM (or the opcode).
#[derive(Clone, Debug)]
pub(crate) enum Imm {
    None,
    /// Value and size in bytes.
    Val(i64, u8),
    /// The instruction label's absolute address, 4 or 8 bytes.
    Abs(u8),
}

impl Imm {
    fn size(&self) -> u8 {
        match self {
            Imm::None => 0,
            Imm::Val(_, s) | Imm::Abs(s) => *s,
        }
    }
}

/// One instruction in ModRM form.
pub(crate) struct Inst<'a> {
    /// Operand-size (or SSE mandatory) 0x66 prefix.
    pub p66: bool,
    /// Mandatory F2/F3 prefix, or 0.
    pub rep: u8,
    pub w: bool,
    pub opcode: &'a [u8],
    /// ModRM.reg: a register number or an opcode extension.
    pub reg: u8,
    pub reg_byte: bool,
    pub rm: Rm<'a>,
    pub rm_byte: bool,
    pub imm: Imm,
}

/// Errors are built out of line, keeping formatting code off the hot path.
#[cold]
#[inline(never)]
fn no_form(msg: impl std::fmt::Display) -> AsmError {
    AsmError::NoForm(msg.to_string())
}

/// Splits a register number into its low four bits and whether it needs
/// (`Some(true)`) or forbids (`Some(false)`) a REX prefix.
#[inline]
fn byte_reg(mode: Mode, num: u8, is_byte: bool) -> (u8, Option<bool>) {
    if is_byte && num >= HIGH_BYTE {
        (num - HIGH_BYTE, Some(false))
    } else if is_byte && mode == Mode::X64 && (4..8).contains(&num) {
        (num, Some(true))
    } else {
        (num, None)
    }
}

impl Encoder<'_> {
    /// Writes the prefixes up to and including REX.
    #[inline]
    fn prefixes(
        &mut self,
        p66: bool,
        rep: u8,
        w: bool,
        rex: u8,
        need: bool,
        forbid: bool,
    ) -> Result<(), AsmError> {
        if self.mode == Mode::X86 && (w || rex != 0) {
            return Err(no_form("64-bit operands and r8..r15 need 64-bit mode"));
        }
        if p66 {
            self.out.byte(0x66);
        }
        if rep != 0 {
            self.out.byte(rep);
        }
        let rex = rex | if w { 8 } else { 0 };
        if rex != 0 || need {
            if forbid {
                return Err(no_form(
                    "ah, ch, dh and bh cannot be used with a REX prefix",
                ));
            }
            self.out.byte(0x40 | rex);
        }
        Ok(())
    }

    /// Emits an instruction in ModRM form.
    #[inline]
    pub fn emit(&mut self, i: &Inst<'_>) -> Result<(), AsmError> {
        let (reg, rq) = byte_reg(self.mode, i.reg, i.reg_byte);
        let mut rex = if reg >= 8 { 4 } else { 0 };
        let mut need = rq == Some(true);
        let mut forbid = rq == Some(false);
        match i.rm {
            Rm::Reg(n) => {
                let (n, q) = byte_reg(self.mode, n, i.rm_byte);
                rex |= if n >= 8 { 1 } else { 0 };
                need |= q == Some(true);
                forbid |= q == Some(false);
            }
            Rm::Mem(m) => {
                if let Base::Reg(b) = m.base {
                    rex |= if b >= 8 { 1 } else { 0 };
                }
                if let Some((x, _)) = m.index {
                    rex |= if x >= 8 { 2 } else { 0 };
                }
            }
        }
        self.prefixes(i.p66, i.rep, i.w, rex, need, forbid)?;
        for &b in i.opcode {
            self.out.byte(b);
        }
        let reg3 = (reg & 7) << 3;
        match i.rm {
            Rm::Reg(n) => {
                let (n, _) = byte_reg(self.mode, n, i.rm_byte);
                self.out.byte(0xc0 | reg3 | (n & 7));
            }
            Rm::Mem(m) => self.address(reg3, m, i.imm.size())?,
        }
        self.imm(&i.imm)
    }

    /// Emits an instruction whose opcode's low three bits name a register
    /// (`B8+r`, `50+r`, `90+r`, `0F C8+r`).
    pub fn emit_opreg(
        &mut self,
        p66: bool,
        w: bool,
        opcode: &[u8],
        num: u8,
        is_byte: bool,
        imm: &Imm,
    ) -> Result<(), AsmError> {
        let (n, q) = byte_reg(self.mode, num, is_byte);
        let rex = if n >= 8 { 1 } else { 0 };
        self.prefixes(p66, 0, w, rex, q == Some(true), q == Some(false))?;
        let (last, head) = opcode.split_last().ok_or_else(|| no_form("empty opcode"))?;
        for &b in head {
            self.out.byte(b);
        }
        self.out.byte(last | (n & 7));
        self.imm(imm)
    }

    /// Emits plain bytes (prefix-free fixed encodings, rel branches).
    pub fn raw(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.out.byte(b);
        }
    }

    /// A `size`-byte field holding `addend`, which relocation `kind` later
    /// fills in for `label` (see [`reloc`]).
    pub fn reloc_field(&mut self, kind: RelocKind, label: &Label, addend: i64, size: usize) {
        let at = self.out.len;
        self.out.put(addend, size);
        self.out.reloc = Some((kind, at, *label));
    }

    #[inline]
    fn imm(&mut self, imm: &Imm) -> Result<(), AsmError> {
        match imm {
            Imm::None => {}
            Imm::Val(v, s) => self.out.put(*v, *s as usize),
            Imm::Abs(size) => {
                let label = self.label.ok_or_else(|| no_form("missing label"))?;
                match size {
                    4 => self.reloc_field(reloc::ABS32, label, 0, 4),
                    _ => self.reloc_field(reloc::ABS64, label, 0, 8),
                }
            }
        }
        Ok(())
    }

    /// Checks a 32-bit displacement: sign-extended on x64; on x86 it wraps
    /// around the 4 GiB address space, so unsigned values are fine too.
    #[inline]
    fn disp32(&self, v: i64) -> Result<i64, AsmError> {
        if self.mode == Mode::X86 && (0..=u32::MAX as i64).contains(&v) {
            return Ok(v as u32 as i32 as i64);
        }
        signed(v, 32, "displacement")
    }

    /// ModRM (with `reg3` already shifted into bits 3..6), SIB and
    /// displacement for a memory operand. `tail` is the immediate size that
    /// follows, which a rip-relative displacement must skip.
    #[inline]
    fn address(&mut self, reg3: u8, m: &Mem, tail: u8) -> Result<(), AsmError> {
        let disp = self.disp32(m.disp)?;
        if self.mode == Mode::X64
            && m.label
            && (matches!(m.base, Base::Reg(_)) || m.index.is_some())
        {
            return Err(no_form(
                "on x64 a label in an address is rip-relative and takes no registers",
            ));
        }
        let index = match m.index {
            Some((4, _)) => return Err(no_form("rsp cannot be an index register")),
            Some((x, s)) => Some(((x & 7) << 3, (s.trailing_zeros() as u8) << 6)),
            None => None,
        };
        let base = match m.base {
            Base::Rip => {
                if index.is_some() {
                    return Err(no_form("rip cannot take an index"));
                }
                self.out.byte(reg3 | 5);
                return self.disp_field(disp, m.label, tail);
            }
            Base::Reg(b) => Some(b & 7),
            Base::None => None,
        };
        match (base, index) {
            (None, None) if self.mode == Mode::X64 && m.label => {
                self.out.byte(reg3 | 5);
                self.disp_field(disp, m.label, tail)
            }
            (None, None) if self.mode == Mode::X86 => {
                self.out.byte(reg3 | 5);
                self.disp_field(disp, m.label, tail)
            }
            (None, None) => {
                self.out.byte(reg3 | 4);
                self.out.byte(0x25);
                self.disp_field(disp, m.label, tail)
            }
            (None, Some((x, s))) => {
                self.out.byte(reg3 | 4);
                self.out.byte(s | x | 5);
                self.disp_field(disp, m.label, tail)
            }
            (Some(b), index) => {
                let mode_bits = if m.label || !fits_i8(disp) {
                    0x80
                } else if disp != 0 || b == 5 {
                    0x40
                } else {
                    0
                };
                match index {
                    Some((x, s)) => {
                        self.out.byte(mode_bits | reg3 | 4);
                        self.out.byte(s | x | b);
                    }
                    None if b == 4 => {
                        self.out.byte(mode_bits | reg3 | 4);
                        self.out.byte(0x24);
                    }
                    None => self.out.byte(mode_bits | reg3 | b),
                }
                match mode_bits {
                    0x40 => self.out.put(disp, 1),
                    0x80 => self.disp_field(disp, m.label, tail)?,
                    _ => {}
                }
                Ok(())
            }
        }
    }

    /// A 32-bit displacement field, relocated when a label is added.
    #[inline]
    fn disp_field(&mut self, disp: i64, labelled: bool, tail: u8) -> Result<(), AsmError> {
        let label = if labelled { self.label } else { None };
        match label {
            None => self.out.put(disp, 4),
            Some(l) if self.mode == Mode::X64 => {
                if !fits_i32(disp) {
                    return Err(AsmError::ImmRange("label offset too large".into()));
                }
                self.reloc_field(reloc::rip32(tail), l, disp, 4)
            }
            Some(l) => self.reloc_field(reloc::ABS32, l, disp, 4),
        }
        Ok(())
    }
}
