//! Macro-assembler helpers the fragments are built from: decoding,
//! dispatch, jumps, type tests and helper calls. Each names the
//! registers it uses.

use asm_dsl::{asm, Assembler};
use xlj_isa_arm64::Gpr;
use xlj_runtime::bc::op::JUMP_BIAS;
use xlj_runtime::obj::offsets::{FUNC_OFS_PROTO, PROTO_OFS_KGC, PROTO_OFS_KNUM};
use xlj_runtime::value::{itype, PAYLOAD_MASK, TAG_SHIFT};
use xlj_vm_gen::DISPATCH_OFS_TABLE;

use crate::abi::{BASE, DISPATCH, FUNC_SLOT, INS, KBASE, KNUM, PC, RA, RD, SPILL, TMP};

/// The tag test for numbers: an itype above this (unsigned) is not one.
/// As a signed 32-bit immediate it is small and negative, which the
/// encoder turns into `cmn`.
pub const NUMX: i32 = itype::NUMX as i32;
/// D's bias: a jump's D minus this is its signed distance in
/// instructions from the instruction after the jump. (0x8000 fits an
/// add/sub immediate shifted by 12.)
pub const JUMP_ZERO: i32 = JUMP_BIAS as i32;

/// Fetches and decodes the instruction at PC and jumps to its fragment:
/// RA = A, RD = D, PC advanced.
pub fn ins_next(ops: &mut Assembler) {
    asm!(arm64, ops;
        ldr w{INS}, [x{PC}], #4;
        ubfx w{RA}, w{INS}, #8, #8;
        lsr w{RD}, w{INS}, #16;
        and w{INS}, w{INS}, #0xff
    );
    if DISPATCH_OFS_TABLE == 0 {
        asm!(arm64, ops; ldr x{TMP}, [x{DISPATCH}, x{INS}, lsl #3]);
    } else {
        asm!(arm64, ops;
            add x{TMP}, x{DISPATCH}, x{INS}, lsl #3;
            ldr x{TMP}, [x{TMP}, #{DISPATCH_OFS_TABLE as i32}]
        );
    }
    asm!(arm64, ops; br x{TMP});
}

/// Splits D into B (RB) and C (RD) for an ABC instruction.
pub fn decode_bc(ops: &mut Assembler) {
    asm!(arm64, ops;
        lsr w{crate::abi::RB}, w{RD}, #8;
        and w{RD}, w{RD}, #0xff
    );
}

/// Stops before the running instruction: the runtime runs it.
pub fn hand_over(ops: &mut Assembler) {
    asm!(arm64, ops; b ->vm_fallback);
}

/// `dst` = the itype of the value in `src` (sign-extended tag; compare
/// its low 32 bits).
pub fn itype_of(ops: &mut Assembler, dst: Gpr, src: Gpr) {
    asm!(arm64, ops; asr x{dst}, x{src}, #{TAG_SHIFT as i32});
}

/// Clears the tag of a GC value in `r`, leaving the object's address.
pub fn untag(ops: &mut Assembler, r: Gpr) {
    asm!(arm64, ops; and x{r}, x{r}, #{PAYLOAD_MASK});
}

/// Hands over unless the value in `v` is a number (`tmp` is clobbered).
pub fn need_number(ops: &mut Assembler, v: Gpr, tmp: Gpr) {
    itype_of(ops, tmp, v);
    asm!(arm64, ops; cmp w{tmp}, #{NUMX}; b.hi ->vm_fallback);
}

/// Hands over unless the value in `v` has itype `it`; leaves the object
/// address in `v` (`tmp` is clobbered).
pub fn need_object(ops: &mut Assembler, v: Gpr, it: u32, tmp: Gpr) {
    itype_of(ops, tmp, v);
    asm!(arm64, ops; cmp w{tmp}, #{it as i32}; b.ne ->vm_fallback);
    untag(ops, v);
}

/// Loads KBASE and KNUM from the running frame's function.
pub fn load_consts(ops: &mut Assembler, tmp: Gpr) {
    asm!(arm64, ops; ldr x{tmp}, [x{BASE}, #{FUNC_SLOT}]);
    untag(ops, tmp);
    asm!(arm64, ops;
        ldr x{tmp}, [x{tmp}, #{FUNC_OFS_PROTO as i32}];
        ldr x{KBASE}, [x{tmp}, #{PROTO_OFS_KGC as i32}];
        ldr x{KNUM}, [x{tmp}, #{PROTO_OFS_KNUM as i32}]
    );
}

/// Takes the jump that follows a test: PC moves by the JMP's D.
pub fn take_following_jump(ops: &mut Assembler, tmp: Gpr) {
    asm!(arm64, ops;
        ldrh w{tmp}, [x{PC}, #2];
        add x{PC}, x{PC}, #4;
        sub w{tmp}, w{tmp}, #{JUMP_ZERO};
        add x{PC}, x{PC}, w{tmp}, sxtw #2
    );
}

/// Skips the jump that follows a test.
pub fn skip_following_jump(ops: &mut Assembler) {
    asm!(arm64, ops; add x{PC}, x{PC}, #4);
}

/// Applies the jump in RD (this instruction's own D).
pub fn jump_by_rd(ops: &mut Assembler) {
    asm!(arm64, ops;
        sub w{RD}, w{RD}, #{JUMP_ZERO};
        add x{PC}, x{PC}, w{RD}, sxtw #2
    );
}

/// Calls the C-ABI function at `addr` (arguments already in x0.., d0..),
/// keeping RA in the spill word across it.
pub fn call_helper(ops: &mut Assembler, addr: usize) {
    asm!(arm64, ops;
        str x{RA}, [sp, #{SPILL}];
        mov x{TMP}, #{addr as u64};
        blr x{TMP};
        ldr x{RA}, [sp, #{SPILL}]
    );
}
