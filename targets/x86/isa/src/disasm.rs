//! The disassembler: one instruction at a time, printed in exactly the
//! syntax the parser reads (see the crate doc for the canonical spelling),
//! so that text → bytes → text round-trips for every encoding the encoder
//! produces.
//!
//! This module holds the decoder state (prefixes, REX, ModRM/SIB) and the
//! printer; `ops` maps opcodes to mnemonics and operands. Anything the
//! encoder cannot produce (segment overrides, `lock`, address-size
//! prefixes, other opcodes) is reported as [`AsmError::Undecodable`].

mod ops;
mod x87;

use asm_dsl_core::AsmError;

use crate::imms::fmt_num;
use crate::operand::{Base, Mem, Opnd};
use crate::regs::{gpr_name, xmm_name, HIGH_BYTE};
use crate::Mode;

/// Decodes one instruction at the start of `code`, located at `addr`.
pub fn disassemble(mode: Mode, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
    let mut d = Dec {
        code,
        pos: 0,
        mode,
        p66: false,
        rep: 0,
        rex: 0,
    };
    // A segment override prints as its own statement, the way it is
    // written.
    match code.first() {
        Some(0x64) => return Ok((1, "fs".to_string())),
        Some(0x65) => return Ok((1, "gs".to_string())),
        _ => {}
    }
    d.prefixes()?;
    let insn = ops::decode(&mut d)?;
    let end = addr.wrapping_add(d.pos as u64);
    Ok((d.pos, print(mode, &insn, end)))
}

/// A decoded instruction. Branch targets are relative to the end of the
/// instruction until printed.
pub(crate) struct Decoded {
    pub mnemonic: String,
    pub ops: Vec<Opnd>,
    /// Print memory without a size keyword (`lea`).
    pub no_size: bool,
    /// A relative branch: displacement and whether it was rel8.
    pub rel: Option<(i64, bool)>,
}

impl Decoded {
    pub fn new(mnemonic: impl Into<String>, ops: Vec<Opnd>) -> Self {
        Decoded {
            mnemonic: mnemonic.into(),
            ops,
            no_size: false,
            rel: None,
        }
    }
}

/// The r/m operand as decoded, before it is given a size.
pub(crate) enum RmD {
    Reg(u8),
    Mem(Mem),
}

pub(crate) struct Dec<'a> {
    code: &'a [u8],
    pub pos: usize,
    pub mode: Mode,
    pub p66: bool,
    pub rep: u8,
    pub rex: u8,
}

pub(crate) fn undecodable(what: impl Into<String>) -> AsmError {
    AsmError::Undecodable(what.into())
}

impl Dec<'_> {
    pub fn u8(&mut self) -> Result<u8, AsmError> {
        let b = *self
            .code
            .get(self.pos)
            .ok_or_else(|| undecodable("instruction runs past the end of the code"))?;
        self.pos += 1;
        Ok(b)
    }

    /// The code from offset `from` on.
    pub fn code_from(&self, from: usize) -> &[u8] {
        self.code.get(from..).unwrap_or(&[])
    }

    pub fn peek(&self) -> Option<u8> {
        self.code.get(self.pos).copied()
    }

    /// A little-endian signed field of `size` bytes.
    pub fn imm(&mut self, size: u8) -> Result<i64, AsmError> {
        let mut raw: u64 = 0;
        for i in 0..size {
            raw |= (self.u8()? as u64) << (8 * i);
        }
        let shift = 64 - 8 * size as u32;
        Ok(((raw << shift) as i64) >> shift)
    }

    /// A little-endian unsigned field of `size` bytes.
    pub fn uimm(&mut self, size: u8) -> Result<i64, AsmError> {
        let v = self.imm(size)?;
        Ok(v & ((1i64 << (8 * size as u32)) - 1))
    }

    pub fn rex_w(&self) -> bool {
        self.rex & 8 != 0
    }

    /// The operand size of a non-byte instruction: 8 with REX.W, 2 with
    /// 0x66, else 4.
    pub fn osize(&self) -> u8 {
        if self.rex_w() {
            8
        } else if self.p66 {
            2
        } else {
            4
        }
    }

    /// The immediate size for operand size `size` (64-bit operands take a
    /// sign-extended 32-bit immediate).
    pub fn imm_size(size: u8) -> u8 {
        size.min(4)
    }

    fn prefixes(&mut self) -> Result<(), AsmError> {
        loop {
            match self.peek() {
                Some(0x66) if !self.p66 => self.p66 = true,
                Some(b @ (0xf2 | 0xf3)) if self.rep == 0 => self.rep = b,
                Some(b @ 0x40..=0x4f) if self.mode == Mode::X64 => {
                    self.rex = b;
                    self.pos += 1;
                    // REX must come right before the opcode.
                    if matches!(self.peek(), Some(0x66 | 0xf2 | 0xf3 | 0x40..=0x4f)) {
                        return Err(undecodable("REX prefix is not last"));
                    }
                    return Ok(());
                }
                Some(0x26 | 0x2e | 0x36 | 0x3e | 0x64 | 0x65 | 0x67 | 0xf0) => {
                    return Err(undecodable(
                        "segment, address-size and lock prefixes are not supported",
                    ))
                }
                _ => return Ok(()),
            }
            self.pos += 1;
        }
    }

    /// A general-purpose register operand, mapping byte registers 4..7
    /// without REX to `ah..bh`.
    pub fn gpr(&self, size: u8, num: u8) -> Opnd {
        let num = if size == 1 && self.mode == Mode::X64 && self.rex == 0 && (4..8).contains(&num) {
            num + HIGH_BYTE
        } else {
            num
        };
        Opnd::Gpr { size, num }
    }

    /// The r/m operand as a GPR of `size` or memory of `size`.
    pub fn rex_b(&self) -> bool {
        self.rex & 1 != 0
    }

    pub fn rm_gpr(&self, rm: RmD, size: u8) -> Opnd {
        match rm {
            RmD::Reg(n) => self.gpr(size, n),
            RmD::Mem(mut m) => {
                m.size = size;
                Opnd::Mem(m)
            }
        }
    }

    /// The r/m operand as an XMM register or memory of `size`.
    pub fn rm_xmm(&self, rm: RmD, size: u8) -> Opnd {
        match rm {
            RmD::Reg(n) => Opnd::Xmm(n),
            RmD::Mem(mut m) => {
                m.size = size;
                Opnd::Mem(m)
            }
        }
    }

    /// Reads ModRM (and SIB and displacement): the reg field with REX.R,
    /// and the r/m operand.
    pub fn modrm(&mut self) -> Result<(u8, RmD), AsmError> {
        let b = self.u8()?;
        let md = b >> 6;
        let reg = (b >> 3) & 7 | (self.rex & 4) << 1;
        let rm = b & 7;
        let ext_b = (self.rex & 1) << 3;
        if md == 3 {
            return Ok((reg, RmD::Reg(rm | ext_b)));
        }
        let mut m = Mem {
            size: 0,
            base: Base::None,
            index: None,
            disp: 0,
            label: false,
        };
        let disp_size = match md {
            1 => 1,
            2 => 4,
            _ => 0,
        };
        if rm == 4 {
            let sib = self.u8()?;
            let idx = (sib >> 3) & 7 | (self.rex & 2) << 2;
            if idx != 4 {
                m.index = Some((idx, 1 << (sib >> 6)));
            }
            let base = sib & 7;
            if base == 5 && md == 0 {
                m.disp = self.imm(4)?;
            } else {
                m.base = Base::Reg(base | ext_b);
            }
        } else if rm == 5 && md == 0 {
            m.base = if self.mode == Mode::X64 {
                Base::Rip
            } else {
                Base::None
            };
            m.disp = self.imm(4)?;
        } else {
            m.base = Base::Reg(rm | ext_b);
        }
        if disp_size != 0 {
            m.disp = self.imm(disp_size)?;
        }
        Ok((reg, RmD::Mem(m)))
    }
}

fn size_keyword(size: u8) -> &'static str {
    match size {
        1 => "byte ",
        2 => "word ",
        4 => "dword ",
        8 => "qword ",
        16 => "xmmword ",
        _ => "",
    }
}

fn print_mem(mode: Mode, m: &Mem, no_size: bool) -> String {
    let mut s = String::new();
    if !no_size {
        s.push_str(size_keyword(m.size));
    }
    s.push('[');
    let mut terms = false;
    match m.base {
        Base::Rip => {
            s.push_str("rip");
            terms = true;
        }
        Base::Reg(b) => {
            s.push_str(gpr_name(mode, mode.ptr_size(), b).unwrap_or("?"));
            terms = true;
        }
        Base::None => {}
    }
    if let Some((x, scale)) = m.index {
        if terms {
            s.push_str(" + ");
        }
        s.push_str(gpr_name(mode, mode.ptr_size(), x).unwrap_or("?"));
        if scale != 1 || !terms {
            s.push_str(&format!("*{scale}"));
        }
        terms = true;
    }
    if !terms {
        s.push_str(&fmt_num(m.disp));
    } else if m.disp > 0 {
        s.push_str(&format!(" + {}", fmt_num(m.disp)));
    } else if m.disp < 0 {
        s.push_str(&format!(" - {}", fmt_num(-m.disp)));
    }
    s.push(']');
    s
}

fn print(mode: Mode, insn: &Decoded, end: u64) -> String {
    let mut ops: Vec<String> = insn
        .ops
        .iter()
        .map(|o| match o {
            Opnd::Gpr { size, num } => gpr_name(mode, *size, *num).unwrap_or("?").to_string(),
            Opnd::Xmm(n) => xmm_name(*n).to_string(),
            Opnd::St(n) => format!("st{n}"),
            Opnd::Mem(m) => print_mem(mode, m, insn.no_size),
            Opnd::Imm(v) => fmt_num(*v),
            // Targets are printed from `rel` below; decoding makes no other.
            Opnd::Target { .. } => "?".to_string(),
        })
        .collect();
    if let Some((rel, short)) = insn.rel {
        let mut target = end.wrapping_add(rel as u64);
        if mode == Mode::X86 {
            target &= 0xffff_ffff;
        }
        let prefix = if short { "short " } else { "" };
        ops.push(format!("{prefix}0x{target:x}"));
    }
    if ops.is_empty() {
        insn.mnemonic.clone()
    } else {
        format!("{} {}", insn.mnemonic, ops.join(", "))
    }
}
