//! Shifts by a constant, bitfield moves and their aliases (`lsl #n`,
//! `ubfx`, `bfi`, `sxtw`, ...), and `extr`/`ror`.

use asm_dsl_core::{Arg, AsmError, Insn};

use super::int::{dp2, three, two, ZR};
use super::*;
use crate::parse::Op;
use crate::regs::{Class, Role};

pub(super) fn shift(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), Op::Reg(rn), Op::Imm(v)] => {
            let (class, d, n) = two(m, rd, rn)?;
            let nbit = u32::from(class == Class::X) << 22;
            let base = sf(class) | nbit;
            Ok(match m {
                "lsl" => insn(BF_LSL, 0x5300_0000 | base, vec![d, n, v.clone()]),
                "lsr" => insn(BF_SHR, 0x5300_0000 | base, vec![d, n, v.clone()]),
                "asr" => insn(BF_SHR, 0x1300_0000 | base, vec![d, n, v.clone()]),
                _ => insn(EXTR, 0x1380_0000 | base, vec![d, n.clone(), n, v.clone()]),
            })
        }
        _ => dp2(m, ops),
    }
}

pub(super) fn bitfield(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rd, rn, a, b) = match ops {
        [Op::Reg(rd), Op::Reg(rn), Op::Imm(a), Op::Imm(b)] => (rd, rn, a, b),
        _ => return Err(bad(m)),
    };
    let (class, d, n) = two(m, rd, rn)?;
    let opc = match m.as_bytes()[0] {
        b's' => 0x1300_0000,
        b'u' => 0x5300_0000,
        _ => 0x3300_0000,
    };
    let base = opc | sf(class) | (u32::from(class == Class::X) << 22);
    let form = match m {
        "ubfm" | "sbfm" | "bfm" => BFM,
        "ubfx" | "sbfx" | "bfxil" => BF_EXTRACT,
        _ => BF_INSERT,
    };
    Ok(insn(form, base, vec![d, n, a.clone(), b.clone()]))
}

pub(super) fn extend(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rd, rn) = match ops {
        [Op::Reg(rd), Op::Reg(rn)] => (rd, rn),
        _ => return Err(bad(m)),
    };
    if !rd.class.is_gpr()
        || rn.class != Class::W
        || (m == "sxtw" || m == "uxtw") && rd.class != Class::X
    {
        return Err(bad(m));
    }
    let (d, n) = (gpr(rd, Role::Zr)?, gpr(rn, Role::Zr)?);
    if m == "uxtw" {
        // Writing a w register clears the upper half, so GNU as (and we)
        // zero-extend with `mov wd, wn`.
        return Ok(insn(SHIFTED, 0x2A00_0000, vec![d, ZR, n, Arg::Const(0)]));
    }
    let x = rd.class == Class::X;
    let base = sf(rd.class) | (u32::from(x) << 22);
    let (opc, imms) = match m {
        "sxtb" => (0x1300_0000, 7),
        "sxth" => (0x1300_0000, 15),
        "sxtw" => (0x1300_0000, 31),
        "uxtb" if !x => (0x5300_0000, 7),
        "uxth" if !x => (0x5300_0000, 15),
        "uxtw" => (0x5300_0000, 31),
        _ => return Err(bad(m)),
    };
    Ok(insn(
        BFM,
        opc | base,
        vec![d, n, Arg::Const(0), Arg::Const(imms)],
    ))
}

pub(super) fn extr(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [_, _, _, Op::Imm(v)] => {
            let (class, mut args) = three(m, &ops[..3])?;
            args.push(v.clone());
            let base = 0x1380_0000 | sf(class) | (u32::from(class == Class::X) << 22);
            Ok(insn(EXTR, base, args))
        }
        _ => Err(bad(m)),
    }
}

pub(super) fn bfc(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), Op::Imm(lsb), Op::Imm(width)] if rd.class.is_gpr() => {
            let base = 0x3300_0000 | sf(rd.class) | (u32::from(rd.class == Class::X) << 22);
            let args = vec![gpr(rd, Role::Zr)?, ZR, lsb.clone(), width.clone()];
            Ok(insn(BF_INSERT, base, args))
        }
        _ => Err(bad(m)),
    }
}
