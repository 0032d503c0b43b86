//! Fast functions: builtins run in assembly when called from Lua (CALL,
//! CALLM, ITERC), selected by LuaJIT's builtin number.
//!
//! Entry (from `->vm_call_fast`): r9 = the function's slot, r8d = the
//! number of arguments (from r9 + 2 slots), rsi = the closure, BASE and
//! PC the caller's. A fast function stores its results from r9 with their
//! count in r8d and jumps to `->vm_ff_return`; arguments it cannot take
//! (wrong types, unusual forms) hand the call over, and the runtime's
//! native runs it with its exact semantics and errors.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::{RAX, RDX, R10};
use xlj_runtime::interp::engine::{helpers, REGS_OFS_MULTRES, REGS_OFS_VM};
use xlj_runtime::vm::{TYPE_NAME_NUMBER, VM_OFS_TYPE_NAMES};
use xlj_runtime::obj::offsets::{
    FUNC_OFS_FFID, STR_OFS_DATA, STR_OFS_LEN, TAB_OFS_ARRAY, TAB_OFS_ASIZE,
};
use xlj_runtime::value::itype;
use xlj_vm_gen::DISPATCH_OFS_FAST;

use super::masm::{ins_next, itype_of, untag, NUMX};
use crate::abi::{DISPATCH, PC, REGS, SLOT, SPILL};

/// LuaJIT's numbers of the builtins below.
mod id {
    pub const ASSERT: u8 = 2;
    pub const TYPE: u8 = 3;
    pub const IPAIRS_AUX: u8 = xlj_runtime::obj::func::ffid::IPAIRS_AUX;
    pub const SELECT: u8 = 16;
    pub const MATH_ABS: u8 = 38;
    pub const MATH_FLOOR: u8 = 39;
    pub const MATH_CEIL: u8 = 40;
    pub const MATH_SQRT: u8 = 41;
    pub const MATH_MIN: u8 = 60;
    pub const MATH_MAX: u8 = 61;
    pub const BIT_TOBIT: u8 = 64;
    pub const BIT_BNOT: u8 = 65;
    pub const BIT_LSHIFT: u8 = 67;
    pub const BIT_RSHIFT: u8 = 68;
    pub const BIT_ARSHIFT: u8 = 69;
    pub const BIT_BAND: u8 = 72;
    pub const BIT_BOR: u8 = 73;
    pub const BIT_BXOR: u8 = 74;
    pub const STRING_BYTE: u8 = 76;
}

/// 2^52 + 2^51: adding it leaves a number's integer part (mod 2^32) in the
/// low word, LuaJIT's BitOp conversion.
const TOBIT_BIAS: i64 = 6_755_399_441_055_744.0f64.to_bits() as i64;

pub fn has(ffid: u8) -> bool {
    use id::*;
    matches!(
        ffid,
        ASSERT
            | TYPE
            | IPAIRS_AUX
            | SELECT
            | MATH_ABS
            | MATH_FLOOR
            | MATH_CEIL
            | MATH_SQRT
            | MATH_MIN
            | MATH_MAX
            | BIT_TOBIT
            | BIT_BNOT
            | BIT_LSHIFT
            | BIT_RSHIFT
            | BIT_ARSHIFT
            | BIT_BAND
            | BIT_BOR
            | BIT_BXOR
            | STRING_BYTE
    )
}

/// `->vm_call_fast` (a call of a native: its fast function or the
/// hand-over) and `->vm_ff_return` (results to the caller's CALL).
pub fn emit_subroutines(ops: &mut Assembler) {
    asm!(x64, ops;
        ->vm_call_fast:
        movzx eax, byte [rsi + {FUNC_OFS_FFID as i32}];
        jmp qword [Rq{DISPATCH} + rax*8 + {DISPATCH_OFS_FAST as i32}];

        ->vm_ff_return:
        movzx eax, byte [Rq{PC} - 1];
        test eax, eax;
        jz >5;
        sub eax, 1;
        cmp r8d, eax;
        jae >4;
        3:
        mov qword [r9 + r8*8], -1;
        add r8d, 1;
        cmp r8d, eax;
        jb <3;
        4:
    );
    ins_next(ops);
    asm!(x64, ops;
        5:
        mov dword [Rq{REGS} + {REGS_OFS_MULTRES as i32}], r8d
    );
    ins_next(ops);
}

/// Argument `i` (from 0) into `dst`.
fn arg(ops: &mut Assembler, dst: xlj_isa_x86::regs::Gpr, i: i32) {
    asm!(x64, ops; mov Rq{dst}, qword [r9 + {(i + 2) * SLOT}]);
}

/// Hands over unless there are at least `n` arguments.
fn need_args(ops: &mut Assembler, n: i32) {
    asm!(x64, ops; cmp r8d, {n}; jb ->vm_fallback);
}

/// xmm0 = argument `i`, which must be a number (clobbers rax, rdx).
fn num_arg(ops: &mut Assembler, i: i32) {
    arg(ops, RAX, i);
    itype_of(ops, RDX, RAX);
    asm!(x64, ops;
        cmp edx, {NUMX};
        ja ->vm_fallback;
        movq xmm0, rax
    );
}

/// One number result from xmm0.
fn ret_num(ops: &mut Assembler) {
    asm!(x64, ops;
        movsd qword [r9], xmm0;
        mov r8d, 1;
        jmp ->vm_ff_return
    );
}

/// eax = argument `i` converted as BitOp converts numbers.
fn bit_arg(ops: &mut Assembler, i: i32) {
    num_arg(ops, i);
    asm!(x64, ops;
        mov rax, {TOBIT_BIAS};
        movq xmm1, rax;
        addsd xmm0, xmm1;
        movd eax, xmm0
    );
}

/// One int32 result from eax, as a number.
fn ret_bit(ops: &mut Assembler) {
    asm!(x64, ops; cvtsi2sd xmm0, eax);
    ret_num(ops);
}

pub fn emit(ops: &mut Assembler, ffid: u8) {
    use id::*;
    match ffid {
        ASSERT => {
            // A true first argument: every argument is returned.
            need_args(ops, 1);
            arg(ops, RAX, 0);
            itype_of(ops, RDX, RAX);
            asm!(x64, ops;
                cmp edx, {itype::FALSE as i32};
                jae ->vm_fallback;
                xor eax, eax;
                1:
                mov rdx, qword [r9 + rax*8 + {2 * SLOT}];
                mov qword [r9 + rax*8], rdx;
                add eax, 1;
                cmp eax, r8d;
                jb <1;
                jmp ->vm_ff_return
            );
        }
        IPAIRS_AUX => {
            // (t, i) -> i+1, t[i+1] while that is not nil; nothing after.
            need_args(ops, 2);
            arg(ops, R10, 0);
            itype_of(ops, RAX, R10);
            asm!(x64, ops;
                cmp eax, {itype::TAB as i32};
                jne ->vm_fallback
            );
            untag(ops, R10);
            num_arg(ops, 1);
            asm!(x64, ops;
                mov rax, {1.0f64.to_bits() as i64};
                movq xmm1, rax;
                addsd xmm0, xmm1;
                cvttsd2si eax, xmm0;
                cvtsi2sd xmm1, eax;
                ucomisd xmm0, xmm1;
                jp >2;
                jne >2;
                cmp eax, dword [r10 + {TAB_OFS_ASIZE as i32}];
                jae >2;
                mov rdx, qword [r10 + {TAB_OFS_ARRAY as i32}];
                mov rax, qword [rdx + rax*8];
                jmp >3;
                2:
                // Past the array part: the runtime's raw lookup.
                mov qword [rsp + {SPILL}], r9;
                mov rdi, r10;
                movq rsi, xmm0;
                movsd qword [r9], xmm0;
                mov rax, {helpers::tab_get as *const () as usize as i64};
                call rax;
                mov r9, qword [rsp + {SPILL}];
                movsd xmm0, qword [r9];
                3:
                cmp rax, -1;
                je >4;
                movsd qword [r9], xmm0;
                mov qword [r9 + {SLOT}], rax;
                mov r8d, 2;
                jmp ->vm_ff_return;
                4:
                xor r8d, r8d;
                jmp ->vm_ff_return
            );
        }
        TYPE => {
            // The VM's fixed name strings, by inverted itype (every number
            // inverts to TYPE_NAME_NUMBER or more).
            need_args(ops, 1);
            arg(ops, RAX, 0);
            asm!(x64, ops;
                sar rax, {xlj_runtime::value::TAG_SHIFT as i8};
                not eax;
                mov edx, {TYPE_NAME_NUMBER as i32};
                cmp eax, edx;
                cmova eax, edx;
                mov rdx, qword [Rq{REGS} + {REGS_OFS_VM as i32}];
                mov rax, qword [rdx + rax*8 + {VM_OFS_TYPE_NAMES as i32}];
                mov qword [r9], rax;
                mov r8d, 1;
                jmp ->vm_ff_return
            );
        }
        SELECT => select(ops),
        MATH_ABS => {
            need_args(ops, 1);
            num_arg(ops, 0);
            // A NaN stays the canonical NaN, as the runtime stores it.
            asm!(x64, ops;
                ucomisd xmm0, xmm0;
                jp >1;
                mov rax, {i64::MAX};
                movq xmm1, rax;
                andpd xmm0, xmm1;
                1:
            );
            ret_num(ops);
        }
        MATH_FLOOR => {
            need_args(ops, 1);
            num_arg(ops, 0);
            asm!(x64, ops; call ->vm_floor);
            ret_num(ops);
        }
        MATH_CEIL => {
            need_args(ops, 1);
            num_arg(ops, 0);
            asm!(x64, ops; call ->vm_ceil);
            ret_num(ops);
        }
        MATH_SQRT => {
            need_args(ops, 1);
            num_arg(ops, 0);
            asm!(x64, ops; sqrtsd xmm0, xmm0);
            ret_num(ops);
        }
        MATH_MIN | MATH_MAX => {
            // A left fold: acc = (acc < x) ? acc : x is exactly minsd.
            need_args(ops, 1);
            num_arg(ops, 0);
            asm!(x64, ops;
                mov ecx, 1;
                movapd xmm3, xmm0;
                1:
                cmp ecx, r8d;
                jae >2;
                mov rax, qword [r9 + rcx*8 + {2 * SLOT}];
                mov rdx, rax;
                sar rdx, {xlj_runtime::value::TAG_SHIFT as i8};
                cmp edx, {NUMX};
                ja ->vm_fallback;
                movq xmm1, rax
            );
            if ffid == MATH_MIN {
                asm!(x64, ops; minsd xmm3, xmm1);
            } else {
                asm!(x64, ops; maxsd xmm3, xmm1);
            }
            asm!(x64, ops;
                add ecx, 1;
                jmp <1;
                2:
                movapd xmm0, xmm3
            );
            ret_num(ops);
        }
        BIT_TOBIT => {
            need_args(ops, 1);
            bit_arg(ops, 0);
            ret_bit(ops);
        }
        BIT_BNOT => {
            need_args(ops, 1);
            bit_arg(ops, 0);
            asm!(x64, ops; not eax);
            ret_bit(ops);
        }
        BIT_LSHIFT | BIT_RSHIFT | BIT_ARSHIFT => {
            need_args(ops, 2);
            bit_arg(ops, 1);
            asm!(x64, ops; mov ecx, eax);
            bit_arg(ops, 0);
            match ffid {
                BIT_LSHIFT => asm!(x64, ops; shl eax, cl),
                BIT_RSHIFT => asm!(x64, ops; shr eax, cl),
                _ => asm!(x64, ops; sar eax, cl),
            }
            ret_bit(ops);
        }
        BIT_BAND | BIT_BOR | BIT_BXOR => {
            need_args(ops, 1);
            bit_arg(ops, 0);
            asm!(x64, ops;
                mov r10d, eax;
                mov ecx, 1;
                1:
                cmp ecx, r8d;
                jae >2;
                mov rax, qword [r9 + rcx*8 + {2 * SLOT}];
                mov rdx, rax;
                sar rdx, {xlj_runtime::value::TAG_SHIFT as i8};
                cmp edx, {NUMX};
                ja ->vm_fallback;
                movq xmm0, rax;
                mov rax, {TOBIT_BIAS};
                movq xmm1, rax;
                addsd xmm0, xmm1;
                movd eax, xmm0
            );
            match ffid {
                BIT_BAND => asm!(x64, ops; and r10d, eax),
                BIT_BOR => asm!(x64, ops; or r10d, eax),
                _ => asm!(x64, ops; xor r10d, eax),
            }
            asm!(x64, ops;
                add ecx, 1;
                jmp <1;
                2:
                mov eax, r10d
            );
            ret_bit(ops);
        }
        STRING_BYTE => {
            // s:byte() and s:byte(i) for 1 <= i <= #s.
            need_args(ops, 1);
            asm!(x64, ops; cmp r8d, 2; ja ->vm_fallback);
            arg(ops, RDX, 0);
            itype_of(ops, RAX, RDX);
            asm!(x64, ops;
                cmp eax, {itype::STR as i32};
                jne ->vm_fallback;
                mov eax, 1;
                cmp r8d, 2;
                jb >1
            );
            untag(ops, RDX);
            asm!(x64, ops; mov qword [rsp + {SPILL}], rdx);
            num_arg(ops, 1);
            asm!(x64, ops;
                mov rdx, qword [rsp + {SPILL}];
                cvttsd2si eax, xmm0;
                cvtsi2sd xmm1, eax;
                ucomisd xmm0, xmm1;
                jp ->vm_fallback;
                jne ->vm_fallback;
                jmp >2;
                1:
            );
            untag(ops, RDX);
            asm!(x64, ops;
                2:
                cmp eax, 1;
                jl ->vm_fallback;
                cmp eax, dword [rdx + {STR_OFS_LEN as i32}];
                ja ->vm_fallback;
                movzx eax, byte [rdx + rax + {STR_OFS_DATA as i32 - 1}]
            );
            ret_bit(ops);
        }
        _ => unreachable!("fast function {ffid} claimed but not emitted"),
    }
}

/// select('#', ...) and select(n, ...) for 1 <= n; the rest is the
/// runtime's (negative n, non-integers, strings other than "#").
fn select(ops: &mut Assembler) {
    need_args(ops, 1);
    arg(ops, RAX, 0);
    itype_of(ops, RDX, RAX);
    asm!(x64, ops;
        cmp edx, {itype::STR as i32};
        jne >1
    );
    untag(ops, RAX);
    asm!(x64, ops;
        cmp dword [rax + {STR_OFS_LEN as i32}], 1;
        jne ->vm_fallback;
        cmp byte [rax + {STR_OFS_DATA as i32}], 35; // '#'
        jne ->vm_fallback;
        lea eax, [r8 - 1];
        cvtsi2sd xmm0, eax;
        movsd qword [r9], xmm0;
        mov r8d, 1;
        jmp ->vm_ff_return;
        1:
        cmp edx, {NUMX};
        ja ->vm_fallback;
        movq xmm0, rax;
        cvttsd2si eax, xmm0;
        cvtsi2sd xmm1, eax;
        ucomisd xmm0, xmm1;
        jp ->vm_fallback;
        jne ->vm_fallback;
        cmp eax, 1;
        jl ->vm_fallback;
        // Results: arguments n.. (argument 0 is the selector).
        mov edx, r8d;
        sub edx, eax;
        jg >2;
        xor r8d, r8d;
        jmp ->vm_ff_return;
        2:
        lea r10, [r9 + rax*8 + {2 * SLOT}];
        xor eax, eax;
        3:
        mov rcx, qword [r10 + rax*8];
        mov qword [r9 + rax*8], rcx;
        add eax, 1;
        cmp eax, edx;
        jb <3;
        mov r8d, edx;
        jmp ->vm_ff_return
    );
}
