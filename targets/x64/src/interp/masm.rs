//! Macro-assembler helpers the fragments are built from: decoding,
//! dispatch, jumps and type tests. Each names the registers it uses.

use asm_dsl::{asm, Assembler};
use xlj_isa_x86::regs::Gpr;
use xlj_runtime::bc::op::JUMP_BIAS;
use xlj_runtime::obj::offsets::{FUNC_OFS_PROTO, PROTO_OFS_KGC, PROTO_OFS_KNUM};
use xlj_runtime::value::{itype, TAG_SHIFT};
use xlj_vm_gen::DISPATCH_OFS_TABLE;

use crate::abi::{BASE, DISPATCH, FUNC_SLOT, KBASE, KNUM, PC};

/// The tag test for numbers: an itype above this (unsigned) is not one.
pub const NUMX: i32 = itype::NUMX as i32;
/// Bits above the 47-bit payload.
pub const TAG_BITS: i8 = (64 - TAG_SHIFT) as i8;
/// `lea PC, [PC + RD*4 + JUMP_DISP]` applies a jump (D biased) relative
/// to the instruction after the one being run.
pub const JUMP_DISP: i32 = -(JUMP_BIAS as i32) * 4;

/// Fetches and decodes the instruction at PC and jumps to its fragment:
/// RA = A, RD = D, PC advanced.
pub fn ins_next(ops: &mut Assembler) {
    asm!(x64, ops;
        mov eax, dword [Rq{PC}];
        movzx ecx, ah;
        movzx edx, al;
        add Rq{PC}, 4;
        shr eax, 16;
        jmp qword [Rq{DISPATCH} + rdx*8 + {DISPATCH_OFS_TABLE as i32}]
    );
}

/// Splits D into B (rdx) and C (rax) for an ABC instruction.
pub fn decode_bc(ops: &mut Assembler) {
    asm!(x64, ops; movzx edx, ah; movzx eax, al);
}

/// Stops before the running instruction: the runtime runs it.
pub fn hand_over(ops: &mut Assembler) {
    asm!(x64, ops; jmp ->vm_fallback);
}

/// `dst` = the itype of the value in `src` (sign-extended tag).
pub fn itype_of(ops: &mut Assembler, dst: Gpr, src: Gpr) {
    if dst != src {
        asm!(x64, ops; mov Rq{dst}, Rq{src});
    }
    asm!(x64, ops; sar Rq{dst}, {TAG_SHIFT as i8});
}

/// Clears the tag of a GC value in `r`, leaving the object's address.
pub fn untag(ops: &mut Assembler, r: Gpr) {
    asm!(x64, ops; shl Rq{r}, {TAG_BITS}; shr Rq{r}, {TAG_BITS});
}

/// Hands over unless the value in `v` is a number (`tmp` is clobbered).
pub fn need_number(ops: &mut Assembler, v: Gpr, tmp: Gpr) {
    itype_of(ops, tmp, v);
    asm!(x64, ops; cmp Rd{tmp}, {NUMX}; ja ->vm_fallback);
}

/// Hands over unless the value in `v` has itype `it`; leaves the object
/// address in `v` (`tmp` is clobbered).
pub fn need_object(ops: &mut Assembler, v: Gpr, it: u32, tmp: Gpr) {
    itype_of(ops, tmp, v);
    asm!(x64, ops; cmp Rd{tmp}, {it as i32}; jne ->vm_fallback);
    untag(ops, v);
}

/// Loads KBASE and KNUM from the running frame's function.
pub fn load_consts(ops: &mut Assembler, tmp: Gpr) {
    asm!(x64, ops; mov Rq{tmp}, qword [Rq{BASE} + {FUNC_SLOT}]);
    untag(ops, tmp);
    asm!(x64, ops;
        mov Rq{tmp}, qword [Rq{tmp} + {FUNC_OFS_PROTO as i32}];
        mov Rq{KBASE}, qword [Rq{tmp} + {PROTO_OFS_KGC as i32}];
        mov Rq{KNUM}, qword [Rq{tmp} + {PROTO_OFS_KNUM as i32}]
    );
}

/// Takes the jump that follows a test: PC moves by the JMP's D.
pub fn take_following_jump(ops: &mut Assembler, tmp: Gpr) {
    asm!(x64, ops;
        movzx Rd{tmp}, word [Rq{PC} + 2];
        lea Rq{PC}, [Rq{PC} + Rq{tmp}*4 + {JUMP_DISP + 4}]
    );
}

/// Skips the jump that follows a test.
pub fn skip_following_jump(ops: &mut Assembler) {
    asm!(x64, ops; add Rq{PC}, 4);
}

/// Applies the jump in RD (this instruction's own D).
pub fn jump_by_rd(ops: &mut Assembler) {
    asm!(x64, ops; lea Rq{PC}, [Rq{PC} + rax*4 + {JUMP_DISP}]);
}
