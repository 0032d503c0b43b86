//! The x87 instructions LuaJIT's 32-bit interpreter and backend use for
//! conversions and transcendental helpers: loads and stores (float,
//! double, integer), control-word access, and a few stack operations.
//! The tables here are shared with the disassembler.

use asm_dsl_core::AsmError;

use super::{no_form, Encoder, Imm, Inst, Rm};
use crate::forms::Op;
use crate::operand::Opnd;

/// Memory forms: operation, memory size, opcode and ModRM.reg extension.
pub(crate) const MEM: [(Op, u8, u8, u8); 14] = [
    (Op::Fadd, 4, 0xd8, 0),
    (Op::Fadd, 8, 0xdc, 0),
    (Op::Fld, 4, 0xd9, 0),
    (Op::Fld, 8, 0xdd, 0),
    (Op::Fstp, 4, 0xd9, 3),
    (Op::Fstp, 8, 0xdd, 3),
    (Op::Fild, 4, 0xdb, 0),
    (Op::Fild, 8, 0xdf, 5),
    (Op::Fistp, 4, 0xdb, 3),
    (Op::Fistp, 8, 0xdf, 7),
    (Op::Fisttp, 4, 0xdb, 1),
    (Op::Fisttp, 8, 0xdd, 1),
    (Op::Fldcw, 2, 0xd9, 5),
    (Op::Fnstcw, 2, 0xd9, 7),
];

/// Operand-less forms and their two bytes.
pub(crate) const FIXED: [(Op, [u8; 2]); 5] = [
    (Op::Fld1, [0xd9, 0xe8]),
    (Op::Fldz, [0xd9, 0xee]),
    (Op::Frndint, [0xd9, 0xfc]),
    (Op::Fscale, [0xd9, 0xfd]),
    (Op::Fyl2x, [0xd9, 0xf1]),
];

/// Stack-register forms `op st(i)` (`fucomip` is written `st0, st(i)`):
/// first byte and the second byte for `st0`.
pub(crate) const STI: [(Op, u8, u8); 4] = [
    (Op::Fld, 0xd9, 0xc0),
    (Op::Fstp, 0xdd, 0xd8),
    (Op::Fxch, 0xd9, 0xc8),
    (Op::Fucomip, 0xdf, 0xe8),
];

pub(super) fn encode(e: &mut Encoder<'_>, op: Op, o: &[Opnd]) -> Result<(), AsmError> {
    match o {
        [] => {
            let (_, bytes) = FIXED
                .iter()
                .find(|(f, _)| *f == op)
                .ok_or_else(|| no_form(format_args!("{} needs operands", op.name())))?;
            e.raw(bytes);
            Ok(())
        }
        [Opnd::Mem(m)] => {
            let &(_, _, opcode, ext) = MEM
                .iter()
                .find(|(f, size, _, _)| *f == op && *size == m.size)
                .ok_or_else(|| {
                    no_form(format_args!(
                        "{} takes no {}-byte memory operand",
                        op.name(),
                        m.size
                    ))
                })?;
            e.emit(&Inst {
                p66: false,
                rep: 0,
                w: false,
                opcode: &[opcode],
                reg: ext,
                reg_byte: false,
                rm: Rm::Mem(m),
                rm_byte: false,
                imm: Imm::None,
            })
        }
        [Opnd::St(i)] | [Opnd::St(0), Opnd::St(i)] => {
            let two = o.len() == 2;
            let &(_, first, second) = STI
                .iter()
                .find(|(f, _, _)| *f == op && two == (op == Op::Fucomip))
                .ok_or_else(|| {
                    no_form(format_args!("{} takes no such x87 registers", op.name()))
                })?;
            e.raw(&[first, second + i]);
            Ok(())
        }
        _ => Err(no_form(format_args!(
            "{} does not take these operands",
            op.name()
        ))),
    }
}
