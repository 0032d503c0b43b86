//! Calls, returns and iterators.
//!
//! A call of a Lua function with a fixed parameter list is entered here:
//! the frame link (the return PC) goes below the arguments, missing
//! parameters become nil, and the function's first instruction after its
//! header runs. A vararg function gets its fixed frame above the
//! arguments, linked by a VARG link (`->vm_call_vararg`). Natives,
//! `__call` and frames that would pass the stack limit are the
//! runtime's. A return to a Lua caller (a link holding a PC, possibly
//! below a VARG frame) is done here; other links are the runtime's.
//!
//! Registers of the call sequence: x4 the callee's function slot, w5 the
//! number of arguments, x1 the closure, x0 its prototype, x7 a vararg
//! frame's base.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::proto::flags;
use xlj_runtime::bc::Op;
use xlj_runtime::interp::engine::{helpers, REGS_OFS_MULTRES, REGS_OFS_STACK_LIMIT};
use xlj_runtime::obj::func::ffid;
use xlj_runtime::obj::offsets::{
    FUNC_OFS_FFID, FUNC_OFS_PC, FUNC_OFS_PROTO, PROTO_OFS_FLAGS, PROTO_OFS_FRAMESIZE,
    PROTO_OFS_KGC, PROTO_OFS_KNUM, PROTO_OFS_NUMPARAMS,
};
use xlj_runtime::value::{itype, TAG_SHIFT};
use xlj_runtime::vm::frame;
use xlj_vm_gen::{hotcount, DISPATCH_OFS_HOTCOUNT};

use super::masm::{call_helper, decode_bc, ins_next, jump_by_rd, load_consts, need_object, untag};
use crate::abi::{
    BASE, DISPATCH, FUNC_SLOT, INS, KBASE, KNUM, LINK_SLOT, PC, RA, RB, RD, REGS, SLOT, TEMP, TMP,
};

const X0: Gpr = Gpr(0);
const X1: Gpr = Gpr(1);

/// Subtracts `cost` from the hot counter of the instruction at `addr`
/// and branches to `->vm_hot_call` (call) or `->vm_hot_loop` (loop) when
/// it underflows. Clobbers `addr`, INS and TMP.
pub fn count_hot(ops: &mut Assembler, addr: Gpr, cost: u16, call: bool) {
    let bits = hotcount::SIZE.trailing_zeros() as i32;
    asm!(arm64, ops;
        ubfx x{TMP}, x{addr}, #{hotcount::PC_SHIFT as i32}, #{bits};
        add x{TMP}, x{DISPATCH}, x{TMP}, lsl #1;
        ldrh w{INS}, [x{TMP}, #{DISPATCH_OFS_HOTCOUNT as i32}];
        subs w{INS}, w{INS}, #{cost as i32};
        strh w{INS}, [x{TMP}, #{DISPATCH_OFS_HOTCOUNT as i32}]
    );
    if call {
        asm!(arm64, ops; b.lo ->vm_hot_call);
    } else {
        asm!(arm64, ops; b.lo ->vm_hot_loop);
    }
}

/// The shared call sequence `->vm_call_lua`: x4 = the function's slot,
/// w5 = the number of arguments (from x4 + 2 slots), PC = the return PC.
pub fn emit_call_lua(ops: &mut Assembler) {
    asm!(arm64, ops;
        ->vm_call_lua:
        ldr x1, [x4]
    );
    need_object(ops, X1, itype::FUNC, X0);
    asm!(arm64, ops;
        ldrb w{TMP}, [x1, #{FUNC_OFS_FFID as i32}];
        cmp w{TMP}, #{ffid::LUA as u32};
        b.ne ->vm_call_fast;
        ldr x0, [x1, #{FUNC_OFS_PROTO as i32}];
        ldrb w{TMP}, [x0, #{PROTO_OFS_FLAGS as i32}];
        tst w{TMP}, #{flags::VARARG as u32};
        b.ne ->vm_call_vararg;
        ldrb w{TMP}, [x0, #{PROTO_OFS_FRAMESIZE as i32}];
        add x6, x4, x{TMP}, lsl #3;
        add x6, x6, #{2 * SLOT};
        ldr x{TMP}, [x{REGS}, #{REGS_OFS_STACK_LIMIT as i32}];
        cmp x6, x{TMP};
        b.hi ->vm_fallback;
        // Committed: link, base, missing parameters. `->vm_enter_lua`
        // expects x1 = the closure, x0 = its prototype.
        ->vm_enter_lua:
        str x{PC}, [x4, #{SLOT}];
        add x{BASE}, x4, #{2 * SLOT};
        ldrb w2, [x0, #{PROTO_OFS_NUMPARAMS as i32}];
        cmp w5, w2;
        b.hs >2;
        mov x{TMP}, #-1;
        1:
        str x{TMP}, [x{BASE}, x5, lsl #3];
        add w5, w5, #1;
        cmp w5, w2;
        b.lo <1;
        2:
        ->vm_enter_body:
        ldr x{PC}, [x1, #{FUNC_OFS_PC as i32}];
        ldr x{KBASE}, [x0, #{PROTO_OFS_KGC as i32}];
        ldr x{KNUM}, [x0, #{PROTO_OFS_KNUM as i32}]
    );
    count_hot(ops, PC, hotcount::CALL_COST, true);
    ins_next(ops);

    // A vararg function: its fixed frame is built above the arguments
    // (at x7), linked to the call frame by a VARG link, and the fixed
    // parameters move up into it (x8 = the arguments, x16 = nil).
    asm!(arm64, ops;
        ->vm_call_vararg:
        add x7, x4, x5, lsl #3;
        add x7, x7, #{4 * SLOT};
        ldrb w{TMP}, [x0, #{PROTO_OFS_FRAMESIZE as i32}];
        add x6, x7, x{TMP}, lsl #3;
        ldr x{TMP}, [x{REGS}, #{REGS_OFS_STACK_LIMIT as i32}];
        cmp x6, x{TMP};
        b.hi ->vm_fallback;
        ->vm_enter_vararg:
        add x7, x4, x5, lsl #3;
        add x7, x7, #{4 * SLOT};
        str x{PC}, [x4, #{SLOT}];
        ldr x{TMP}, [x4];
        str x{TMP}, [x7, #{FUNC_SLOT}];
        add w2, w5, #2;
        lsl x2, x2, #3;
        orr x2, x2, #{frame::VARG};
        str x2, [x7, #{LINK_SLOT}];
        ldrb w2, [x0, #{PROTO_OFS_NUMPARAMS as i32}];
        add x8, x4, #{2 * SLOT};
        mov x{INS}, #-1;
        mov w3, #0;
        1:
        cmp w3, w2;
        b.hs >3;
        cmp w3, w5;
        b.hs >2;
        ldr x6, [x8, x3, lsl #3];
        str x6, [x7, x3, lsl #3];
        str x{INS}, [x8, x3, lsl #3];
        add w3, w3, #1;
        b <1;
        2:
        str x{INS}, [x7, x3, lsl #3];
        add w3, w3, #1;
        b <1;
        3:
        mov x{BASE}, x7;
        b ->vm_enter_body
    );
}

/// w5 = the argument count of a call whose operand is in RD: RD - 1, or
/// RD plus the last multiple results (CALLM, CALLMT).
fn arg_count(ops: &mut Assembler, multres: bool) {
    if multres {
        asm!(arm64, ops;
            ldr w{TMP}, [x{REGS}, #{REGS_OFS_MULTRES as i32}];
            add w5, w{RD}, w{TMP}
        );
    } else {
        asm!(arm64, ops; sub w5, w{RD}, #1);
    }
}

/// CALL/CALLM A B C: the function in A, C-1 arguments (CALLM: C plus
/// the values of the last multiple-result instruction).
pub fn call(ops: &mut Assembler, multres: bool) {
    decode_bc(ops);
    arg_count(ops, multres);
    asm!(arm64, ops;
        add x4, x{BASE}, x{RA}, lsl #3;
        b ->vm_call_lua
    );
}

/// CALLT/CALLMT A D: the callee replaces the running frame (for a
/// vararg function, its call frame below the varargs), keeping its link.
/// x6 = the base of the frame being replaced.
pub fn tail_call(ops: &mut Assembler, multres: bool) {
    arg_count(ops, multres);
    asm!(arm64, ops;
        add x4, x{BASE}, x{RA}, lsl #3;
        mov x6, x{BASE};
        ldr x2, [x{BASE}, #{LINK_SLOT}];
        and x3, x2, #7;
        cmp x3, #{frame::VARG};
        b.ne >1;
        and x2, x2, #-8;
        sub x6, x6, x2;
        1:
        ldr x1, [x4]
    );
    need_object(ops, X1, itype::FUNC, X0);
    asm!(arm64, ops;
        ldrb w{TMP}, [x1, #{FUNC_OFS_FFID as i32}];
        cmp w{TMP}, #{ffid::LUA as u32};
        b.ne ->vm_fallback;
        ldr x0, [x1, #{FUNC_OFS_PROTO as i32}];
        // Room for either kind of frame: arguments, two slots, the frame.
        ldrb w2, [x0, #{PROTO_OFS_FRAMESIZE as i32}];
        add w2, w2, w5;
        add x2, x6, x2, lsl #3;
        add x2, x2, #{2 * SLOT};
        ldr x{TMP}, [x{REGS}, #{REGS_OFS_STACK_LIMIT as i32}];
        cmp x2, x{TMP};
        b.hi ->vm_fallback;
        // Committed: the function and its arguments move down (the
        // destination is always below the source).
        ldr x{TMP}, [x4];
        str x{TMP}, [x6, #{FUNC_SLOT}];
        add x8, x4, #{2 * SLOT};
        mov w3, #0;
        cmp w3, w5;
        b.hs >2;
        1:
        ldr x{TMP}, [x8, x3, lsl #3];
        str x{TMP}, [x6, x3, lsl #3];
        add w3, w3, #1;
        cmp w3, w5;
        b.lo <1;
        2:
        // Enter it as a call from the replaced frame's function slot,
        // with that frame's link (rewritten unchanged).
        sub x4, x6, #{-FUNC_SLOT};
        ldr x{PC}, [x6, #{LINK_SLOT}];
        ldrb w{TMP}, [x0, #{PROTO_OFS_FLAGS as i32}];
        tst w{TMP}, #{flags::VARARG as u32};
        b.ne ->vm_enter_vararg;
        b ->vm_enter_lua
    );
}

/// ITERC A: calls A-3 (the generator) with copied above A.
pub fn iterc(ops: &mut Assembler) {
    asm!(arm64, ops;
        add x4, x{BASE}, x{RA}, lsl #3;
        ldr x{TMP}, [x4, #{-3 * SLOT}];
        str x{TMP}, [x4];
        ldr x{TMP}, [x4, #{-2 * SLOT}];
        str x{TMP}, [x4, #{2 * SLOT}];
        ldr x{TMP}, [x4, #{-SLOT}];
        str x{TMP}, [x4, #{3 * SLOT}];
        mov w5, #2;
        b ->vm_call_lua
    );
}

/// ITERN A B: the next key of table A-2 after key A-1, through the
/// runtime's `next` (same order as every engine).
pub fn itern(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(arm64, ops;
        add x4, x{BASE}, x{RA}, lsl #3;
        ldr x0, [x4, #{-2 * SLOT}]
    );
    need_object(ops, X0, itype::TAB, X1);
    asm!(arm64, ops;
        ldr x1, [x4, #{-SLOT}];
        add x2, sp, #{TEMP}
    );
    call_helper(ops, helpers::tab_next as *const () as usize);
    asm!(arm64, ops;
        cmp w0, #1;
        b.hi ->vm_fallback;
        add x4, x{BASE}, x{RA}, lsl #3;
        mov x1, #-1;
        mov x3, #-1;
        b.lo >1;
        ldr x1, [sp, #{TEMP}];
        ldr x3, [sp, #{TEMP + SLOT}];
        1:
        str x1, [x4, #{-SLOT}];
        str x1, [x4];
        // B - 1 results: key, value, then nils.
        ldrb w{TMP}, [x{PC}, #-1];
        cmp w{TMP}, #3;
        b.lo >3;
        str x3, [x4, #{SLOT}];
        mov w2, #2;
        sub w{TMP}, w{TMP}, #1;
        mov x1, #-1;
        2:
        cmp w2, w{TMP};
        b.hs >3;
        str x1, [x4, x2, lsl #3];
        add w2, w2, #1;
        b <2;
        3:
    );
    ins_next(ops);
}

/// ISNEXT A D: `next, t, nil` starts a specialised traversal; anything
/// else makes the runtime despecialise the loop.
pub fn isnext(ops: &mut Assembler) {
    asm!(arm64, ops;
        add x4, x{BASE}, x{RA}, lsl #3;
        ldr x1, [x4, #{-3 * SLOT}]
    );
    need_object(ops, X1, itype::FUNC, X0);
    asm!(arm64, ops;
        ldrb w{TMP}, [x1, #{FUNC_OFS_FFID as i32}];
        cmp w{TMP}, #{ffid::NEXT as u32};
        b.ne ->vm_fallback;
        ldr x1, [x4, #{-2 * SLOT}];
        asr x1, x1, #{TAG_SHIFT as i32};
        cmp w1, #{itype::TAB as i32};
        b.ne ->vm_fallback;
        ldr x1, [x4, #{-SLOT}];
        cmn x1, #1;
        b.ne ->vm_fallback
    );
    jump_by_rd(ops);
    ins_next(ops);
}

/// RET/RET0/RET1/RETM A D: the results from A move down to the function
/// slot (of the call frame, for a vararg function); the caller's CALL
/// (before the return PC) says how many it wants. x7 is the base of the
/// frame whose link returns to a Lua caller, x2 that link (the return
/// PC), x6 its function slot.
pub fn ret(ops: &mut Assembler, op: Op) {
    match op {
        Op::RET0 => asm!(arm64, ops; mov w5, #0),
        Op::RET1 => asm!(arm64, ops; mov w5, #1),
        Op::RET => asm!(arm64, ops; sub w5, w{RD}, #1),
        _ => arg_count_multres(ops),
    }
    asm!(arm64, ops;
        mov x7, x{BASE};
        ldr x2, [x{BASE}, #{LINK_SLOT}];
        tst x2, #3;
        b.eq >6;
        and x3, x2, #7;
        cmp x3, #{frame::VARG};
        b.ne ->vm_fallback;
        and x2, x2, #-8;
        sub x7, x7, x2;
        ldr x2, [x7, #{LINK_SLOT}];
        tst x2, #3;
        b.ne ->vm_fallback;
        6:
        add x1, x{BASE}, x{RA}, lsl #3;
        sub x6, x7, #{-FUNC_SLOT};
        mov w3, #0;
        cmp w3, w5;
        b.hs >2;
        1:
        ldr x{TMP}, [x1, x3, lsl #3];
        str x{TMP}, [x6, x3, lsl #3];
        add w3, w3, #1;
        cmp w3, w5;
        b.lo <1;
        2:
        // B of the caller's CALL: wanted results + 1 (0: all of them).
        ldrb w3, [x2, #-1];
        cbz w3, >5;
        sub w3, w3, #1;
        cmp w5, w3;
        b.hs >4;
        mov x{TMP}, #-1;
        3:
        str x{TMP}, [x6, x5, lsl #3];
        add w5, w5, #1;
        cmp w5, w3;
        b.lo <3;
        b >4;
        5:
        str w5, [x{REGS}, #{REGS_OFS_MULTRES as i32}];
        4:
        // The caller's base: below our function slot by the CALL's A.
        ldrb w3, [x2, #-3];
        sub x{BASE}, x6, x3, lsl #3;
        mov x{PC}, x2
    );
    load_consts(ops, Gpr(2));
    ins_next(ops);
}

/// RETM: D plus the last multiple results.
fn arg_count_multres(ops: &mut Assembler) {
    arg_count(ops, true);
}

/// VARG A B C: B-1 of the extra arguments (B = 0: all, setting MULTRES),
/// which sit below the vararg frame, from the first one past the fixed
/// parameters. x8 = the VARG link's distance in bytes, w6 = the fixed
/// parameters, w7 = the extra arguments, x1 = the first of them, x0 =
/// slot A.
pub fn varg(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(arm64, ops;
        ldr x8, [x{BASE}, #{LINK_SLOT}];
        and x3, x8, #7;
        cmp x3, #{frame::VARG};
        b.ne ->vm_fallback;
        and x8, x8, #-8;
        ldr x6, [x{BASE}, #{FUNC_SLOT}]
    );
    untag(ops, Gpr(6));
    asm!(arm64, ops;
        ldr x6, [x6, #{FUNC_OFS_PROTO as i32}];
        ldrb w6, [x6, #{PROTO_OFS_NUMPARAMS as i32}];
        // Extra arguments: delta - 2 - numparams, at least 0.
        lsr x7, x8, #3;
        sub w7, w7, #2;
        subs w7, w7, w6;
        b.pl >1;
        mov w7, #0;
        1:
        add x1, x{BASE}, x6, lsl #3;
        sub x1, x1, x8;
        add x0, x{BASE}, x{RA}, lsl #3;
        cbz w{RB}, >5;
        sub w{RB}, w{RB}, #1;
        mov x{INS}, #-1;
        mov w3, #0;
        2:
        cmp w3, w{RB};
        b.hs >4;
        cmp w3, w7;
        b.hs >3;
        ldr x2, [x1, x3, lsl #3];
        str x2, [x0, x3, lsl #3];
        add w3, w3, #1;
        b <2;
        3:
        str x{INS}, [x0, x3, lsl #3];
        add w3, w3, #1;
        b <2;
        4:
    );
    ins_next(ops);
    asm!(arm64, ops;
        5:
        add x2, x0, x7, lsl #3;
        ldr x{TMP}, [x{REGS}, #{REGS_OFS_STACK_LIMIT as i32}];
        cmp x2, x{TMP};
        b.hi ->vm_fallback;
        str w7, [x{REGS}, #{REGS_OFS_MULTRES as i32}];
        mov w3, #0;
        6:
        cmp w3, w7;
        b.hs >7;
        ldr x2, [x1, x3, lsl #3];
        str x2, [x0, x3, lsl #3];
        add w3, w3, #1;
        b <6;
        7:
    );
    ins_next(ops);
}
