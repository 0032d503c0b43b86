//! The form table: encoding shapes, field codes, and the mnemonic table
//! that maps a written mnemonic (root, `s` flag, condition, data types) to
//! the operation the parser reads operands for.
//!
//! A form is one *encoding shape* (data processing with a rotated
//! immediate, a load with a 12-bit offset, a VFP three-register
//! operation, ...). Every form's first argument is a constant *base word*
//! holding the condition and the fixed opcode bits of the mnemonic, so one
//! shape serves every mnemonic that shares it and `encode` only fills in
//! operand fields. That keeps the table small and the encoder uniform.

use asm_dsl_core::FormId;

/// `base, rd, rn, imm`: data processing with a rotated immediate.
pub const DP_IMM: FormId = FormId(1);
/// `base, rd, rn, rm, type, amount`: register shifted by an immediate
/// (type 4 is `rrx`).
pub const DP_SHIFT_IMM: FormId = FormId(2);
/// `base, rd, rn, rm, type, rs`: register shifted by a register.
pub const DP_SHIFT_REG: FormId = FormId(3);
/// `base, rd, imm16`: `movw`/`movt`.
pub const MOVW: FormId = FormId(4);
/// `base, (field code, register)*`: fixed opcode with register fields.
pub const FIELDS: FormId = FormId(5);
/// `base, rd, rm, rotation`: `uxtb` and friends.
pub const EXTEND: FormId = FormId(6);
/// `base, rd, rn, lsb, width`: `ubfx`/`sbfx`.
pub const BFX: FormId = FormId(7);
/// `base, rd, rn, lsb, width`: `bfi` (and `bfc`, whose rn is 15).
pub const BFI: FormId = FormId(8);
/// `base, rt, rn, offset`: word/byte load/store with a 12-bit offset.
pub const MEM_IMM: FormId = FormId(9);
/// `base, rt, rn, rm, type, amount`: word/byte load/store, register offset.
pub const MEM_REG: FormId = FormId(10);
/// `base, rt, rn, offset`: halfword/signed/dual load/store, 8-bit offset.
pub const MEMX_IMM: FormId = FormId(11);
/// `base, rt, rn, rm`: halfword/signed/dual load/store, register offset.
pub const MEMX_REG: FormId = FormId(12);
/// `base, rt, label`: pc-relative `ldr` of a literal at a label.
pub const MEM_LIT: FormId = FormId(13);
/// `base, rn, reg*`: `ldm`/`stm` with a register list.
pub const BLOCK: FormId = FormId(14);
/// `base, label`: `b`/`bl` to a label.
pub const BRANCH: FormId = FormId(15);
/// `base, address`: `b`/`bl` to an absolute address (disassembly text).
pub const BRANCH_ABS: FormId = FormId(16);
/// `base`: an instruction without operands.
pub const WORD: FormId = FormId(17);
/// `base, imm16`: `bkpt`/`udf`, whose immediate is split 12:4.
pub const IMM16_SPLIT: FormId = FormId(18);
/// `base, imm24`: `svc`.
pub const SVC: FormId = FormId(19);
/// `base, field code, vd, rn, offset`: `vldr`/`vstr`.
pub const VMEM: FormId = FormId(20);
/// `base, field code, vd, label`: `vldr` of a literal at a label.
pub const VMEM_LIT: FormId = FormId(21);
/// `base, field code, rn, first, last`: `vldm`/`vstm`/`vpush`/`vpop`.
pub const VBLOCK: FormId = FormId(22);
/// `base, field code, vd, imm8`: `vmov` of a VFP immediate.
pub const VMOV_IMM: FormId = FormId(23);
/// `base, rd, value`: load any 32-bit constant (`mov32`).
pub const MOV32: FormId = FormId(24);
/// `base, rt, rt2, rn, offset`: `ldrd`/`strd`, 8-bit offset (rt2 is -1
/// when the source leaves it implicit).
pub const MEMD_IMM: FormId = FormId(25);
/// `base, rt, rt2, rn, rm`: `ldrd`/`strd`, register offset.
pub const MEMD_REG: FormId = FormId(26);

/// `base, rd, label`: `adr`, an `add`/`sub` from pc chosen when the
/// label is resolved.
pub const ADR: FormId = FormId(27);

/// Field codes of [`FIELDS`], [`VMEM`], [`VBLOCK`] and [`VMOV_IMM`]:
/// 0..=28 is a core register at that bit position; the others are VFP
/// registers split across a 4-bit field and one extra bit.
pub const F_SD: i64 = 32;
/// Added to a core register's field code: the field refuses `pc`, which
/// is unpredictable there (GNU as refuses it too).
pub const NOPC: i64 = 64;

/// A core register field at bit `shift` that refuses `pc`.
pub const fn np(shift: i64) -> i64 {
    shift | NOPC
}
pub const F_SN: i64 = 33;
pub const F_SM: i64 = 34;
pub const F_DD: i64 = 35;
pub const F_DN: i64 = 36;
pub const F_DM: i64 = 37;

/// Condition codes in encoding order; `hs`/`lo` are accepted aliases.
pub const CONDS: [&str; 15] = [
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al",
];

pub const AL: u32 = 14;

/// Parses a condition suffix (empty means always).
pub fn parse_cond(s: &str) -> Option<u32> {
    match s {
        "" => Some(AL),
        "hs" => Some(2),
        "lo" => Some(3),
        _ => CONDS.iter().position(|&c| c == s).map(|i| i as u32),
    }
}

/// The suffix printed for condition `c` (nothing for always).
pub fn cond_suffix(c: u32) -> &'static str {
    if c >= AL {
        ""
    } else {
        CONDS[c as usize]
    }
}

/// What a mnemonic root asks the parser to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `and eor sub rsb add adc sbc rsc orr bic`: rd, rn, operand2.
    Dp(u32),
    /// `tst teq cmp cmn`: rn, operand2.
    DpTest(u32),
    /// `mov mvn`: rd, operand2.
    DpMov(u32),
    /// `lsl lsr asr ror`: shift aliases of `mov`.
    Shift(u32),
    Rrx,
    Movw,
    Movt,
    Mul,
    Mla,
    Mls,
    /// `umull umlal smull smlal`, by bits 23:21.
    MulLong(u32),
    /// `sdiv udiv`, by bits 23:20.
    Div(u32),
    Clz,
    /// `rev rev16 revsh`: base bits.
    Rev(u32),
    /// `sxtb sxth uxtb uxth`: bits 23:20.
    Extend(u32),
    Bfx(bool),
    Bfi,
    Bfc,
    /// `ldr str ldrb strb`: load, byte.
    Mem(bool, bool),
    /// `ldrh strh ldrsb ldrsh`: load, SH bits.
    MemX(bool, u32),
    /// `ldrd strd`: load.
    MemD(bool),
    /// `ldm`/`stm` and their modes: load, P, U.
    Block(bool, bool, bool),
    Push,
    Pop,
    B,
    Bl,
    Bx,
    Blx,
    Nop,
    Bkpt,
    Udf,
    Svc,
    /// `vadd vsub vmul vdiv vmla vmls vnmul vnmla vnmls`: opcode bits
    /// (23, 21:20, 6).
    Vfp3(u32),
    /// `vneg vabs vsqrt`: opcode bits (19:16, 7).
    Vfp2(u32),
    Vmov,
    /// `vcmp`/`vcmpe`: E bit.
    Vcmp(bool),
    /// `vcvt`/`vcvtr`: round-toward-zero for float to integer.
    Vcvt(bool),
    Vmrs,
    Vmsr,
    /// `vldr`/`vstr`: load.
    Vmem(bool),
    /// `vldmia vldmdb vstmia vstmdb`: load, decrement-before.
    Vblock(bool, bool),
    Vpush,
    Vpop,
    Mov32,
    Adr,
}

impl Op {
    /// VFP operations, the only ones that take `.f64`-style data types
    /// (`vmov` between core and VFP registers simply takes none).
    pub fn is_vfp(self) -> bool {
        matches!(
            self,
            Op::Vfp3(_)
                | Op::Vfp2(_)
                | Op::Vmov
                | Op::Vcmp(_)
                | Op::Vcvt(_)
                | Op::Vmem(_)
                | Op::Vblock(..)
                | Op::Vpush
                | Op::Vpop
        )
    }
}

/// One mnemonic root: its name, what it parses, and whether it takes the
/// `s` (set flags) suffix and a condition.
pub struct Root {
    pub name: &'static str,
    pub op: Op,
    pub s: bool,
    pub cond: bool,
}

const fn r(name: &'static str, op: Op, s: bool) -> Root {
    Root {
        name,
        op,
        s,
        cond: true,
    }
}

/// Every mnemonic root. Longer roots are tried first where a shorter one
/// is a prefix (`bl` before `b`), so the lookup sorts by length.
pub static ROOTS: &[Root] = &[
    r("and", Op::Dp(0), true),
    r("eor", Op::Dp(1), true),
    r("sub", Op::Dp(2), true),
    r("rsb", Op::Dp(3), true),
    r("add", Op::Dp(4), true),
    r("adc", Op::Dp(5), true),
    r("sbc", Op::Dp(6), true),
    r("rsc", Op::Dp(7), true),
    r("tst", Op::DpTest(8), false),
    r("teq", Op::DpTest(9), false),
    r("cmp", Op::DpTest(10), false),
    r("cmn", Op::DpTest(11), false),
    r("orr", Op::Dp(12), true),
    r("mov", Op::DpMov(13), true),
    r("bic", Op::Dp(14), true),
    r("mvn", Op::DpMov(15), true),
    r("lsl", Op::Shift(0), true),
    r("lsr", Op::Shift(1), true),
    r("asr", Op::Shift(2), true),
    r("ror", Op::Shift(3), true),
    r("rrx", Op::Rrx, true),
    r("movw", Op::Movw, false),
    r("movt", Op::Movt, false),
    r("mul", Op::Mul, true),
    r("mla", Op::Mla, true),
    r("mls", Op::Mls, false),
    r("umull", Op::MulLong(4), true),
    r("umlal", Op::MulLong(5), true),
    r("smull", Op::MulLong(6), true),
    r("smlal", Op::MulLong(7), true),
    r("sdiv", Op::Div(1), false),
    r("udiv", Op::Div(3), false),
    r("clz", Op::Clz, false),
    r("rev", Op::Rev(0x06bf_0f30), false),
    r("rev16", Op::Rev(0x06bf_0fb0), false),
    r("revsh", Op::Rev(0x06ff_0fb0), false),
    r("sxtb", Op::Extend(0xa), false),
    r("sxth", Op::Extend(0xb), false),
    r("uxtb", Op::Extend(0xe), false),
    r("uxth", Op::Extend(0xf), false),
    r("sbfx", Op::Bfx(true), false),
    r("ubfx", Op::Bfx(false), false),
    r("bfi", Op::Bfi, false),
    r("bfc", Op::Bfc, false),
    r("ldr", Op::Mem(true, false), false),
    r("str", Op::Mem(false, false), false),
    r("ldrb", Op::Mem(true, true), false),
    r("strb", Op::Mem(false, true), false),
    r("ldrh", Op::MemX(true, 1), false),
    r("strh", Op::MemX(false, 1), false),
    r("ldrsb", Op::MemX(true, 2), false),
    r("ldrsh", Op::MemX(true, 3), false),
    r("ldrd", Op::MemD(true), false),
    r("strd", Op::MemD(false), false),
    r("ldm", Op::Block(true, false, true), false),
    r("ldmia", Op::Block(true, false, true), false),
    r("ldmfd", Op::Block(true, false, true), false),
    r("ldmib", Op::Block(true, true, true), false),
    r("ldmda", Op::Block(true, false, false), false),
    r("ldmdb", Op::Block(true, true, false), false),
    r("stm", Op::Block(false, false, true), false),
    r("stmia", Op::Block(false, false, true), false),
    r("stmib", Op::Block(false, true, true), false),
    r("stmda", Op::Block(false, false, false), false),
    r("stmdb", Op::Block(false, true, false), false),
    r("stmfd", Op::Block(false, true, false), false),
    r("push", Op::Push, false),
    r("pop", Op::Pop, false),
    r("b", Op::B, false),
    r("bl", Op::Bl, false),
    r("bx", Op::Bx, false),
    r("blx", Op::Blx, false),
    r("nop", Op::Nop, false),
    Root {
        name: "bkpt",
        op: Op::Bkpt,
        s: false,
        cond: false,
    },
    Root {
        name: "udf",
        op: Op::Udf,
        s: false,
        cond: false,
    },
    r("svc", Op::Svc, false),
    r("vadd", Op::Vfp3(0x0030_0000), false),
    r("vsub", Op::Vfp3(0x0030_0040), false),
    r("vmul", Op::Vfp3(0x0020_0000), false),
    r("vdiv", Op::Vfp3(0x0080_0000), false),
    r("vmla", Op::Vfp3(0x0000_0000), false),
    r("vmls", Op::Vfp3(0x0000_0040), false),
    r("vnmul", Op::Vfp3(0x0020_0040), false),
    r("vnmla", Op::Vfp3(0x0010_0040), false),
    r("vnmls", Op::Vfp3(0x0010_0000), false),
    r("vneg", Op::Vfp2(0x0031_0040), false),
    r("vabs", Op::Vfp2(0x0030_00c0), false),
    r("vsqrt", Op::Vfp2(0x0031_00c0), false),
    r("vmov", Op::Vmov, false),
    r("vcmp", Op::Vcmp(false), false),
    r("vcmpe", Op::Vcmp(true), false),
    r("vcvt", Op::Vcvt(true), false),
    r("vcvtr", Op::Vcvt(false), false),
    r("vmrs", Op::Vmrs, false),
    r("vmsr", Op::Vmsr, false),
    r("vldr", Op::Vmem(true), false),
    r("vstr", Op::Vmem(false), false),
    r("vldm", Op::Vblock(true, false), false),
    r("vstm", Op::Vblock(false, false), false),
    r("vldmia", Op::Vblock(true, false), false),
    r("vldmdb", Op::Vblock(true, true), false),
    r("vstmia", Op::Vblock(false, false), false),
    r("vstmdb", Op::Vblock(false, true), false),
    r("vpush", Op::Vpush, false),
    r("vpop", Op::Vpop, false),
    r("mov32", Op::Mov32, false),
    r("adr", Op::Adr, false),
];

/// A mnemonic split into its parts: `addseq` is root `add`, `s` and
/// condition `eq`; `vaddeq.f64` is root `vadd`, condition `eq`, type `f64`.
pub struct Mnemonic {
    pub op: Op,
    pub s: bool,
    pub cond: u32,
    /// The `.`-separated data types (`f64`, `s32`), lower case.
    pub types: Vec<String>,
}

/// Splits a mnemonic as [`asm_dsl_core::Cursor::mnemonic`] reads it.
pub fn split_mnemonic(m: &str) -> Option<Mnemonic> {
    let lower = m.to_ascii_lowercase();
    let mut parts = lower.split('.');
    let head = parts.next()?;
    let types: Vec<String> = parts.map(str::to_string).collect();
    let mut best: Option<Mnemonic> = None;
    let mut best_len = 0;
    for root in ROOTS {
        let Some(rest) = head.strip_prefix(root.name) else {
            continue;
        };
        if root.name.len() < best_len {
            continue;
        }
        let (s, rest) = match rest.strip_prefix('s') {
            // `s` must not swallow the first letter of a condition.
            Some(after) if root.s && parse_cond(after).is_some() => (true, after),
            _ => (false, rest),
        };
        let Some(cond) = parse_cond(rest) else {
            continue;
        };
        if !root.cond && cond != AL {
            continue;
        }
        best_len = root.name.len();
        best = Some(Mnemonic {
            op: root.op,
            s,
            cond,
            types: types.clone(),
        });
    }
    best
}
