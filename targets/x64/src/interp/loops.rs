//! Numeric for loops, iterator loops, LOOP and JMP. Loop heads count
//! towards hotness: the counter for the head's address drops by
//! `LOOP_COST`, and an underflow stops the interpreter before the head
//! runs (`->vm_hot_loop`).

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RDX, RSI};
use xlj_vm_gen::{hotcount, DISPATCH_OFS_HOTCOUNT};

use super::masm::{ins_next, jump_by_rd, need_number};
use crate::abi::{BASE, DISPATCH, PC, SLOT};

/// Counts one iteration of the loop head just decoded (PC is past it).
fn count_loop(ops: &mut Assembler) {
    asm!(x64, ops;
        lea edx, [Rq{PC} - 4];
        shr edx, {hotcount::PC_SHIFT as i8};
        and edx, {(hotcount::SIZE - 1) as i32};
        sub word [Rq{DISPATCH} + rdx*2 + {DISPATCH_OFS_HOTCOUNT as i32}], {hotcount::LOOP_COST as i16};
        jb ->vm_hot_loop
    );
}

/// The loop continues while idx <= stop (step >= 0, by its sign bit) or
/// idx >= stop; jumps to local label 1 when it ends. idx in xmm0, stop
/// at A+1, the step's slot at A+2.
fn test_bounds(ops: &mut Assembler) {
    asm!(x64, ops;
        movsd xmm1, qword [Rq{BASE} + rcx*8 + {SLOT}];
        cmp byte [Rq{BASE} + rcx*8 + {2 * SLOT + 7}], 0;
        jl >2;
        ucomisd xmm1, xmm0;
        jb >1;
        jmp >3;
        2:
        ucomisd xmm0, xmm1;
        jb >1;
        3:
    );
}

/// FORI A D: all three control values must be numbers (strings are the
/// runtime's to convert); a loop that does not run at all jumps past it.
pub fn fori(ops: &mut Assembler) {
    for i in 0..3 {
        asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8 + {i * SLOT}]);
        need_number(ops, RSI, RDX);
    }
    asm!(x64, ops; movsd xmm0, qword [Rq{BASE} + rcx*8]);
    test_bounds(ops);
    asm!(x64, ops; movsd qword [Rq{BASE} + rcx*8 + {3 * SLOT}], xmm0);
    ins_next(ops);
    asm!(x64, ops; 1:);
    jump_by_rd(ops);
    ins_next(ops);
}

/// FORL/IFORL A D: idx += step, then back to the body while in bounds.
pub fn forl(ops: &mut Assembler, hot: bool) {
    if hot {
        count_loop(ops);
    }
    asm!(x64, ops;
        movsd xmm0, qword [Rq{BASE} + rcx*8];
        addsd xmm0, qword [Rq{BASE} + rcx*8 + {2 * SLOT}];
        movsd qword [Rq{BASE} + rcx*8], xmm0
    );
    test_bounds(ops);
    asm!(x64, ops; movsd qword [Rq{BASE} + rcx*8 + {3 * SLOT}], xmm0);
    jump_by_rd(ops);
    ins_next(ops);
    asm!(x64, ops; 1:);
    ins_next(ops);
}

/// ITERL/IITERL A D: a non-nil first result becomes the control value
/// and the loop goes on.
pub fn iterl(ops: &mut Assembler, hot: bool) {
    if hot {
        count_loop(ops);
    }
    asm!(x64, ops;
        mov rsi, qword [Rq{BASE} + rcx*8];
        cmp rsi, -1;
        je >1;
        mov qword [Rq{BASE} + rcx*8 - {SLOT}], rsi
    );
    jump_by_rd(ops);
    asm!(x64, ops; 1:);
    ins_next(ops);
}

/// LOOP/ILOOP: only a marker for the JIT; counts.
pub fn loop_(ops: &mut Assembler, hot: bool) {
    if hot {
        count_loop(ops);
    }
    ins_next(ops);
}

pub fn jmp(ops: &mut Assembler) {
    jump_by_rd(ops);
    ins_next(ops);
}
