//! Comparisons and tests. Each is followed by a JMP: a taken test moves
//! PC by that JMP's offset, an untaken one skips it.
//!
//! After `fcmp a, d` an unordered pair (a NaN) sets C and V and clears N
//! and Z, which is what picks the conditions below: `mi` and `ls` hold
//! only for ordered less / less-or-equal, `hs` and `hi` also for NaN.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::{MetaMethod, Op};
use xlj_runtime::obj::offsets::{TAB_OFS_METATABLE, TAB_OFS_NOMM};
use xlj_runtime::value::{itype, Value};

use super::masm::{
    ins_next, itype_of, need_number, skip_following_jump, take_following_jump, untag, NUMX,
};
use crate::abi::{BASE, KBASE, KNUM, RA, RD, TMP};

const NO_EQ: u32 = 1 << MetaMethod::Eq as u8;

const X1: Gpr = Gpr(1);
const X2: Gpr = Gpr(2);
const X3: Gpr = Gpr(3);
const X6: Gpr = Gpr(6);

/// The not-taken end of a test (local label 1).
fn finish(ops: &mut Assembler) {
    asm!(arm64, ops; 1:);
    skip_following_jump(ops);
    ins_next(ops);
}

fn taken(ops: &mut Assembler) {
    take_following_jump(ops, TMP);
    ins_next(ops);
}

/// ISLT/ISGE/ISLE/ISGT on two numbers; ISGE and ISGT are the negations
/// of ISLT and ISLE, so they are taken for NaN.
pub fn order(ops: &mut Assembler, op: Op) {
    asm!(arm64, ops;
        ldr x1, [x{BASE}, x{RA}, lsl #3];
        ldr x3, [x{BASE}, x{RD}, lsl #3]
    );
    need_number(ops, X1, X2);
    need_number(ops, X3, X2);
    asm!(arm64, ops;
        fmov d0, x1;
        fmov d1, x3;
        fcmp d0, d1
    );
    // Branch to the not-taken path (label 1) on the opposite condition.
    match op {
        Op::ISLT => asm!(arm64, ops; b.pl >1),
        Op::ISGE => asm!(arm64, ops; b.mi >1),
        Op::ISLE => asm!(arm64, ops; b.hi >1),
        _ => asm!(arm64, ops; b.ls >1),
    }
    taken(ops);
    finish(ops);
}

/// ISEQV/ISNEV: numbers compare numerically; otherwise identical words
/// are equal and different types are not; two different tables or two
/// userdata may have `__eq`, which the runtime handles (for tables only
/// when the first one's metatable may have it).
pub fn eq_var(ops: &mut Assembler, negate: bool) {
    asm!(arm64, ops;
        ldr x1, [x{BASE}, x{RA}, lsl #3];
        ldr x3, [x{BASE}, x{RD}, lsl #3]
    );
    itype_of(ops, X2, X1);
    asm!(arm64, ops;
        cmp w2, #{NUMX};
        b.hi >5
    );
    // a is a number: equal only to an equal number.
    itype_of(ops, X6, X3);
    asm!(arm64, ops;
        cmp w6, #{NUMX};
        b.hi >3;
        fmov d0, x1;
        fmov d1, x3;
        fcmp d0, d1;
        b.ne >3;
        b >4;
        5:
        cmp x1, x3;
        b.eq >4
    );
    itype_of(ops, X6, X3);
    asm!(arm64, ops;
        cmp w2, w6;
        b.ne >3;
        cmp w2, #{itype::UDATA as i32};
        b.eq ->vm_fallback;
        cmp w2, #{itype::TAB as i32};
        b.ne >3
    );
    // Two tables: `__eq` is looked up on the first one's metatable.
    untag(ops, X1);
    asm!(arm64, ops;
        ldr x6, [x1, #{TAB_OFS_METATABLE as i32}];
        cbz x6, >3;
        ldrb w{TMP}, [x6, #{TAB_OFS_NOMM as i32}];
        tst w{TMP}, #{NO_EQ};
        b.eq ->vm_fallback;
        b >3
    );
    // 4: equal, 3: different.
    if negate {
        asm!(arm64, ops; 4:);
        skip_following_jump(ops);
        ins_next(ops);
        asm!(arm64, ops; 3:);
        taken(ops);
    } else {
        asm!(arm64, ops; 3:);
        skip_following_jump(ops);
        ins_next(ops);
        asm!(arm64, ops; 4:);
        taken(ops);
    }
}

/// ISEQS/ISNES: strings are interned, so equality is identity.
pub fn eq_str(ops: &mut Assembler, negate: bool) {
    asm!(arm64, ops;
        ldr x1, [x{KBASE}, x{RD}, lsl #3];
        ldr x2, [x{BASE}, x{RA}, lsl #3];
        cmp x1, x2
    );
    if negate {
        asm!(arm64, ops; b.eq >1);
    } else {
        asm!(arm64, ops; b.ne >1);
    }
    taken(ops);
    finish(ops);
}

/// ISEQN/ISNEN: a non-number is never equal to a number constant.
pub fn eq_num(ops: &mut Assembler, negate: bool) {
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RA}, lsl #3]);
    itype_of(ops, X2, X1);
    // 3: different, 4: equal.
    asm!(arm64, ops;
        cmp w2, #{NUMX};
        b.hi >3;
        fmov d0, x1;
        ldr d1, [x{KNUM}, x{RD}, lsl #3];
        fcmp d0, d1;
        b.ne >3
    );
    if negate {
        skip_following_jump(ops);
        ins_next(ops);
        asm!(arm64, ops; 3:);
        taken(ops);
    } else {
        taken(ops);
        asm!(arm64, ops; 3:);
        skip_following_jump(ops);
        ins_next(ops);
    }
}

/// ISEQP/ISNEP: a primitive is one whole word, `!(D << 47)`.
pub fn eq_pri(ops: &mut Assembler, negate: bool) {
    asm!(arm64, ops;
        lsl x1, x{RD}, #{xlj_runtime::value::TAG_SHIFT as i32};
        mvn x1, x1;
        ldr x2, [x{BASE}, x{RA}, lsl #3];
        cmp x1, x2
    );
    if negate {
        asm!(arm64, ops; b.eq >1);
    } else {
        asm!(arm64, ops; b.ne >1);
    }
    taken(ops);
    finish(ops);
}

/// IST/ISF and the copying ISTC/ISFC: nil and false (itypes !0 and !1)
/// are the false values, the two highest itypes.
pub fn truth(ops: &mut Assembler, op: Op) {
    debug_assert_eq!(Value::FALSE.itype(), itype::FALSE);
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RD}, lsl #3]);
    itype_of(ops, X2, X1);
    asm!(arm64, ops; cmp w2, #{itype::FALSE as i32});
    // hs: a false value.
    match op {
        Op::IST | Op::ISTC => asm!(arm64, ops; b.hs >1),
        _ => asm!(arm64, ops; b.lo >1),
    }
    if matches!(op, Op::ISTC | Op::ISFC) {
        asm!(arm64, ops; str x1, [x{BASE}, x{RA}, lsl #3]);
    }
    taken(ops);
    finish(ops);
}

/// ISTYPE: the runtime coerces or raises when the type differs.
pub fn is_type(ops: &mut Assembler) {
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RA}, lsl #3]);
    itype_of(ops, X2, X1);
    asm!(arm64, ops;
        add w2, w2, w{RD};
        cbnz w2, ->vm_fallback
    );
    ins_next(ops);
}

/// ISNUM: as ISTYPE for numbers.
pub fn is_num(ops: &mut Assembler) {
    asm!(arm64, ops; ldr x1, [x{BASE}, x{RA}, lsl #3]);
    need_number(ops, X1, X2);
    ins_next(ops);
}
