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
use xlj_isa_x86::regs::{RDI, RSI, R8};
use xlj_runtime::bc::{MetaMethod, Op};
use xlj_runtime::gc::mark;
use xlj_runtime::interp::engine::helpers;
use xlj_runtime::obj::offsets::{
    FUNC_OFS_ENV, GC_OFS_MARKED, NODE_OFS_KEY, NODE_OFS_NEXT, NODE_OFS_VAL, NODE_SIZE,
    STR_OFS_HASH, STR_OFS_LEN, TAB_OFS_ARRAY, TAB_OFS_ASIZE, TAB_OFS_HMASK, TAB_OFS_METATABLE,
    TAB_OFS_NODE, TAB_OFS_NOMM,
};
use xlj_runtime::interp::engine::{REGS_OFS_MULTRES, REGS_OFS_VM};
use xlj_runtime::value::{itype, TAG_SHIFT};

use super::masm::{decode_bc, ins_next, itype_of, need_object, untag};
use crate::abi::{BASE, FUNC_SLOT, KBASE, KNUM, REGS, SPILL, TEMP};

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

/// Stores the value read into rsi; for nil, table rdi's `__index` (known
/// absent through the metatable's negative cache, or followed by
/// `->vm_index_meta` with the key in r10; local label 3 is the nil case).
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
        jz >5;
        4:
        mov qword [Rq{BASE} + rcx*8], rsi
    );
    ins_next(ops);
    asm!(x64, ops;
        5:
        mov rsi, {TAB_TAG};
        or rsi, rdi;
        mov rdx, r10;
        jmp ->vm_index_meta
    );
}

/// The tag bits of a table value.
const TAB_TAG: i64 = ((itype::TAB as u64) << TAG_SHIFT) as i64;

/// The shared tails: `->vm_index_meta` (rsi = a value whose own fields
/// lack key rdx: follow `__index` tables) and `->vm_newkey` (table rdi
/// lacks key rsi: check `__newindex` and the barrier, insert, store A).
pub fn emit_subroutines(ops: &mut Assembler) {
    asm!(x64, ops;
        ->vm_index_meta:
        mov qword [rsp + {SPILL}], rcx;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::meta_index as *const () as usize as i64};
        call rax;
        mov rcx, qword [rsp + {SPILL}];
        mov rdx, {helpers::HAND_OVER as i64};
        cmp rax, rdx;
        je ->vm_fallback;
        mov qword [Rq{BASE} + rcx*8], rax
    );
    ins_next(ops);
    asm!(x64, ops;
        ->vm_newkey:
        mov rdx, qword [rdi + {TAB_OFS_METATABLE as i32}];
        test rdx, rdx;
        jz >1;
        test byte [rdx + {TAB_OFS_NOMM as i32}], {NO_NEWINDEX};
        jz ->vm_fallback;
        1:
        test byte [rdi + {GC_OFS_MARKED as i32}], {mark::BLACK as i8};
        jnz ->vm_fallback;
        mov qword [rsp + {SPILL}], rcx;
        mov rdx, rsi;
        mov rsi, rdi;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::tab_new_slot as *const () as usize as i64};
        call rax;
        mov rcx, qword [rsp + {SPILL}];
        test rax, rax;
        jz ->vm_fallback;
        mov rsi, qword [Rq{BASE} + rcx*8];
        mov qword [rax], rsi
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
            mov byte [rdi + {TAB_OFS_NOMM as i32}], 0;
            test rdx, rdx;
            jz ->vm_newkey;
            lea r9, [rdx + {NODE_OFS_VAL as i32}]
        );
        finish_set(ops);
    } else {
        asm!(x64, ops;
            mov r10, rsi;
            mov rsi, -1;
            test rdx, rdx;
            jz >5;
            mov rsi, qword [rdx + {NODE_OFS_VAL as i32}];
            5:
        );
        finish_get(ops);
    }
}

/// TGETV/TGETS/TGETB (TGETR is the runtime's: it only comes from
/// library code LuaJIT compiles). The key is kept in r10 for `__index`.
pub fn get(ops: &mut Assembler, op: Op) {
    if op == Op::TGETR {
        asm!(x64, ops; jmp ->vm_fallback);
        return;
    }
    decode_bc(ops);
    asm!(x64, ops; mov rdi, qword [Rq{BASE} + rdx*8]);
    match op {
        Op::TGETS => asm!(x64, ops; mov r10, qword [Rq{KBASE} + rax*8]),
        Op::TGETB => asm!(x64, ops; cvtsi2sd xmm0, eax; movq r10, xmm0),
        _ => asm!(x64, ops; mov r10, qword [Rq{BASE} + rax*8]),
    }
    // Not a table: only `__index` can answer (strings have the string
    // library there).
    itype_of(ops, R8, RDI);
    asm!(x64, ops;
        cmp r8d, {itype::TAB as i32};
        je >1;
        mov rsi, rdi;
        mov rdx, r10;
        jmp ->vm_index_meta;
        1:
    );
    untag(ops, RDI);
    match op {
        Op::TGETS => {
            asm!(x64, ops; mov rsi, r10; mov r8, r10);
            untag(ops, R8);
            str_key(ops, false);
            return;
        }
        Op::TGETB => {
            asm!(x64, ops;
                cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
                jae >6;
                mov rdx, qword [rdi + {TAB_OFS_ARRAY as i32}];
                mov rsi, qword [rdx + rax*8];
                jmp >8
            );
        }
        _ => {
            asm!(x64, ops; mov rsi, r10);
            itype_of(ops, R8, RSI);
            asm!(x64, ops;
                cmp r8d, {itype::NUMX as i32};
                ja >7
            );
            array_index(ops);
            asm!(x64, ops;
                mov rdx, qword [rdi + {TAB_OFS_ARRAY as i32}];
                mov rsi, qword [rdx + rax*8];
                jmp >8
            );
        }
    }
    // Any other key: the runtime's raw lookup, keeping table and key.
    asm!(x64, ops;
        6:
        mov qword [rsp + {SPILL}], rcx;
        mov qword [rsp + {TEMP}], rdi;
        mov qword [rsp + {TEMP + 8}], r10;
        mov rsi, r10;
        mov rax, {helpers::tab_get as *const () as usize as i64};
        call rax;
        mov rcx, qword [rsp + {SPILL}];
        mov rdi, qword [rsp + {TEMP}];
        mov r10, qword [rsp + {TEMP + 8}];
        mov rsi, rax;
        jmp >8
    );
    if op == Op::TGETV {
        asm!(x64, ops;
            7:
            cmp r8d, {itype::STR as i32};
            jne <6;
            mov r8, rsi
        );
        untag(ops, R8);
        find_str(ops);
        asm!(x64, ops;
            mov rsi, -1;
            test rdx, rdx;
            jz >8;
            mov rsi, qword [rdx + {NODE_OFS_VAL as i32}]
        );
    }
    asm!(x64, ops; 8:);
    finish_get(ops);
}

/// TSETV/TSETS/TSETB (TSETR: as TGETR). A key the table lacks goes
/// through `->vm_newkey`; a non-table (`__newindex` or an error) is the
/// runtime's.
pub fn set(ops: &mut Assembler, op: Op) {
    if op == Op::TSETR {
        asm!(x64, ops; jmp ->vm_fallback);
        return;
    }
    decode_bc(ops);
    asm!(x64, ops; mov rdi, qword [Rq{BASE} + rdx*8]);
    need_object(ops, RDI, itype::TAB, R8);
    match op {
        Op::TSETS => {
            asm!(x64, ops; mov rsi, qword [Rq{KBASE} + rax*8]; mov r8, rsi);
            untag(ops, R8);
            str_key(ops, true);
        }
        Op::TSETB => {
            asm!(x64, ops;
                cmp eax, dword [rdi + {TAB_OFS_ASIZE as i32}];
                jae >6;
                mov r9, qword [rdi + {TAB_OFS_ARRAY as i32}];
                lea r9, [r9 + rax*8]
            );
            finish_set(ops);
            asm!(x64, ops;
                6:
                cvtsi2sd xmm0, eax;
                movq rsi, xmm0;
                jmp ->vm_newkey
            );
        }
        _ => {
            asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
            itype_of(ops, R8, RSI);
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
                jmp ->vm_newkey;
                7:
                cmp r8d, {itype::STR as i32};
                jne ->vm_newkey;
                mov r8, rsi
            );
            untag(ops, R8);
            find_str(ops);
            asm!(x64, ops;
                mov byte [rdi + {TAB_OFS_NOMM as i32}], 0;
                test rdx, rdx;
                jz ->vm_newkey;
                lea r9, [rdx + {NODE_OFS_VAL as i32}];
                8:
            );
            finish_set(ops);
        }
    }
}

/// TSETM A D: the values of the last multiple-result instruction go to
/// table A-1 from the integer key held in the low word of number D.
pub fn set_multi(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8 - 8]);
    need_object(ops, RSI, itype::TAB, R8);
    asm!(x64, ops;
        mov edx, dword [Rq{KNUM} + rax*8];
        lea rcx, [Rq{BASE} + rcx*8];
        mov r8d, dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}];
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::tab_store_multi as *const () as usize as i64};
        call rax;
        test eax, eax;
        jnz ->vm_fallback
    );
    ins_next(ops);
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

/// TNEW A D: a new table sized by D, through the runtime's allocator.
pub fn new_table(ops: &mut Assembler) {
    asm!(x64, ops;
        mov qword [rsp + {SPILL}], rcx;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov esi, eax;
        mov rax, {helpers::tab_new_ins as *const () as usize as i64};
        call rax;
        jmp ->vm_store_new
    );
}

/// TDUP A D: a copy of template table D.
pub fn dup_table(ops: &mut Assembler) {
    asm!(x64, ops;
        mov qword [rsp + {SPILL}], rcx;
        mov rsi, qword [Rq{KBASE} + rax*8]
    );
    untag(ops, RSI);
    asm!(x64, ops;
        mov rdi, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
        mov rax, {helpers::tab_dup_ins as *const () as usize as i64};
        call rax;
        jmp ->vm_store_new
    );
}
