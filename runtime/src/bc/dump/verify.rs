//! Checks on a loaded prototype's code, so that a hostile dump cannot make
//! an engine index outside its constants, upvalues, code or stack frame.
//!
//! LuaJIT trusts its dumps; xlj does not. Every instruction must be an
//! opcode that can appear in a dump, every constant operand must name a
//! constant of the right kind, jumps must land inside the function, and
//! the slots an instruction touches must lie in the frame. Slot ranges
//! follow the two-slot frame layout: a call at base A keeps the callee in
//! A, the frame link in A+1 and the arguments from A+2. Ranges that depend
//! on a run-time count (`CALLM`, `RETM`, `VARG` with B = 0) are checked up
//! to their fixed part only; the engines bound the rest by the stack.

use crate::bc::op::{Ins, Mode, Op};
use crate::bc::proto::{GcConst, Proto};

/// Verifies a whole prototype tree, children first (for prototypes that
/// did not come from [`read_dump`](super::read_dump), which verifies as it
/// loads). The error names the function by its first line.
pub fn verify_tree(pt: &Proto) -> Result<(), String> {
    for child in pt.children() {
        verify_tree(child)?;
    }
    verify(pt).map_err(|e| format!("function at line {}: {e}", pt.first_line))
}

/// Verifies `pt` (not its children, which were verified when loaded, but
/// including how its closures capture its slots and upvalues).
pub(super) fn verify(pt: &Proto) -> Result<(), String> {
    let frame = pt.frame_size as usize;
    if pt.num_params as usize > frame {
        return Err(format!(
            "{} parameters in a frame of {frame} slots",
            pt.num_params
        ));
    }
    for (pc, &ins) in pt.code.iter().enumerate().skip(1) {
        check_ins(pt, pc, ins).map_err(|what| format!("instruction {pc}: {what}"))?;
    }
    for k in &pt.kgc {
        if let GcConst::Child(child) = k {
            for uv in &child.upvalues {
                let ok = if uv.is_local() {
                    (uv.index() as usize) < frame
                } else {
                    (uv.index() as usize) < pt.upvalues.len()
                };
                if !ok {
                    return Err("closure captures a slot or upvalue that does not exist".into());
                }
            }
        }
    }
    Ok(())
}

fn check_ins(pt: &Proto, pc: usize, ins: Ins) -> Result<(), &'static str> {
    let Some(op) = Op::from_u8(ins.op_byte()) else {
        return Err("unknown opcode");
    };
    // Trace-linked and header opcodes only exist in memory.
    if matches!(
        op,
        Op::JFORI
            | Op::JFORL
            | Op::JITERL
            | Op::JLOOP
            | Op::FUNCF
            | Op::IFUNCF
            | Op::JFUNCF
            | Op::FUNCV
            | Op::IFUNCV
            | Op::JFUNCV
            | Op::FUNCC
            | Op::FUNCCW
    ) {
        return Err("opcode not allowed in a dump");
    }
    let info = op.info();
    let frame = pt.frame_size as usize;
    let (a, b) = (ins.a() as usize, ins.b() as usize);
    let cd = if info.has_d() {
        ins.d() as usize
    } else {
        ins.c() as usize
    };
    if info.a == Mode::Uv && a >= pt.upvalues.len() {
        return Err("upvalue out of range");
    }
    // Each slot operand on its own must lie in the frame; a base may sit
    // just past it (nothing left to close, no results).
    let slot_ok = |mode: Mode, v: usize| match mode {
        Mode::Dst | Mode::Var => v < frame,
        Mode::Base | Mode::RBase => v <= frame,
        _ => true,
    };
    if (info.a != Mode::RBase && !slot_ok(info.a, a))
        || !slot_ok(info.b, b)
        || !slot_ok(info.cd, cd)
    {
        return Err("slot outside the frame");
    }
    let operand_ok = match info.cd {
        Mode::Str => matches!(pt.kgc.get(cd), Some(GcConst::Str(_))),
        Mode::Tab => matches!(pt.kgc.get(cd), Some(GcConst::Table(_))),
        Mode::Func => matches!(pt.kgc.get(cd), Some(GcConst::Child(_))),
        Mode::CData => matches!(
            pt.kgc.get(cd),
            Some(GcConst::I64(_) | GcConst::U64(_) | GcConst::Complex(..))
        ),
        Mode::Num => cd < pt.knum.len(),
        Mode::Uv => cd < pt.upvalues.len(),
        Mode::Jump => {
            let t = pc as i64 + 1 + ins.j() as i64;
            t >= 1 && (t as usize) < pt.code.len()
        }
        _ => true,
    };
    if !operand_ok {
        return Err("operand out of range or of the wrong kind");
    }
    // The last slot each instruction touches, where that is fixed.
    let last: Option<usize> = match op {
        // Callee, frame link, C-1 arguments; B-1 results from the base.
        Op::CALL => Some((a + cd).max((a + b).saturating_sub(2))),
        Op::CALLM => Some((a + cd + 1).max((a + b).saturating_sub(2))),
        Op::CALLT => Some(a + cd),
        Op::CALLMT => Some(a + cd + 1),
        // Generator, state and control are copied above the base.
        Op::ITERC | Op::ITERN => {
            if a < 3 {
                return Err("iterator call below the frame");
            }
            Some((a + 3).max((a + b).saturating_sub(2)))
        }
        Op::ISNEXT => {
            if a < 3 {
                return Err("iterator check below the frame");
            }
            None
        }
        Op::FORI | Op::FORL | Op::IFORL => Some(a + 3),
        Op::ITERL | Op::IITERL => None,
        Op::VARG => (b > 0).then(|| (a + b).saturating_sub(2)),
        Op::KNIL => Some(cd),
        Op::CAT => Some(cd),
        Op::RET => Some((a + cd).saturating_sub(2)),
        Op::RET1 => Some(a),
        Op::RETM => Some((a + cd).saturating_sub(1)),
        Op::TSETM => {
            if a < 1 {
                return Err("multiple store without its table");
            }
            None
        }
        _ => None,
    };
    match last {
        Some(l) if l >= frame && !(l == frame && allows_top(op)) => Err("slots beyond the frame"),
        _ => Ok(()),
    }
}

/// Instructions whose fixed range may end exactly at the frame's end
/// (values returned or passed on from the top).
fn allows_top(op: Op) -> bool {
    matches!(op, Op::RETM | Op::CALLM | Op::CALLMT)
}
