//! Number arithmetic: the operands must be numbers, anything else is the
//! runtime's (string coercion, metamethods, errors).

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::Op;
use xlj_runtime::interp::engine::helpers;

use super::masm::{call_helper, decode_bc, ins_next, need_number};
use crate::abi::{BASE, KNUM, RA, RB, RD};

const X1: Gpr = Gpr(1);
const X2: Gpr = Gpr(2);
const X3: Gpr = Gpr(3);

/// UNM flips the sign bit; a NaN stays the canonical NaN, as the
/// reference interpreter stores it.
pub fn unm(ops: &mut Assembler) {
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RD}, lsl #3]);
    need_number(ops, X1, X2);
    asm!(arm64, ops;
        fmov d0, x1;
        fcmp d0, d0;
        b.vs >1;
        eor x1, x1, #0x8000000000000000;
        1:
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

/// The two-operand instructions: VN (slot op constant), NV (constant op
/// slot), VV (slot op slot) and POW. Left operand in d0, right in d1.
pub fn binary(ops: &mut Assembler, op: Op) {
    decode_bc(ops);
    match op {
        Op::ADDVN | Op::SUBVN | Op::MULVN | Op::DIVVN | Op::MODVN => {
            asm!(arm64, ops; ldr x1, [x{BASE}, x{RB}, lsl #3]);
            need_number(ops, X1, X2);
            asm!(arm64, ops; fmov d0, x1; ldr d1, [x{KNUM}, x{RD}, lsl #3]);
        }
        Op::ADDNV | Op::SUBNV | Op::MULNV | Op::DIVNV | Op::MODNV => {
            asm!(arm64, ops; ldr x1, [x{BASE}, x{RB}, lsl #3]);
            need_number(ops, X1, X2);
            asm!(arm64, ops; ldr d0, [x{KNUM}, x{RD}, lsl #3]; fmov d1, x1);
        }
        _ => {
            asm!(arm64, ops;
                ldr x1, [x{BASE}, x{RB}, lsl #3];
                ldr x3, [x{BASE}, x{RD}, lsl #3]
            );
            need_number(ops, X1, X2);
            need_number(ops, X3, X2);
            asm!(arm64, ops; fmov d0, x1; fmov d1, x3);
        }
    }
    match op {
        Op::ADDVN | Op::ADDNV | Op::ADDVV => asm!(arm64, ops; fadd d0, d0, d1),
        Op::SUBVN | Op::SUBNV | Op::SUBVV => asm!(arm64, ops; fsub d0, d0, d1),
        Op::MULVN | Op::MULNV | Op::MULVV => asm!(arm64, ops; fmul d0, d0, d1),
        Op::DIVVN | Op::DIVNV | Op::DIVVV => asm!(arm64, ops; fdiv d0, d0, d1),
        Op::MODVN | Op::MODNV | Op::MODVV => {
            // a - floor(a / b) * b, in the reference interpreter's order
            // (separate multiply and subtract: a fused fmsub would round
            // once and differ).
            asm!(arm64, ops;
                fdiv d2, d0, d1;
                frintm d2, d2;
                fmul d2, d2, d1;
                fsub d0, d0, d2
            );
        }
        _ => call_helper(ops, helpers::pow as *const () as usize),
    }
    asm!(arm64, ops; str d0, [x{BASE}, x{RA}, lsl #3]);
    ins_next(ops);
}
