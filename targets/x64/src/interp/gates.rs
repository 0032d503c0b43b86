//! The gates between Rust and the interpreter, and shared subroutines.
//!
//! - `->vm_enter(regs)`: saves the callee-saved registers, loads the
//!   fixed registers from the `EngineRegs` block and dispatches the
//!   instruction at its `pc`.
//! - `->vm_fallback`: a fragment cannot finish its instruction: PC goes
//!   back to it and the interpreter stops with reason FALLBACK.
//! - `->vm_hot_loop`: a loop head's counter underflowed before the
//!   instruction ran: stop with reason HOT at the loop head.
//! - `->vm_hot_call`: a called function's counter underflowed after its
//!   frame was entered: stop with reason HOT at its first instruction.
//! - `->vm_gc_check`: an allocating instruction completed and the
//!   collector wants its safepoint: stop with reason GC_CHECK at the next
//!   instruction.
//! - `->vm_store_new`: stores the new object a helper returned (rax; 0
//!   hands the instruction over) in slot A (saved in SPILL) and takes the
//!   safepoint if the helper said so (edx).
//! - `->vm_floor`: xmm0 = floor(xmm0) with SSE2 only (no SSE4.1
//!   `roundsd` on the oldest x64 CPUs); clobbers rax, rdx, xmm1.
//! - `->vm_ceil`: xmm0 = ceil(xmm0) rounded as LuaJIT's interpreter
//!   rounds (the sign of zero results follows its sequence); clobbers
//!   rax, rdx, xmm1, xmm2.

use asm_dsl::{asm, Assembler};
use xlj_runtime::interp::engine::{
    reason, REGS_OFS_BASE, REGS_OFS_PC, REGS_OFS_REASON,
};

use super::masm::{ins_next, load_consts};
use crate::abi::{BASE, DISPATCH, FRAME_PAD, PC, REGS, SAVED, SPILL};

pub fn emit(ops: &mut Assembler, dispatch: u64) {
    asm!(x64, ops; ->vm_enter:);
    for r in SAVED {
        asm!(x64, ops; push Rq{r});
    }
    asm!(x64, ops;
        sub rsp, {FRAME_PAD};
        mov Rq{REGS}, rdi;
        mov Rq{DISPATCH}, {dispatch as i64};
        mov Rq{BASE}, qword [Rq{REGS} + {REGS_OFS_BASE as i32}];
        mov Rq{PC}, qword [Rq{REGS} + {REGS_OFS_PC as i32}]
    );
    load_consts(ops, xlj_isa_x86::regs::RDX);
    ins_next(ops);

    asm!(x64, ops;
        ->vm_fallback:
        sub Rq{PC}, 4;
        mov eax, {reason::FALLBACK as i32};
        jmp ->vm_leave;

        ->vm_hot_loop:
        sub Rq{PC}, 4;
        ->vm_hot_call:
        mov eax, {reason::HOT as i32};
        jmp ->vm_leave;

        ->vm_gc_check:
        mov eax, {reason::GC_CHECK as i32};

        ->vm_leave:
        mov dword [Rq{REGS} + {REGS_OFS_REASON as i32}], eax;
        mov qword [Rq{REGS} + {REGS_OFS_BASE as i32}], Rq{BASE};
        mov qword [Rq{REGS} + {REGS_OFS_PC as i32}], Rq{PC};
        add rsp, {FRAME_PAD}
    );
    for r in SAVED.iter().rev() {
        asm!(x64, ops; pop Rq{*r});
    }
    asm!(x64, ops; ret);

    asm!(x64, ops;
        ->vm_store_new:
        mov rcx, qword [rsp + {SPILL}];
        test rax, rax;
        jz ->vm_fallback;
        mov qword [Rq{BASE} + rcx*8], rax;
        test edx, edx;
        jnz ->vm_gc_check
    );
    ins_next(ops);

    super::call::emit_call_lua(ops);
    super::table::emit_subroutines(ops);
    super::fastfunc::emit_subroutines(ops);

    // floor for |x| < 2^52 by truncation, corrected downwards for negative
    // fractions; zeros, integers that large, infinities and NaN are
    // returned as they are (which keeps -0.0).
    asm!(x64, ops;
        ->vm_floor:
        movq rax, xmm0;
        add rax, rax;
        jz >1;
        mov rdx, {(0x4330_0000_0000_0000u64 << 1) as i64};
        cmp rax, rdx;
        jae >1;
        cvttsd2si rax, xmm0;
        cvtsi2sd xmm1, rax;
        ucomisd xmm1, xmm0;
        jbe >2;
        mov rax, {1.0f64.to_bits() as i64};
        movq xmm0, rax;
        subsd xmm1, xmm0;
        2:
        movapd xmm0, xmm1;
        1:
        ret
    );

    // ceil as LuaJIT's interpreter rounds: |x| to the nearest integer by
    // adding and subtracting 2^52, x's sign put back, then minus -1 when
    // that is below x (or minus +0): so ceil(-0.75) is +0 but ceil(-0.5)
    // is -0, exactly as the reference interpreter's `math::ceil`.
    asm!(x64, ops;
        ->vm_ceil:
        movq rax, xmm0;
        btr rax, 63;
        mov rdx, {0x4330_0000_0000_0000u64 as i64};
        cmp rax, rdx;
        jae >1;
        movq xmm1, rax;
        movq xmm2, rdx;
        addsd xmm1, xmm2;
        subsd xmm1, xmm2;
        movq rax, xmm0;
        mov rdx, {i64::MIN};
        and rax, rdx;
        movq xmm2, rax;
        orpd xmm1, xmm2;
        ucomisd xmm0, xmm1;
        mov rax, 0;
        jbe >2;
        mov rax, {(-1.0f64).to_bits() as i64};
        2:
        movq xmm2, rax;
        subsd xmm1, xmm2;
        movapd xmm0, xmm1;
        1:
        ret
    );
}
