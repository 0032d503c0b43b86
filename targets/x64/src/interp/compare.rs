//! Comparisons and tests. Each is followed by a JMP: a taken test moves
//! PC by that JMP's offset, an untaken one skips it.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RDI, RDX, RSI};
use xlj_runtime::bc::{MetaMethod, Op};
use xlj_runtime::obj::offsets::{TAB_OFS_METATABLE, TAB_OFS_NOMM};
use xlj_runtime::value::{itype, Value};

use super::masm::{TAG_BITS, itype_of, need_number, skip_following_jump, take_following_jump, ins_next};
use crate::abi::{BASE, KBASE, KNUM};

/// Ends a test whose outcome is in the flags: `taken` emits the jump
/// over the taken path when the test is NOT taken (its label is 1).
fn finish(ops: &mut Assembler) {
    // Not taken (fall-through at local label 1).
    asm!(x64, ops; 1:);
    skip_following_jump(ops);
    ins_next(ops);
}

fn taken(ops: &mut Assembler) {
    take_following_jump(ops, RDX);
    ins_next(ops);
}

/// ISLT/ISGE/ISLE/ISGT on two numbers. `ucomisd d, a` sets CF for d < a
/// and for unordered operands, which is what each test needs for NaN.
pub fn order(ops: &mut Assembler, op: Op) {
    asm!(x64, ops;
        mov rsi, qword [Rq{BASE} + rcx*8];
        mov rdi, qword [Rq{BASE} + rax*8]
    );
    need_number(ops, RSI, RDX);
    need_number(ops, RDI, RDX);
    asm!(x64, ops;
        movq xmm0, rsi;
        movq xmm1, rdi;
        ucomisd xmm1, xmm0
    );
    // Branch to the not-taken path (label 1) on the opposite condition.
    match op {
        Op::ISLT => asm!(x64, ops; jbe >1),
        Op::ISGE => asm!(x64, ops; ja >1),
        Op::ISLE => asm!(x64, ops; jb >1),
        _ => asm!(x64, ops; jae >1),
    }
    taken(ops);
    finish(ops);
}

/// ISEQV/ISNEV: numbers compare numerically; otherwise identical words
/// are equal and different types are not; two different tables or two
/// userdata may have `__eq`, which the runtime handles.
pub fn eq_var(ops: &mut Assembler, negate: bool) {
    asm!(x64, ops;
        mov rsi, qword [Rq{BASE} + rcx*8];
        mov rdi, qword [Rq{BASE} + rax*8]
    );
    itype_of(ops, RDX, RSI);
    asm!(x64, ops;
        cmp edx, {itype::NUMX as i32};
        ja >5;
        // a is a number: equal only to an equal number.
        mov r8, rdi;
        sar r8, {xlj_runtime::value::TAG_SHIFT as i8};
        cmp r8d, {itype::NUMX as i32};
        ja >3;
        movq xmm0, rsi;
        movq xmm1, rdi;
        ucomisd xmm0, xmm1;
        jp >3;
        jne >3;
        jmp >4;
        5:
        cmp rsi, rdi;
        je >4;
        mov r8, rdi;
        sar r8, {xlj_runtime::value::TAG_SHIFT as i8};
        cmp edx, r8d;
        jne >3;
        cmp edx, {itype::UDATA as i32};
        je ->vm_fallback;
        cmp edx, {itype::TAB as i32};
        jne >3;
        // Two tables: `__eq` is looked up on the first one's metatable.
        mov r8, rsi;
        shl r8, {TAG_BITS};
        shr r8, {TAG_BITS};
        mov r8, qword [r8 + {TAB_OFS_METATABLE as i32}];
        test r8, r8;
        jz >3;
        test byte [r8 + {TAB_OFS_NOMM as i32}], {1i8 << MetaMethod::Eq as u8};
        jz ->vm_fallback;
        jmp >3
    );
    // 4: equal, 3: different.
    if negate {
        asm!(x64, ops; 4:);
        skip_following_jump(ops);
        ins_next(ops);
        asm!(x64, ops; 3:);
        taken(ops);
    } else {
        asm!(x64, ops; 3:);
        skip_following_jump(ops);
        ins_next(ops);
        asm!(x64, ops; 4:);
        taken(ops);
    }
}

/// ISEQS/ISNES: strings are interned, so equality is identity.
pub fn eq_str(ops: &mut Assembler, negate: bool) {
    asm!(x64, ops;
        mov rsi, qword [Rq{KBASE} + rax*8];
        cmp rsi, qword [Rq{BASE} + rcx*8]
    );
    if negate {
        asm!(x64, ops; je >1);
    } else {
        asm!(x64, ops; jne >1);
    }
    taken(ops);
    finish(ops);
}

/// ISEQN/ISNEN: a non-number is never equal to a number constant.
pub fn eq_num(ops: &mut Assembler, negate: bool) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8]);
    itype_of(ops, RDX, RSI);
    // 3: different, 4: equal.
    asm!(x64, ops;
        cmp edx, {itype::NUMX as i32};
        ja >3;
        movq xmm0, rsi;
        ucomisd xmm0, qword [Rq{KNUM} + rax*8];
        jp >3;
        jne >3
    );
    if negate {
        skip_following_jump(ops);
        ins_next(ops);
        asm!(x64, ops; 3:);
        taken(ops);
    } else {
        taken(ops);
        asm!(x64, ops; 3:);
        skip_following_jump(ops);
        ins_next(ops);
    }
}

/// ISEQP/ISNEP: a primitive is one whole word, `!(D << 47)`.
pub fn eq_pri(ops: &mut Assembler, negate: bool) {
    asm!(x64, ops;
        shl rax, {xlj_runtime::value::TAG_SHIFT as i8};
        not rax;
        cmp rax, qword [Rq{BASE} + rcx*8]
    );
    if negate {
        asm!(x64, ops; je >1);
    } else {
        asm!(x64, ops; jne >1);
    }
    taken(ops);
    finish(ops);
}

/// IST/ISF and the copying ISTC/ISFC: nil and false (itypes !0 and !1)
/// are the false values, the two highest itypes.
pub fn truth(ops: &mut Assembler, op: Op) {
    debug_assert_eq!(Value::FALSE.itype(), itype::FALSE);
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rax*8]);
    itype_of(ops, RDX, RSI);
    asm!(x64, ops; cmp edx, {itype::FALSE as i32});
    // jae: false value.
    match op {
        Op::IST | Op::ISTC => asm!(x64, ops; jae >1),
        _ => asm!(x64, ops; jb >1),
    }
    if matches!(op, Op::ISTC | Op::ISFC) {
        asm!(x64, ops; mov qword [Rq{BASE} + rcx*8], rsi);
    }
    taken(ops);
    finish(ops);
}

/// ISTYPE: the runtime coerces or raises when the type differs.
pub fn is_type(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8]);
    itype_of(ops, RDX, RSI);
    asm!(x64, ops; add edx, eax; jnz ->vm_fallback);
    ins_next(ops);
}

/// ISNUM: as ISTYPE for numbers.
pub fn is_num(ops: &mut Assembler) {
    asm!(x64, ops; mov rsi, qword [Rq{BASE} + rcx*8]);
    need_number(ops, RSI, RDX);
    ins_next(ops);
}
