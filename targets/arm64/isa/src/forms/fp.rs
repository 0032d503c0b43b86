//! Scalar floating-point mnemonics (single and double precision).

use asm_dsl_core::{Arg, AsmError, Insn};

use super::*;
use crate::parse::{Op, Reg};
use crate::regs::{Class, Role};

pub(super) fn select(m: &str, ops: &[Op]) -> Option<Result<Insn, AsmError>> {
    let r = match m {
        "fmul" | "fdiv" | "fadd" | "fsub" | "fmax" | "fmin" | "fmaxnm" | "fminnm" | "fnmul" => {
            arith2(m, ops)
        }
        "fabs" | "fneg" | "fsqrt" | "frintn" | "frintp" | "frintm" | "frintz" | "frinta"
        | "frintx" | "frinti" => arith1(m, ops),
        "fmadd" | "fmsub" | "fnmadd" | "fnmsub" => arith3(m, ops),
        "fmov" => fmov(m, ops),
        "fcvt" => fcvt(m, ops),
        "scvtf" | "ucvtf" => int_to_fp(m, ops),
        "fcvtzs" | "fcvtzu" | "fcvtns" | "fcvtnu" | "fcvtas" | "fcvtau" | "fcvtps" | "fcvtpu"
        | "fcvtms" | "fcvtmu" => fp_to_int(m, ops),
        "fcmp" | "fcmpe" => fcmp(m, ops),
        "fcsel" => fcsel(m, ops),
        _ => return None,
    };
    Some(r)
}

/// The `type` field (bits 23:22) for an FP class.
fn ftype(c: Class) -> u32 {
    u32::from(c == Class::D) << 22
}

fn fregs(m: &str, regs: &[&Op]) -> Result<(Class, Vec<Arg>), AsmError> {
    let mut rs: Vec<&Reg> = Vec::new();
    for op in regs {
        match op {
            Op::Reg(r) if !r.class.is_gpr() => rs.push(r),
            _ => return Err(bad(m)),
        }
    }
    let class = same_class(&rs)?;
    Ok((class, rs.iter().map(|r| r.num.clone()).collect()))
}

fn arith2(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let opcode = match m {
        "fmul" => 0,
        "fdiv" => 1,
        "fadd" => 2,
        "fsub" => 3,
        "fmax" => 4,
        "fmin" => 5,
        "fmaxnm" => 6,
        "fminnm" => 7,
        _ => 8,
    };
    let [a, b, c] = ops else {
        return Err(bad(m));
    };
    let (class, args) = fregs(m, &[a, b, c])?;
    Ok(insn(
        R_DNM,
        0x1E20_0800 | ftype(class) | (opcode << 12),
        args,
    ))
}

fn arith1(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let opcode = match m {
        "fabs" => 1,
        "fneg" => 2,
        "fsqrt" => 3,
        "frintn" => 8,
        "frintp" => 9,
        "frintm" => 10,
        "frintz" => 11,
        "frinta" => 12,
        "frintx" => 14,
        _ => 15,
    };
    let [a, b] = ops else {
        return Err(bad(m));
    };
    let (class, args) = fregs(m, &[a, b])?;
    Ok(insn(
        R_DN,
        0x1E20_4000 | ftype(class) | (opcode << 15),
        args,
    ))
}

fn arith3(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let bits = match m {
        "fmadd" => 0,
        "fmsub" => 0x8000,
        "fnmadd" => 0x20_0000,
        _ => 0x20_8000,
    };
    let [a, b, c, d] = ops else {
        return Err(bad(m));
    };
    let (class, args) = fregs(m, &[a, b, c, d])?;
    Ok(insn(R_DNMA, 0x1F00_0000 | ftype(class) | bits, args))
}

fn fmov(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(d), Op::Reg(n)] => match (d.class, n.class) {
            (Class::D, Class::D) | (Class::S, Class::S) => {
                let (class, args) = fregs(m, &[&ops[0], &ops[1]])?;
                Ok(insn(R_DN, 0x1E20_4000 | ftype(class), args))
            }
            // General to FP register (opcode 111) and back (110).
            (Class::D, Class::X) => Ok(insn(
                R_DN,
                0x9E67_0000,
                vec![d.num.clone(), gpr(n, Role::Zr)?],
            )),
            (Class::S, Class::W) => Ok(insn(
                R_DN,
                0x1E27_0000,
                vec![d.num.clone(), gpr(n, Role::Zr)?],
            )),
            (Class::X, Class::D) => Ok(insn(
                R_DN,
                0x9E66_0000,
                vec![gpr(d, Role::Zr)?, n.num.clone()],
            )),
            (Class::W, Class::S) => Ok(insn(
                R_DN,
                0x1E26_0000,
                vec![gpr(d, Role::Zr)?, n.num.clone()],
            )),
            _ => Err(bad(m)),
        },
        [Op::Reg(d), Op::Float(f)] if !d.class.is_gpr() => Ok(insn(
            FMOV_IMM,
            0x1E20_1000 | ftype(d.class),
            vec![d.num.clone(), Arg::Const(f.to_bits() as i64)],
        )),
        [Op::Reg(d), Op::Imm(Arg::Const(v))] if !d.class.is_gpr() => Ok(insn(
            FMOV_IMM,
            0x1E20_1000 | ftype(d.class),
            vec![d.num.clone(), Arg::Const((*v as f64).to_bits() as i64)],
        )),
        _ => Err(bad(m)),
    }
}

fn fcvt(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(d), Op::Reg(n)] => {
            let base = match (d.class, n.class) {
                (Class::D, Class::S) => 0x1E22_C000,
                (Class::S, Class::D) => 0x1E62_4000,
                _ => return Err(bad(m)),
            };
            Ok(insn(R_DN, base, vec![d.num.clone(), n.num.clone()]))
        }
        _ => Err(bad(m)),
    }
}

fn int_to_fp(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [Op::Reg(d), Op::Reg(n)] if !d.class.is_gpr() && n.class.is_gpr() => {
            let opcode = if m == "scvtf" { 2 } else { 3 };
            let base = 0x1E20_0000 | sf(n.class) | ftype(d.class) | (opcode << 16);
            Ok(insn(R_DN, base, vec![d.num.clone(), gpr(n, Role::Zr)?]))
        }
        _ => Err(bad(m)),
    }
}

fn fp_to_int(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let rmode = match &m[4..5] {
        "n" => 0,
        "p" => 1,
        "m" => 2,
        "z" => 3,
        _ => 0,
    };
    let unsigned = m.ends_with('u');
    let opcode = if m.starts_with("fcvta") { 4 } else { 0 } + u32::from(unsigned);
    match ops {
        [Op::Reg(d), Op::Reg(n)] if d.class.is_gpr() && !n.class.is_gpr() => {
            let base = 0x1E20_0000 | sf(d.class) | ftype(n.class) | (rmode << 19) | (opcode << 16);
            Ok(insn(R_DN, base, vec![gpr(d, Role::Zr)?, n.num.clone()]))
        }
        _ => Err(bad(m)),
    }
}

fn fcmp(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let e = if m == "fcmpe" { 0x10 } else { 0 };
    match ops {
        [a @ Op::Reg(_), b @ Op::Reg(_)] => {
            let (class, args) = fregs(m, &[a, b])?;
            Ok(insn(R_NM, 0x1E20_2000 | ftype(class) | e, args))
        }
        [a @ Op::Reg(_), zero] if is_zero(zero) => {
            let (class, args) = fregs(m, &[a])?;
            Ok(insn(R_N, 0x1E20_2008 | ftype(class) | e, args))
        }
        _ => Err(bad(m)),
    }
}

fn is_zero(op: &Op) -> bool {
    match op {
        Op::Float(f) => f.to_bits() == 0,
        Op::Imm(Arg::Const(0)) => true,
        _ => false,
    }
}

fn fcsel(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    match ops {
        [a, b, c, Op::Cond(cond)] => {
            let (class, mut args) = fregs(m, &[a, b, c])?;
            args.push(Arg::Const(*cond as i64));
            Ok(insn(CSEL, 0x1E20_0C00 | ftype(class), args))
        }
        _ => Err(bad(m)),
    }
}
