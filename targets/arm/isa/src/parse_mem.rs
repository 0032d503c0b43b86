//! Operands of loads, stores and block transfers: addressing modes
//! (`[rn, #off]`, `[rn, -rm, lsl #2]!`, `[rn], #off`, literal labels) and
//! register lists (`{r4-r11, lr}`, `{d8-d15}`), in text or as a brace group
//! the macro hands over as a splice.

use asm_dsl_core::{Arg, AsmError, Cursor, Insn, Token};

use crate::forms::*;
use crate::parse::{
    c, comma, core, imm_signed, insn, no_form, peek_class, peek_reg, reg, shift, Shift,
};
use crate::regs::Class;

/// The tokens inside a brace group: `{...}` in text, or a splice whose
/// tokens the macro handed over.
fn list_tokens(cur: &mut Cursor<'_>) -> Result<Vec<Token>, AsmError> {
    Ok(match cur.peek() {
        Some(Token::Splice(i)) => {
            let inner = cur
                .splice_contents(*i)
                .ok_or_else(|| cur.error("expected a register list".into()))?
                .to_vec();
            cur.next_token();
            inner
        }
        Some(Token::Punct('{')) => {
            cur.next_token();
            let mut v = Vec::new();
            loop {
                match cur.next_token() {
                    Some(Token::Punct('}')) => break,
                    Some(t) => v.push(t.clone()),
                    None => return Err(AsmError::syntax("unclosed register list")),
                }
            }
            v
        }
        _ => return Err(cur.error("expected a register list".into())),
    })
}

/// Reads a core register list `{r4, r6-r8, lr}` into its registers.
pub(crate) fn reg_list(cur: &mut Cursor<'_>) -> Result<Vec<Arg>, AsmError> {
    let tokens = list_tokens(cur)?;
    let mut lc = Cursor::new(&tokens);
    let mut out = Vec::new();
    loop {
        let first = core(&mut lc)?;
        if lc.eat_punct('-') {
            let last = core(&mut lc)?;
            match (&first, &last) {
                (Arg::Const(a), Arg::Const(b)) if a <= b => out.extend((*a..=*b).map(Arg::Const)),
                _ => return Err(no_form("a register range needs constant, ascending ends")),
            }
        } else {
            out.push(first);
        }
        if !lc.eat_punct(',') {
            break;
        }
    }
    lc.expect_end()?;
    Ok(out)
}

/// Reads a VFP register list of consecutive registers: `{d8-d15}`,
/// `{s0, s1}`, `{d{first}-d{last}}`. Returns the class, first and last.
pub(crate) fn vfp_list(cur: &mut Cursor<'_>) -> Result<(Class, Arg, Arg), AsmError> {
    let tokens = list_tokens(cur)?;
    let mut lc = Cursor::new(&tokens);
    let class = match peek_class(&lc) {
        Some(cl @ (Class::Double | Class::Single)) => cl,
        _ => return Err(lc.error("expected d or s registers".into())),
    };
    let first = reg(&mut lc, class)?;
    let mut last = first.clone();
    if lc.eat_punct('-') {
        last = reg(&mut lc, class)?;
    }
    while lc.eat_punct(',') {
        let next = reg(&mut lc, class)?;
        match (&last, &next) {
            (Arg::Const(a), Arg::Const(b)) if *b == a + 1 => last = next,
            _ => return Err(no_form("VFP register lists must be consecutive")),
        }
    }
    lc.expect_end()?;
    Ok((class, first, last))
}

/// An addressing mode of a load or store.
pub(crate) enum Addr {
    /// `[rn, #off]`, `[rn, #off]!`, `[rn], #off`.
    Imm {
        rn: Arg,
        off: Arg,
        minus: bool,
        pre: bool,
        wb: bool,
    },
    /// `[rn, ±rm, shift]`, with `!`, or `[rn], ±rm, shift`.
    Reg {
        rn: Arg,
        rm: Arg,
        sub: bool,
        shift: Option<Shift>,
        pre: bool,
        wb: bool,
    },
    Label(Arg),
}

fn index_operand(
    cur: &mut Cursor<'_>,
) -> Result<(Option<Arg>, Arg, bool, Option<Shift>), AsmError> {
    // A register offset may be signed: `-r2`; an immediate carries `#`.
    let pos = cur.position();
    let sub = cur.eat_punct('-');
    let _ = cur.eat_punct('+');
    if peek_reg(cur, Class::Core) {
        let rm = core(cur)?;
        let sh = if cur.eat_punct(',') {
            Some(shift(cur)?)
        } else {
            None
        };
        return Ok((Some(rm), Arg::Const(0), sub, sh));
    }
    cur.reset(pos);
    let (off, minus) = imm_signed(cur)?;
    Ok((None, off, minus, None))
}

pub(crate) fn addr(cur: &mut Cursor<'_>) -> Result<Addr, AsmError> {
    if let Some(l) = cur.label()? {
        return Ok(Addr::Label(Arg::Label(l)));
    }
    cur.expect_punct('[')?;
    let rn = core(cur)?;
    if cur.eat_punct(']') {
        if !cur.eat_punct(',') {
            let wb = cur.eat_punct('!');
            return Ok(Addr::Imm {
                rn,
                off: Arg::Const(0),
                minus: false,
                pre: true,
                wb,
            });
        }
        let (rm, off, sub, shift) = index_operand(cur)?;
        return Ok(match rm {
            Some(rm) => Addr::Reg {
                rn,
                rm,
                sub,
                shift,
                pre: false,
                wb: false,
            },
            None => Addr::Imm {
                rn,
                off,
                minus: sub,
                pre: false,
                wb: false,
            },
        });
    }
    comma(cur)?;
    let (rm, off, sub, shift) = index_operand(cur)?;
    cur.expect_punct(']')?;
    let wb = cur.eat_punct('!');
    Ok(match rm {
        Some(rm) => Addr::Reg {
            rn,
            rm,
            sub,
            shift,
            pre: true,
            wb,
        },
        None => Addr::Imm {
            rn,
            off,
            minus: sub,
            pre: true,
            wb,
        },
    })
}

/// The P, U and W bits of an addressing mode; U starts set and is cleared
/// for a subtracted register or a `#-0` offset (encode sets it by value).
fn puw(pre: bool, sub: bool, wb: bool) -> u32 {
    (pre as u32) << 24 | (!sub as u32) << 23 | (wb as u32) << 21
}

fn minus_zero(off: &Arg, minus: bool) -> bool {
    minus && *off == Arg::Const(0)
}

/// `ldr`/`str`/`ldrb`/`strb`.
pub(crate) fn mem(cond: u32, load: bool, byte: bool, rt: Arg, a: Addr) -> Result<Insn, AsmError> {
    let base = cond | 0x0400_0000 | (byte as u32) << 22 | (load as u32) << 20;
    Ok(match a {
        Addr::Imm {
            rn,
            off,
            minus,
            pre,
            wb,
        } => {
            let b = base | puw(pre, minus_zero(&off, minus), wb);
            insn(MEM_IMM, vec![c(b), rt, rn, off])
        }
        Addr::Reg {
            rn,
            rm,
            sub,
            shift,
            pre,
            wb,
        } => {
            let (ty, amt) = match shift {
                None => (0, Arg::Const(0)),
                Some(Shift::Imm(ty, amt)) => (ty, amt),
                Some(Shift::Reg(..)) => {
                    return Err(no_form("loads and stores cannot shift by a register"))
                }
            };
            let b = base | 1 << 25 | puw(pre, sub, wb);
            insn(MEM_REG, vec![c(b), rt, rn, rm, Arg::Const(ty), amt])
        }
        Addr::Label(l) if load => insn(MEM_LIT, vec![c(base | 0x011f_0000), rt, l]),
        Addr::Label(_) => return Err(no_form("stores cannot address a literal")),
    })
}

/// `ldrh`/`strh`/`ldrsb`/`ldrsh` (and `ldrd`/`strd` with `dual`).
pub(crate) fn memx(base: u32, regs: Vec<Arg>, a: Addr, dual: bool) -> Result<Insn, AsmError> {
    let base = base | 0x90;
    let (imm_form, reg_form) = if dual {
        (MEMD_IMM, MEMD_REG)
    } else {
        (MEMX_IMM, MEMX_REG)
    };
    Ok(match a {
        Addr::Imm {
            rn,
            off,
            minus,
            pre,
            wb,
        } => {
            let b = base | 1 << 22 | puw(pre, minus_zero(&off, minus), wb);
            let mut args = vec![c(b)];
            args.extend(regs);
            args.extend([rn, off]);
            insn(imm_form, args)
        }
        Addr::Reg {
            rn,
            rm,
            sub,
            shift: None,
            pre,
            wb,
        } => {
            let mut args = vec![c(base | puw(pre, sub, wb))];
            args.extend(regs);
            args.extend([rn, rm]);
            insn(reg_form, args)
        }
        Addr::Reg { .. } => return Err(no_form("this load/store cannot shift its index")),
        Addr::Label(_) => return Err(no_form("this load/store has no literal form here")),
    })
}
