//! Table reads and writes, globals and `#`.
//!
//! Fast paths: the array part for integer keys, the hash part for string
//! keys (interned, so the key word is compared whole) and, through the
//! runtime's `tab_get` helper, any other key. A read that finds nil
//! checks `__index` through the metatable's negative cache (`nomm`) and
//! otherwise follows `__index` tables with the `meta_index` helper
//! (`->vm_index_meta`), which also serves non-tables (strings). A write
//! needs `__newindex` known absent when the slot holds nil and no
//! barrier (the table not black); a key the table lacks is inserted by
//! the `tab_new_slot` helper (`->vm_newkey`). TSETM stores through
//! `tab_store_multi`. Everything else is the runtime's.
//!
//! Registers: x0 the table (also the helpers' first argument), x1 the
//! key and then the value read, x2 the key string's object, x3 the node
//! or the metatable, x4 the address of the value to write, w5 the array
//! index, x7 a read's key kept for `__index`.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::{MetaMethod, Op};
use xlj_runtime::gc::mark;
use xlj_runtime::interp::engine::{helpers, REGS_OFS_MULTRES, REGS_OFS_VM};
use xlj_runtime::obj::offsets::{
    FUNC_OFS_ENV, GC_OFS_MARKED, NODE_OFS_KEY, NODE_OFS_NEXT, NODE_OFS_VAL, NODE_SIZE,
    STR_OFS_HASH, STR_OFS_LEN, TAB_OFS_ARRAY, TAB_OFS_ASIZE, TAB_OFS_HMASK, TAB_OFS_METATABLE,
    TAB_OFS_NODE, TAB_OFS_NOMM,
};
use xlj_runtime::value::{itype, TAG_SHIFT};

use super::masm::{call_helper, decode_bc, ins_next, itype_of, need_object, untag, NUMX};
use crate::abi::{BASE, FUNC_SLOT, KBASE, KNUM, RA, RB, RD, REGS, TEMP, TMP};

const NO_INDEX: u32 = 1 << MetaMethod::Index as u8;
const NO_NEWINDEX: u32 = 1 << MetaMethod::NewIndex as u8;

const X0: Gpr = Gpr(0);
const X1: Gpr = Gpr(1);
const X2: Gpr = Gpr(2);

/// Looks up the string key x1 (tagged; its object in x2) in table x0:
/// x3 = its node, or 0 if absent. Clobbers x16, x17.
fn find_str(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr w3, [x0, #{TAB_OFS_HMASK as i32}];
        ldr w{TMP}, [x2, #{STR_OFS_HASH as i32}];
        and w3, w3, w{TMP};
        mov x{TMP}, #{NODE_SIZE as u64};
        ldr x16, [x0, #{TAB_OFS_NODE as i32}];
        madd x3, x3, x{TMP}, x16;
        1:
        ldr x{TMP}, [x3, #{NODE_OFS_KEY as i32}];
        cmp x{TMP}, x1;
        b.eq >2;
        ldr x3, [x3, #{NODE_OFS_NEXT as i32}];
        cbnz x3, <1;
        2:
    );
}

/// Turns the number key in x1 into an array index in w5 and jumps to
/// local label 6 when it is not an integer inside the array part of
/// table x0 (clobbers d0, d1). An out-of-range double saturates in
/// `fcvtzs` and then fails the round trip, as a NaN does.
fn array_index(ops: &mut Assembler) {
    asm!(arm64, ops;
        fmov d0, x1;
        fcvtzs w5, d0;
        scvtf d1, w5;
        fcmp d0, d1;
        b.ne >6;
        ldr w{TMP}, [x0, #{TAB_OFS_ASIZE as i32}];
        cmp w5, w{TMP};
        b.hs >6
    );
}

/// Stores the value read into x1; for nil, table x0's `__index` (known
/// absent through the metatable's negative cache, or followed by
/// `->vm_index_meta` with the key in x7; local label 3 is the nil case).
fn finish_get(ops: &mut Assembler) {
    asm!(arm64, ops;
        cmn x1, #1;
        b.eq >3;
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
    asm!(arm64, ops;
        3:
        ldr x3, [x0, #{TAB_OFS_METATABLE as i32}];
        cbz x3, >4;
        ldrb w{TMP}, [x3, #{TAB_OFS_NOMM as i32}];
        tst w{TMP}, #{NO_INDEX};
        b.eq >5;
        4:
        str x1, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
    asm!(arm64, ops;
        5:
        mov x1, #{TAB_TAG};
        orr x1, x1, x0;
        mov x2, x7;
        b ->vm_index_meta
    );
}

/// The tag bits of a table value.
const TAB_TAG: u64 = (itype::TAB as u64) << TAG_SHIFT;

/// The shared tails: `->vm_index_meta` (x1 = a value whose own fields
/// lack key x2: follow `__index` tables) and `->vm_newkey` (table x0
/// lacks key x1: check `__newindex` and the barrier, insert, store A).
pub fn emit_subroutines(ops: &mut Assembler) {
    asm!(arm64, ops;
        ->vm_index_meta:
        ldr x0, [x{REGS}, #{REGS_OFS_VM as i32}]
    );
    call_helper(ops, helpers::meta_index as *const () as usize);
    asm!(arm64, ops;
        mov x{TMP}, #{helpers::HAND_OVER};
        cmp x0, x{TMP};
        b.eq ->vm_fallback;
        str x0, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
    asm!(arm64, ops;
        ->vm_newkey:
        ldr x3, [x0, #{TAB_OFS_METATABLE as i32}];
        cbz x3, >1;
        ldrb w{TMP}, [x3, #{TAB_OFS_NOMM as i32}];
        tst w{TMP}, #{NO_NEWINDEX};
        b.eq ->vm_fallback;
        1:
        ldrb w{TMP}, [x0, #{GC_OFS_MARKED as i32}];
        tst w{TMP}, #{mark::BLACK as u32};
        b.ne ->vm_fallback;
        mov x2, x1;
        mov x1, x0;
        ldr x0, [x{REGS}, #{REGS_OFS_VM as i32}]
    );
    call_helper(ops, helpers::tab_new_slot as *const () as usize);
    asm!(arm64, ops;
        cbz x0, ->vm_fallback;
        ldr x1, [x{BASE}, x{RA}, lsl #3];
        str x1, [x0]
    );
    ins_next(ops);
}

/// Stores slot A through the value pointer x4 of table x0: a nil slot
/// needs `__newindex` known absent, a black table the runtime's barrier.
fn finish_set(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr x{TMP}, [x4];
        cmn x{TMP}, #1;
        b.eq >3;
        2:
        ldrb w{TMP}, [x0, #{GC_OFS_MARKED as i32}];
        tst w{TMP}, #{mark::BLACK as u32};
        b.ne ->vm_fallback;
        ldr x1, [x{BASE}, x{RA}, lsl #3];
        str x1, [x4]
    );
    ins_next(ops);
    asm!(arm64, ops;
        3:
        ldr x3, [x0, #{TAB_OFS_METATABLE as i32}];
        cbz x3, <2;
        ldrb w{TMP}, [x3, #{TAB_OFS_NOMM as i32}];
        tst w{TMP}, #{NO_NEWINDEX};
        b.eq ->vm_fallback;
        b <2
    );
}

/// GGET/GSET: the key is a string constant, the table the closure's
/// environment.
pub fn global(ops: &mut Assembler, store: bool) {
    asm!(arm64, ops; ldr x0, [x{BASE}, #{FUNC_SLOT}]);
    untag(ops, X0);
    asm!(arm64, ops;
        ldr x0, [x0, #{FUNC_OFS_ENV as i32}];
        ldr x1, [x{KBASE}, x{RD}, lsl #3];
        mov x2, x1
    );
    untag(ops, X2);
    str_key(ops, store);
}

/// The string-key path for table x0, key x1 (object in x2).
fn str_key(ops: &mut Assembler, store: bool) {
    find_str(ops);
    if store {
        asm!(arm64, ops;
            strb wzr, [x0, #{TAB_OFS_NOMM as i32}];
            cbz x3, ->vm_newkey;
            add x4, x3, #{NODE_OFS_VAL as i32}
        );
        finish_set(ops);
    } else {
        asm!(arm64, ops;
            mov x7, x1;
            mov x1, #-1;
            cbz x3, >5;
            ldr x1, [x3, #{NODE_OFS_VAL as i32}];
            5:
        );
        finish_get(ops);
    }
}

/// TGETV/TGETS/TGETB (TGETR is the runtime's: it only comes from
/// library code LuaJIT compiles). The key is kept in x7 for `__index`.
pub fn get(ops: &mut Assembler, op: Op) {
    if op == Op::TGETR {
        asm!(arm64, ops; b ->vm_fallback);
        return;
    }
    decode_bc(ops);
    asm!(arm64, ops; ldr x0, [x{BASE}, x{RB}, lsl #3]);
    match op {
        Op::TGETS => asm!(arm64, ops; ldr x7, [x{KBASE}, x{RD}, lsl #3]),
        Op::TGETB => asm!(arm64, ops; scvtf d0, w{RD}; fmov x7, d0),
        _ => asm!(arm64, ops; ldr x7, [x{BASE}, x{RD}, lsl #3]),
    }
    // Not a table: only `__index` can answer (strings have the string
    // library there).
    itype_of(ops, X2, X0);
    asm!(arm64, ops;
        cmp w2, #{itype::TAB as i32};
        b.eq >1;
        mov x1, x0;
        mov x2, x7;
        b ->vm_index_meta;
        1:
    );
    untag(ops, X0);
    match op {
        Op::TGETS => {
            asm!(arm64, ops; mov x1, x7; mov x2, x7);
            untag(ops, X2);
            str_key(ops, false);
            return;
        }
        Op::TGETB => {
            asm!(arm64, ops;
                ldr w{TMP}, [x0, #{TAB_OFS_ASIZE as i32}];
                cmp w{RD}, w{TMP};
                b.hs >6;
                ldr x3, [x0, #{TAB_OFS_ARRAY as i32}];
                ldr x1, [x3, x{RD}, lsl #3];
                b >8
            );
        }
        _ => {
            asm!(arm64, ops; mov x1, x7);
            itype_of(ops, X2, X1);
            asm!(arm64, ops;
                cmp w2, #{NUMX};
                b.hi >7
            );
            array_index(ops);
            asm!(arm64, ops;
                ldr x3, [x0, #{TAB_OFS_ARRAY as i32}];
                ldr x1, [x3, x5, lsl #3];
                b >8
            );
        }
    }
    // Any other key: the runtime's raw lookup, keeping table and key.
    asm!(arm64, ops;
        6:
        str x0, [sp, #{TEMP}];
        str x7, [sp, #{TEMP + 8}];
        mov x1, x7
    );
    call_helper(ops, helpers::tab_get as *const () as usize);
    asm!(arm64, ops;
        mov x1, x0;
        ldr x0, [sp, #{TEMP}];
        ldr x7, [sp, #{TEMP + 8}];
        b >8
    );
    if op == Op::TGETV {
        asm!(arm64, ops;
            7:
            cmp w2, #{itype::STR as i32};
            b.ne <6;
            mov x2, x1
        );
        untag(ops, X2);
        find_str(ops);
        asm!(arm64, ops;
            mov x1, #-1;
            cbz x3, >8;
            ldr x1, [x3, #{NODE_OFS_VAL as i32}]
        );
    }
    asm!(arm64, ops; 8:);
    finish_get(ops);
}

/// TSETV/TSETS/TSETB (TSETR: as TGETR). A key the table lacks goes
/// through `->vm_newkey`; a non-table (`__newindex` or an error) is the
/// runtime's.
pub fn set(ops: &mut Assembler, op: Op) {
    if op == Op::TSETR {
        asm!(arm64, ops; b ->vm_fallback);
        return;
    }
    decode_bc(ops);
    asm!(arm64, ops; ldr x0, [x{BASE}, x{RB}, lsl #3]);
    need_object(ops, X0, itype::TAB, X2);
    match op {
        Op::TSETS => {
            asm!(arm64, ops; ldr x1, [x{KBASE}, x{RD}, lsl #3]; mov x2, x1);
            untag(ops, X2);
            str_key(ops, true);
        }
        Op::TSETB => {
            asm!(arm64, ops;
                ldr w{TMP}, [x0, #{TAB_OFS_ASIZE as i32}];
                cmp w{RD}, w{TMP};
                b.hs >6;
                ldr x4, [x0, #{TAB_OFS_ARRAY as i32}];
                add x4, x4, x{RD}, lsl #3
            );
            finish_set(ops);
            asm!(arm64, ops;
                6:
                scvtf d0, w{RD};
                fmov x1, d0;
                b ->vm_newkey
            );
        }
        _ => {
            asm!(arm64, ops; ldr x1, [x{BASE}, x{RD}, lsl #3]);
            itype_of(ops, X2, X1);
            asm!(arm64, ops;
                cmp w2, #{NUMX};
                b.hi >7
            );
            array_index(ops);
            asm!(arm64, ops;
                ldr x4, [x0, #{TAB_OFS_ARRAY as i32}];
                add x4, x4, x5, lsl #3;
                b >8;
                6:
                b ->vm_newkey;
                7:
                cmp w2, #{itype::STR as i32};
                b.ne ->vm_newkey;
                mov x2, x1
            );
            untag(ops, X2);
            find_str(ops);
            asm!(arm64, ops;
                strb wzr, [x0, #{TAB_OFS_NOMM as i32}];
                cbz x3, ->vm_newkey;
                add x4, x3, #{NODE_OFS_VAL as i32};
                8:
            );
            finish_set(ops);
        }
    }
}

/// TSETM A D: the values of the last multiple-result instruction go to
/// table A-1 from the integer key held in the low word of number D.
pub fn set_multi(ops: &mut Assembler) {
    asm!(arm64, ops;
        add x3, x{BASE}, x{RA}, lsl #3;
        ldr x1, [x3, #-8]
    );
    need_object(ops, X1, itype::TAB, X2);
    asm!(arm64, ops;
        add x{TMP}, x{KNUM}, x{RD}, lsl #3;
        ldr w2, [x{TMP}];
        ldr w4, [x{REGS}, #{REGS_OFS_MULTRES as i32}];
        ldr x0, [x{REGS}, #{REGS_OFS_VM as i32}];
        mov x{TMP}, #{helpers::tab_store_multi as *const () as usize as u64};
        blr x{TMP};
        cbnz w0, ->vm_fallback
    );
    ins_next(ops);
}

/// LEN: strings from their header, tables through the runtime's border
/// search (Lua 5.1 has no `__len` for tables); others are the runtime's.
pub fn len(ops: &mut Assembler) {
    asm!(arm64, ops; ldr x0, [x{BASE}, x{RD}, lsl #3]);
    itype_of(ops, X2, X0);
    untag(ops, X0);
    asm!(arm64, ops;
        cmp w2, #{itype::STR as i32};
        b.ne >1;
        ldr w0, [x0, #{STR_OFS_LEN as i32}];
        b >2;
        1:
        cmp w2, #{itype::TAB as i32};
        b.ne ->vm_fallback
    );
    call_helper(ops, helpers::tab_len as *const () as usize);
    asm!(arm64, ops;
        2:
        ucvtf d0, w0;
        str d0, [x{BASE}, x{RA}, lsl #3]
    );
    ins_next(ops);
}
