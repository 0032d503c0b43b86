//! The register file: general-purpose registers at four widths and the
//! SSE registers, their numbers and their names in both modes.
//!
//! Register numbers are the hardware numbers (0 = rax .. 15 = r15), the
//! low three bits going into ModRM/SIB and the fourth into REX. Two quirks
//! of the byte registers need a number of their own:
//! - in 64-bit mode, byte registers 4..7 are `spl bpl sil dil` and need a
//!   REX prefix (any REX, even an empty 0x40);
//! - the legacy high bytes `ah ch dh bh` use the same field values 4..7 but
//!   only *without* a REX prefix. In 32-bit mode they are simply 4..7; in
//!   64-bit mode they are numbered [`HIGH_BYTE`]` + 4..7` so the encoder can
//!   refuse to combine them with anything needing REX.
//!
//! Special roles: `rsp`/`r12` as a base always need a SIB byte, `rbp`/`r13`
//! as a base always need a displacement, and `rsp` cannot be an index.
//! The accumulator (`al/ax/eax/rax`) has short ALU/`test`/`xchg` forms.

use asm_dsl_core::{AsmValue, Operand};

use crate::Mode;

/// A general-purpose register number (0..15), spliced with a width prefix:
/// `Rq{r}` (64-bit), `Rd{r}`, `Rw{r}`, `Rb{r}` or `Ra{r}` (pointer width).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Gpr(pub u8);

/// An SSE register number (0..15), spliced as `xmm{r}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Xmm(pub u8);

impl AsmValue for Gpr {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

impl AsmValue for Xmm {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

pub const RAX: Gpr = Gpr(0);
pub const RCX: Gpr = Gpr(1);
pub const RDX: Gpr = Gpr(2);
pub const RBX: Gpr = Gpr(3);
pub const RSP: Gpr = Gpr(4);
pub const RBP: Gpr = Gpr(5);
pub const RSI: Gpr = Gpr(6);
pub const RDI: Gpr = Gpr(7);
pub const R8: Gpr = Gpr(8);
pub const R9: Gpr = Gpr(9);
pub const R10: Gpr = Gpr(10);
pub const R11: Gpr = Gpr(11);
pub const R12: Gpr = Gpr(12);
pub const R13: Gpr = Gpr(13);
pub const R14: Gpr = Gpr(14);
pub const R15: Gpr = Gpr(15);

/// `ah ch dh bh` in 64-bit mode are `HIGH_BYTE + 4 ..= HIGH_BYTE + 7`.
pub const HIGH_BYTE: u8 = 16;

const GPR64: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];
const GPR32: [&str; 16] = [
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d",
    "r13d", "r14d", "r15d",
];
const GPR16: [&str; 16] = [
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w",
    "r14w", "r15w",
];
const GPR8: [&str; 16] = [
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b",
    "r13b", "r14b", "r15b",
];
const HIGH8: [&str; 4] = ["ah", "ch", "dh", "bh"];
const XMM: [&str; 16] = [
    "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
    "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
];

/// True when `num` names a general-purpose register of `size` bytes.
#[inline]
pub fn gpr_valid(mode: Mode, size: u8, num: u8) -> bool {
    match (mode, size) {
        (Mode::X86, 1 | 2 | 4) => num < 8,
        (Mode::X86, _) => false,
        (Mode::X64, 1) => num < 16 || (HIGH_BYTE + 4..HIGH_BYTE + 8).contains(&num),
        (Mode::X64, 2 | 4 | 8) => num < 16,
        _ => false,
    }
}

#[inline]
pub fn xmm_valid(mode: Mode, num: u8) -> bool {
    num < mode.reg_count()
}

/// The name of a general-purpose register (None if it does not exist).
pub fn gpr_name(mode: Mode, size: u8, num: u8) -> Option<&'static str> {
    if !gpr_valid(mode, size, num) {
        return None;
    }
    let n = num as usize;
    Some(match size {
        8 => GPR64[n],
        4 => GPR32[n],
        2 => GPR16[n],
        _ if num >= HIGH_BYTE => HIGH8[n - HIGH_BYTE as usize - 4],
        _ if mode == Mode::X86 && n >= 4 => HIGH8[n - 4],
        _ => GPR8[n],
    })
}

pub fn xmm_name(num: u8) -> &'static str {
    XMM[num as usize & 15]
}

/// A register operand named in text: a GPR with its size, or an SSE
/// register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedReg {
    Gpr { size: u8, num: u8 },
    Xmm(u8),
}

/// Looks up a register name (ASCII case-insensitive) valid in `mode`.
pub fn parse_reg(mode: Mode, name: &str) -> Option<NamedReg> {
    let lower = name.to_ascii_lowercase();
    let find = |table: &[&str]| table.iter().position(|&s| s == lower).map(|i| i as u8);
    let reg = if let Some(n) = find(&XMM) {
        NamedReg::Xmm(n)
    } else if let Some(n) = find(&GPR64) {
        NamedReg::Gpr { size: 8, num: n }
    } else if let Some(n) = find(&GPR32) {
        NamedReg::Gpr { size: 4, num: n }
    } else if let Some(n) = find(&GPR16) {
        NamedReg::Gpr { size: 2, num: n }
    } else if let Some(n) = find(&HIGH8) {
        let base = if mode == Mode::X64 { HIGH_BYTE } else { 0 };
        NamedReg::Gpr {
            size: 1,
            num: base + 4 + n,
        }
    } else if let Some(n) = find(&GPR8) {
        // spl..dil do not exist in 32-bit mode, where 4..7 mean ah..bh.
        if mode == Mode::X86 && (4..8).contains(&n) {
            return None;
        }
        NamedReg::Gpr { size: 1, num: n }
    } else {
        return None;
    };
    match reg {
        NamedReg::Gpr { size, num } if gpr_valid(mode, size, num) => Some(reg),
        NamedReg::Xmm(n) if xmm_valid(mode, n) => Some(reg),
        _ => None,
    }
}

/// The register width selected by a splice prefix (`Rq{..}` and so on);
/// 16 stands for an SSE register.
pub fn splice_class(mode: Mode, prefix: &str) -> Option<u8> {
    match prefix {
        "Rq" if mode == Mode::X64 => Some(8),
        "Rd" => Some(4),
        "Rw" => Some(2),
        "Rb" => Some(1),
        "Ra" => Some(mode.ptr_size()),
        "xmm" => Some(16),
        _ => None,
    }
}
