//! Constants, moves and upvalues.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::Op;
use xlj_runtime::gc::mark;
use xlj_runtime::interp::engine::REGS_OFS_THREAD;
use xlj_runtime::obj::offsets::{
    FUNC_OFS_UPVALUES, GC_OFS_MARKED, THREAD_OFS_OPENUPVAL, THREAD_OFS_STACK, UPVAL_OFS_LEVEL,
    UPVAL_OFS_V,
};
use xlj_runtime::value::{itype, Value, TAG_SHIFT};

use super::masm::{ins_next, itype_of, jump_by_rd, untag, NUMX};
use crate::abi::{BASE, FUNC_SLOT, KBASE, KNUM, RA, RD, REGS, SLOT};

const X1: Gpr = Gpr(1);
const X2: Gpr = Gpr(2);
const X3: Gpr = Gpr(3);

pub fn mov(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr x1, [x{BASE}, x{RD}, lsl #3];
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

/// NOT: true for nil and false (the two highest itypes).
pub fn not(ops: &mut Assembler) {
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RD}, lsl #3]);
    itype_of(ops, X2, X1);
    asm!(arm64, ops;
        cmp w2, #{itype::FALSE as i32};
        mov x1, #{Value::FALSE.0};
        mov x3, #{Value::TRUE.0};
        csel x1, x3, x1, hs;
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

pub fn kstr(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr x1, [x{KBASE}, x{RD}, lsl #3];
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

pub fn kshort(ops: &mut Assembler) {
    asm!(arm64, ops;
        sxth w1, w{RD};
        scvtf d0, w1;
        str d0, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

pub fn knum(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr x1, [x{KNUM}, x{RD}, lsl #3];
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

/// KPRI: the primitive numbered D is `!(D << 47)`.
pub fn kpri(ops: &mut Assembler) {
    asm!(arm64, ops;
        lsl x1, x{RD}, #{TAG_SHIFT as i32};
        mvn x1, x1;
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

/// KNIL: slots A..=D become nil (the all-ones word).
pub fn knil(ops: &mut Assembler) {
    asm!(arm64, ops;
        mov x1, #-1;
        1:
        str x1, [x{BASE}, x{RA}, lsl #3];
        add w{RA}, w{RA}, #1;
        cmp w{RA}, w{RD};
        b.ls <1
    );
    ins_next(ops);
}

/// x2 = the address of the object of upvalue `index` of the running
/// closure.
fn upvalue(ops: &mut Assembler, index: Gpr) {
    asm!(arm64, ops; ldr x2, [x{BASE}, #{FUNC_SLOT}]);
    untag(ops, X2);
    asm!(arm64, ops;
        add x2, x2, x{index}, lsl #3;
        ldr x2, [x2, #{FUNC_OFS_UPVALUES as i32}]
    );
}

pub fn uget(ops: &mut Assembler) {
    upvalue(ops, RD);
    asm!(arm64, ops;
        ldr x2, [x2, #{UPVAL_OFS_V as i32}];
        ldr x2, [x2];
        str x2, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}

/// USETV/USETS/USETN/USETP: upvalue A = the operand. A black upvalue
/// receiving a GC value needs the collector's barrier: the runtime does it.
pub fn uset(ops: &mut Assembler, op: Op) {
    match op {
        Op::USETV => asm!(arm64, ops; ldr x1, [x{BASE}, x{RD}, lsl #3]),
        Op::USETS => asm!(arm64, ops; ldr x1, [x{KBASE}, x{RD}, lsl #3]),
        Op::USETN => asm!(arm64, ops; ldr x1, [x{KNUM}, x{RD}, lsl #3]),
        _ => asm!(arm64, ops; lsl x1, x{RD}, #{TAG_SHIFT as i32}; mvn x1, x1),
    }
    upvalue(ops, RA);
    if matches!(op, Op::USETV | Op::USETS) {
        asm!(arm64, ops;
            ldrb w3, [x2, #{GC_OFS_MARKED as i32}];
            tst w3, #{mark::BLACK as u32};
            b.eq >1
        );
        itype_of(ops, X3, X1);
        asm!(arm64, ops;
            cmp w3, #{NUMX};
            b.ls >1;
            cmp w3, #{itype::LIGHTUD as i32};
            b.lo ->vm_fallback;
            1:
        );
    }
    asm!(arm64, ops;
        ldr x2, [x2, #{UPVAL_OFS_V as i32}];
        str x1, [x2]
    );
    ins_next(ops);
}

/// UCLO: closing open upvalues allocates nothing but is rare: the runtime
/// does it when the thread has an open upvalue at or above slot A.
pub fn uclo(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr x1, [x{REGS}, #{REGS_OFS_THREAD as i32}];
        ldr x2, [x1, #{THREAD_OFS_OPENUPVAL as i32}];
        cbz x2, >1;
        // The slot index of BASE + A.
        ldr x1, [x1, #{THREAD_OFS_STACK as i32}];
        add x3, x{BASE}, x{RA}, lsl #3;
        sub x3, x3, x1;
        lsr x3, x3, #{SLOT.trailing_zeros() as i32};
        ldr w1, [x2, #{UPVAL_OFS_LEVEL as i32}];
        cmp w1, w3;
        b.hs ->vm_fallback;
        1:
    );
    jump_by_rd(ops);
    ins_next(ops);
}
