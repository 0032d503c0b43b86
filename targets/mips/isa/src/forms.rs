//! The form table: every mnemonic and operand shape this assembler knows,
//! with the fixed bits of its instruction word.
//!
//! One table drives all three directions. The parser looks a mnemonic up
//! and tries its forms in order; the encoder ORs operand fields into the
//! form's word; the disassembler takes the first printable form whose
//! fixed bits (everything outside its operand fields) match a word. That
//! is why aliases (`nop`, `move`, `beqz`, ...) come before the general
//! instruction: they are the same word with a field pinned to zero.
//! A [`FormId`] is an index into the table (see [`form`]).

use asm_dsl_core::FormId;

/// One operand of a form and the bit field it fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A general register in the 5-bit field at this shift.
    Gpr(u8),
    /// A general register written to two fields (`clz`/`clo` repeat rd in rt).
    Gpr2(u8, u8),
    /// Any FPU register (singles, words, halves of doubles).
    Fpr(u8),
    /// An FPU register holding a double: even in FR=0 mode.
    Dbl(u8),
    /// An FPU condition flag `$fccN` (3 bits).
    Cc(u8),
    /// An FPU control register, written `$N` (`cfc1 $t0, $31`).
    Fcr(u8),
    /// A signed 16-bit immediate (low half).
    SImm16,
    /// An unsigned 16-bit immediate (low half).
    UImm16,
    /// A shift amount 0..31 (the sa field).
    Shamt,
    /// A `break` code 0..1023 (bits 16..25).
    Code10,
    /// `offset($base)`: two arguments, a signed 16-bit offset and a base
    /// register at bit 21.
    Mem,
    /// A branch target: a label or an absolute address (16-bit word offset
    /// from the delay slot).
    Br16,
    /// A jump target: a label or an absolute address in the same 256 MiB
    /// region as the delay slot.
    J26,
    /// The bit position of `ext`/`ins` (sa field).
    BitPos,
    /// The field size of `ext`/`ins` (rd field holds size-1 or pos+size-1).
    BitSize,
    /// Any 32-bit value or a label (the `li` macro).
    Value,
}

impl Op {
    /// How many parsed arguments this operand takes.
    pub fn arity(self) -> usize {
        match self {
            Op::Mem => 2,
            _ => 1,
        }
    }

    /// The bits of the instruction word this operand owns.
    pub fn field_mask(self) -> u32 {
        match self {
            Op::Gpr(s) | Op::Fpr(s) | Op::Dbl(s) | Op::Fcr(s) => 0x1f << s,
            Op::Gpr2(a, b) => (0x1f << a) | (0x1f << b),
            Op::Cc(s) => 7 << s,
            Op::SImm16 | Op::UImm16 | Op::Br16 => 0xffff,
            Op::Shamt | Op::BitPos => 0x1f << 6,
            Op::BitSize => 0x1f << 11,
            Op::Code10 => 0x3ff << 16,
            Op::Mem => 0xffff | (0x1f << 21),
            Op::J26 => 0x03ff_ffff,
            Op::Value => 0,
        }
    }
}

/// How a form's operands become instruction words, where it is more than
/// ORing fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plain,
    /// `ext`: the size field holds size-1.
    Ext,
    /// `ins`: the size field holds pos+size-1.
    Ins,
    /// `li`/`la`: one or two instructions chosen by value (parse only;
    /// never printed, the disassembler shows what it expanded to).
    Li,
}

#[derive(Clone, Copy, Debug)]
pub struct Form {
    pub mnem: &'static str,
    pub ops: &'static [Op],
    pub word: u32,
    pub kind: Kind,
}

impl Form {
    /// The fixed bits: everything no operand owns.
    pub fn fixed_mask(&self) -> u32 {
        !self.ops.iter().fold(0, |m, op| m | op.field_mask())
    }

    /// True when `word` would link into the register it reads: `jalr`
    /// with rd == rs, or `bltzal`/`bgezal` testing `$ra`. The ISA makes
    /// these unpredictable (re-executing after an exception in the delay
    /// slot would see the overwritten value), so they are refused.
    pub fn breaks_link_rule(&self, word: u32) -> bool {
        let rs = (word >> 21) & 31;
        match self.mnem {
            "jalr" => rs == (word >> 11) & 31,
            "bltzal" | "bgezal" => rs == 31,
            _ => false,
        }
    }
}

// Field shifts.
const RS: u8 = 21;
const RT: u8 = 16;
const RD: u8 = 11;
const FT: u8 = 16;
const FS: u8 = 11;
const FD: u8 = 6;

const fn f(mnem: &'static str, ops: &'static [Op], word: u32) -> Form {
    Form {
        mnem,
        ops,
        word,
        kind: Kind::Plain,
    }
}

const fn special(func: u32) -> u32 {
    func
}
const fn special2(func: u32) -> u32 {
    (0x1c << 26) | func
}
const fn special3(func: u32) -> u32 {
    (0x1f << 26) | func
}
const fn regimm(rt: u32) -> u32 {
    (1 << 26) | (rt << 16)
}
const fn op(opcode: u32) -> u32 {
    opcode << 26
}
const COP1: u32 = 0x11 << 26;
const FMT_S: u32 = 16 << 21;
const FMT_D: u32 = 17 << 21;
const FMT_W: u32 = 20 << 21;
const fn cop1(fmt: u32, func: u32) -> u32 {
    COP1 | fmt | func
}
const fn cop1_rs(rs: u32) -> u32 {
    COP1 | (rs << 21)
}

use Op::*;

const R3: &[Op] = &[Gpr(RD), Gpr(RS), Gpr(RT)];
const R2_DS: &[Op] = &[Gpr(RD), Gpr(RS)];
const R2_DT: &[Op] = &[Gpr(RD), Gpr(RT)];
const R2_ST: &[Op] = &[Gpr(RS), Gpr(RT)];
const SHIFT: &[Op] = &[Gpr(RD), Gpr(RT), Shamt];
const SHIFTV: &[Op] = &[Gpr(RD), Gpr(RT), Gpr(RS)];
const IMM_S: &[Op] = &[Gpr(RT), Gpr(RS), SImm16];
const IMM_U: &[Op] = &[Gpr(RT), Gpr(RS), UImm16];
const LDST: &[Op] = &[Gpr(RT), Mem];
const FLDST: &[Op] = &[Fpr(FT), Mem];
const DLDST: &[Op] = &[Dbl(FT), Mem];
const BR2: &[Op] = &[Gpr(RS), Gpr(RT), Br16];
const BR1: &[Op] = &[Gpr(RS), Br16];
const BR0: &[Op] = &[Br16];
const D3: &[Op] = &[Dbl(FD), Dbl(FS), Dbl(FT)];
const S3: &[Op] = &[Fpr(FD), Fpr(FS), Fpr(FT)];
const D2: &[Op] = &[Dbl(FD), Dbl(FS)];
const S2: &[Op] = &[Fpr(FD), Fpr(FS)];
const FROM_D: &[Op] = &[Fpr(FD), Dbl(FS)];
const TO_D: &[Op] = &[Dbl(FD), Fpr(FS)];
const CMP_D: &[Op] = &[Dbl(FS), Dbl(FT)];
const CMP_D_CC: &[Op] = &[Cc(8), Dbl(FS), Dbl(FT)];
const CMP_S: &[Op] = &[Fpr(FS), Fpr(FT)];
const CMP_S_CC: &[Op] = &[Cc(8), Fpr(FS), Fpr(FT)];
const XFER: &[Op] = &[Gpr(RT), Fpr(FS)];
const XFER_HI: &[Op] = &[Gpr(RT), Dbl(FS)];
const MOVC_D: &[Op] = &[Dbl(FD), Dbl(FS), Cc(18)];
const MOVC_S: &[Op] = &[Fpr(FD), Fpr(FS), Cc(18)];
const MOVR_D: &[Op] = &[Dbl(FD), Dbl(FS), Gpr(RT)];
const MOVR_S: &[Op] = &[Fpr(FD), Fpr(FS), Gpr(RT)];

/// The FPU compare conditions, in encoding order (the low 4 bits).
pub const FP_CONDS: [&str; 16] = [
    "f", "un", "eq", "ueq", "olt", "ult", "ole", "ule", "sf", "ngle", "seq", "ngl", "lt", "nge",
    "le", "ngt",
];

macro_rules! fp_compares {
    ($($i:expr, $d:expr, $s:expr;)*) => {
        [$([
            f($d, CMP_D, cop1(FMT_D, 0x30 | $i)),
            f($d, CMP_D_CC, cop1(FMT_D, 0x30 | $i)),
            f($s, CMP_S, cop1(FMT_S, 0x30 | $i)),
            f($s, CMP_S_CC, cop1(FMT_S, 0x30 | $i)),
        ],)*]
    };
}

const COMPARES: [[Form; 4]; 16] = fp_compares! {
    0, "c.f.d", "c.f.s"; 1, "c.un.d", "c.un.s"; 2, "c.eq.d", "c.eq.s"; 3, "c.ueq.d", "c.ueq.s";
    4, "c.olt.d", "c.olt.s"; 5, "c.ult.d", "c.ult.s"; 6, "c.ole.d", "c.ole.s";
    7, "c.ule.d", "c.ule.s"; 8, "c.sf.d", "c.sf.s"; 9, "c.ngle.d", "c.ngle.s";
    10, "c.seq.d", "c.seq.s"; 11, "c.ngl.d", "c.ngl.s"; 12, "c.lt.d", "c.lt.s";
    13, "c.nge.d", "c.nge.s"; 14, "c.le.d", "c.le.s"; 15, "c.ngt.d", "c.ngt.s";
};

/// Every form except the FPU compares, in disassembly priority order.
const MAIN: &[Form] = &[
    // Aliases first: the same words as the instructions below with a field
    // pinned (to $zero, or rd to $ra).
    f("nop", &[], 0),
    f("move", R2_DS, special(0x25)),
    f("not", R2_DS, special(0x27)),
    f("neg", R2_DT, special(0x22)),
    f("negu", R2_DT, special(0x23)),
    f("b", BR0, op(4)),
    f("beqz", BR1, op(4)),
    f("bnez", BR1, op(5)),
    f("bal", BR0, regimm(0x11)),
    f("jalr", &[Gpr(RS)], special(9) | (31 << RD)),
    Form {
        mnem: "li",
        ops: &[Gpr(RT), Value],
        word: 0,
        kind: Kind::Li,
    },
    // `la` is `li` by another name, for addresses.
    Form {
        mnem: "la",
        ops: &[Gpr(RT), Value],
        word: 0,
        kind: Kind::Li,
    },
    // Integer ALU, register forms.
    f("add", R3, special(0x20)),
    f("addu", R3, special(0x21)),
    f("sub", R3, special(0x22)),
    f("subu", R3, special(0x23)),
    f("and", R3, special(0x24)),
    f("or", R3, special(0x25)),
    f("xor", R3, special(0x26)),
    f("nor", R3, special(0x27)),
    f("slt", R3, special(0x2a)),
    f("sltu", R3, special(0x2b)),
    f("movz", R3, special(0x0a)),
    f("movn", R3, special(0x0b)),
    f("mul", R3, special2(0x02)),
    // Immediate forms.
    f("addi", IMM_S, op(0x08)),
    f("addiu", IMM_S, op(0x09)),
    f("slti", IMM_S, op(0x0a)),
    f("sltiu", IMM_S, op(0x0b)),
    f("andi", IMM_U, op(0x0c)),
    f("ori", IMM_U, op(0x0d)),
    f("xori", IMM_U, op(0x0e)),
    f("lui", &[Gpr(RT), UImm16], op(0x0f)),
    // Shifts and rotates (rotr/rotrv are srl/srlv with bit 21/6 set).
    f("sll", SHIFT, special(0x00)),
    f("srl", SHIFT, special(0x02)),
    f("rotr", SHIFT, special(0x02) | (1 << 21)),
    f("sra", SHIFT, special(0x03)),
    f("sllv", SHIFTV, special(0x04)),
    f("srlv", SHIFTV, special(0x06)),
    f("rotrv", SHIFTV, special(0x06) | (1 << 6)),
    f("srav", SHIFTV, special(0x07)),
    // Multiply and divide through hi/lo.
    f("mult", R2_ST, special(0x18)),
    f("multu", R2_ST, special(0x19)),
    f("div", R2_ST, special(0x1a)),
    f("divu", R2_ST, special(0x1b)),
    f("madd", R2_ST, special2(0x00)),
    f("maddu", R2_ST, special2(0x01)),
    f("msub", R2_ST, special2(0x04)),
    f("msubu", R2_ST, special2(0x05)),
    f("mfhi", &[Gpr(RD)], special(0x10)),
    f("mthi", &[Gpr(RS)], special(0x11)),
    f("mflo", &[Gpr(RD)], special(0x12)),
    f("mtlo", &[Gpr(RS)], special(0x13)),
    // Bit manipulation (release 2, except clz/clo).
    f("clz", &[Gpr2(RD, RT), Gpr(RS)], special2(0x20)),
    f("clo", &[Gpr2(RD, RT), Gpr(RS)], special2(0x21)),
    f("seb", R2_DT, special3(0x20) | (0x10 << 6)),
    f("seh", R2_DT, special3(0x20) | (0x18 << 6)),
    f("wsbh", R2_DT, special3(0x20) | (0x02 << 6)),
    Form {
        mnem: "ext",
        ops: &[Gpr(RT), Gpr(RS), BitPos, BitSize],
        word: special3(0x00),
        kind: Kind::Ext,
    },
    Form {
        mnem: "ins",
        ops: &[Gpr(RT), Gpr(RS), BitPos, BitSize],
        word: special3(0x04),
        kind: Kind::Ins,
    },
    // Conditional move on an FPU flag.
    f("movf", &[Gpr(RD), Gpr(RS), Cc(18)], special(0x01)),
    f(
        "movt",
        &[Gpr(RD), Gpr(RS), Cc(18)],
        special(0x01) | (1 << 16),
    ),
    // Loads and stores.
    f("lb", LDST, op(0x20)),
    f("lh", LDST, op(0x21)),
    f("lwl", LDST, op(0x22)),
    f("lw", LDST, op(0x23)),
    f("lbu", LDST, op(0x24)),
    f("lhu", LDST, op(0x25)),
    f("lwr", LDST, op(0x26)),
    f("sb", LDST, op(0x28)),
    f("sh", LDST, op(0x29)),
    f("swl", LDST, op(0x2a)),
    f("sw", LDST, op(0x2b)),
    f("swr", LDST, op(0x2e)),
    f("ll", LDST, op(0x30)),
    f("sc", LDST, op(0x38)),
    f("lwc1", FLDST, op(0x31)),
    f("ldc1", DLDST, op(0x35)),
    f("swc1", FLDST, op(0x39)),
    f("sdc1", DLDST, op(0x3d)),
    // Branches (16-bit word offsets from the delay slot) and jumps.
    f("beq", BR2, op(4)),
    f("bne", BR2, op(5)),
    f("blez", BR1, op(6)),
    f("bgtz", BR1, op(7)),
    f("bltz", BR1, regimm(0x00)),
    f("bgez", BR1, regimm(0x01)),
    f("bltzal", BR1, regimm(0x10)),
    f("bgezal", BR1, regimm(0x11)),
    f("j", &[J26], op(2)),
    f("jal", &[J26], op(3)),
    f("jr", &[Gpr(RS)], special(0x08)),
    f("jalr", &[Gpr(RD), Gpr(RS)], special(0x09)),
    // System.
    f("syscall", &[], special(0x0c)),
    f("break", &[], special(0x0d)),
    f("break", &[Code10], special(0x0d)),
    f("sync", &[], special(0x0f)),
    // FPU arithmetic.
    f("add.d", D3, cop1(FMT_D, 0x00)),
    f("sub.d", D3, cop1(FMT_D, 0x01)),
    f("mul.d", D3, cop1(FMT_D, 0x02)),
    f("div.d", D3, cop1(FMT_D, 0x03)),
    f("sqrt.d", D2, cop1(FMT_D, 0x04)),
    f("abs.d", D2, cop1(FMT_D, 0x05)),
    f("mov.d", D2, cop1(FMT_D, 0x06)),
    f("neg.d", D2, cop1(FMT_D, 0x07)),
    f("add.s", S3, cop1(FMT_S, 0x00)),
    f("sub.s", S3, cop1(FMT_S, 0x01)),
    f("mul.s", S3, cop1(FMT_S, 0x02)),
    f("div.s", S3, cop1(FMT_S, 0x03)),
    f("sqrt.s", S2, cop1(FMT_S, 0x04)),
    f("abs.s", S2, cop1(FMT_S, 0x05)),
    f("mov.s", S2, cop1(FMT_S, 0x06)),
    f("neg.s", S2, cop1(FMT_S, 0x07)),
    // Conversions.
    f("round.w.d", FROM_D, cop1(FMT_D, 0x0c)),
    f("trunc.w.d", FROM_D, cop1(FMT_D, 0x0d)),
    f("ceil.w.d", FROM_D, cop1(FMT_D, 0x0e)),
    f("floor.w.d", FROM_D, cop1(FMT_D, 0x0f)),
    f("cvt.s.d", FROM_D, cop1(FMT_D, 0x20)),
    f("cvt.w.d", FROM_D, cop1(FMT_D, 0x24)),
    f("round.w.s", S2, cop1(FMT_S, 0x0c)),
    f("trunc.w.s", S2, cop1(FMT_S, 0x0d)),
    f("ceil.w.s", S2, cop1(FMT_S, 0x0e)),
    f("floor.w.s", S2, cop1(FMT_S, 0x0f)),
    f("cvt.d.s", TO_D, cop1(FMT_S, 0x21)),
    f("cvt.w.s", S2, cop1(FMT_S, 0x24)),
    f("cvt.s.w", S2, cop1(FMT_W, 0x20)),
    f("cvt.d.w", TO_D, cop1(FMT_W, 0x21)),
    // Conditional FPU moves.
    f("movf.d", MOVC_D, cop1(FMT_D, 0x11)),
    f("movt.d", MOVC_D, cop1(FMT_D, 0x11) | (1 << 16)),
    f("movz.d", MOVR_D, cop1(FMT_D, 0x12)),
    f("movn.d", MOVR_D, cop1(FMT_D, 0x13)),
    f("movf.s", MOVC_S, cop1(FMT_S, 0x11)),
    f("movt.s", MOVC_S, cop1(FMT_S, 0x11) | (1 << 16)),
    f("movz.s", MOVR_S, cop1(FMT_S, 0x12)),
    f("movn.s", MOVR_S, cop1(FMT_S, 0x13)),
    // Moves between the register files.
    f("mfc1", XFER, cop1_rs(0)),
    f("cfc1", &[Gpr(RT), Fcr(FS)], cop1_rs(2)),
    f("mfhc1", XFER_HI, cop1_rs(3)),
    f("mtc1", XFER, cop1_rs(4)),
    f("ctc1", &[Gpr(RT), Fcr(FS)], cop1_rs(6)),
    f("mthc1", XFER_HI, cop1_rs(7)),
    // Branches on an FPU flag: without a flag operand they test $fcc0.
    f("bc1f", BR0, cop1_rs(8)),
    f("bc1f", &[Cc(18), Br16], cop1_rs(8)),
    f("bc1t", BR0, cop1_rs(8) | (1 << 16)),
    f("bc1t", &[Cc(18), Br16], cop1_rs(8) | (1 << 16)),
];

/// The number of forms.
pub const COUNT: usize = MAIN.len() + 64;

/// The form with this id, if it exists.
pub fn form(id: FormId) -> Option<&'static Form> {
    let i = id.0 as usize;
    if i < MAIN.len() {
        Some(&MAIN[i])
    } else {
        let j = i - MAIN.len();
        COMPARES.get(j / 4).map(|c| &c[j % 4])
    }
}

/// Every form with its id, in priority order.
pub fn all() -> impl Iterator<Item = (FormId, &'static Form)> {
    (0..COUNT).filter_map(|i| {
        let id = FormId(i as u16);
        form(id).map(|f| (id, f))
    })
}

/// The forms of one mnemonic, in the order the parser tries them.
pub fn by_mnemonic(mnem: &str) -> impl Iterator<Item = (FormId, &'static Form)> + '_ {
    all().filter(move |(_, f)| f.mnem == mnem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_fields_do_not_overlap_fixed_bits() {
        for (_, f) in all() {
            assert_eq!(f.word & !f.fixed_mask(), 0, "{}", f.mnem);
        }
    }
}
