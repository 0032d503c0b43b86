//! Numeric for loops, iterator loops, LOOP and JMP. Loop heads count
//! towards hotness: the counter for the head's address drops by
//! `LOOP_COST`, and an underflow stops the interpreter before the head
//! runs (`->vm_hot_loop`).

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_vm_gen::hotcount;

use super::call::count_hot;
use super::masm::{ins_next, jump_by_rd, need_number};
use crate::abi::{BASE, PC, RA, SLOT, TMP};

const X1: Gpr = Gpr(1);
const X2: Gpr = Gpr(2);
/// The address of the loop's control slots (A).
const X12: Gpr = Gpr(12);

/// Counts one iteration of the loop head just decoded (PC is past it).
fn count_loop(ops: &mut Assembler) {
    asm!(arm64, ops; sub x{X12}, x{PC}, #4);
    count_hot(ops, X12, hotcount::LOOP_COST, false);
}

/// The loop continues while idx <= stop (step >= 0, by its sign bit) or
/// idx >= stop; jumps to local label 1 when it ends. idx in d0, the
/// control slots at x12. `b.lt` after `fcmp` also holds for NaN, which
/// ends the loop as on x64.
fn test_bounds(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr d1, [x{X12}, #{SLOT}];
        ldr x{TMP}, [x{X12}, #{2 * SLOT}];
        tbnz x{TMP}, #63, >2;
        fcmp d1, d0;
        b.lt >1;
        b >3;
        2:
        fcmp d0, d1;
        b.lt >1;
        3:
    );
}

/// FORI A D: all three control values must be numbers (strings are the
/// runtime's to convert); a loop that does not run at all jumps past it.
pub fn fori(ops: &mut Assembler) {
    asm!(arm64, ops; add x{X12}, x{BASE}, x{RA}, lsl #3);
    for i in 0..3 {
        asm!(arm64, ops; ldr x1, [x{X12}, #{i * SLOT}]);
        need_number(ops, X1, X2);
    }
    asm!(arm64, ops; ldr d0, [x{X12}]);
    test_bounds(ops);
    asm!(arm64, ops; str d0, [x{X12}, #{3 * SLOT}]);
    ins_next(ops);
    asm!(arm64, ops; 1:);
    jump_by_rd(ops);
    ins_next(ops);
}

/// FORL/IFORL A D: idx += step, then back to the body while in bounds.
pub fn forl(ops: &mut Assembler, hot: bool) {
    if hot {
        count_loop(ops);
    }
    asm!(arm64, ops;
        add x{X12}, x{BASE}, x{RA}, lsl #3;
        ldr d0, [x{X12}];
        ldr d1, [x{X12}, #{2 * SLOT}];
        fadd d0, d0, d1;
        str d0, [x{X12}]
    );
    test_bounds(ops);
    asm!(arm64, ops; str d0, [x{X12}, #{3 * SLOT}]);
    jump_by_rd(ops);
    ins_next(ops);
    asm!(arm64, ops; 1:);
    ins_next(ops);
}

/// ITERL/IITERL A D: a non-nil first result becomes the control value
/// and the loop goes on.
pub fn iterl(ops: &mut Assembler, hot: bool) {
    if hot {
        count_loop(ops);
    }
    asm!(arm64, ops;
        add x{X12}, x{BASE}, x{RA}, lsl #3;
        ldr x1, [x{X12}];
        cmn x1, #1;
        b.eq >1;
        str x1, [x{X12}, #{-SLOT}]
    );
    jump_by_rd(ops);
    asm!(arm64, ops; 1:);
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
