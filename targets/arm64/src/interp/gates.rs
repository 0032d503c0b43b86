//! The gates between Rust and the interpreter, and shared subroutines.
//!
//! - `->vm_enter(regs)`: saves the callee-saved registers, loads the
//!   fixed registers from the `EngineRegs` block and dispatches the
//!   instruction at its `pc`.
//! - `->vm_fallback`: a fragment cannot finish its instruction: PC goes
//!   back to it and the interpreter stops with reason FALLBACK.
//! - `->vm_hot_loop`: a loop head's counter underflowed before the
//!   instruction ran: stop with reason HOT at the loop head.
//! - `->vm_hot_call`: a called function's counter underflowed after its
//!   frame was entered: stop with reason HOT at its first instruction.
//! - `->vm_call_lua`, `->vm_enter_lua`: the call sequence (`call`);
//!   `->vm_index_meta`, `->vm_newkey`: the table tails (`table`);
//!   `->vm_call_fast`, `->vm_ff_return`: builtins in assembly
//!   (`fastfunc`).
//!
//! x64's `->vm_floor` has no twin: A64's `frintm` rounds towards minus
//! infinity in one instruction (keeping -0.0, infinities and NaN as
//! they are), so the modulo fragments use it inline.

use asm_dsl::{asm, Assembler};
use xlj_runtime::interp::engine::{reason, REGS_OFS_BASE, REGS_OFS_PC, REGS_OFS_REASON};

use super::masm::{ins_next, load_consts};
use crate::abi::{BASE, DISPATCH, FRAME_SIZE, INS, PC, REGS, SAVED};

pub fn emit(ops: &mut Assembler, dispatch: u64) {
    asm!(arm64, ops;
        ->vm_enter:
        stp x29, x30, [sp, #-{FRAME_SIZE}]!;
        mov x29, sp
    );
    for (i, (a, b)) in SAVED.iter().enumerate() {
        asm!(arm64, ops; stp x{*a}, x{*b}, [sp, #{16 + 16 * i as i32}]);
    }
    asm!(arm64, ops;
        mov x{REGS}, x0;
        mov x{DISPATCH}, #{dispatch};
        ldr x{BASE}, [x{REGS}, #{REGS_OFS_BASE as i32}];
        ldr x{PC}, [x{REGS}, #{REGS_OFS_PC as i32}]
    );
    load_consts(ops, INS);
    ins_next(ops);

    asm!(arm64, ops;
        ->vm_fallback:
        sub x{PC}, x{PC}, #4;
        mov w0, #{reason::FALLBACK};
        b ->vm_leave;

        ->vm_hot_loop:
        sub x{PC}, x{PC}, #4;
        ->vm_hot_call:
        mov w0, #{reason::HOT};

        ->vm_leave:
        str w0, [x{REGS}, #{REGS_OFS_REASON as i32}];
        str x{BASE}, [x{REGS}, #{REGS_OFS_BASE as i32}];
        str x{PC}, [x{REGS}, #{REGS_OFS_PC as i32}]
    );
    for (i, (a, b)) in SAVED.iter().enumerate().rev() {
        asm!(arm64, ops; ldp x{*a}, x{*b}, [sp, #{16 + 16 * i as i32}]);
    }
    asm!(arm64, ops;
        ldp x29, x30, [sp], #{FRAME_SIZE};
        ret
    );

    super::call::emit_call_lua(ops);
    super::table::emit_subroutines(ops);
    super::fastfunc::emit_subroutines(ops);
}
