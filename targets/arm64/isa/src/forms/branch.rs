//! Branches, calls, returns, pc-relative addresses and the odd ones out
//! (`nop`, `brk`, `svc`, `hlt`).
//!
//! A branch target is a label or a number; a number is an absolute
//! address, which is how the disassembler prints targets.

use asm_dsl_core::{Arg, AsmError, Insn};

use super::*;
use crate::parse::Op;
use crate::regs::{parse_cond, Class, Role};

pub(super) fn select(m: &str, ops: &[Op]) -> Option<Result<Insn, AsmError>> {
    if let Some(cond) = m.strip_prefix("b.") {
        let c = parse_cond(cond)?;
        return Some(match ops {
            [t] => target(m, t).map(|t| insn(B19, 0x5400_0000 | c as u32, vec![t])),
            _ => Err(bad(m)),
        });
    }
    // `beq` and friends: the pre-UAL spelling GNU as also accepts.
    if m.len() == 3 && m.starts_with('b') {
        if let Some(c) = parse_cond(&m[1..]) {
            return Some(match ops {
                [t] => target(m, t).map(|t| insn(B19, 0x5400_0000 | c as u32, vec![t])),
                _ => Err(bad(m)),
            });
        }
    }
    let r = match m {
        "b" | "bl" => match ops {
            [t] => {
                let base = if m == "b" { 0x1400_0000 } else { 0x9400_0000 };
                target(m, t).map(|t| insn(B26, base, vec![t]))
            }
            _ => Err(bad(m)),
        },
        "cbz" | "cbnz" => match ops {
            [Op::Reg(r), t] if r.class.is_gpr() => {
                let base = if m == "cbz" { 0x3400_0000 } else { 0x3500_0000 };
                (|| {
                    Ok(insn(
                        CB,
                        base | sf(r.class),
                        vec![gpr(r, Role::Zr)?, target(m, t)?],
                    ))
                })()
            }
            _ => Err(bad(m)),
        },
        "tbz" | "tbnz" => match ops {
            [Op::Reg(r), Op::Imm(bit), t] if r.class.is_gpr() => {
                let base = if m == "tbz" { 0x3600_0000 } else { 0x3700_0000 };
                // Bit 5 of the bit number selects x or w in the encoding, so
                // a w register may only test bits 0..=31; bit 31 of the base
                // marks an x register until `encode` puts b5 there.
                let limit = if r.class == Class::X { 64 } else { 32 };
                (|| {
                    if let Arg::Const(b) = bit {
                        if *b < 0 || *b >= limit {
                            return Err(AsmError::ImmRange(format!(
                                "{m}: bit {b} is outside 0..{}",
                                limit - 1
                            )));
                        }
                    }
                    Ok(insn(
                        TB,
                        base | sf(r.class),
                        vec![gpr(r, Role::Zr)?, bit.clone(), target(m, t)?],
                    ))
                })()
            }
            _ => Err(bad(m)),
        },
        "br" | "blr" | "ret" => {
            let base = match m {
                "br" => 0xD61F_0000,
                "blr" => 0xD63F_0000,
                _ => 0xD65F_0000,
            };
            match ops {
                [] if m == "ret" => Ok(insn(R_N, base, vec![Arg::Const(30)])),
                [Op::Reg(r)] if r.class == Class::X => {
                    gpr(r, Role::Zr).map(|n| insn(R_N, base, vec![n]))
                }
                _ => Err(bad(m)),
            }
        }
        "adr" | "adrp" => match ops {
            [Op::Reg(r), t] if r.class == Class::X => (|| {
                let (form, base) = if m == "adr" {
                    (ADR, 0x1000_0000)
                } else {
                    (ADRP, 0x9000_0000)
                };
                Ok(insn(form, base, vec![gpr(r, Role::Zr)?, target(m, t)?]))
            })(),
            _ => Err(bad(m)),
        },
        "nop" if ops.is_empty() => Ok(insn(FIXED, 0xD503_201F, vec![])),
        "brk" | "svc" | "hlt" => match ops {
            [Op::Imm(v)] => {
                let base = match m {
                    "brk" => 0xD420_0000,
                    "svc" => 0xD400_0001,
                    _ => 0xD440_0000,
                };
                Ok(insn(IMM16, base, vec![v.clone()]))
            }
            _ => Err(bad(m)),
        },
        _ => return None,
    };
    Some(r)
}

fn target(m: &str, op: &Op) -> Result<Arg, AsmError> {
    match op {
        Op::Label(l) => Ok(Arg::Label(l.clone())),
        Op::Imm(v) => Ok(v.clone()),
        _ => Err(AsmError::NoForm(format!("{m} needs a label or an address"))),
    }
}
