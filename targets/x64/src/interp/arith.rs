//! Number arithmetic: the operands must be numbers, anything else is the
//! runtime's (string coercion, metamethods, errors).

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RDI, RDX, RSI};
use xlj_runtime::bc::Op;
use xlj_runtime::interp::engine::helpers;

use super::masm::{decode_bc, ins_next, need_number};
use crate::abi::{BASE, KNUM, SPILL};

/// UNM flips the sign bit; a NaN stays the canonical NaN, as the
/// reference interpreter stores it.
pub fn unm(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
    need_number(ops, RSI, RDI);
    asm!(x64, ops;
        movq xmm0, rsi;
        ucomisd xmm0, xmm0;
        jp >1;
        mov rdx, {i64::MIN};
        xor rsi, rdx;
        1:
        mov qword [Rq{BASE} + rcx*8], rsi
    );
    ins_next(ops);
}

/// The two-operand instructions: VN (slot op constant), NV (constant op
/// slot), VV (slot op slot) and POW. Left operand in xmm0, right in xmm1.
pub fn binary(ops: &mut Assembler, op: Op) {
    decode_bc(ops);
    match op {
        Op::ADDVN | Op::SUBVN | Op::MULVN | Op::DIVVN | Op::MODVN => {
            asm!(x64, ops; mov rsi, qword [Rq{BASE} + rdx*8]);
            need_number(ops, RSI, RDI);
            asm!(x64, ops; movq xmm0, rsi; movsd xmm1, qword [Rq{KNUM} + rax*8]);
        }
        Op::ADDNV | Op::SUBNV | Op::MULNV | Op::DIVNV | Op::MODNV => {
            asm!(x64, ops; mov rsi, qword [Rq{BASE} + rdx*8]);
            need_number(ops, RSI, RDI);
            asm!(x64, ops; movsd xmm0, qword [Rq{KNUM} + rax*8]; movq xmm1, rsi);
        }
        _ => {
            asm!(x64, ops;
                mov rsi, qword [Rq{BASE} + rdx*8];
                mov rdi, qword [Rq{BASE} + rax*8]
            );
            need_number(ops, RSI, RDX);
            need_number(ops, RDI, RDX);
            asm!(x64, ops; movq xmm0, rsi; movq xmm1, rdi);
        }
    }
    match op {
        Op::ADDVN | Op::ADDNV | Op::ADDVV => asm!(x64, ops; addsd xmm0, xmm1),
        Op::SUBVN | Op::SUBNV | Op::SUBVV => asm!(x64, ops; subsd xmm0, xmm1),
        Op::MULVN | Op::MULNV | Op::MULVV => asm!(x64, ops; mulsd xmm0, xmm1),
        Op::DIVVN | Op::DIVNV | Op::DIVVV => asm!(x64, ops; divsd xmm0, xmm1),
        Op::MODVN | Op::MODNV | Op::MODVV => {
            // a - floor(a / b) * b, in the reference interpreter's order.
            asm!(x64, ops;
                movapd xmm2, xmm0;
                movapd xmm3, xmm1;
                divsd xmm0, xmm1;
                call ->vm_floor;
                mulsd xmm0, xmm3;
                subsd xmm2, xmm0;
                movapd xmm0, xmm2
            );
        }
        _ => {
            let pow = helpers::pow as *const () as usize as i64;
            asm!(x64, ops;
                mov qword [rsp + {SPILL}], rcx;
                mov rax, {pow};
                call rax;
                mov rcx, qword [rsp + {SPILL}]
            );
        }
    }
    asm!(x64, ops; movsd qword [Rq{BASE} + rcx*8], xmm0);
    ins_next(ops);
}
