//! Constants, moves and upvalues.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RAX, RDX, RSI};
use xlj_runtime::gc::mark;
use xlj_runtime::obj::offsets::{
    FUNC_OFS_UPVALUES, GC_OFS_MARKED, THREAD_OFS_OPENUPVAL, THREAD_OFS_STACK, UPVAL_OFS_LEVEL,
    UPVAL_OFS_V,
};
use xlj_runtime::bc::Op;
use xlj_runtime::interp::engine::{helpers, REGS_OFS_THREAD, REGS_OFS_VM};
use xlj_runtime::value::{itype, Value, TAG_SHIFT};

use super::masm::{decode_bc, ins_next, itype_of, jump_by_rd, untag};
use crate::abi::{BASE, FUNC_SLOT, KBASE, KNUM, REGS, SPILL, TEMP};

pub fn mov(ops: &mut Assembler) {
    asm!(x64, ops;
        mov rdx, qword [Rq{BASE} + rax*8];
        mov qword [Rq{BASE} + rcx*8], rdx
    );
    ins_next(ops);
}

/// NOT: true for nil and false (the two highest itypes).
pub fn not(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
    itype_of(ops, RDX, RSI);
    asm!(x64, ops;
        cmp edx, {itype::FALSE as i32};
        mov rdx, {Value::FALSE.0 as i64};
        mov rsi, {Value::TRUE.0 as i64};
        cmovae rdx, rsi;
        mov qword [Rq{BASE} + rcx*8], rdx
    );
    ins_next(ops);
}

pub fn kstr(ops: &mut Assembler) {
    asm!(x64, ops;
        mov rdx, qword [Rq{KBASE} + rax*8];
        mov qword [Rq{BASE} + rcx*8], rdx
    );
    ins_next(ops);
}

pub fn kshort(ops: &mut Assembler) {
    asm!(x64, ops;
        movsx eax, ax;
        cvtsi2sd xmm0, eax;
        movsd qword [Rq{BASE} + rcx*8], xmm0
    );
    ins_next(ops);
}

pub fn knum(ops: &mut Assembler) {
    asm!(x64, ops;
        mov rdx, qword [Rq{KNUM} + rax*8];
        mov qword [Rq{BASE} + rcx*8], rdx
    );
    ins_next(ops);
}

/// KPRI: the primitive numbered D is `!(D << 47)`.
pub fn kpri(ops: &mut Assembler) {
    asm!(x64, ops;
        shl rax, {TAG_SHIFT as i8};
        not rax;
        mov qword [Rq{BASE} + rcx*8], rax
    );
    ins_next(ops);
}

/// KNIL: slots A..=D become nil (the all-ones word).
pub fn knil(ops: &mut Assembler) {
    asm!(x64, ops;
        mov rdx, -1;
        1:
        mov qword [Rq{BASE} + rcx*8], rdx;
        add ecx, 1;
        cmp ecx, eax;
        jbe <1
    );
    ins_next(ops);
}

/// rdx = the address of upvalue D's object of the running closure.
fn upvalue(ops: &mut Assembler, index: xlj_isa_x86::regs::Gpr) {
    asm!(x64, ops; mov rdx, qword [Rq{BASE} + {FUNC_SLOT}]);
    untag(ops, RDX);
    asm!(x64, ops; mov rdx, qword [rdx + Rq{index}*8 + {FUNC_OFS_UPVALUES as i32}]);
}

pub fn uget(ops: &mut Assembler) {
    upvalue(ops, xlj_isa_x86::regs::RAX);
    asm!(x64, ops;
        mov rdx, qword [rdx + {UPVAL_OFS_V as i32}];
        mov rdx, qword [rdx];
        mov qword [Rq{BASE} + rcx*8], rdx
    );
    ins_next(ops);
}

/// USETV/USETS/USETN/USETP: upvalue A = the operand. A black upvalue
/// receiving a GC value needs the collector's barrier: the runtime does it.
pub fn uset(ops: &mut Assembler, op: Op) {
    match op {
        Op::USETV => asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]),
        Op::USETS => asm!(x64, ops; mov rsi, qword [Rq{KBASE} + rax*8]),
        Op::USETN => asm!(x64, ops; mov rsi, qword [Rq{KNUM} + rax*8]),
        _ => asm!(x64, ops; mov rsi, rax; shl rsi, {TAG_SHIFT as i8}; not rsi),
    }
    upvalue(ops, xlj_isa_x86::regs::RCX);
    if matches!(op, Op::USETV | Op::USETS) {
        asm!(x64, ops;
            test byte [rdx + {GC_OFS_MARKED as i32}], {mark::BLACK as i8};
            jz >1
        );
        itype_of(ops, RAX, RSI);
        asm!(x64, ops;
            cmp eax, {itype::NUMX as i32};
            jbe >1;
            cmp eax, {itype::LIGHTUD as i32};
            jb ->vm_fallback;
            1:
        );
    }
    asm!(x64, ops;
        mov rdx, qword [rdx + {UPVAL_OFS_V as i32}];
        mov qword [rdx], rsi
    );
    ins_next(ops);
}

/// UCLO: closing open upvalues allocates nothing but is rare: the runtime
/// does it when the thread has an open upvalue at or above slot A.
pub fn uclo(ops: &mut Assembler) {
    asm!(x64, ops;
        mov rsi, qword [Rq{REGS} + {REGS_OFS_THREAD as i32}];
        mov rdx, qword [rsi + {THREAD_OFS_OPENUPVAL as i32}];
        test rdx, rdx;
        jz >1;
        // The slot index of BASE + A.
        mov rsi, qword [rsi + {THREAD_OFS_STACK as i32}];
        lea rdi, [Rq{BASE} + rcx*8];
        sub rdi, rsi;
        shr rdi, 3;
        cmp dword [rdx + {UPVAL_OFS_LEVEL as i32}], edi;
        jae ->vm_fallback;
        1:
    );
    jump_by_rd(ops);
    ins_next(ops);
}

/// FNEW A D: a closure of child prototype D, its upvalues found or made
/// by the runtime.
pub fn fnew(ops: &mut Assembler) {
    asm!(x64, ops;
        mov qword [rsp + {SPILL}], rcx;
        mov rsi, qword [Rq{KBASE} + rax*8];
        mov rdx, qword [Rq{BASE} + {FUNC_SLOT}]
    );
    untag(ops, RSI);
    untag(ops, RDX);
    asm!(x64, ops;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_THREAD as i32}];
        mov rcx, qword [rdi + {THREAD_OFS_STACK as i32}];
        mov rdi, Rq{BASE};
        sub rdi, rcx;
        shr rdi, 3;
        mov ecx, edi;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::func_new_ins as *const () as usize as i64};
        call rax;
        jmp ->vm_store_new
    );
}

/// CAT A B C: slots B..C concatenated when all are strings or numbers
/// (the result also lands in slot B, as the runtime leaves it); `__concat`
/// and errors are the runtime's.
pub fn cat(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(x64, ops;
        mov qword [rsp + {SPILL}], rcx;
        lea rsi, [Rq{BASE} + rdx*8];
        mov qword [rsp + {TEMP}], rsi;
        sub eax, edx;
        lea edx, [rax + 1];
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::str_concat_ins as *const () as usize as i64};
        call rax;
        test rax, rax;
        jz ->vm_fallback;
        mov rsi, qword [rsp + {TEMP}];
        mov qword [rsi], rax;
        jmp ->vm_store_new
    );
}
