//! The arm64 interpreter template.
//!
//! One fragment per opcode, LuaJIT's design: each fragment runs its
//! instruction's fast path and ends by dispatching the next instruction
//! through the table at DISPATCH. When the fast path does not apply (a
//! metamethod may run, something must be allocated, a native function is
//! called, a frame is not a plain Lua frame, the stack must grow) the
//! fragment jumps to `->vm_fallback`, which stops the interpreter before
//! the instruction and lets the runtime's reference interpreter run it
//! (the engine seam, `xlj_runtime::interp::engine`). Register roles and
//! the C frame are in [`crate::abi`].
//!
//! The fast paths and the points where they hand over are the x64
//! template's, one for one, so both engines hand the same instructions
//! to the runtime; only the instruction selection differs.
//!
//! Files: `masm` (macro-assembler helpers: decode, dispatch, type tests),
//! `gates` (entry, exits, subroutines), then the fragments by family:
//! `compare`, `arith`, `konst` (constants, moves, upvalues), `table`,
//! `call` (calls, returns, iterators, varargs) and `loops`; then the
//! builtins in assembly, `fastfunc`.

mod arith;
mod call;
mod compare;
mod fastfunc;
mod gates;
mod konst;
mod loops;
mod masm;
mod table;

use asm_dsl::{Assembler, Isa};
use xlj_runtime::bc::Op;
use xlj_vm_gen::{OpRole, OpRow, Template};

/// The arm64 template (stateless: everything it needs is in the rows).
pub struct Arm64Template;

impl Template for Arm64Template {
    fn target(&self) -> &'static str {
        "arm64"
    }

    fn isa(&self) -> &'static dyn Isa {
        asm_dsl::isa_by_name("arm64").expect("arm64 is registered")
    }

    fn gates(&self, ops: &mut Assembler, dispatch: u64) {
        gates::emit(ops, dispatch);
    }

    fn has_fast_function(&self, id: u8) -> bool {
        fastfunc::has(id)
    }

    fn fast_function(&self, ops: &mut Assembler, id: u8, _dispatch: u64) {
        fastfunc::emit(ops, id);
    }

    fn op(&self, ops: &mut Assembler, row: &OpRow, _dispatch: u64) {
        use Op::*;
        match row.op {
            ISLT | ISGE | ISLE | ISGT => compare::order(ops, row.op),
            ISEQV | ISNEV => compare::eq_var(ops, row.op == ISNEV),
            ISEQS | ISNES => compare::eq_str(ops, row.op == ISNES),
            ISEQN | ISNEN => compare::eq_num(ops, row.op == ISNEN),
            ISEQP | ISNEP => compare::eq_pri(ops, row.op == ISNEP),
            ISTC | ISFC | IST | ISF => compare::truth(ops, row.op),
            ISTYPE => compare::is_type(ops),
            ISNUM => compare::is_num(ops),
            MOV => konst::mov(ops),
            NOT => konst::not(ops),
            UNM => arith::unm(ops),
            LEN => table::len(ops),
            ADDVN | SUBVN | MULVN | DIVVN | MODVN | ADDNV | SUBNV | MULNV | DIVNV | MODNV
            | ADDVV | SUBVV | MULVV | DIVVV | MODVV | POW => arith::binary(ops, row.op),
            KSTR => konst::kstr(ops),
            KSHORT => konst::kshort(ops),
            KNUM => konst::knum(ops),
            KPRI => konst::kpri(ops),
            KNIL => konst::knil(ops),
            UGET => konst::uget(ops),
            USETV | USETS | USETN | USETP => konst::uset(ops, row.op),
            UCLO => konst::uclo(ops),
            GGET | GSET => table::global(ops, row.op == GSET),
            TGETV | TGETS | TGETB | TGETR => table::get(ops, row.op),
            TSETV | TSETS | TSETB | TSETR => table::set(ops, row.op),
            CALL | CALLM => call::call(ops, row.op == CALLM),
            CALLT | CALLMT => call::tail_call(ops, row.op == CALLMT),
            ITERC => call::iterc(ops),
            ITERN => call::itern(ops),
            ISNEXT => call::isnext(ops),
            RET | RET0 | RET1 | RETM => call::ret(ops, row.op),
            FORI => loops::fori(ops),
            FORL | IFORL => loops::forl(ops, row.role == OpRole::HotLoop),
            ITERL | IITERL => loops::iterl(ops, row.role == OpRole::HotLoop),
            LOOP | ILOOP => loops::loop_(ops, row.role == OpRole::HotLoop),
            JMP => loops::jmp(ops),
            // Allocating instructions, cdata constants, the multiple-value
            // store and varargs are handed to the runtime; so are headers
            // (never dispatched: calls enter past them) and the trace
            // instructions, which the reference interpreter reports.
            TSETM => table::set_multi(ops),
            VARG => call::varg(ops),
            CAT | KCDATA | FNEW | TNEW | TDUP | JFORI | JFORL | JITERL | JLOOP | FUNCF | IFUNCF
            | JFUNCF | FUNCV | IFUNCV | JFUNCV | FUNCC | FUNCCW => masm::hand_over(ops),
        }
    }
}
