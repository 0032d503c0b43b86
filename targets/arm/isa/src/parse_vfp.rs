//! The VFP half of the operand parser: arithmetic, compares, moves,
//! conversions, loads and stores of `d`/`s` registers.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Token};

use crate::forms::*;
use crate::parse::{
    c, codes, comma, core, fields, fp_class, fp_type, imm_signed, insn, no_form, peek_class, reg,
    vfp_imm8,
};
use crate::parse_mem::vfp_list;
use crate::regs::Class;

/// A literal number after `#`: `#1.5`, `#-2`, `#0.0`.
fn float(cur: &mut Cursor<'_>) -> Result<f64, AsmError> {
    cur.eat_punct('#');
    let neg = cur.eat_punct('-');
    let v = match cur.next_token() {
        Some(Token::Float(f)) => *f,
        Some(Token::Int(i)) => *i as f64,
        _ => {
            return Err(no_form(
                "a VFP immediate must be a literal number (no splices)",
            ))
        }
    };
    Ok(if neg { -v } else { v })
}

fn sz(double: bool) -> u32 {
    (double as u32) << 8
}

pub(crate) fn operands(cur: &mut Cursor<'_>, m: &Mnemonic) -> Result<Insn, AsmError> {
    let cond = m.cond << 28;
    let types: Vec<&str> = m.types.iter().map(String::as_str).collect();
    Ok(match m.op {
        Op::Vfp3(bits) => {
            let double = fp_type(m)?;
            let class = fp_class(double);
            let [d, n, mm] = codes(class);
            let vd = reg(cur, class)?;
            comma(cur)?;
            let vn = reg(cur, class)?;
            comma(cur)?;
            let vm = reg(cur, class)?;
            fields(
                cond | 0x0e00_0a00 | bits | sz(double),
                vec![(d, vd), (n, vn), (mm, vm)],
            )
        }
        Op::Vfp2(bits) => {
            let double = fp_type(m)?;
            let class = fp_class(double);
            let [d, _, mm] = codes(class);
            let vd = reg(cur, class)?;
            comma(cur)?;
            let vm = reg(cur, class)?;
            fields(
                cond | 0x0e80_0a00 | bits | sz(double),
                vec![(d, vd), (mm, vm)],
            )
        }
        Op::Vcmp(e) => {
            let double = fp_type(m)?;
            let class = fp_class(double);
            let [d, _, mm] = codes(class);
            let vd = reg(cur, class)?;
            comma(cur)?;
            let base = cond | 0x0eb4_0a40 | (e as u32) << 7 | sz(double);
            if peek_class(cur) == Some(class) {
                fields(base, vec![(d, vd), (mm, reg(cur, class)?)])
            } else if float(cur)? == 0.0 {
                fields(base | 1 << 16, vec![(d, vd)])
            } else {
                return Err(no_form("vcmp compares with a register or #0"));
            }
        }
        Op::Vmov => vmov(cur, m, cond)?,
        Op::Vcvt(rz) => {
            let (base, dst, src) = match types[..] {
                ["f64", "f32"] => (0x0eb7_0ac0, Class::Double, Class::Single),
                ["f32", "f64"] => (0x0eb7_0bc0, Class::Single, Class::Double),
                ["f64", "s32"] => (0x0eb8_0bc0, Class::Double, Class::Single),
                ["f64", "u32"] => (0x0eb8_0b40, Class::Double, Class::Single),
                ["f32", "s32"] => (0x0eb8_0ac0, Class::Single, Class::Single),
                ["f32", "u32"] => (0x0eb8_0a40, Class::Single, Class::Single),
                ["s32", "f64"] => (0x0ebd_0b40, Class::Single, Class::Double),
                ["u32", "f64"] => (0x0ebc_0b40, Class::Single, Class::Double),
                ["s32", "f32"] => (0x0ebd_0a40, Class::Single, Class::Single),
                ["u32", "f32"] => (0x0ebc_0a40, Class::Single, Class::Single),
                _ => return Err(no_form("unsupported vcvt data types")),
            };
            let to_int = types[0].starts_with('s') || types[0].starts_with('u');
            if !rz && !to_int {
                return Err(no_form("vcvtr only converts to an integer"));
            }
            let rz_bit = if to_int { (rz as u32) << 7 } else { 0 };
            let vd = reg(cur, dst)?;
            comma(cur)?;
            let vm = reg(cur, src)?;
            fields(
                cond | base | rz_bit,
                vec![(codes(dst)[0], vd), (codes(src)[2], vm)],
            )
        }
        Op::Vmrs => {
            if cur.eat_ident("apsr_nzcv") {
                comma(cur)?;
                fpscr(cur)?;
                insn(WORD, vec![c(cond | 0x0ef1_fa10)])
            } else {
                let rt = core(cur)?;
                comma(cur)?;
                fpscr(cur)?;
                fields(cond | 0x0ef1_0a10, vec![(np(12), rt)])
            }
        }
        Op::Vmsr => {
            fpscr(cur)?;
            comma(cur)?;
            fields(cond | 0x0ee1_0a10, vec![(np(12), core(cur)?)])
        }
        Op::Vmem(load) => {
            let class = match peek_class(cur) {
                Some(cl @ (Class::Double | Class::Single)) => cl,
                _ => return Err(cur.error("expected a d or s register".into())),
            };
            let double = class == Class::Double;
            let ok_types: &[&str] = if double {
                &["64", "f64"]
            } else {
                &["32", "f32"]
            };
            if !(types.is_empty() || (types.len() == 1 && ok_types.contains(&types[0]))) {
                return Err(no_form("vldr/vstr data type does not match the register"));
            }
            let vd = reg(cur, class)?;
            comma(cur)?;
            let base = cond | 0x0d00_0a00 | (load as u32) << 20 | sz(double);
            let code = Arg::Const(codes(class)[0]);
            if let Some(l) = cur.label()? {
                if !load {
                    return Err(no_form("vstr cannot address a literal"));
                }
                return Ok(insn(
                    VMEM_LIT,
                    vec![c(base | 0x000f_0000), code, vd, Arg::Label(l)],
                ));
            }
            cur.expect_punct('[')?;
            let rn = core(cur)?;
            let (off, minus) = if cur.eat_punct(',') {
                imm_signed(cur)?
            } else {
                (Arg::Const(0), false)
            };
            cur.expect_punct(']')?;
            let up = !(minus && off == Arg::Const(0));
            insn(VMEM, vec![c(base | (up as u32) << 23), code, vd, rn, off])
        }
        Op::Vblock(load, db) => {
            let rn = core(cur)?;
            let wb = cur.eat_punct('!');
            if db && !wb {
                return Err(no_form("vldmdb/vstmdb need writeback (!)"));
            }
            comma(cur)?;
            let base = (db as u32) << 24 | (!db as u32) << 23 | (wb as u32) << 21;
            vblock(cur, m, cond | base | (load as u32) << 20, rn)?
        }
        Op::Vpush => vblock(cur, m, cond | 0x0120_0000, Arg::Const(13))?,
        Op::Vpop => vblock(cur, m, cond | 0x00b0_0000, Arg::Const(13))?,
        _ => return Err(no_form("unhandled mnemonic")),
    })
}

fn fpscr(cur: &mut Cursor<'_>) -> Result<(), AsmError> {
    if cur.eat_ident("fpscr") {
        Ok(())
    } else {
        Err(cur.error("expected fpscr".into()))
    }
}

fn vblock(cur: &mut Cursor<'_>, m: &Mnemonic, base: u32, rn: Arg) -> Result<Insn, AsmError> {
    let (class, first, last) = vfp_list(cur)?;
    let double = class == Class::Double;
    let ok = match m.types.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => true,
        ["64"] | ["f64"] => double,
        ["32"] | ["f32"] => !double,
        _ => false,
    };
    if !ok {
        return Err(no_form("data type does not match the register list"));
    }
    let base = base | 0x0c00_0a00 | sz(double);
    let code = Arg::Const(codes(class)[0]);
    Ok(insn(VBLOCK, vec![c(base), code, rn, first, last]))
}

/// Every `vmov`: VFP register to register, VFP immediate, and transfers
/// between core and VFP registers (`vmov r0, s0`, `vmov r0, r1, d0`).
fn vmov(cur: &mut Cursor<'_>, m: &Mnemonic, cond: u32) -> Result<Insn, AsmError> {
    let first = peek_class(cur).ok_or_else(|| cur.error("expected a register".into()))?;
    if first == Class::Core {
        let rt = core(cur)?;
        comma(cur)?;
        if peek_class(cur) == Some(Class::Core) {
            let rt2 = core(cur)?;
            comma(cur)?;
            let dm = reg(cur, Class::Double)?;
            return Ok(fields(
                cond | 0x0c50_0b10,
                vec![(12, rt), (16, rt2), (F_DM, dm)],
            ));
        }
        let sn = reg(cur, Class::Single)?;
        return Ok(fields(cond | 0x0e10_0a10, vec![(12, rt), (F_SN, sn)]));
    }
    let vd = reg(cur, first)?;
    comma(cur)?;
    match peek_class(cur) {
        Some(Class::Core) => {
            let rt = core(cur)?;
            if first == Class::Double {
                comma(cur)?;
                let rt2 = core(cur)?;
                Ok(fields(
                    cond | 0x0c40_0b10,
                    vec![(F_DM, vd), (12, rt), (16, rt2)],
                ))
            } else {
                Ok(fields(cond | 0x0e00_0a10, vec![(F_SN, vd), (12, rt)]))
            }
        }
        Some(class) if class == first => {
            let double = fp_type(m)?;
            if fp_class(double) != class {
                return Err(no_form("vmov data type does not match the registers"));
            }
            let [d, _, mm] = codes(class);
            let vm = reg(cur, class)?;
            Ok(fields(
                cond | 0x0eb0_0a40 | sz(double),
                vec![(d, vd), (mm, vm)],
            ))
        }
        Some(_) => Err(no_form("vmov between d and s registers")),
        None => {
            let double = fp_type(m)?;
            if fp_class(double) != first {
                return Err(no_form("vmov data type does not match the register"));
            }
            let imm8 = vfp_imm8(float(cur)?, double)?;
            let code = Arg::Const(codes(first)[0]);
            Ok(insn(
                VMOV_IMM,
                vec![c(cond | 0x0eb0_0a00 | sz(double)), code, vd, imm8],
            ))
        }
    }
}
