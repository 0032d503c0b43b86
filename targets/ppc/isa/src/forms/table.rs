//! The table itself: every entry, grouped as the Book I chapters group
//! them. Aliases precede the general form they print in place of.

use super::{Def, Op, LOAD_MULTIPLE, MACRO, OE, PARSE_ONLY, RC, UPD_LOAD, UPD_STORE};

const fn d(op: u32) -> u32 {
    op << 26
}
const fn x(op: u32, xo: u32) -> u32 {
    (op << 26) | (xo << 1)
}
const fn bc(bo: u32, bi: u32) -> u32 {
    (16 << 26) | (bo << 21) | (bi << 16)
}
const fn bclr(bo: u32, bi: u32, xo: u32) -> u32 {
    (19 << 26) | (bo << 21) | (bi << 16) | (xo << 1)
}
const fn spr(n: u32) -> u32 {
    ((n & 31) << 16) | ((n >> 5) << 11)
}

const RD: Op = Op::Gpr(&[21]);
const RA: Op = Op::Gpr(&[16]);
const RB: Op = Op::Gpr(&[11]);
const RS_RB: Op = Op::Gpr(&[21, 11]);
const FD: Op = Op::Fpr(&[21]);
const FA: Op = Op::Fpr(&[16]);
const FB: Op = Op::Fpr(&[11]);
const FC: Op = Op::Fpr(&[6]);
const N5_21: Op = Op::Num { shift: 21, bits: 5 };
const SH: Op = Op::Num { shift: 11, bits: 5 };
const MB: Op = Op::Num { shift: 6, bits: 5 };
const ME: Op = Op::Num { shift: 1, bits: 5 };
const CRB_D: Op = Op::CrBit(&[21]);
const CRB_A: Op = Op::CrBit(&[16]);
const CRB_B: Op = Op::CrBit(&[11]);

const RRR: &[Op] = &[RD, RA, RB];
const RR: &[Op] = &[RD, RA];
const ASB: &[Op] = &[RA, Op::Gpr(&[21]), RB];
const AS: &[Op] = &[RA, Op::Gpr(&[21])];
const ASU: &[Op] = &[RA, Op::Gpr(&[21]), Op::Uimm16];
const RAS16: &[Op] = &[RD, RA, Op::Simm16];
const MEM: &[Op] = &[RD, Op::Disp, Op::Base];
const MEMX: &[Op] = &[RD, Op::Gpr0, RB];
const FMEM: &[Op] = &[FD, Op::Disp, Op::Base];
const FMEMX: &[Op] = &[FD, Op::Gpr0, RB];
const BCOND: &[Op] = &[Op::CrfOpt(18), Op::Rel14];
const BCOND_REG: &[Op] = &[Op::CrfOpt(18)];
const F3: &[Op] = &[FD, FA, FB];
const FMUL: &[Op] = &[FD, FA, FC];
const F4: &[Op] = &[FD, FA, FC, FB];
const F2: &[Op] = &[FD, FB];
const CR3: &[Op] = &[CRB_D, CRB_A, CRB_B];
const NONE: &[Op] = &[];

const fn def(name: &'static str, base: u32, ops: &'static [Op], flags: u8) -> Def {
    Def {
        name,
        base,
        ops,
        flags,
    }
}

/// The table. Order matters to the disassembler: the first printable entry
/// that re-encodes a word wins, so aliases precede their general forms.
pub static DEFS: &[Def] = &[
    // Integer arithmetic (XO-form), operands rD, rA, rB.
    def("add", x(31, 266), RRR, OE | RC),
    def("addc", x(31, 10), RRR, OE | RC),
    def("adde", x(31, 138), RRR, OE | RC),
    def("subf", x(31, 40), RRR, OE | RC),
    def("subfc", x(31, 8), RRR, OE | RC),
    def("subfe", x(31, 136), RRR, OE | RC),
    def("sub", x(31, 40), &[RD, RB, RA], OE | RC | PARSE_ONLY),
    def("subc", x(31, 8), &[RD, RB, RA], OE | RC | PARSE_ONLY),
    def("mullw", x(31, 235), RRR, OE | RC),
    def("mulhw", x(31, 75), RRR, RC),
    def("mulhwu", x(31, 11), RRR, RC),
    def("divw", x(31, 491), RRR, OE | RC),
    def("divwu", x(31, 459), RRR, OE | RC),
    def("addze", x(31, 202), RR, OE | RC),
    def("addme", x(31, 234), RR, OE | RC),
    def("subfze", x(31, 200), RR, OE | RC),
    def("subfme", x(31, 232), RR, OE | RC),
    def("neg", x(31, 104), RR, OE | RC),
    // Immediate arithmetic (D-form). addi/addis read rA = 0 as zero.
    def("li", d(14), &[RD, Op::Simm16], 0),
    def("la", d(14), MEM, PARSE_ONLY),
    def("addi", d(14), &[RD, Op::Gpr0, Op::Simm16], 0),
    def("subi", d(14), &[RD, Op::Gpr0, Op::Simm16Neg], PARSE_ONLY),
    def("lis", d(15), &[RD, Op::Simm16Hi], 0),
    def("addis", d(15), &[RD, Op::Gpr0, Op::Simm16Hi], 0),
    def("subis", d(15), &[RD, Op::Gpr0, Op::Simm16Neg], PARSE_ONLY),
    def("addic", d(12), RAS16, 0),
    def("subic", d(12), &[RD, RA, Op::Simm16Neg], PARSE_ONLY),
    def("addic.", d(13), RAS16, 0),
    def("subic.", d(13), &[RD, RA, Op::Simm16Neg], PARSE_ONLY),
    def("subfic", d(8), RAS16, 0),
    def("mulli", d(7), RAS16, 0),
    // Logical immediates: rA, rS, uimm16.
    def("nop", d(24), NONE, 0),
    def("andi.", d(28), ASU, 0),
    def("andis.", d(29), ASU, 0),
    def("ori", d(24), ASU, 0),
    def("oris", d(25), ASU, 0),
    def("xori", d(26), ASU, 0),
    def("xoris", d(27), ASU, 0),
    // Logical and shift (X-form): rA, rS, rB.
    def("mr", x(31, 444), &[RA, RS_RB], RC),
    def("not", x(31, 124), &[RA, RS_RB], RC),
    def("and", x(31, 28), ASB, RC),
    def("or", x(31, 444), ASB, RC),
    def("xor", x(31, 316), ASB, RC),
    def("nand", x(31, 476), ASB, RC),
    def("nor", x(31, 124), ASB, RC),
    def("andc", x(31, 60), ASB, RC),
    def("orc", x(31, 412), ASB, RC),
    def("eqv", x(31, 284), ASB, RC),
    def("slw", x(31, 24), ASB, RC),
    def("srw", x(31, 536), ASB, RC),
    def("sraw", x(31, 792), ASB, RC),
    def("srawi", x(31, 824), &[RA, Op::Gpr(&[21]), SH], RC),
    def("extsb", x(31, 954), AS, RC),
    def("extsh", x(31, 922), AS, RC),
    def("cntlzw", x(31, 26), AS, RC),
    // Rotates (M-form) and their aliases.
    def("rotlwi", d(21) | (31 << 1), &[RA, Op::Gpr(&[21]), SH], RC),
    def("slwi", d(21), &[RA, Op::Gpr(&[21]), Op::Shl], RC),
    def(
        "srwi",
        d(21) | (31 << 1),
        &[RA, Op::Gpr(&[21]), Op::Shr],
        RC,
    ),
    def("clrlwi", d(21) | (31 << 1), &[RA, Op::Gpr(&[21]), MB], RC),
    def(
        "clrrwi",
        d(21),
        &[RA, Op::Gpr(&[21]), Op::ClrR],
        RC | PARSE_ONLY,
    ),
    def("rlwinm", d(21), &[RA, Op::Gpr(&[21]), SH, MB, ME], RC),
    def("rlwimi", d(20), &[RA, Op::Gpr(&[21]), SH, MB, ME], RC),
    def("rotlw", d(23) | (31 << 1), &[RA, Op::Gpr(&[21]), RB], RC),
    def("rlwnm", d(23), &[RA, Op::Gpr(&[21]), RB, MB, ME], RC),
    // Compares: [crF,] rA, rB|imm.
    def("cmpw", x(31, 0), &[Op::CrfOpt(23), RA, RB], 0),
    def("cmplw", x(31, 32), &[Op::CrfOpt(23), RA, RB], 0),
    def("cmpwi", d(11), &[Op::CrfOpt(23), RA, Op::Simm16], 0),
    def("cmplwi", d(10), &[Op::CrfOpt(23), RA, Op::Uimm16Lo], 0),
    // Integer loads and stores.
    def("lbz", d(34), MEM, 0),
    def("lbzu", d(35), MEM, UPD_LOAD),
    def("lhz", d(40), MEM, 0),
    def("lhzu", d(41), MEM, UPD_LOAD),
    def("lha", d(42), MEM, 0),
    def("lhau", d(43), MEM, UPD_LOAD),
    def("lwz", d(32), MEM, 0),
    def("lwzu", d(33), MEM, UPD_LOAD),
    def("stb", d(38), MEM, 0),
    def("stbu", d(39), MEM, UPD_STORE),
    def("sth", d(44), MEM, 0),
    def("sthu", d(45), MEM, UPD_STORE),
    def("stw", d(36), MEM, 0),
    def("stwu", d(37), MEM, UPD_STORE),
    def("lmw", d(46), MEM, LOAD_MULTIPLE),
    def("stmw", d(47), MEM, 0),
    def("lbzx", x(31, 87), MEMX, 0),
    def("lbzux", x(31, 119), MEMX, UPD_LOAD),
    def("lhzx", x(31, 279), MEMX, 0),
    def("lhzux", x(31, 311), MEMX, UPD_LOAD),
    def("lhax", x(31, 343), MEMX, 0),
    def("lhaux", x(31, 375), MEMX, UPD_LOAD),
    def("lwzx", x(31, 23), MEMX, 0),
    def("lwzux", x(31, 55), MEMX, UPD_LOAD),
    def("stbx", x(31, 215), MEMX, 0),
    def("stbux", x(31, 247), MEMX, UPD_STORE),
    def("sthx", x(31, 407), MEMX, 0),
    def("sthux", x(31, 439), MEMX, UPD_STORE),
    def("stwx", x(31, 151), MEMX, 0),
    def("stwux", x(31, 183), MEMX, UPD_STORE),
    def("lhbrx", x(31, 790), MEMX, 0),
    def("lwbrx", x(31, 534), MEMX, 0),
    def("sthbrx", x(31, 918), MEMX, 0),
    def("stwbrx", x(31, 662), MEMX, 0),
    def("lwarx", x(31, 20), MEMX, 0),
    def("stwcx.", x(31, 150) | 1, MEMX, 0),
    // Branches. Targets are labels or absolute addresses.
    def("b", d(18), &[Op::Rel24], 0),
    def("bl", d(18) | 1, &[Op::Rel24], 0),
    def("ba", d(18) | 2, &[Op::Abs24], 0),
    def("bla", d(18) | 3, &[Op::Abs24], 0),
    def("bdnz", bc(16, 0), &[Op::Rel14], 0),
    def("bdz", bc(18, 0), &[Op::Rel14], 0),
    def("blt", bc(12, 0), BCOND, 0),
    def("bgt", bc(12, 1), BCOND, 0),
    def("beq", bc(12, 2), BCOND, 0),
    def("bso", bc(12, 3), BCOND, 0),
    def("bge", bc(4, 0), BCOND, 0),
    def("ble", bc(4, 1), BCOND, 0),
    def("bne", bc(4, 2), BCOND, 0),
    def("bns", bc(4, 3), BCOND, 0),
    def("bnl", bc(4, 0), BCOND, PARSE_ONLY),
    def("bng", bc(4, 1), BCOND, PARSE_ONLY),
    def("bun", bc(12, 3), BCOND, PARSE_ONLY),
    def("bnu", bc(4, 3), BCOND, PARSE_ONLY),
    def("bltl", bc(12, 0) | 1, BCOND, 0),
    def("bgtl", bc(12, 1) | 1, BCOND, 0),
    def("beql", bc(12, 2) | 1, BCOND, 0),
    def("bsol", bc(12, 3) | 1, BCOND, 0),
    def("bgel", bc(4, 0) | 1, BCOND, 0),
    def("blel", bc(4, 1) | 1, BCOND, 0),
    def("bnel", bc(4, 2) | 1, BCOND, 0),
    def("bnsl", bc(4, 3) | 1, BCOND, 0),
    def("bc", bc(0, 0), &[Op::Bo, CRB_A, Op::Rel14], 0),
    def("bcl", bc(0, 0) | 1, &[Op::Bo, CRB_A, Op::Rel14], 0),
    def("blr", bclr(20, 0, 16), NONE, 0),
    def("blrl", bclr(20, 0, 16) | 1, NONE, 0),
    def("bctr", bclr(20, 0, 528), NONE, 0),
    def("bctrl", bclr(20, 0, 528) | 1, NONE, 0),
    def("bltlr", bclr(12, 0, 16), BCOND_REG, 0),
    def("bgtlr", bclr(12, 1, 16), BCOND_REG, 0),
    def("beqlr", bclr(12, 2, 16), BCOND_REG, 0),
    def("bsolr", bclr(12, 3, 16), BCOND_REG, 0),
    def("bgelr", bclr(4, 0, 16), BCOND_REG, 0),
    def("blelr", bclr(4, 1, 16), BCOND_REG, 0),
    def("bnelr", bclr(4, 2, 16), BCOND_REG, 0),
    def("bnslr", bclr(4, 3, 16), BCOND_REG, 0),
    def("bltctr", bclr(12, 0, 528), BCOND_REG, 0),
    def("bgtctr", bclr(12, 1, 528), BCOND_REG, 0),
    def("beqctr", bclr(12, 2, 528), BCOND_REG, 0),
    def("bsoctr", bclr(12, 3, 528), BCOND_REG, 0),
    def("bgectr", bclr(4, 0, 528), BCOND_REG, 0),
    def("blectr", bclr(4, 1, 528), BCOND_REG, 0),
    def("bnectr", bclr(4, 2, 528), BCOND_REG, 0),
    def("bnsctr", bclr(4, 3, 528), BCOND_REG, 0),
    def("bclr", bclr(0, 0, 16), &[Op::Bo, CRB_A], 0),
    def("bclrl", bclr(0, 0, 16) | 1, &[Op::Bo, CRB_A], 0),
    def("bcctr", bclr(0, 0, 528), &[Op::BoCtr, CRB_A], 0),
    def("bcctrl", bclr(0, 0, 528) | 1, &[Op::BoCtr, CRB_A], 0),
    // Condition-register logic.
    def("crset", x(19, 289), &[Op::CrBit(&[21, 16, 11])], PARSE_ONLY),
    def("crclr", x(19, 193), &[Op::CrBit(&[21, 16, 11])], PARSE_ONLY),
    def(
        "crmove",
        x(19, 449),
        &[CRB_D, Op::CrBit(&[16, 11])],
        PARSE_ONLY,
    ),
    def(
        "crnot",
        x(19, 33),
        &[CRB_D, Op::CrBit(&[16, 11])],
        PARSE_ONLY,
    ),
    def("crand", x(19, 257), CR3, 0),
    def("cror", x(19, 449), CR3, 0),
    def("crxor", x(19, 193), CR3, 0),
    def("crnand", x(19, 225), CR3, 0),
    def("crnor", x(19, 33), CR3, 0),
    def("creqv", x(19, 289), CR3, 0),
    def("crandc", x(19, 129), CR3, 0),
    def("crorc", x(19, 417), CR3, 0),
    def("mcrf", x(19, 0), &[Op::Crf(23), Op::Crf(18)], 0),
    def("mcrxr", x(31, 512), &[Op::Crf(23)], 0),
    // Special registers, the condition register, barriers and traps.
    def("mfxer", x(31, 339) | spr(1), &[RD], 0),
    def("mflr", x(31, 339) | spr(8), &[RD], 0),
    def("mfctr", x(31, 339) | spr(9), &[RD], 0),
    def("mtxer", x(31, 467) | spr(1), &[RD], 0),
    def("mtlr", x(31, 467) | spr(8), &[RD], 0),
    def("mtctr", x(31, 467) | spr(9), &[RD], 0),
    def("mfspr", x(31, 339), &[RD, Op::Spr], 0),
    def("mtspr", x(31, 467), &[Op::Spr, RD], 0),
    def("mfcr", x(31, 19), &[RD], 0),
    def("mtcr", x(31, 144) | (0xff << 12), &[RD], PARSE_ONLY),
    def(
        "mtcrf",
        x(31, 144),
        &[Op::Num { shift: 12, bits: 8 }, RD],
        0,
    ),
    def("isync", x(19, 150), NONE, 0),
    // Cache management, for making written code visible to fetch.
    def("dcbst", x(31, 54), &[Op::Gpr0, RB], 0),
    def("dcbf", x(31, 86), &[Op::Gpr0, RB], 0),
    def("dcbt", x(31, 278), &[Op::Gpr0, RB], 0),
    def("dcbz", x(31, 1014), &[Op::Gpr0, RB], 0),
    def("icbi", x(31, 982), &[Op::Gpr0, RB], 0),
    def("sync", x(31, 598), NONE, 0),
    def("eieio", x(31, 854), NONE, 0),
    def("trap", x(31, 4) | (31 << 21), NONE, 0),
    def("tw", x(31, 4), &[N5_21, RA, RB], 0),
    def("twi", d(3), &[N5_21, RA, Op::Simm16], 0),
    // Floating point: arithmetic (A-form), double then single.
    def("fadd", x(63, 21), F3, RC),
    def("fsub", x(63, 20), F3, RC),
    def("fmul", x(63, 25), FMUL, RC),
    def("fdiv", x(63, 18), F3, RC),
    def("fsqrt", x(63, 22), F2, RC),
    def("frsqrte", x(63, 26), F2, RC),
    def("fsel", x(63, 23), F4, RC),
    def("fmadd", x(63, 29), F4, RC),
    def("fmsub", x(63, 28), F4, RC),
    def("fnmadd", x(63, 31), F4, RC),
    def("fnmsub", x(63, 30), F4, RC),
    def("fadds", x(59, 21), F3, RC),
    def("fsubs", x(59, 20), F3, RC),
    def("fmuls", x(59, 25), FMUL, RC),
    def("fdivs", x(59, 18), F3, RC),
    def("fsqrts", x(59, 22), F2, RC),
    def("fres", x(59, 24), F2, RC),
    def("fmadds", x(59, 29), F4, RC),
    def("fmsubs", x(59, 28), F4, RC),
    def("fnmadds", x(59, 31), F4, RC),
    def("fnmsubs", x(59, 30), F4, RC),
    // Floating point: moves, rounding, conversion, compares (X-form).
    def("fmr", x(63, 72), F2, RC),
    def("fneg", x(63, 40), F2, RC),
    def("fabs", x(63, 264), F2, RC),
    def("fnabs", x(63, 136), F2, RC),
    def("frsp", x(63, 12), F2, RC),
    def("fctiw", x(63, 14), F2, RC),
    def("fctiwz", x(63, 15), F2, RC),
    def("fcmpu", x(63, 0), &[Op::Crf(23), FA, FB], 0),
    def("fcmpo", x(63, 32), &[Op::Crf(23), FA, FB], 0),
    def("mffs", x(63, 583), &[FD], RC),
    def(
        "mtfsf",
        x(63, 711),
        &[Op::Num { shift: 17, bits: 8 }, FB],
        RC,
    ),
    def(
        "mtfsfi",
        x(63, 134),
        &[
            Op::Num { shift: 23, bits: 3 },
            Op::Num { shift: 12, bits: 4 },
        ],
        RC,
    ),
    def("mtfsb0", x(63, 70), &[N5_21], RC),
    def("mtfsb1", x(63, 38), &[N5_21], RC),
    // Floating-point loads and stores.
    def("lfs", d(48), FMEM, 0),
    def("lfsu", d(49), FMEM, UPD_STORE),
    def("lfd", d(50), FMEM, 0),
    def("lfdu", d(51), FMEM, UPD_STORE),
    def("stfs", d(52), FMEM, 0),
    def("stfsu", d(53), FMEM, UPD_STORE),
    def("stfd", d(54), FMEM, 0),
    def("stfdu", d(55), FMEM, UPD_STORE),
    def("lfsx", x(31, 535), FMEMX, 0),
    def("lfsux", x(31, 567), FMEMX, UPD_STORE),
    def("lfdx", x(31, 599), FMEMX, 0),
    def("lfdux", x(31, 631), FMEMX, UPD_STORE),
    def("stfsx", x(31, 663), FMEMX, 0),
    def("stfsux", x(31, 695), FMEMX, UPD_STORE),
    def("stfdx", x(31, 727), FMEMX, 0),
    def("stfdux", x(31, 759), FMEMX, UPD_STORE),
    def("stfiwx", x(31, 983), FMEMX, 0),
    // Macro: load any 32-bit constant or label address.
    def("li32", 0, &[RD, Op::Imm32], MACRO),
];
