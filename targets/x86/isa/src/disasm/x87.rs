//! The x87 opcodes `D8..DF`, decoded through the encoder's tables.

use asm_dsl_core::AsmError;

use super::{undecodable, Dec, Decoded, RmD};
use crate::encode::x87::{FIXED, MEM, STI};
use crate::forms::Op;
use crate::operand::Opnd;

pub(super) fn decode(x: &mut Dec<'_>, b: u8) -> Result<Decoded, AsmError> {
    if x.p66 || x.rex_w() {
        return Err(undecodable("prefixed x87 instruction"));
    }
    let modrm = x
        .peek()
        .ok_or_else(|| undecodable("x87 instruction without ModRM"))?;
    if modrm >= 0xc0 {
        x.u8()?;
        if x.rex_b() {
            return Err(undecodable("REX.B on an x87 register form"));
        }
        if let Some((op, _)) = FIXED.iter().find(|(_, bytes)| *bytes == [b, modrm]) {
            return Ok(Decoded::new(op.name(), vec![]));
        }
        let (op, _, base) = STI
            .iter()
            .find(|(_, first, base)| *first == b && (base..&(base + 8)).contains(&&modrm))
            .ok_or_else(|| undecodable(format!("x87 {b:02x} {modrm:02x}")))?;
        let st = Opnd::St(modrm - base);
        let ops = if *op == Op::Fucomip {
            vec![Opnd::St(0), st]
        } else {
            vec![st]
        };
        return Ok(Decoded::new(op.name(), ops));
    }
    let (r, rm) = x.modrm()?;
    let RmD::Mem(mut m) = rm else {
        return Err(undecodable("x87 register form"));
    };
    let (op, size, _, _) = MEM
        .iter()
        .find(|(_, _, opcode, ext)| *opcode == b && *ext == r & 7)
        .ok_or_else(|| undecodable(format!("x87 {b:02x} /{}", r & 7)))?;
    m.size = *size;
    Ok(Decoded::new(op.name(), vec![Opnd::Mem(m)]))
}
