//! Table reads and writes, globals and `#`.
//!
//! Fast paths: the array part for integer keys, the hash part for string
//! keys (interned, so the key word is compared whole) and, through the
//! runtime's `tab_get` helper, other number keys. A read that finds nil
//! looks for `__index` only through the metatable's negative cache
//! (`nomm`); a write needs the key present, `__newindex` known absent
//! when the slot holds nil, and no barrier (the table not black).
//! Everything else is the runtime's.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RDI, R8};
use xlj_runtime::bc::{MetaMethod, Op};
use xlj_runtime::gc::mark;
use xlj_runtime::interp::engine::helpers;
use xlj_runtime::obj::offsets::{
    FUNC_OFS_ENV, GC_OFS_MARKED, NODE_OFS_KEY, NODE_OFS_NEXT, NODE_OFS_VAL, NODE_SIZE,
    STR_OFS_HASH, STR_OFS_LEN, TAB_OFS_ARRAY, TAB_OFS_ASIZE, TAB_OFS_HMASK, TAB_OFS_METATABLE,
    TAB_OFS_NODE, TAB_OFS_NOMM,
};
use xlj_runtime::value::itype;

use super::masm::{decode_bc, ins_next, itype_of, need_object, untag};
use crate::abi::{BASE, FUNC_SLOT, KBASE, SPILL};

const NO_INDEX: i8 = 1 << MetaMethod::Index as u8;
const NO_NEWINDEX: i8 = 1 << MetaMethod::NewIndex as u8;

/// Looks up the string key `rsi` (tagged; its object in r8) in table
/// rdi: rdx = its node, or 0 if absent. Clobbers nothing else.
fn find_str(ops: &mut Assembler) {
    asm!(x64, ops;
        mov edx, dword [rdi + {TAB_OFS_HMASK as i32}];
        and edx, dword [r8 + {STR_OFS_HASH as i32}];
        imul rdx, rdx, {NODE_SIZE as i32};
        add rdx, qword [rdi + {TAB_OFS_NODE as i32}];
        1:
        cmp qword [rdx + {NODE_OFS_KEY as i32}], rsi;
        je >2;
        mov rdx, qword [rdx + {NODE_OFS_NEXT as i32}];
        test rdx, rdx;
        jnz <1;
        2:
    );
}

/// Turns the number key in rsi into an array index in eax and jumps to
/// local label 6 when it is not an integer inside the array part of
/// table rdi (clobbers xmm0, xmm1).
fn array_index(ops: &mut Assembler) {
    asm!(x64, ops;
        movq xmm0, rsi;
        cvttsd2si eax, xmm0;
        cvtsi2sd xmm1, eax;
        ucomisd xmm0, xmm1;
        jp >6;
        jne >6;
        cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
        jae >6
    );
}

/// Stores the value read into rsi, or nil after checking that table rdi
/// has no `__index` (local label 3 is the nil case).
fn finish_get(ops: &mut Assembler) {
    asm!(x64, ops;
        cmp rsi, -1;
        je >3;
        mov qword [Rq{BASE} + rcx*8], rsi
    );
    ins_next(ops);
    asm!(x64, ops;
        3:
        mov rdx, qword [rdi + {TAB_OFS_METATABLE as i32}];
        test rdx, rdx;
        jz >4;
        test byte [rdx + {TAB_OFS_NOMM as i32}], {NO_INDEX};
        jz ->vm_fallback;
        4:
        mov qword [Rq{BASE} + rcx*8], rsi
    );
    ins_next(ops);
}

/// Stores slot A through the value pointer r9 of table rdi: a nil slot
/// needs `__newindex` known absent, a black table the runtime's barrier.
fn finish_set(ops: &mut Assembler) {
    asm!(x64, ops;
        cmp qword [r9], -1;
        je >3;
        2:
        test byte [rdi + {GC_OFS_MARKED as i32}], {mark::BLACK as i8};
        jnz ->vm_fallback;
        mov rsi, qword [Rq{BASE} + rcx*8];
        mov qword [r9], rsi
    );
    ins_next(ops);
    asm!(x64, ops;
        3:
        mov rdx, qword [rdi + {TAB_OFS_METATABLE as i32}];
        test rdx, rdx;
        jz <2;
        test byte [rdx + {TAB_OFS_NOMM as i32}], {NO_NEWINDEX};
        jz ->vm_fallback;
        jmp <2
    );
}

/// GGET/GSET: the key is a string constant, the table the closure's
/// environment.
pub fn global(ops: &mut Assembler, store: bool) {
    asm!(x64, ops; mov rdi, qword [Rq{BASE} + {FUNC_SLOT}]);
    untag(ops, RDI);
    asm!(x64, ops;
        mov rdi, qword [rdi + {FUNC_OFS_ENV as i32}];
        mov rsi, qword [Rq{KBASE} + rax*8];
        mov r8, rsi
    );
    untag(ops, R8);
    str_key(ops, store);
}

/// The string-key path for table rdi, key rsi (object in r8).
fn str_key(ops: &mut Assembler, store: bool) {
    find_str(ops);
    if store {
        asm!(x64, ops;
            test rdx, rdx;
            jz ->vm_fallback;
            mov byte [rdi + {TAB_OFS_NOMM as i32}], 0;
            lea r9, [rdx + {NODE_OFS_VAL as i32}]
        );
        finish_set(ops);
    } else {
        asm!(x64, ops;
            mov rsi, -1;
            test rdx, rdx;
            jz >5;
            mov rsi, qword [rdx + {NODE_OFS_VAL as i32}];
            5:
        );
        finish_get(ops);
    }
}

/// Leaves table B's address in rdi (handing over for other types) and
/// C in rax.
fn table_b(ops: &mut Assembler) {
    decode_bc(ops);
    asm!(x64, ops; mov rdi, qword [Rq{BASE} + rdx*8]);
    need_object(ops, RDI, itype::TAB, R8);
}

pub fn get(ops: &mut Assembler, op: Op) {
    if op == Op::TGETR {
        // Raw reads come from library code LuaJIT compiles; rare here.
        asm!(x64, ops; jmp ->vm_fallback);
        return;
    }
    table_b(ops);
    match op {
        Op::TGETS => {
            asm!(x64, ops; mov rsi, qword [Rq{KBASE} + rax*8]; mov r8, rsi);
            untag(ops, R8);
            str_key(ops, false);
        }
        Op::TGETB => {
            asm!(x64, ops;
                cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
                jae ->vm_fallback;
                mov rdx, qword [rdi + {TAB_OFS_ARRAY as i32}];
                mov rsi, qword [rdx + rax*8]
            );
            finish_get(ops);
        }
        _ => {
            asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
            itype_of(ops, R8, xlj_isa_x86::regs::RSI);
            asm!(x64, ops;
                cmp r8d, {itype::NUMX as i32};
                ja >7
            );
            array_index(ops);
            asm!(x64, ops;
                mov rdx, qword [rdi + {TAB_OFS_ARRAY as i32}];
                mov rsi, qword [rdx + rax*8];
                jmp >8;
                // Other number keys: the hash part, through the helper; a
                // nil there is the runtime's (it may have `__index`).
                6:
                mov qword [rsp + {SPILL}], rcx;
                mov rax, {helpers::tab_get as *const () as usize as i64};
                call rax;
                mov rcx, qword [rsp + {SPILL}];
                cmp rax, -1;
                je ->vm_fallback;
                mov qword [Rq{BASE} + rcx*8], rax
            );
            ins_next(ops);
            asm!(x64, ops;
                7:
                cmp r8d, {itype::STR as i32};
                jne ->vm_fallback;
                mov r8, rsi
            );
            untag(ops, R8);
            find_str(ops);
            asm!(x64, ops;
                mov rsi, -1;
                test rdx, rdx;
                jz >8;
                mov rsi, qword [rdx + {NODE_OFS_VAL as i32}];
                8:
            );
            finish_get(ops);
        }
    }
}

pub fn set(ops: &mut Assembler, op: Op) {
    if op == Op::TSETR {
        asm!(x64, ops; jmp ->vm_fallback);
        return;
    }
    table_b(ops);
    match op {
        Op::TSETS => {
            asm!(x64, ops; mov rsi, qword [Rq{KBASE} + rax*8]; mov r8, rsi);
            untag(ops, R8);
            str_key(ops, true);
        }
        Op::TSETB => {
            asm!(x64, ops;
                cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
                jae ->vm_fallback;
                mov r9, qword [rdi + {TAB_OFS_ARRAY as i32}];
                lea r9, [r9 + rax*8]
            );
            finish_set(ops);
        }
        _ => {
            asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
            itype_of(ops, R8, xlj_isa_x86::regs::RSI);
            asm!(x64, ops;
                cmp r8d, {itype::NUMX as i32};
                ja >7
            );
            array_index(ops);
            asm!(x64, ops;
                mov r9, qword [rdi + {TAB_OFS_ARRAY as i32}];
                lea r9, [r9 + rax*8];
                jmp >8;
                6:
                jmp ->vm_fallback;
                7:
                cmp r8d, {itype::STR as i32};
                jne ->vm_fallback;
                mov r8, rsi
            );
            untag(ops, R8);
            find_str(ops);
            asm!(x64, ops;
                test rdx, rdx;
                jz ->vm_fallback;
                mov byte [rdi + {TAB_OFS_NOMM as i32}], 0;
                lea r9, [rdx + {NODE_OFS_VAL as i32}];
                8:
            );
            finish_set(ops);
        }
    }
}

/// LEN: strings from their header, tables through the runtime's border
/// search (Lua 5.1 has no `__len` for tables); others are the runtime's.
pub fn len(ops: &mut Assembler) {
    asm!(x64, ops; mov rdi, qword [Rq{BASE} + rax*8]);
    itype_of(ops, R8, RDI);
    untag(ops, RDI);
    asm!(x64, ops;
        cmp r8d, {itype::STR as i32};
        jne >1;
        mov eax, dword [rdi + {STR_OFS_LEN as i32}];
        jmp >2;
        1:
        cmp r8d, {itype::TAB as i32};
        jne ->vm_fallback;
        mov qword [rsp + {SPILL}], rcx;
        mov rax, {helpers::tab_len as *const () as usize as i64};
        call rax;
        mov rcx, qword [rsp + {SPILL}];
        2:
        mov eax, eax;
        cvtsi2sd xmm0, rax;
        movsd qword [Rq{BASE} + rcx*8], xmm0
    );
    ins_next(ops);
}
