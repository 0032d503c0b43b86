//! The fast lane: the operand shapes generated interpreters use most,
//! encoded straight from the shape word and the run-time values.
//!
//! An interpreter built at VM start-up is thousands of instructions, and
//! nearly all of them are a handful of shapes: ALU and `mov` between 16-,
//! 32- and 64-bit registers and `[base + index*scale + disp]` memory,
//! ALU with an immediate, `mov` of a constant, shifts by a constant,
//! `imul`/`cmovcc`, `lea`, `movzx`/`movsx` from memory, SSE moves and
//! arithmetic, near branches to labels, `push`/`pop`, `ret`. The
//! general encoder rebuilds every operand and walks the whole form table,
//! which costs several times more than the bytes themselves. Here those
//! shapes are recognised from the (constant) shape word and laid out
//! directly.
//!
//! The lane never fails and never decides differently from the general
//! encoder: anything it does not handle completely — byte registers,
//! operands that need checking or an error, `rip`, labels in addresses,
//! displacements beyond 32 bits, `rsp` as an index — makes it decline, and
//! the general encoder takes the instruction from the start. The golden
//! tests (GNU as's bytes for every register, size and addressing mode) go
//! through this lane wherever it applies, so both paths are held to the
//! same reference.

use asm_dsl_core::Operand;

use super::sse::{xmm_move, xmm_rm};
use crate::forms::Op;
use crate::imms::{fits_i32, fits_i8};
use crate::operand::{
    K_GPR, K_IMM, K_LABEL, K_MEM, K_NONE, K_XMM, M_BASE, M_DISP_SHIFT, M_INDEX, M_LABEL, M_RIP,
    M_SCALE_SHIFT, SHORT,
};
use crate::Mode;

/// Operand sizes in bytes by size code.
const SIZES: [u8; 8] = [0, 1, 2, 4, 8, 16, 0, 0];

/// Operand size in bytes from a shape field's size code.
#[inline(always)]
fn size(s: u16) -> u8 {
    SIZES[(s >> 3) as usize & 7]
}

/// A register number, if `v` is one that exists in `mode` (any size but
/// bytes, which the lane leaves to the general encoder).
#[inline(always)]
fn reg(mode: Mode, v: &Operand) -> Option<u8> {
    match *v {
        Operand::Imm(n) if (0..mode.reg_count() as i64).contains(&n) => Some(n as u8),
        _ => None,
    }
}

/// The low six bits of a shape field (kind and size code) that name a
/// 2-, 4- or 8-byte general register, as bit masks over those six bits.
const GPR_X86: u64 = 1 << (K_GPR | 2 << 3) | 1 << (K_GPR | 3 << 3);
const GPR_X64: u64 = GPR_X86 | 1 << (K_GPR | 4 << 3);

/// A general register operand of 2, 4 or (in 64-bit mode) 8 bytes.
#[inline(always)]
fn gpr(mode: Mode, s: u16, v: &Operand) -> Option<(u8, u8)> {
    let ok = if mode == Mode::X64 { GPR_X64 } else { GPR_X86 };
    if (ok >> (s & 63)) & 1 != 0 {
        Some((size(s), reg(mode, v)?))
    } else {
        None
    }
}

/// `[base + index*scale + disp]` with a base register: the only memory
/// shape the lane takes.
#[derive(Clone, Copy)]
struct Addr {
    size: u8,
    base: u8,
    /// Index register and log2 of its scale.
    index: Option<(u8, u8)>,
    disp: i32,
}

/// Reads a memory operand's values starting at `vals[0]`; returns it and
/// how many values it used.
#[inline(always)]
fn mem(mode: Mode, s: u16, vals: &[Operand]) -> Option<(Addr, usize)> {
    if s & 7 != K_MEM || s & (M_RIP | M_LABEL) != 0 || s & M_BASE == 0 {
        return None;
    }
    let base = reg(mode, vals.first()?)?;
    let mut used = 1;
    let index = if s & M_INDEX != 0 {
        let x = reg(mode, vals.get(1)?)?;
        // rsp cannot be an index; the general encoder swaps or refuses.
        if x == 4 {
            return None;
        }
        used += 1;
        Some((x, ((s >> M_SCALE_SHIFT) & 3) as u8))
    } else {
        None
    };
    let mut disp: i64 = 0;
    for _ in 0..(s >> M_DISP_SHIFT) & 3 {
        match *vals.get(used)? {
            Operand::Imm(v) => disp = disp.wrapping_add(v),
            Operand::Label(_) => return None,
        }
        used += 1;
    }
    if !fits_i32(disp) {
        return None;
    }
    let a = Addr {
        size: size(s),
        base,
        index,
        disp: disp as i32,
    };
    Some((a, used))
}

/// The r/m operand: a register number or an address.
#[derive(Clone, Copy)]
enum Rm {
    Reg(u8),
    Mem(Addr),
}

impl Rm {
    /// REX.X and REX.B bits.
    #[inline(always)]
    fn rex(&self) -> u8 {
        match *self {
            Rm::Reg(r) => (r >> 3) & 1,
            Rm::Mem(a) => (a.base >> 3) & 1 | a.index.map_or(0, |(x, _)| (x >> 3) << 1),
        }
    }
}

/// An instruction's bytes (x86 instructions are at most 15), written in
/// place at the end of the code, and its relocation.
pub(crate) struct Bytes<'a> {
    pub buf: &'a mut [u8; 16],
    pub len: usize,
    /// The offset of a rel32 field in the instruction, or 0 for none (an
    /// opcode always comes first). Its target is the instruction's one
    /// label operand, which the caller takes from the operands: copying
    /// labels around costs more than encoding.
    pub rel32: usize,
}

impl Bytes<'_> {
    #[inline(always)]
    fn push(&mut self, b: u8) {
        // The mask keeps the index in bounds without a check; no
        // instruction is long enough for it to wrap.
        self.buf[self.len & 15] = b;
        self.len += 1;
    }

    #[inline(always)]
    fn push32(&mut self, v: i32) {
        for b in v.to_le_bytes() {
            self.push(b);
        }
    }

    /// `[66] [F2|F3] [REX] opcode ModRM [SIB] [disp]`; `pfx` is 0, 0x66,
    /// 0xF2 or 0xF3, and an operand size of 2 adds 0x66 before it.
    #[inline(always)]
    fn modrm(&mut self, size: u8, pfx: u8, w: bool, opcode: &[u8], reg: u8, rm: Rm) {
        if size == 2 {
            self.push(0x66);
        }
        if pfx != 0 {
            self.push(pfx);
        }
        let rex = (w as u8) << 3 | (reg >> 3) << 2 | rm.rex();
        if rex != 0 {
            self.push(0x40 | rex);
        }
        for &b in opcode {
            self.push(b);
        }
        let reg3 = (reg & 7) << 3;
        match rm {
            Rm::Reg(r) => self.push(0xc0 | reg3 | (r & 7)),
            Rm::Mem(a) => {
                let b = a.base & 7;
                // rbp/r13 as a base have no disp-less form.
                let mode_bits = if a.disp == 0 && b != 5 {
                    0
                } else if fits_i8(a.disp as i64) {
                    0x40
                } else {
                    0x80
                };
                match a.index {
                    Some((x, scale)) => {
                        self.push(mode_bits | reg3 | 4);
                        self.push(scale << 6 | (x & 7) << 3 | b);
                    }
                    None if b == 4 => {
                        self.push(mode_bits | reg3 | 4);
                        self.push(0x24);
                    }
                    None => self.push(mode_bits | reg3 | b),
                }
                match mode_bits {
                    0x40 => self.push(a.disp as u8),
                    0x80 => self.push32(a.disp),
                    _ => {}
                }
            }
        }
    }

    /// An immediate of `size` bytes (1, 2 or 4) following the instruction.
    #[inline(always)]
    fn imm(&mut self, v: i32, size: u8) {
        match size {
            1 => self.push(v as u8),
            2 => {
                self.push(v as u8);
                self.push((v >> 8) as u8);
            }
            _ => self.push32(v),
        }
    }

    /// A near branch's rel32 field (zero until its label is resolved).
    #[inline(always)]
    fn rel32(&mut self) {
        self.rel32 = self.len;
        self.push32(0);
    }
}

/// Encodes `op` (condition code `cc`) with operands `ops` (shape word
/// first) into the empty `out`, or returns false (with `out` to be
/// thrown away) for the general encoder to take the instruction.
#[inline(always)]
pub(crate) fn encode(mode: Mode, op: Op, cc: u8, ops: &[Operand], out: &mut Bytes<'_>) -> bool {
    let Some((Operand::Imm(shape), vals)) = ops.split_first() else {
        return false;
    };
    let shape = *shape as u64;
    let s0 = shape as u16;
    let s1 = (shape >> 16) as u16;
    let s2 = (shape >> 32) as u16;
    if s2 & 7 != K_NONE {
        return false;
    }
    let Some(v0) = vals.first() else {
        if shape == 0 && matches!(op, Op::Ret | Op::Nop) {
            out.push(if op == Op::Ret { 0xc3 } else { 0x90 });
            return true;
        }
        return false;
    };
    match op {
        Op::Mov if s1 & 7 == K_IMM => reg_imm(mode, op, (s0, s1), vals, out),
        Op::Add | Op::Or | Op::Adc | Op::Sbb | Op::And | Op::Sub | Op::Xor | Op::Cmp | Op::Mov => {
            let (mr, rm_op) = match op {
                Op::Mov => (0x89, 0x8b),
                _ => {
                    let n = op as u8 - Op::Add as u8;
                    (n * 8 + 1, n * 8 + 3)
                }
            };
            binary(mode, op, (s0, s1), vals, (mr, rm_op), out)
        }
        Op::Test => match (gpr(mode, s0, v0), vals.get(1)) {
            (Some((sa, a)), Some(v)) => match gpr(mode, s1, v) {
                Some((sb, b)) if sa == sb && vals.len() == 2 => {
                    out.modrm(sa, 0, sa == 8, &[0x85], b, Rm::Reg(a));
                    true
                }
                _ => false,
            },
            _ => false,
        },
        Op::Lea => match (gpr(mode, s0, v0), mem(mode, s1, &vals[1..])) {
            (Some((size, r)), Some((a, used))) if size != 2 && 1 + used == vals.len() => {
                out.modrm(size, 0, size == 8, &[0x8d], r, Rm::Mem(a));
                true
            }
            _ => false,
        },
        Op::Movzx | Op::Movsx => {
            let Some((size, r)) = gpr(mode, s0, v0) else {
                return false;
            };
            let Some((a, used)) = mem(mode, s1, &vals[1..]) else {
                return false;
            };
            let base = if op == Op::Movzx { 0xb6 } else { 0xbe };
            let opcode = match a.size {
                1 => base,
                2 if size != 2 => base + 1,
                _ => return false,
            };
            if 1 + used != vals.len() {
                return false;
            }
            out.modrm(size, 0, size == 8, &[0x0f, opcode], r, Rm::Mem(a));
            true
        }
        Op::Jcc | Op::Jmp | Op::Call => {
            // The target is taken from `vals[0]` by the caller.
            match (s0 & 7, vals) {
                (K_LABEL | K_IMM, [Operand::Label(_)]) if s0 & SHORT == 0 && s1 == 0 => {}
                _ => return false,
            }
            match op {
                Op::Jcc => {
                    out.push(0x0f);
                    out.push(0x80 | (cc & 15));
                }
                Op::Jmp => out.push(0xe9),
                _ => out.push(0xe8),
            }
            out.rel32();
            true
        }
        Op::Rol | Op::Ror | Op::Rcl | Op::Rcr | Op::Shl | Op::Shr | Op::Sal | Op::Sar
            if s1 & 7 == K_IMM =>
        {
            reg_imm(mode, op, (s0, s1), vals, out)
        }
        Op::Imul | Op::Cmov => {
            let Some((size, d)) = gpr(mode, s0, v0) else {
                return false;
            };
            let rm = match vals.get(1).and_then(|v| gpr(mode, s1, v)) {
                Some((ss, r)) if ss == size && vals.len() == 2 => Rm::Reg(r),
                Some(_) => return false,
                None => match mem(mode, s1, &vals[1..]) {
                    Some((m, used))
                        if (m.size == 0 || m.size == size) && 1 + used == vals.len() =>
                    {
                        Rm::Mem(m)
                    }
                    _ => return false,
                },
            };
            let opcode = if op == Op::Imul {
                0xaf
            } else {
                0x40 | (cc & 15)
            };
            out.modrm(size, 0, size == 8, &[0x0f, opcode], d, rm);
            true
        }
        Op::Push | Op::Pop => match gpr(mode, s0, v0) {
            Some((size, r)) if size == mode.ptr_size() && s1 == 0 && vals.len() == 1 => {
                if r >= 8 {
                    out.push(0x41);
                }
                out.push(if op == Op::Push { 0x50 } else { 0x58 } | (r & 7));
                true
            }
            _ => false,
        },
        _ => sse(mode, op, s0, s1, vals, out),
    }
}

/// ALU and `mov` between registers and memory, and ALU with an immediate.
/// `mr` is the `r/m, reg` opcode and `rm_op` the `reg, r/m` one.
#[inline(always)]
fn binary(
    mode: Mode,
    op: Op,
    (s0, s1): (u16, u16),
    vals: &[Operand],
    (mr, rm_op): (u8, u8),
    out: &mut Bytes<'_>,
) -> bool {
    let Some(v0) = vals.first() else {
        return false;
    };
    if let Some((sa, a)) = gpr(mode, s0, v0) {
        if let Some((sb, b)) = vals.get(1).and_then(|v| gpr(mode, s1, v)) {
            if sa != sb || vals.len() != 2 {
                return false;
            }
            out.modrm(sa, 0, sa == 8, &[mr], b, Rm::Reg(a));
            return true;
        }
        if let Some((m, used)) = mem(mode, s1, &vals[1..]) {
            if (m.size != 0 && m.size != sa) || 1 + used != vals.len() {
                return false;
            }
            out.modrm(sa, 0, sa == 8, &[rm_op], a, Rm::Mem(m));
            return true;
        }
        return op != Op::Mov && alu_imm(op, sa, Rm::Reg(a), s1, &vals[1..], out);
    }
    let Some((m, used)) = mem(mode, s0, vals) else {
        return false;
    };
    let rest = &vals[used..];
    if let Some((sb, b)) = rest.first().and_then(|v| gpr(mode, s1, v)) {
        if (m.size != 0 && m.size != sb) || rest.len() != 1 {
            return false;
        }
        out.modrm(sb, 0, sb == 8, &[mr], b, Rm::Mem(m));
        return true;
    }
    let size = m.size;
    let sized = size == 2 || size == 4 || (size == 8 && mode == Mode::X64);
    sized && op != Op::Mov && alu_imm(op, size, Rm::Mem(m), s1, rest, out)
}

/// `mov reg, imm` (32- and 64-bit registers, by value: `B8+r imm32`,
/// sign-extended `C7 /0 imm32` or `B8+r imm64`) and shifts of a register
/// by an immediate (`D1 /n` for 1, else `C1 /n ib`).
#[inline(always)]
fn reg_imm(
    mode: Mode,
    op: Op,
    (s0, s1): (u16, u16),
    vals: &[Operand],
    out: &mut Bytes<'_>,
) -> bool {
    let (Some((size, r)), [_, Operand::Imm(v)]) = (gpr(mode, s0, &vals[0]), vals) else {
        return false;
    };
    if s1 & SHORT != 0 {
        return false;
    }
    let v = *v;
    if op != Op::Mov {
        if !(0..=255).contains(&v) {
            return false;
        }
        let n = match op {
            Op::Sal => 4,
            _ => op as u8 - Op::Rol as u8,
        };
        if v == 1 {
            out.modrm(size, 0, size == 8, &[0xd1], n, Rm::Reg(r));
        } else {
            out.modrm(size, 0, size == 8, &[0xc1], n, Rm::Reg(r));
            out.push(v as u8);
        }
        return true;
    }
    let rex_b = r >> 3;
    match size {
        4 if (i32::MIN as i64..=u32::MAX as i64).contains(&v) => {
            if rex_b != 0 {
                out.push(0x41);
            }
            out.push(0xb8 | (r & 7));
            out.push32(v as i32);
        }
        8 if (0..=u32::MAX as i64).contains(&v) => {
            if rex_b != 0 {
                out.push(0x41);
            }
            out.push(0xb8 | (r & 7));
            out.push32(v as u32 as i32);
        }
        8 if fits_i32(v) => {
            out.modrm(8, 0, true, &[0xc7], 0, Rm::Reg(r));
            out.push32(v as i32);
        }
        8 => {
            out.push(0x48 | rex_b);
            out.push(0xb8 | (r & 7));
            out.push32(v as i32);
            out.push32((v >> 32) as i32);
        }
        _ => return false,
    }
    true
}

/// `r/m, imm` for the ALU group: imm8 when it fits, else the
/// accumulator's short form, else imm16/imm32.
#[inline(always)]
fn alu_imm(op: Op, size: u8, rm: Rm, s1: u16, rest: &[Operand], out: &mut Bytes<'_>) -> bool {
    let v = match rest {
        [Operand::Imm(v)] if s1 & 7 == K_IMM && s1 & SHORT == 0 => *v,
        _ => return false,
    };
    // Values the general encoder would normalise or refuse go there.
    let fits = if size == 2 {
        (i16::MIN as i64..=i16::MAX as i64).contains(&v)
    } else {
        fits_i32(v)
    };
    if !fits {
        return false;
    }
    let n = op as u8 - Op::Add as u8;
    let w = size == 8;
    let full = size.min(4);
    if fits_i8(v) {
        out.modrm(size, 0, w, &[0x83], n, rm);
        out.imm(v as i32, 1);
    } else if matches!(rm, Rm::Reg(0)) {
        if size == 2 {
            out.push(0x66);
        }
        if w {
            out.push(0x48);
        }
        out.push(n * 8 + 5);
        out.imm(v as i32, full);
    } else {
        out.modrm(size, 0, w, &[0x81], n, rm);
        out.imm(v as i32, full);
    }
    true
}

/// SSE moves and `xmm, xmm/mem` arithmetic.
#[inline(always)]
fn sse(mode: Mode, op: Op, s0: u16, s1: u16, vals: &[Operand], out: &mut Bytes<'_>) -> bool {
    let (s, store, mem_only) = match (xmm_rm(op), xmm_move(op)) {
        (Some(s), _) => (s, None, false),
        (None, Some((s, store, mem_only))) => (s, Some(store), mem_only),
        _ => return false,
    };
    let Some(v0) = vals.first() else {
        return false;
    };
    let xmm = |s: u16, v: &Operand| if s & 7 == K_XMM { reg(mode, v) } else { None };
    if let Some(d) = xmm(s0, v0) {
        let rm = match vals.get(1).and_then(|v| xmm(s1, v)) {
            Some(r) if !mem_only && vals.len() == 2 => Rm::Reg(r),
            Some(_) => return false,
            None => match mem(mode, s1, &vals[1..]) {
                Some((m, used)) if (m.size == 0 || m.size == s.msize) && 1 + used == vals.len() => {
                    Rm::Mem(m)
                }
                _ => return false,
            },
        };
        out.modrm(0, s.pfx, false, &[0x0f, s.op], d, rm);
        return true;
    }
    let Some(store) = store else {
        return false;
    };
    match mem(mode, s0, vals) {
        Some((m, used)) if m.size == 0 || m.size == s.msize => match &vals[used..] {
            [v] => match xmm(s1, v) {
                Some(r) => {
                    out.modrm(0, s.pfx, false, &[0x0f, store], r, Rm::Mem(m));
                    true
                }
                None => false,
            },
            _ => false,
        },
        _ => false,
    }
}
