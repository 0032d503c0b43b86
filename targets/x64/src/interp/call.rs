//! Calls, returns and iterators.
//!
//! A call of a Lua function with a fixed parameter list is entered here:
//! the frame link (the return PC) goes below the arguments, missing
//! parameters become nil, and the function's first instruction after its
//! header runs. Natives, `__call`, vararg functions and frames that would
//! pass the stack limit are the runtime's. A return to a Lua caller (a
//! link holding a PC) is done here; other links are the runtime's.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RDI, RDX, RSI, R10};
use xlj_runtime::bc::proto::flags;
use xlj_runtime::bc::Op;
use xlj_runtime::interp::engine::{helpers, REGS_OFS_MULTRES, REGS_OFS_STACK_LIMIT};
use xlj_runtime::obj::func::ffid;
use xlj_runtime::obj::offsets::{
    TAB_OFS_ARRAY, TAB_OFS_ASIZE, FUNC_OFS_FFID, FUNC_OFS_PC, FUNC_OFS_PROTO, PROTO_OFS_FLAGS, PROTO_OFS_FRAMESIZE,
    PROTO_OFS_KGC, PROTO_OFS_KNUM, PROTO_OFS_NUMPARAMS,
};
use xlj_runtime::value::itype;
use xlj_runtime::vm::frame;
use xlj_vm_gen::{hotcount, DISPATCH_OFS_HOTCOUNT};

use super::masm::{decode_bc, ins_next, jump_by_rd, load_consts, need_object, untag};
use crate::abi::{
    BASE, DISPATCH, FUNC_SLOT, KBASE, KNUM, LINK_SLOT, PC, REGS, SLOT, SPILL, TEMP,
};

/// The shared call sequence `->vm_call_lua`: r9 = the function's slot,
/// r8d = the number of arguments (from r9 + 2 slots), PC = the return PC.
pub fn emit_call_lua(ops: &mut Assembler) {
    asm!(x64, ops;
        ->vm_call_lua:
        mov rsi, qword [r9]
    );
    need_object(ops, RSI, itype::FUNC, RDI);
    asm!(x64, ops;
        cmp byte [rsi + {FUNC_OFS_FFID as i32}], {ffid::LUA as i8};
        jne ->vm_call_fast;
        mov rdi, qword [rsi + {FUNC_OFS_PROTO as i32}];
        test byte [rdi + {PROTO_OFS_FLAGS as i32}], {flags::VARARG as i8};
        jnz ->vm_call_vararg;
        movzx edx, byte [rdi + {PROTO_OFS_FRAMESIZE as i32}];
        lea r10, [r9 + rdx*8 + {2 * SLOT}];
        cmp r10, qword [Rq{REGS} + {REGS_OFS_STACK_LIMIT as i32}];
        ja ->vm_fallback;
        // Committed: link, base, missing parameters. `->vm_enter_lua`
        // expects rsi = the closure, rdi = its prototype.
        ->vm_enter_lua:
        mov qword [r9 + {SLOT}], Rq{PC};
        lea Rq{BASE}, [r9 + {2 * SLOT}];
        movzx edx, byte [rdi + {PROTO_OFS_NUMPARAMS as i32}];
        cmp r8d, edx;
        jae >2;
        1:
        mov qword [Rq{BASE} + r8*8], -1;
        add r8d, 1;
        cmp r8d, edx;
        jb <1;
        2:
        ->vm_enter_body:
        mov Rq{PC}, qword [rsi + {FUNC_OFS_PC as i32}];
        mov Rq{KBASE}, qword [rdi + {PROTO_OFS_KGC as i32}];
        mov Rq{KNUM}, qword [rdi + {PROTO_OFS_KNUM as i32}];
        mov eax, Rd{PC};
        shr eax, {hotcount::PC_SHIFT as i8};
        and eax, {(hotcount::SIZE - 1) as i32};
        sub word [Rq{DISPATCH} + rax*2 + {DISPATCH_OFS_HOTCOUNT as i32}], {hotcount::CALL_COST as i16};
        jb ->vm_hot_call
    );
    ins_next(ops);

    // A vararg function: its fixed frame is built above the arguments
    // (at r11), linked to the call frame by a VARG link, and the fixed
    // parameters move up into it.
    asm!(x64, ops;
        ->vm_call_vararg:
        lea r11, [r9 + r8*8 + {4 * SLOT}];
        movzx edx, byte [rdi + {PROTO_OFS_FRAMESIZE as i32}];
        lea r10, [r11 + rdx*8];
        cmp r10, qword [Rq{REGS} + {REGS_OFS_STACK_LIMIT as i32}];
        ja ->vm_fallback;
        ->vm_enter_vararg:
        lea r11, [r9 + r8*8 + {4 * SLOT}];
        mov qword [r9 + {SLOT}], Rq{PC};
        mov rdx, qword [r9];
        mov qword [r11 + {FUNC_SLOT}], rdx;
        lea edx, [r8 + 2];
        shl rdx, 3;
        or rdx, {frame::VARG as i32};
        mov qword [r11 + {LINK_SLOT}], rdx;
        movzx edx, byte [rdi + {PROTO_OFS_NUMPARAMS as i32}];
        xor eax, eax;
        1:
        cmp eax, edx;
        jae >3;
        cmp eax, r8d;
        jae >2;
        mov r10, qword [r9 + rax*8 + {2 * SLOT}];
        mov qword [r11 + rax*8], r10;
        mov qword [r9 + rax*8 + {2 * SLOT}], -1;
        add eax, 1;
        jmp <1;
        2:
        mov qword [r11 + rax*8], -1;
        add eax, 1;
        jmp <1;
        3:
        mov Rq{BASE}, r11;
        jmp ->vm_enter_body
    );
}

/// CALL/CALLM A B C: the function in A, C-1 arguments (CALLM: C plus
/// the values of the last multiple-result instruction).
pub fn call(ops: &mut Assembler, multres: bool) {
    decode_bc(ops);
    if multres {
        asm!(x64, ops;
            mov r8d, eax;
            add r8d, dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}]
        );
    } else {
        asm!(x64, ops; lea r8d, [rax - 1]);
    }
    asm!(x64, ops;
        lea r9, [Rq{BASE} + rcx*8];
        jmp ->vm_call_lua
    );
}

/// CALLT/CALLMT A D: the callee replaces the running frame (for a
/// vararg function, its call frame below the varargs), keeping its link.
pub fn tail_call(ops: &mut Assembler, multres: bool) {
    if multres {
        asm!(x64, ops;
            mov r8d, eax;
            add r8d, dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}]
        );
    } else {
        asm!(x64, ops; lea r8d, [rax - 1]);
    }
    // r10 = the base of the frame being replaced.
    asm!(x64, ops;
        lea r9, [Rq{BASE} + rcx*8];
        mov r10, Rq{BASE};
        mov rdx, qword [Rq{BASE} + {LINK_SLOT}];
        mov eax, edx;
        and eax, 7;
        cmp eax, {frame::VARG as i32};
        jne >1;
        and rdx, -8;
        sub r10, rdx;
        1:
        mov rsi, qword [r9]
    );
    need_object(ops, RSI, itype::FUNC, RDI);
    asm!(x64, ops;
        cmp byte [rsi + {FUNC_OFS_FFID as i32}], {ffid::LUA as i8};
        jne ->vm_fallback;
        mov rdi, qword [rsi + {FUNC_OFS_PROTO as i32}];
        // Room for either kind of frame: arguments, two slots, the frame.
        movzx edx, byte [rdi + {PROTO_OFS_FRAMESIZE as i32}];
        add edx, r8d;
        lea rdx, [r10 + rdx*8 + {2 * SLOT}];
        cmp rdx, qword [Rq{REGS} + {REGS_OFS_STACK_LIMIT as i32}];
        ja ->vm_fallback;
        // Committed: the function and its arguments move down (the
        // destination is always below the source).
        mov rdx, qword [r9];
        mov qword [r10 + {FUNC_SLOT}], rdx;
        xor eax, eax;
        cmp eax, r8d;
        jae >2;
        1:
        mov rdx, qword [r9 + rax*8 + {2 * SLOT}];
        mov qword [r10 + rax*8], rdx;
        add eax, 1;
        cmp eax, r8d;
        jb <1;
        2:
        // Enter it as a call from the replaced frame's function slot,
        // with that frame's link (rewritten unchanged).
        lea r9, [r10 + {FUNC_SLOT}];
        mov Rq{PC}, qword [r10 + {LINK_SLOT}];
        test byte [rdi + {PROTO_OFS_FLAGS as i32}], {flags::VARARG as i8};
        jnz ->vm_enter_vararg;
        jmp ->vm_enter_lua
    );
}

/// ITERC A: calls A-3 (the generator) with copied above A.
pub fn iterc(ops: &mut Assembler) {
    asm!(x64, ops;
        lea r9, [Rq{BASE} + rcx*8];
        mov rdx, qword [r9 - {3 * SLOT}];
        mov qword [r9], rdx;
        mov rdx, qword [r9 - {2 * SLOT}];
        mov qword [r9 + {2 * SLOT}], rdx;
        mov rdx, qword [r9 - {SLOT}];
        mov qword [r9 + {3 * SLOT}], rdx;
        mov r8d, 2;
        jmp ->vm_call_lua
    );
}

/// ITERN A B: the next key of table A-2 after key A-1. The array part is
/// walked here; the hash part through the runtime's `next` (the same
/// order in every engine).
pub fn itern(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(x64, ops;
        lea r9, [Rq{BASE} + rcx*8];
        mov rdi, qword [r9 - {2 * SLOT}]
    );
    need_object(ops, RDI, itype::TAB, RSI);
    asm!(x64, ops;
        mov rsi, qword [r9 - {SLOT}];
        // Where to look from: 0 after nil, k+1 after an array key k.
        xor eax, eax;
        cmp rsi, -1;
        je >5;
        mov rdx, rsi;
        sar rdx, {xlj_runtime::value::TAG_SHIFT as i8};
        cmp edx, {itype::NUMX as i32};
        ja >6;
        movq xmm0, rsi;
        cvttsd2si eax, xmm0;
        cvtsi2sd xmm1, eax;
        ucomisd xmm0, xmm1;
        jp >6;
        jne >6;
        cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
        jae >6;
        add eax, 1;
        5:
        mov r10, qword [rdi + {TAB_OFS_ARRAY as i32}];
        mov r11d, dword [rdi + {TAB_OFS_ASIZE as i32}];
        7:
        cmp eax, r11d;
        jae >8;
        mov rdx, qword [r10 + rax*8];
        cmp rdx, -1;
        jne >9;
        add eax, 1;
        jmp <7;
        // The array part is done: the hash part follows its last key.
        8:
        test r11d, r11d;
        jz >6;
        lea eax, [r11 - 1];
        cvtsi2sd xmm0, eax;
        movq rsi, xmm0;
        jmp >6;
        9:
        cvtsi2sd xmm0, eax;
        movq rsi, xmm0;
        mov rdi, rdx;
        jmp >1;
        6:
        mov qword [rsp + {SPILL}], rcx;
        lea rdx, [rsp + {TEMP}];
        mov rax, {helpers::tab_next as *const () as usize as i64};
        call rax;
        cmp eax, 1;
        ja ->vm_fallback;
        mov rcx, qword [rsp + {SPILL}];
        lea r9, [Rq{BASE} + rcx*8];
        mov rsi, -1;
        mov rdi, -1;
        jb >1;
        mov rsi, qword [rsp + {TEMP}];
        mov rdi, qword [rsp + {TEMP + SLOT}];
        1:
        mov qword [r9 - {SLOT}], rsi;
        mov qword [r9], rsi;
        // B - 1 results: key, value, then nils.
        movzx eax, byte [Rq{PC} - 1];
        cmp eax, 3;
        jb >3;
        mov qword [r9 + {SLOT}], rdi;
        mov edx, 2;
        sub eax, 1;
        2:
        cmp edx, eax;
        jae >3;
        mov qword [r9 + rdx*8], -1;
        add edx, 1;
        jmp <2;
        3:
    );
    ins_next(ops);
}

/// ISNEXT A D: `next, t, nil` starts a specialised traversal; anything
/// else makes the runtime despecialise the loop.
pub fn isnext(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8 - {3 * SLOT}]);
    need_object(ops, RSI, itype::FUNC, RDI);
    asm!(x64, ops;
        cmp byte [rsi + {FUNC_OFS_FFID as i32}], {ffid::NEXT as i8};
        jne ->vm_fallback;
        mov rsi, qword [Rq{BASE} + rcx*8 - {2 * SLOT}];
        sar rsi, {xlj_runtime::value::TAG_SHIFT as i8};
        cmp esi, {itype::TAB as i32};
        jne ->vm_fallback;
        cmp qword [Rq{BASE} + rcx*8 - {SLOT}], -1;
        jne ->vm_fallback
    );
    jump_by_rd(ops);
    ins_next(ops);
}

/// RET/RET0/RET1/RETM A D: the results from A move down to the function
/// slot (of the call frame, for a vararg function); the caller's CALL
/// (before the return PC) says how many it wants.
pub fn ret(ops: &mut Assembler, op: Op) {
    match op {
        Op::RET0 => asm!(x64, ops; xor r8d, r8d),
        Op::RET1 => asm!(x64, ops; mov r8d, 1),
        Op::RET => asm!(x64, ops; lea r8d, [rax - 1]),
        _ => asm!(x64, ops;
            mov r8d, eax;
            add r8d, dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}]
        ),
    }
    // r10 = the base of the frame whose link returns to a Lua caller.
    asm!(x64, ops;
        mov r10, Rq{BASE};
        mov rdx, qword [Rq{BASE} + {LINK_SLOT}];
        test dl, 3;
        jz >6;
        mov eax, edx;
        and eax, 7;
        cmp eax, {frame::VARG as i32};
        jne ->vm_fallback;
        and rdx, -8;
        sub r10, rdx;
        mov rdx, qword [r10 + {LINK_SLOT}];
        test dl, 3;
        jnz ->vm_fallback;
        6:
        lea rsi, [Rq{BASE} + rcx*8];
        xor eax, eax;
        cmp eax, r8d;
        jae >2;
        1:
        mov rdi, qword [rsi + rax*8];
        mov qword [r10 + rax*8 + {FUNC_SLOT}], rdi;
        add eax, 1;
        cmp eax, r8d;
        jb <1;
        2:
        // B of the caller's CALL: wanted results + 1 (0: all of them).
        movzx eax, byte [rdx - 1];
        test eax, eax;
        jz >5;
        sub eax, 1;
        cmp r8d, eax;
        jae >4;
        3:
        mov qword [r10 + r8*8 + {FUNC_SLOT}], -1;
        add r8d, 1;
        cmp r8d, eax;
        jb <3;
        jmp >4;
        5:
        mov dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}], r8d;
        4:
        // The caller's base: below the function slot by the CALL's A.
        movzx eax, byte [rdx - 3];
        lea Rq{BASE}, [r10 + {FUNC_SLOT}];
        shl eax, 3;
        sub Rq{BASE}, rax;
        mov Rq{PC}, rdx
    );
    load_consts(ops, RDX);
    ins_next(ops);
}

/// VARG A B C: B-1 of the extra arguments (B = 0: all, setting MULTRES),
/// which sit below the vararg frame, from the first one past the fixed
/// parameters.
pub fn varg(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(x64, ops;
        mov r8, qword [Rq{BASE} + {LINK_SLOT}];
        mov r10d, r8d;
        and r10d, 7;
        cmp r10d, {frame::VARG as i32};
        jne ->vm_fallback;
        and r8, -8;
        mov r10, qword [Rq{BASE} + {FUNC_SLOT}]
    );
    untag(ops, R10);
    asm!(x64, ops;
        mov r10, qword [r10 + {FUNC_OFS_PROTO as i32}];
        movzx r10d, byte [r10 + {PROTO_OFS_NUMPARAMS as i32}];
        // r11d = extra arguments: delta - 2 - numparams, at least 0.
        mov r11, r8;
        shr r11, 3;
        sub r11d, 2;
        sub r11d, r10d;
        jns >1;
        xor r11d, r11d;
        1:
        lea rsi, [Rq{BASE} + r10*8];
        sub rsi, r8;
        lea rdi, [Rq{BASE} + rcx*8];
        test edx, edx;
        jz >5;
        sub edx, 1;
        xor eax, eax;
        2:
        cmp eax, edx;
        jae >4;
        cmp eax, r11d;
        jae >3;
        mov r9, qword [rsi + rax*8];
        mov qword [rdi + rax*8], r9;
        add eax, 1;
        jmp <2;
        3:
        mov qword [rdi + rax*8], -1;
        add eax, 1;
        jmp <2;
        4:
    );
    ins_next(ops);
    asm!(x64, ops;
        5:
        lea r9, [rdi + r11*8];
        cmp r9, qword [Rq{REGS} + {REGS_OFS_STACK_LIMIT as i32}];
        ja ->vm_fallback;
        mov dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}], r11d;
        xor eax, eax;
        6:
        cmp eax, r11d;
        jae >7;
        mov r9, qword [rsi + rax*8];
        mov qword [rdi + rax*8], r9;
        add eax, 1;
        jmp <6;
        7:
    );
    ins_next(ops);
}
