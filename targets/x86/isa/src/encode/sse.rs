//! SSE2 scalar (and a few packed logic and move) instructions and SSE4.1
//! `roundsd`.
//!
//! Every SSE instruction here is `[66|F2|F3] [REX] 0F op ModRM`, with the
//! XMM register (or GPR, for conversions and `movd`/`movq`) in ModRM.reg.

use asm_dsl_core::AsmError;

use super::{no_form, Encoder, Imm, Inst, Rm};
use crate::forms::Op;
use crate::imms::unsigned;
use crate::operand::Opnd;
use crate::Mode;

/// An SSE instruction shape: mandatory prefix (0, 0x66, 0xF2, 0xF3),
/// opcode after 0F, and the size of its memory operand.
#[derive(Clone, Copy)]
pub(crate) struct Sse {
    pub pfx: u8,
    pub op: u8,
    pub msize: u8,
}

const fn sse(pfx: u8, op: u8, msize: u8) -> Sse {
    Sse { pfx, op, msize }
}

/// `xmm, xmm/mem` instructions.
pub(crate) fn xmm_rm(op: Op) -> Option<Sse> {
    Some(match op {
        Op::Addsd => sse(0xf2, 0x58, 8),
        Op::Mulsd => sse(0xf2, 0x59, 8),
        Op::Subsd => sse(0xf2, 0x5c, 8),
        Op::Minsd => sse(0xf2, 0x5d, 8),
        Op::Divsd => sse(0xf2, 0x5e, 8),
        Op::Maxsd => sse(0xf2, 0x5f, 8),
        Op::Sqrtsd => sse(0xf2, 0x51, 8),
        Op::Addss => sse(0xf3, 0x58, 4),
        Op::Mulss => sse(0xf3, 0x59, 4),
        Op::Subss => sse(0xf3, 0x5c, 4),
        Op::Minss => sse(0xf3, 0x5d, 4),
        Op::Divss => sse(0xf3, 0x5e, 4),
        Op::Maxss => sse(0xf3, 0x5f, 4),
        Op::Sqrtss => sse(0xf3, 0x51, 4),
        Op::Ucomisd => sse(0x66, 0x2e, 8),
        Op::Comisd => sse(0x66, 0x2f, 8),
        Op::Ucomiss => sse(0, 0x2e, 4),
        Op::Comiss => sse(0, 0x2f, 4),
        Op::Cvtss2sd => sse(0xf3, 0x5a, 4),
        Op::Cvtsd2ss => sse(0xf2, 0x5a, 8),
        Op::Andpd => sse(0x66, 0x54, 16),
        Op::Andnpd => sse(0x66, 0x55, 16),
        Op::Orpd => sse(0x66, 0x56, 16),
        Op::Xorpd => sse(0x66, 0x57, 16),
        Op::Andps => sse(0, 0x54, 16),
        Op::Andnps => sse(0, 0x55, 16),
        Op::Orps => sse(0, 0x56, 16),
        Op::Xorps => sse(0, 0x57, 16),
        Op::Pxor => sse(0x66, 0xef, 16),
        _ => return None,
    })
}

/// Moves with a load opcode (`xmm, xmm/mem`) and a store opcode
/// (`mem, xmm`), and whether the load takes memory only (`movlpd`).
pub(crate) fn xmm_move(op: Op) -> Option<(Sse, u8, bool)> {
    Some(match op {
        Op::Movsd => (sse(0xf2, 0x10, 8), 0x11, false),
        Op::Movss => (sse(0xf3, 0x10, 4), 0x11, false),
        Op::Movupd => (sse(0x66, 0x10, 16), 0x11, false),
        Op::Movups => (sse(0, 0x10, 16), 0x11, false),
        Op::Movapd => (sse(0x66, 0x28, 16), 0x29, false),
        Op::Movaps => (sse(0, 0x28, 16), 0x29, false),
        Op::Movdqa => (sse(0x66, 0x6f, 16), 0x7f, false),
        Op::Movdqu => (sse(0xf3, 0x6f, 16), 0x7f, false),
        Op::Movlpd => (sse(0x66, 0x12, 8), 0x13, true),
        _ => return None,
    })
}

/// The r/m view of an XMM-or-memory operand; memory must be `msize` bytes
/// (or have no size written).
fn xrm(o: &Opnd, msize: u8) -> Result<Rm<'_>, AsmError> {
    match o {
        Opnd::Xmm(n) => Ok(Rm::Reg(*n)),
        Opnd::Mem(m) if m.size == 0 || m.size == msize => Ok(Rm::Mem(m)),
        Opnd::Mem(_) => Err(no_form(format_args!(
            "expected a {msize}-byte memory operand"
        ))),
        _ => Err(no_form("expected an xmm register or memory")),
    }
}

impl Encoder<'_> {
    fn sse_op(
        &mut self,
        s: Sse,
        w: bool,
        opcode: &[u8],
        reg: u8,
        rm: Rm<'_>,
        imm: Imm,
    ) -> Result<(), AsmError> {
        self.emit(&Inst {
            p66: s.pfx == 0x66,
            rep: if s.pfx == 0x66 { 0 } else { s.pfx },
            w,
            opcode,
            reg,
            reg_byte: false,
            rm,
            rm_byte: false,
            imm,
        })
    }
}

pub(super) fn encode(e: &mut Encoder<'_>, op: Op, o: &[Opnd]) -> Result<(), AsmError> {
    if let Some(s) = xmm_rm(op) {
        return match o {
            [Opnd::Xmm(d), src] => {
                let rm = xrm(src, s.msize)?;
                e.sse_op(s, false, &[0x0f, s.op], *d, rm, Imm::None)
            }
            _ => Err(no_form(format_args!("{} takes xmm, xmm/mem", op.name()))),
        };
    }
    if let Some((s, store, mem_only)) = xmm_move(op) {
        return match o {
            [Opnd::Xmm(d), src] if !(mem_only && matches!(src, Opnd::Xmm(_))) => {
                let rm = xrm(src, s.msize)?;
                e.sse_op(s, false, &[0x0f, s.op], *d, rm, Imm::None)
            }
            [dst @ Opnd::Mem(_), Opnd::Xmm(r)] => {
                let rm = xrm(dst, s.msize)?;
                e.sse_op(s, false, &[0x0f, store], *r, rm, Imm::None)
            }
            _ => Err(no_form(format_args!(
                "{} takes xmm, xmm/mem or mem, xmm",
                op.name()
            ))),
        };
    }
    let x64 = e.mode == Mode::X64;
    match (op, o) {
        (Op::Cvtsi2sd | Op::Cvtsi2ss, [Opnd::Xmm(d), src]) => {
            let (rm, size) = match src {
                Opnd::Gpr { size, num } => (Rm::Reg(*num), *size),
                Opnd::Mem(m) => (Rm::Mem(m), m.size),
                _ => return Err(no_form("cvtsi2sd converts from a GPR or memory")),
            };
            if size != 4 && !(size == 8 && x64) {
                return Err(no_form("the integer source must be dword or qword"));
            }
            let pfx = if op == Op::Cvtsi2sd { 0xf2 } else { 0xf3 };
            e.sse_op(
                sse(pfx, 0x2a, size),
                size == 8,
                &[0x0f, 0x2a],
                *d,
                rm,
                Imm::None,
            )
        }
        (
            Op::Cvttsd2si | Op::Cvtsd2si | Op::Cvttss2si | Op::Cvtss2si,
            [Opnd::Gpr {
                size: size @ (4 | 8),
                num,
            }, src],
        ) => {
            let (pfx, msize) = match op {
                Op::Cvttsd2si | Op::Cvtsd2si => (0xf2, 8),
                _ => (0xf3, 4),
            };
            let opc = if matches!(op, Op::Cvttsd2si | Op::Cvttss2si) {
                0x2c
            } else {
                0x2d
            };
            let rm = xrm(src, msize)?;
            e.sse_op(
                sse(pfx, opc, msize),
                *size == 8,
                &[0x0f, opc],
                *num,
                rm,
                Imm::None,
            )
        }
        (Op::Movq, [Opnd::Xmm(d), Opnd::Gpr { size: 8, num }]) => e.sse_op(
            sse(0x66, 0x6e, 8),
            true,
            &[0x0f, 0x6e],
            *d,
            Rm::Reg(*num),
            Imm::None,
        ),
        (Op::Movq, [Opnd::Gpr { size: 8, num }, Opnd::Xmm(s)]) => e.sse_op(
            sse(0x66, 0x7e, 8),
            true,
            &[0x0f, 0x7e],
            *s,
            Rm::Reg(*num),
            Imm::None,
        ),
        (Op::Movq, [Opnd::Xmm(d), src]) => {
            let rm = xrm(src, 8)?;
            e.sse_op(sse(0xf3, 0x7e, 8), false, &[0x0f, 0x7e], *d, rm, Imm::None)
        }
        (Op::Movq, [dst @ Opnd::Mem(_), Opnd::Xmm(s)]) => {
            let rm = xrm(dst, 8)?;
            e.sse_op(sse(0x66, 0xd6, 8), false, &[0x0f, 0xd6], *s, rm, Imm::None)
        }
        (Op::Movd, [Opnd::Xmm(d), src]) => {
            let rm = gpr32_rm(src)?;
            e.sse_op(sse(0x66, 0x6e, 4), false, &[0x0f, 0x6e], *d, rm, Imm::None)
        }
        (Op::Movd, [dst, Opnd::Xmm(s)]) => {
            let rm = gpr32_rm(dst)?;
            e.sse_op(sse(0x66, 0x7e, 4), false, &[0x0f, 0x7e], *s, rm, Imm::None)
        }
        (Op::Roundsd | Op::Roundss, [Opnd::Xmm(d), src, Opnd::Imm(v)]) => {
            let (opc, msize) = if op == Op::Roundsd {
                (0x0b, 8)
            } else {
                (0x0a, 4)
            };
            let rm = xrm(src, msize)?;
            let v = unsigned(*v, 8, "rounding mode")?;
            e.sse_op(
                sse(0x66, opc, msize),
                false,
                &[0x0f, 0x3a, opc],
                *d,
                rm,
                Imm::Val(v, 1),
            )
        }
        (Op::Cmpsd | Op::Cmpss, [Opnd::Xmm(d), src, Opnd::Imm(v)]) => {
            let (pfx, msize) = if op == Op::Cmpsd {
                (0xf2, 8)
            } else {
                (0xf3, 4)
            };
            let rm = xrm(src, msize)?;
            let v = unsigned(*v, 8, "comparison predicate")?;
            e.sse_op(
                sse(pfx, 0xc2, msize),
                false,
                &[0x0f, 0xc2],
                *d,
                rm,
                Imm::Val(v, 1),
            )
        }
        _ => Err(no_form(format_args!(
            "{} does not take these operands",
            op.name()
        ))),
    }
}

fn gpr32_rm(o: &Opnd) -> Result<Rm<'_>, AsmError> {
    match o {
        Opnd::Gpr { size: 4, num } => Ok(Rm::Reg(*num)),
        Opnd::Mem(m) if m.size == 0 || m.size == 4 => Ok(Rm::Mem(m)),
        _ => Err(no_form("movd takes a 32-bit register or dword memory")),
    }
}
