//! Fast functions: builtins run in assembly when called from Lua (CALL,
//! CALLM, ITERC), selected by LuaJIT's builtin number; the same set and
//! the same hand-over points as x64's.
//!
//! Entry (from `->vm_call_fast`): x4 = the function's slot, w5 = the
//! number of arguments (from x4 + 2 slots), x1 = the closure, BASE and
//! PC the caller's. A fast function stores its results from x4 with
//! their count in w5 and jumps to `->vm_ff_return`; arguments it cannot
//! take (wrong types, unusual forms) hand the call over, and the
//! runtime's native runs it with its exact semantics and errors.
//!
//! Where A64 differs from SSE2: `fmin`/`fmax` treat NaN and signed zeros
//! differently from `minsd`/`maxsd`, so min and max fold with `fcmp` and
//! `fcsel` (acc < x ? acc : x), which is the reference interpreter's
//! rule; `frintm`/`frintp` are floor and ceil.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::interp::engine::{helpers, REGS_OFS_MULTRES, REGS_OFS_VM};
use xlj_runtime::obj::offsets::{
    FUNC_OFS_FFID, STR_OFS_DATA, STR_OFS_LEN, TAB_OFS_ARRAY, TAB_OFS_ASIZE,
};
use xlj_runtime::value::{itype, TAG_SHIFT};
use xlj_runtime::vm::{TYPE_NAME_NUMBER, VM_OFS_TYPE_NAMES};
use xlj_vm_gen::DISPATCH_OFS_FAST;

use super::masm::{hand_over, ins_next, itype_of, untag, NUMX};
use crate::abi::{DISPATCH, PC, REGS, SLOT, SPILL, TMP};

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
const TOBIT_BIAS: u64 = 6_755_399_441_055_744.0f64.to_bits();

const X0: Gpr = Gpr(0);
const X2: Gpr = Gpr(2);
const X6: Gpr = Gpr(6);

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
    asm!(arm64, ops;
        ->vm_call_fast:
        ldrb w{TMP}, [x1, #{FUNC_OFS_FFID as i32}];
        add x{TMP}, x{DISPATCH}, x{TMP}, lsl #3;
        ldr x{TMP}, [x{TMP}, #{DISPATCH_OFS_FAST as i32}];
        br x{TMP};

        ->vm_ff_return:
        ldrb w0, [x{PC}, #-1];
        cbz w0, >5;
        sub w0, w0, #1;
        cmp w5, w0;
        b.hs >4;
        mov x{TMP}, #-1;
        3:
        str x{TMP}, [x4, x5, lsl #3];
        add w5, w5, #1;
        cmp w5, w0;
        b.lo <3;
        4:
    );
    ins_next(ops);
    asm!(arm64, ops;
        5:
        str w5, [x{REGS}, #{REGS_OFS_MULTRES as i32}]
    );
    ins_next(ops);
}

/// Argument `i` (from 0) into `dst`.
fn arg(ops: &mut Assembler, dst: Gpr, i: i32) {
    asm!(arm64, ops; ldr x{dst}, [x4, #{(i + 2) * SLOT}]);
}

/// Hands over unless there are at least `n` arguments.
fn need_args(ops: &mut Assembler, n: i32) {
    asm!(arm64, ops; cmp w5, #{n}; b.lo ->vm_fallback);
}

/// d0 = argument `i`, which must be a number (clobbers x0, x2).
fn num_arg(ops: &mut Assembler, i: i32) {
    arg(ops, X0, i);
    itype_of(ops, X2, X0);
    asm!(arm64, ops;
        cmp w2, #{NUMX};
        b.hi ->vm_fallback;
        fmov d0, x0
    );
}

/// One number result from d0.
fn ret_num(ops: &mut Assembler) {
    asm!(arm64, ops;
        str d0, [x4];
        mov w5, #1;
        b ->vm_ff_return
    );
}

/// w0 = the number in d0 converted as BitOp converts numbers.
fn tobit(ops: &mut Assembler) {
    asm!(arm64, ops;
        mov x0, #{TOBIT_BIAS};
        fmov d1, x0;
        fadd d0, d0, d1;
        fmov x0, d0
    );
}

/// w0 = argument `i` converted as BitOp converts numbers.
fn bit_arg(ops: &mut Assembler, i: i32) {
    num_arg(ops, i);
    tobit(ops);
}

/// One int32 result from w0, as a number.
fn ret_bit(ops: &mut Assembler) {
    asm!(arm64, ops; scvtf d0, w0);
    ret_num(ops);
}

/// Hands over unless the number in d0 is an integer; leaves it in w0
/// (an out-of-range value saturates and then fails the round trip).
fn need_int(ops: &mut Assembler) {
    asm!(arm64, ops;
        fcvtzs w0, d0;
        scvtf d1, w0;
        fcmp d0, d1;
        b.ne ->vm_fallback
    );
}

pub fn emit(ops: &mut Assembler, ffid: u8) {
    use id::*;
    match ffid {
        ASSERT => {
            // A true first argument: every argument is returned.
            need_args(ops, 1);
            arg(ops, X0, 0);
            itype_of(ops, X2, X0);
            asm!(arm64, ops;
                cmp w2, #{itype::FALSE as i32};
                b.hs ->vm_fallback;
                add x6, x4, #{2 * SLOT};
                mov w0, #0;
                1:
                ldr x2, [x6, x0, lsl #3];
                str x2, [x4, x0, lsl #3];
                add w0, w0, #1;
                cmp w0, w5;
                b.lo <1;
                b ->vm_ff_return
            );
        }
        IPAIRS_AUX => ipairs_aux(ops),
        TYPE => {
            // The VM's fixed name strings, by inverted itype (every number
            // inverts to TYPE_NAME_NUMBER or more).
            need_args(ops, 1);
            arg(ops, X0, 0);
            asm!(arm64, ops;
                asr x0, x0, #{TAG_SHIFT as i32};
                mvn w0, w0;
                mov w2, #{TYPE_NAME_NUMBER as u32};
                cmp w0, w2;
                csel w0, w2, w0, hi;
                ldr x2, [x{REGS}, #{REGS_OFS_VM as i32}];
                add x2, x2, x0, lsl #3;
                mov x{TMP}, #{VM_OFS_TYPE_NAMES as u64};
                ldr x0, [x2, x{TMP}];
                str x0, [x4];
                mov w5, #1;
                b ->vm_ff_return
            );
        }
        SELECT => select(ops),
        MATH_ABS => {
            need_args(ops, 1);
            num_arg(ops, 0);
            // A NaN stays as it is (the canonical NaN it was stored as).
            asm!(arm64, ops;
                fcmp d0, d0;
                b.vs >1;
                fabs d0, d0;
                1:
            );
            ret_num(ops);
        }
        MATH_FLOOR | MATH_CEIL | MATH_SQRT => {
            need_args(ops, 1);
            num_arg(ops, 0);
            match ffid {
                MATH_FLOOR => asm!(arm64, ops; frintm d0, d0),
                MATH_CEIL => asm!(arm64, ops; frintp d0, d0),
                _ => asm!(arm64, ops; fsqrt d0, d0),
            }
            ret_num(ops);
        }
        MATH_MIN | MATH_MAX => {
            need_args(ops, 1);
            num_arg(ops, 0);
            asm!(arm64, ops;
                mov w3, #1;
                fmov d3, d0;
                1:
                cmp w3, w5;
                b.hs >2;
                add x{TMP}, x4, x3, lsl #3;
                ldr x0, [x{TMP}, #{2 * SLOT}]
            );
            itype_of(ops, X2, X0);
            asm!(arm64, ops;
                cmp w2, #{NUMX};
                b.hi ->vm_fallback;
                fmov d1, x0;
                fcmp d3, d1
            );
            // acc = acc < x ? acc : x (min), acc > x ? acc : x (max); an
            // unordered pair takes x.
            if ffid == MATH_MIN {
                asm!(arm64, ops; fcsel d3, d3, d1, mi);
            } else {
                asm!(arm64, ops; fcsel d3, d3, d1, gt);
            }
            asm!(arm64, ops;
                add w3, w3, #1;
                b <1;
                2:
                fmov d0, d3
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
            asm!(arm64, ops; mvn w0, w0);
            ret_bit(ops);
        }
        BIT_LSHIFT | BIT_RSHIFT | BIT_ARSHIFT => {
            // Register shifts take the count modulo 32, as BitOp does.
            need_args(ops, 2);
            bit_arg(ops, 1);
            asm!(arm64, ops; mov w3, w0);
            bit_arg(ops, 0);
            match ffid {
                BIT_LSHIFT => asm!(arm64, ops; lsl w0, w0, w3),
                BIT_RSHIFT => asm!(arm64, ops; lsr w0, w0, w3),
                _ => asm!(arm64, ops; asr w0, w0, w3),
            }
            ret_bit(ops);
        }
        BIT_BAND | BIT_BOR | BIT_BXOR => {
            need_args(ops, 1);
            bit_arg(ops, 0);
            asm!(arm64, ops;
                mov w6, w0;
                mov w3, #1;
                1:
                cmp w3, w5;
                b.hs >2;
                add x{TMP}, x4, x3, lsl #3;
                ldr x0, [x{TMP}, #{2 * SLOT}]
            );
            itype_of(ops, X2, X0);
            asm!(arm64, ops;
                cmp w2, #{NUMX};
                b.hi ->vm_fallback;
                fmov d0, x0
            );
            tobit(ops);
            match ffid {
                BIT_BAND => asm!(arm64, ops; and w6, w6, w0),
                BIT_BOR => asm!(arm64, ops; orr w6, w6, w0),
                _ => asm!(arm64, ops; eor w6, w6, w0),
            }
            asm!(arm64, ops;
                add w3, w3, #1;
                b <1;
                2:
                mov w0, w6
            );
            ret_bit(ops);
        }
        STRING_BYTE => string_byte(ops),
        // Never asked for (`has` said no); handing over is always right.
        _ => hand_over(ops),
    }
}

/// (t, i) -> i+1, t[i+1] while that is not nil; nothing after.
fn ipairs_aux(ops: &mut Assembler) {
    need_args(ops, 2);
    arg(ops, X6, 0);
    itype_of(ops, X0, X6);
    asm!(arm64, ops;
        cmp w0, #{itype::TAB as i32};
        b.ne ->vm_fallback
    );
    untag(ops, X6);
    num_arg(ops, 1);
    asm!(arm64, ops;
        fmov d1, #1.0;
        fadd d0, d0, d1;
        fcvtzs w0, d0;
        scvtf d1, w0;
        fcmp d0, d1;
        b.ne >2;
        ldr w2, [x6, #{TAB_OFS_ASIZE as i32}];
        cmp w0, w2;
        b.hs >2;
        ldr x2, [x6, #{TAB_OFS_ARRAY as i32}];
        ldr x0, [x2, x0, lsl #3];
        b >3;
        2:
        // Past the array part: the runtime's raw lookup (x4 and d0 are
        // caller-saved: kept in the spill word and the result slot).
        str x4, [sp, #{SPILL}];
        str d0, [x4];
        mov x0, x6;
        fmov x1, d0;
        mov x{TMP}, #{helpers::tab_get as *const () as usize as u64};
        blr x{TMP};
        ldr x4, [sp, #{SPILL}];
        ldr d0, [x4];
        3:
        cmn x0, #1;
        b.eq >4;
        str d0, [x4];
        str x0, [x4, #{SLOT}];
        mov w5, #2;
        b ->vm_ff_return;
        4:
        mov w5, #0;
        b ->vm_ff_return
    );
}

/// select('#', ...) and select(n, ...) for 1 <= n; the rest is the
/// runtime's (negative n, non-integers, strings other than "#").
fn select(ops: &mut Assembler) {
    need_args(ops, 1);
    arg(ops, X0, 0);
    itype_of(ops, X2, X0);
    asm!(arm64, ops;
        cmp w2, #{itype::STR as i32};
        b.ne >1
    );
    untag(ops, X0);
    asm!(arm64, ops;
        ldr w{TMP}, [x0, #{STR_OFS_LEN as i32}];
        cmp w{TMP}, #1;
        b.ne ->vm_fallback;
        ldrb w{TMP}, [x0, #{STR_OFS_DATA as i32}];
        cmp w{TMP}, #0x23; // '#'
        b.ne ->vm_fallback;
        sub w0, w5, #1;
        scvtf d0, w0;
        str d0, [x4];
        mov w5, #1;
        b ->vm_ff_return;
        1:
        cmp w2, #{NUMX};
        b.hi ->vm_fallback;
        fmov d0, x0
    );
    need_int(ops);
    asm!(arm64, ops;
        cmp w0, #1;
        b.lt ->vm_fallback;
        // Results: arguments n.. (argument 0 is the selector).
        subs w2, w5, w0;
        b.gt >2;
        mov w5, #0;
        b ->vm_ff_return;
        2:
        add x6, x4, x0, lsl #3;
        add x6, x6, #{2 * SLOT};
        mov w0, #0;
        3:
        ldr x3, [x6, x0, lsl #3];
        str x3, [x4, x0, lsl #3];
        add w0, w0, #1;
        cmp w0, w2;
        b.lo <3;
        mov w5, w2;
        b ->vm_ff_return
    );
}

/// s:byte() and s:byte(i) for 1 <= i <= #s (the string in x6).
fn string_byte(ops: &mut Assembler) {
    need_args(ops, 1);
    asm!(arm64, ops; cmp w5, #2; b.hi ->vm_fallback);
    arg(ops, X6, 0);
    itype_of(ops, X0, X6);
    asm!(arm64, ops;
        cmp w0, #{itype::STR as i32};
        b.ne ->vm_fallback
    );
    untag(ops, X6);
    asm!(arm64, ops;
        mov w0, #1;
        cmp w5, #2;
        b.lo >2
    );
    num_arg(ops, 1);
    need_int(ops);
    asm!(arm64, ops;
        2:
        cmp w0, #1;
        b.lt ->vm_fallback;
        ldr w{TMP}, [x6, #{STR_OFS_LEN as i32}];
        cmp w0, w{TMP};
        b.hi ->vm_fallback;
        add x{TMP}, x6, x0;
        ldrb w0, [x{TMP}, #{STR_OFS_DATA as i32 - 1}]
    );
    ret_bit(ops);
}
