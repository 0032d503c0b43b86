//! Integer data-processing mnemonics and their aliases.

use asm_dsl_core::{Arg, AsmError, Insn};

use super::bits;
use super::*;
use crate::parse::{Op, Reg};
use crate::regs::{Class, Role, Special};

pub(super) const ZR: Arg = Arg::Const(31);

pub(super) fn select(m: &str, ops: &[Op]) -> Option<Result<Insn, AsmError>> {
    let r = match m {
        "add" => addsub(m, 0, 0, ops),
        "adds" => addsub(m, 0, 1, ops),
        "sub" => addsub(m, 1, 0, ops),
        "subs" => addsub(m, 1, 1, ops),
        "cmp" | "cmn" => compare(m, ops),
        "neg" | "negs" => negate(m, ops),
        "mov" => mov(m, ops),
        "mvn" => mvn(m, ops),
        "tst" => tst(m, ops),
        "and" | "orr" | "eor" | "ands" | "bic" | "orn" | "eon" | "bics" => logical(m, ops),
        "lsl" | "lsr" | "asr" | "ror" => bits::shift(m, ops),
        "lslv" | "lsrv" | "asrv" | "rorv" | "sdiv" | "udiv" => dp2(m, ops),
        "adc" | "adcs" | "sbc" | "sbcs" | "ngc" | "ngcs" => carry(m, ops),
        "ubfm" | "sbfm" | "bfm" | "ubfx" | "sbfx" | "bfxil" | "bfi" | "ubfiz" | "sbfiz" => {
            bits::bitfield(m, ops)
        }
        "sxtb" | "sxth" | "sxtw" | "uxtb" | "uxth" | "uxtw" => bits::extend(m, ops),
        "bfc" => bits::bfc(m, ops),
        "extr" => bits::extr(m, ops),
        "madd" | "msub" | "mul" | "mneg" => mul(m, ops),
        "smaddl" | "smsubl" | "umaddl" | "umsubl" | "smull" | "umull" | "smnegl" | "umnegl"
        | "smulh" | "umulh" => mul_long(m, ops),
        "clz" | "cls" | "rbit" | "rev" | "rev16" | "rev32" => dp1(m, ops),
        "csel" | "csinc" | "csinv" | "csneg" => csel(m, ops),
        "cset" | "csetm" => cset(m, ops),
        "cinc" | "cinv" | "cneg" => cinc(m, ops),
        "ccmp" | "ccmn" => ccmp(m, ops),
        "movz" | "movn" | "movk" => movw(m, ops),
        _ => return None,
    };
    Some(r)
}

fn addsub_base(sfc: Class, op: u32, s: u32) -> u32 {
    sf(sfc) | (op << 30) | (s << 29)
}

/// add/adds/sub/subs with a destination (`rd` = None for cmp/cmn).
fn addsub_full(m: &str, op: u32, s: u32, rd: Option<&Reg>, rest: &[Op]) -> Result<Insn, AsmError> {
    let (rn, tail) = match rest {
        [Op::Reg(rn), tail @ ..] => (rn, tail),
        _ => return Err(bad(m)),
    };
    let class = match rd {
        Some(d) => same_class(&[d, rn])?,
        None => rn.class,
    };
    if !class.is_gpr() {
        return Err(bad(m));
    }
    let base = addsub_base(class, op, s);
    let d_sp = if s == 1 { Role::Zr } else { Role::Sp };
    let rd_arg = |role| match rd {
        Some(d) => gpr(d, role),
        None => Ok(ZR),
    };
    match tail {
        [Op::Imm(v)] => Ok(insn(
            ADDSUB_IMM,
            0x1100_0000 | base,
            vec![rd_arg(d_sp)?, gpr(rn, Role::Sp)?, v.clone()],
        )),
        [Op::Imm(v), Op::Shift(0, k)] => {
            let form = match constant(k, "the immediate's shift")? {
                0 => ADDSUB_IMM,
                12 => ADDSUB_IMM12,
                _ => {
                    return Err(AsmError::ImmRange(
                        "add/sub immediates shift by 0 or 12".into(),
                    ))
                }
            };
            Ok(insn(
                form,
                0x1100_0000 | base,
                vec![rd_arg(d_sp)?, gpr(rn, Role::Sp)?, v.clone()],
            ))
        }
        [Op::Reg(rm), modifier @ ..] => {
            let uses_sp =
                rn.special == Special::Sp || rd.is_some_and(|d| d.special == Special::Sp && s == 0);
            let ext = match modifier {
                [] => None,
                [Op::Ext(o, a)] => Some((*o, a.clone().unwrap_or(Arg::Const(0)))),
                [Op::Shift(0, a)] if uses_sp => Some((2 | u32::from(class == Class::X), a.clone())),
                [Op::Shift(k, a)] => {
                    if *k == 3 {
                        return Err(AsmError::NoForm(format!("{m} cannot rotate")));
                    }
                    return shifted(base | 0x0B00_0000, rd_arg(Role::Zr)?, rn, rm, *k, a.clone());
                }
                _ => return Err(bad(m)),
            };
            let (option, amount) = match ext {
                Some(e) => e,
                None if uses_sp => (2 | u32::from(class == Class::X), Arg::Const(0)),
                None => {
                    return shifted(
                        base | 0x0B00_0000,
                        rd_arg(Role::Zr)?,
                        rn,
                        rm,
                        0,
                        Arg::Const(0),
                    )
                }
            };
            let want = if class == Class::X && option & 3 == 3 {
                Class::X
            } else {
                Class::W
            };
            if rm.class != want {
                return Err(AsmError::NoForm(format!(
                    "{m}: the extended register must be a {} register",
                    want.prefix()
                )));
            }
            Ok(insn(
                EXTENDED,
                0x0B20_0000 | base,
                vec![
                    rd_arg(d_sp)?,
                    gpr(rn, Role::Sp)?,
                    gpr(rm, Role::Zr)?,
                    Arg::Const(option as i64),
                    amount,
                ],
            ))
        }
        _ => Err(bad(m)),
    }
}

fn shifted(
    base: u32,
    rd: Arg,
    rn: &Reg,
    rm: &Reg,
    kind: u32,
    amount: Arg,
) -> Result<Insn, AsmError> {
    same_class(&[rn, rm])?;
    Ok(insn(
        SHIFTED,
        base | (kind << 22),
        vec![rd, gpr(rn, Role::Zr)?, gpr(rm, Role::Zr)?, amount],
    ))
}

fn addsub(m: &str, op: u32, s: u32, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), rest @ ..] => addsub_full(m, op, s, Some(rd), rest),
        _ => Err(bad(m)),
    }
}

fn compare(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let op = u32::from(m == "cmp");
    addsub_full(m, op, 1, None, ops)
}

fn negate(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let s = u32::from(m == "negs");
    let (rd, rm, kind, amount) = match ops {
        [Op::Reg(rd), Op::Reg(rm)] => (rd, rm, 0, Arg::Const(0)),
        [Op::Reg(rd), Op::Reg(rm), Op::Shift(k, a)] if *k != 3 => (rd, rm, *k, a.clone()),
        _ => return Err(bad(m)),
    };
    let class = same_class(&[rd, rm])?;
    let base = addsub_base(class, 1, s) | 0x0B00_0000 | (kind << 22);
    Ok(insn(
        SHIFTED,
        base,
        vec![gpr(rd, Role::Zr)?, ZR, gpr(rm, Role::Zr)?, amount],
    ))
}

fn mov(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        // movz/movn cannot write sp; only an orr with a bitmask can.
        [Op::Reg(rd), Op::Imm(v)] if rd.special == Special::Sp => Ok(insn(
            LOGIC_IMM,
            0x3200_0000 | sf(rd.class),
            vec![rd.num.clone(), ZR, v.clone()],
        )),
        [Op::Reg(rd), Op::Imm(v)] if rd.class.is_gpr() => Ok(insn(
            MOV_CONST,
            sf(rd.class),
            vec![gpr(rd, Role::Zr)?, v.clone()],
        )),
        [Op::Reg(rd), Op::Reg(rn)] if rd.class.is_gpr() => {
            let class = same_class(&[rd, rn])?;
            if rd.special == Special::Sp || rn.special == Special::Sp {
                Ok(insn(
                    ADDSUB_IMM,
                    0x1100_0000 | sf(class),
                    vec![gpr(rd, Role::Sp)?, gpr(rn, Role::Sp)?, Arg::Const(0)],
                ))
            } else {
                Ok(insn(
                    SHIFTED,
                    0x2A00_0000 | sf(class),
                    vec![gpr(rd, Role::Zr)?, ZR, gpr(rn, Role::Zr)?, Arg::Const(0)],
                ))
            }
        }
        _ => Err(bad(m)),
    }
}

fn mvn(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rd, rm, kind, amount) = match ops {
        [Op::Reg(rd), Op::Reg(rm)] => (rd, rm, 0, Arg::Const(0)),
        [Op::Reg(rd), Op::Reg(rm), Op::Shift(k, a)] => (rd, rm, *k, a.clone()),
        _ => return Err(bad(m)),
    };
    let class = same_class(&[rd, rm])?;
    Ok(insn(
        SHIFTED,
        0x2A20_0000 | sf(class) | (kind << 22),
        vec![gpr(rd, Role::Zr)?, ZR, gpr(rm, Role::Zr)?, amount],
    ))
}

/// The opc and N bits of a logical operation.
fn logical_bits(m: &str) -> (u32, u32) {
    match m {
        "and" => (0, 0),
        "bic" => (0, 1),
        "orr" => (1, 0),
        "orn" => (1, 1),
        "eor" => (2, 0),
        "eon" => (2, 1),
        "ands" | "tst" => (3, 0),
        _ => (3, 1),
    }
}

fn logical_full(m: &str, rd: Option<&Reg>, rn: &Reg, rest: &[Op]) -> Result<Insn, AsmError> {
    let (opc, n) = logical_bits(m);
    let class = match rd {
        Some(d) => same_class(&[d, rn])?,
        None => rn.class,
    };
    if !class.is_gpr() {
        return Err(bad(m));
    }
    let base = sf(class) | (opc << 29);
    match rest {
        [Op::Imm(v)] if n == 0 => {
            let role = if opc == 3 { Role::Zr } else { Role::Sp };
            let d = match rd {
                Some(d) => gpr(d, role)?,
                None => ZR,
            };
            Ok(insn(
                LOGIC_IMM,
                0x1200_0000 | base,
                vec![d, gpr(rn, Role::Zr)?, v.clone()],
            ))
        }
        [Op::Reg(rm), modifier @ ..] => {
            let (kind, amount) = match modifier {
                [] => (0, Arg::Const(0)),
                [Op::Shift(k, a)] => (*k, a.clone()),
                _ => return Err(bad(m)),
            };
            let d = match rd {
                Some(d) => gpr(d, Role::Zr)?,
                None => ZR,
            };
            shifted(0x0A00_0000 | base | (n << 21), d, rn, rm, kind, amount)
        }
        _ => Err(bad(m)),
    }
}

fn logical(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), Op::Reg(rn), rest @ ..] => logical_full(m, Some(rd), rn, rest),
        _ => Err(bad(m)),
    }
}

fn tst(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rn), rest @ ..] => logical_full(m, None, rn, rest),
        _ => Err(bad(m)),
    }
}

/// Two general registers of one class, both with zero-register 31.
pub(super) fn two(m: &str, rd: &Reg, rn: &Reg) -> Result<(Class, Arg, Arg), AsmError> {
    let class = same_class(&[rd, rn])?;
    if !class.is_gpr() {
        return Err(bad(m));
    }
    Ok((class, gpr(rd, Role::Zr)?, gpr(rn, Role::Zr)?))
}

pub(super) fn three(m: &str, ops: &[Op]) -> Result<(Class, Vec<Arg>), AsmError> {
    match ops {
        [Op::Reg(rd), Op::Reg(rn), Op::Reg(rm)] => {
            let class = same_class(&[rd, rn, rm])?;
            if !class.is_gpr() {
                return Err(bad(m));
            }
            Ok((
                class,
                vec![gpr(rd, Role::Zr)?, gpr(rn, Role::Zr)?, gpr(rm, Role::Zr)?],
            ))
        }
        _ => Err(bad(m)),
    }
}

fn dp2_opcode(m: &str) -> u32 {
    match m {
        "udiv" => 2,
        "sdiv" => 3,
        "lsl" | "lslv" => 8,
        "lsr" | "lsrv" => 9,
        "asr" | "asrv" => 10,
        _ => 11,
    }
}

pub(super) fn dp2(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (class, args) = three(m, ops)?;
    Ok(insn(
        R_DNM,
        0x1AC0_0000 | sf(class) | (dp2_opcode(m) << 10),
        args,
    ))
}

fn mul(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let o0 = u32::from(m == "msub" || m == "mneg") << 15;
    match (m, ops) {
        ("madd" | "msub", [a, b, c, Op::Reg(ra)]) => {
            let (class, mut args) = three(m, &[a.clone(), b.clone(), c.clone()])?;
            if ra.class != class {
                return Err(bad(m));
            }
            args.push(gpr(ra, Role::Zr)?);
            Ok(insn(R_DNMA, 0x1B00_0000 | sf(class) | o0, args))
        }
        ("mul" | "mneg", _) => {
            let (class, args) = three(m, ops)?;
            Ok(insn(R_DNM, 0x1B00_7C00 | sf(class) | o0, args))
        }
        _ => Err(bad(m)),
    }
}

fn mul_long(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let base: u32 = match m {
        "smaddl" | "smull" => 0x9B20_0000,
        "smsubl" | "smnegl" => 0x9B20_8000,
        "umaddl" | "umull" => 0x9BA0_0000,
        "umsubl" | "umnegl" => 0x9BA0_8000,
        "smulh" => 0x9B40_7C00,
        _ => 0x9BC0_7C00,
    };
    let high = m.ends_with("ulh");
    let (rd, rn, rm) = match ops {
        [Op::Reg(rd), Op::Reg(rn), Op::Reg(rm), ..] => (rd, rn, rm),
        _ => return Err(bad(m)),
    };
    let src = if high { Class::X } else { Class::W };
    if rd.class != Class::X || rn.class != src || rm.class != src {
        return Err(bad(m));
    }
    let mut args = vec![gpr(rd, Role::Zr)?, gpr(rn, Role::Zr)?, gpr(rm, Role::Zr)?];
    match (&ops[3..], m.contains("add") || m.contains("sub")) {
        ([Op::Reg(ra)], true) if ra.class == Class::X => {
            args.push(gpr(ra, Role::Zr)?);
            Ok(insn(R_DNMA, base, args))
        }
        ([], false) => Ok(insn(R_DNM, base | 0x7C00, args)),
        _ => Err(bad(m)),
    }
}

fn dp1(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rd, rn) = match ops {
        [Op::Reg(rd), Op::Reg(rn)] => (rd, rn),
        _ => return Err(bad(m)),
    };
    let (class, d, n) = two(m, rd, rn)?;
    let x = class == Class::X;
    let opcode = match m {
        "rbit" => 0,
        "rev16" => 1,
        "rev32" if x => 2,
        "rev" => 2 + u32::from(x),
        "clz" => 4,
        "cls" => 5,
        _ => return Err(bad(m)),
    };
    Ok(insn(
        R_DN,
        0x5AC0_0000 | sf(class) | (opcode << 10),
        vec![d, n],
    ))
}

fn csel_base(m: &str) -> u32 {
    match m {
        "csel" => 0x1A80_0000,
        "csinc" | "cset" | "cinc" => 0x1A80_0400,
        "csinv" | "csetm" | "cinv" => 0x5A80_0000,
        _ => 0x5A80_0400,
    }
}

fn csel(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [a, b, c, Op::Cond(cond)] => {
            let (class, mut args) = three(m, &[a.clone(), b.clone(), c.clone()])?;
            args.push(Arg::Const(*cond as i64));
            Ok(insn(CSEL, csel_base(m) | sf(class), args))
        }
        _ => Err(bad(m)),
    }
}

/// The inverted condition of an alias; `al` and `nv` have none.
fn invert(m: &str, cond: u8) -> Result<Arg, AsmError> {
    if cond >= 14 {
        return Err(AsmError::NoForm(format!("{m} cannot use al or nv")));
    }
    Ok(Arg::Const((cond ^ 1) as i64))
}

fn cset(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), Op::Cond(c)] if rd.class.is_gpr() => Ok(insn(
            CSEL,
            csel_base(m) | sf(rd.class),
            vec![gpr(rd, Role::Zr)?, ZR, ZR, invert(m, *c)?],
        )),
        _ => Err(bad(m)),
    }
}

fn cinc(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(rd), Op::Reg(rn), Op::Cond(c)] => {
            let (class, d, n) = two(m, rd, rn)?;
            Ok(insn(
                CSEL,
                csel_base(m) | sf(class),
                vec![d, n.clone(), n, invert(m, *c)?],
            ))
        }
        _ => Err(bad(m)),
    }
}

fn ccmp(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let base = if m == "ccmp" {
        0x7A40_0000
    } else {
        0x3A40_0000
    };
    match ops {
        [Op::Reg(rn), Op::Reg(rm), Op::Imm(nzcv), Op::Cond(c)] => {
            let (class, n, mm) = two(m, rn, rm)?;
            Ok(insn(
                CCMP_REG,
                base | sf(class),
                vec![n, mm, nzcv.clone(), Arg::Const(*c as i64)],
            ))
        }
        [Op::Reg(rn), Op::Imm(imm), Op::Imm(nzcv), Op::Cond(c)] if rn.class.is_gpr() => Ok(insn(
            CCMP_IMM,
            base | sf(rn.class) | 0x800,
            vec![
                gpr(rn, Role::Zr)?,
                imm.clone(),
                nzcv.clone(),
                Arg::Const(*c as i64),
            ],
        )),
        _ => Err(bad(m)),
    }
}

fn movw(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let opc = match m {
        "movn" => 0x1280_0000,
        "movz" => 0x5280_0000,
        _ => 0x7280_0000,
    };
    let (rd, v, sh) = match ops {
        [Op::Reg(rd), Op::Imm(v)] => (rd, v, Arg::Const(0)),
        [Op::Reg(rd), Op::Imm(v), Op::Shift(0, s)] => (rd, v, s.clone()),
        _ => return Err(bad(m)),
    };
    if !rd.class.is_gpr() {
        return Err(bad(m));
    }
    Ok(insn(
        MOVW,
        opc | sf(rd.class),
        vec![gpr(rd, Role::Zr)?, v.clone(), sh],
    ))
}

/// Add/subtract with carry, and `ngc` (`sbc rd, zr, rm`).
fn carry(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let base: u32 = match m {
        "adc" => 0x1A00_0000,
        "adcs" => 0x3A00_0000,
        "sbc" | "ngc" => 0x5A00_0000,
        _ => 0x7A00_0000,
    };
    if m.starts_with("ngc") {
        return match ops {
            [Op::Reg(rd), Op::Reg(rm)] => {
                let (class, d, mm) = two(m, rd, rm)?;
                Ok(insn(R_DNM, base | sf(class), vec![d, ZR, mm]))
            }
            _ => Err(bad(m)),
        };
    }
    let (class, args) = three(m, ops)?;
    Ok(insn(R_DNM, base | sf(class), args))
}
