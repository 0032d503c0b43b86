//! Loads and stores: every width, the addressing modes, pairs and
//! pc-relative literals.

use asm_dsl_core::{Arg, AsmError, Insn};

use super::*;
use crate::parse::{Index, Mem, Op, Reg};
use crate::regs::{Class, Role};

pub(super) fn select(m: &str, ops: &[Op]) -> Option<Result<Insn, AsmError>> {
    let r = match m {
        "ldr" | "str" | "ldrb" | "strb" | "ldrh" | "strh" | "ldrsb" | "ldrsh" | "ldrsw" => {
            single(m, false, ops)
        }
        "ldur" | "stur" | "ldurb" | "sturb" | "ldurh" | "sturh" | "ldursb" | "ldursh"
        | "ldursw" => single(m, true, ops),
        "ldp" | "stp" | "ldpsw" => pair(m, ops),
        _ => return None,
    };
    Some(r)
}

/// The `size:V:opc` bits (as placed in the word) of a single load/store,
/// or `None` if the register class does not fit the mnemonic.
fn single_bits(m: &str, rt: Class) -> Option<u32> {
    let load = m.starts_with("ld");
    // The unscaled mnemonics are the scaled ones with a `u` inserted
    // (`ldursw` is `ldrsw`); no other load/store mnemonic has a `u`.
    let core: String = m.chars().filter(|&c| c != 'u').collect();
    let (size, v, opc) = match (core.as_str(), rt) {
        ("ldr" | "str", Class::X) => (3, 0, 0),
        ("ldr" | "str", Class::W) => (2, 0, 0),
        ("ldr" | "str", Class::D) => (3, 1, 0),
        ("ldr" | "str", Class::S) => (2, 1, 0),
        ("ldrb" | "strb", Class::W) => (0, 0, 0),
        ("ldrh" | "strh", Class::W) => (1, 0, 0),
        ("ldrsb", Class::X) => (0, 0, 2),
        ("ldrsb", Class::W) => (0, 0, 3),
        ("ldrsh", Class::X) => (1, 0, 2),
        ("ldrsh", Class::W) => (1, 0, 3),
        ("ldrsw", Class::X) => (2, 0, 2),
        _ => return None,
    };
    let opc = if opc == 0 { u32::from(load) } else { opc };
    Some((size << 30) | (v << 26) | (opc << 22))
}

fn target_arg(op: &Op) -> Option<Arg> {
    match op {
        Op::Label(l) => Some(Arg::Label(l.clone())),
        Op::Imm(v) => Some(v.clone()),
        _ => None,
    }
}

fn single(m: &str, unscaled: bool, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rt, rest) = match ops {
        [Op::Reg(rt), rest @ ..] => (rt, rest),
        _ => return Err(bad(m)),
    };
    let bits = single_bits(m, rt.class).ok_or_else(|| bad(m))?;
    let t = if rt.class.is_gpr() {
        gpr(rt, Role::Zr)?
    } else {
        fpr(rt)?
    };
    // Literal loads: pc-relative, 19-bit word offset.
    if let [target] = rest {
        if let Some(target) = target_arg(target) {
            let base = match (m, rt.class) {
                ("ldr", Class::W) => 0x1800_0000,
                ("ldr", Class::X) => 0x5800_0000,
                ("ldr", Class::S) => 0x1C00_0000,
                ("ldr", Class::D) => 0x5C00_0000,
                ("ldrsw", _) => 0x9800_0000,
                _ => return Err(bad(m)),
            };
            return Ok(insn(LDR_LIT, base, vec![t, target]));
        }
    }
    let (mem, post) = match rest {
        [Op::Mem(mem)] => (mem, None),
        [Op::Mem(mem), Op::Imm(v)] => (mem, Some(v)),
        _ => return Err(bad(m)),
    };
    let n = base_reg(mem)?;
    let base = 0x3800_0000 | bits;
    match (&mem.index, mem.pre, post) {
        (Index::None, false, Some(v)) if !unscaled => {
            Ok(insn(LS_POST, base, vec![t, n, v.clone()]))
        }
        (Index::None, false, None) => {
            let form = if unscaled { LS_UNSCALED } else { LS_OFF };
            Ok(insn(form, base, vec![t, n, Arg::Const(0)]))
        }
        (Index::Imm(v), false, None) => {
            let form = if unscaled { LS_UNSCALED } else { LS_OFF };
            Ok(insn(form, base, vec![t, n, v.clone()]))
        }
        (Index::Imm(v), true, None) if !unscaled => Ok(insn(LS_PRE, base, vec![t, n, v.clone()])),
        (Index::Reg(rm, option, amount), false, None) if !unscaled => {
            let want = if option & 3 == 3 { Class::X } else { Class::W };
            if rm.class != want || option & 2 == 0 {
                return Err(AsmError::NoForm(format!(
                    "{m}: index must be xN with lsl/sxtx or wN with uxtw/sxtw"
                )));
            }
            // S scales the index by the access size. A byte access has
            // nothing to scale, so there an explicit `#0` is what sets S
            // (GNU as does the same, and objdump prints the `#0` back);
            // for wider accesses `#0` means no scaling.
            let size = bits >> 30;
            let s = match amount {
                None => 0,
                Some(a) => {
                    let a = constant(a, "the index shift")?;
                    if a == size as i64 && size != 0 {
                        1
                    } else if a == 0 {
                        u32::from(size == 0)
                    } else {
                        return Err(AsmError::ImmRange(format!(
                            "{m}: the index shift must be 0 or {size}"
                        )));
                    }
                }
            };
            Ok(insn(
                LS_REG,
                base,
                vec![
                    t,
                    n,
                    gpr(rm, Role::Zr)?,
                    Arg::Const(*option as i64),
                    Arg::Const(s as i64),
                ],
            ))
        }
        _ => Err(bad(m)),
    }
}

fn base_reg(mem: &Mem) -> Result<Arg, AsmError> {
    if mem.base.class != Class::X {
        return Err(AsmError::NoForm(
            "the base register must be xN or sp".into(),
        ));
    }
    gpr(&mem.base, Role::Sp)
}

fn pair(m: &str, ops: &[Op]) -> Result<Insn, AsmError> {
    let (rt, rt2, mem, post) = match ops {
        [Op::Reg(a), Op::Reg(b), Op::Mem(mem)] => (a, b, mem, None),
        [Op::Reg(a), Op::Reg(b), Op::Mem(mem), Op::Imm(v)] => (a, b, mem, Some(v)),
        _ => return Err(bad(m)),
    };
    let class = same_class(&[rt, rt2])?;
    let load = u32::from(m.starts_with("ld"));
    let (opc, v) = match (m, class) {
        ("ldpsw", Class::X) => (1, 0),
        ("ldpsw", _) => return Err(bad(m)),
        (_, Class::W) => (0, 0),
        (_, Class::X) => (2, 0),
        (_, Class::S) => (0, 1),
        (_, Class::D) => (1, 1),
    };
    let base = 0x2800_0000 | (opc << 30) | (v << 26) | (load << 22);
    let regs = |r: &Reg| if v == 0 { gpr(r, Role::Zr) } else { fpr(r) };
    let (t, t2, n) = (regs(rt)?, regs(rt2)?, base_reg(mem)?);
    match (&mem.index, mem.pre, post) {
        (Index::None, false, Some(off)) => Ok(insn(LP_POST, base, vec![t, t2, n, off.clone()])),
        (Index::None, false, None) => Ok(insn(LP_OFF, base, vec![t, t2, n, Arg::Const(0)])),
        (Index::Imm(off), false, None) => Ok(insn(LP_OFF, base, vec![t, t2, n, off.clone()])),
        (Index::Imm(off), true, None) => Ok(insn(LP_PRE, base, vec![t, t2, n, off.clone()])),
        _ => Err(bad(m)),
    }
}
