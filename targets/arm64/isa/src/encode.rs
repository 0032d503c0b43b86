//! Encoding: a form's base word plus its run-time operands become bytes.
//!
//! Every field is range-checked here, because spliced values are only
//! known at run time. Where ARM64 has several encodings for one
//! instruction the choice is made by value: add/sub immediates use
//! `lsl #12` or flip add/sub for negative values, `ldr`/`str` offsets fall
//! back to the unscaled form, and `mov #imm` picks the shortest sequence.

use asm_dsl_core::{AsmError, Emitter, FormId, Label, Operand};

use crate::forms::*;
use crate::imms::{self, check_signed, check_unsigned, MovStep};
use crate::reloc;

struct Ops<'a>(&'a [Operand]);

/// Errors are built out of line, keeping formatting off the hot path.
#[cold]
#[inline(never)]
fn no_form(msg: std::fmt::Arguments<'_>) -> AsmError {
    AsmError::NoForm(msg.to_string())
}

impl Ops<'_> {
    #[inline]
    fn get(&self, i: usize) -> Result<&Operand, AsmError> {
        match self.0.get(i) {
            Some(o) => Ok(o),
            None => Err(no_form(format_args!("missing operand {i}"))),
        }
    }

    #[inline]
    fn imm(&self, i: usize) -> Result<i64, AsmError> {
        match self.get(i)? {
            Operand::Imm(v) => Ok(*v),
            Operand::Label(_) => Err(no_form(format_args!("a label where a value belongs"))),
        }
    }

    /// A register number (0..=31).
    #[inline]
    fn reg(&self, i: usize) -> Result<u32, AsmError> {
        let v = self.imm(i)?;
        if !(0..=31).contains(&v) {
            return Err(no_form(format_args!("register number {v} is not 0..31")));
        }
        Ok(v as u32)
    }

    #[inline]
    fn target(&self, i: usize) -> Result<Label, AsmError> {
        Ok(match self.get(i)? {
            Operand::Label(l) => *l,
            Operand::Imm(a) => Label::Absolute(*a as u64),
        })
    }
}

fn width(base: u32) -> i64 {
    if base >> 31 != 0 {
        64
    } else {
        32
    }
}

fn branch(out: &mut Emitter<'_>, word: u32, kind: asm_dsl_core::RelocKind, label: &Label) {
    let at = out.offset();
    out.put_u32(word);
    out.reloc(kind, at, label);
}

/// The word for `rd, rn, #imm` add/sub with the shift chosen by value.
fn addsub_imm(base: u32, rd: u32, rn: u32, v: i64) -> Result<u32, AsmError> {
    let (base, v) = if v < 0 {
        (base ^ (1 << 30), v.checked_neg().unwrap_or(i64::MAX))
    } else {
        (base, v)
    };
    let field = if v < 4096 {
        v as u32
    } else if v & 0xfff == 0 && v >> 12 < 4096 {
        (1 << 12) | (v >> 12) as u32
    } else {
        return Err(AsmError::ImmRange(format!(
            "add/sub immediate {v} is neither 12 bits nor 12 bits shifted by 12"
        )));
    };
    Ok(base | (field << 10) | (rn << 5) | rd)
}

/// A value for a 32-bit or 64-bit operation as the register's bits.
fn reg_value(v: i64, bits: i64, what: &str) -> Result<u64, AsmError> {
    if bits == 32 {
        if !(-(1i64 << 31)..(1i64 << 32)).contains(&v) {
            return Err(AsmError::ImmRange(format!(
                "{what} {v} does not fit 32 bits"
            )));
        }
        Ok(v as u64 & 0xffff_ffff)
    } else {
        Ok(v as u64)
    }
}

fn bitfield(base: u32, o: &Ops, immr: i64, imms: i64) -> Result<u32, AsmError> {
    let size = width(base);
    let immr = check_unsigned(immr, 6, "immr")?;
    let imms = check_unsigned(imms, 6, "imms")?;
    if immr as i64 >= size || imms as i64 >= size {
        return Err(AsmError::ImmRange(format!(
            "bitfield positions must be below {size}"
        )));
    }
    Ok(base | (immr << 16) | (imms << 10) | (o.reg(2)? << 5) | o.reg(1)?)
}

/// lsb and width of ubfx/bfi-style aliases, checked against the size.
fn lsb_width(base: u32, o: &Ops) -> Result<(i64, i64, i64), AsmError> {
    let size = width(base);
    let (lsb, w) = (o.imm(3)?, o.imm(4)?);
    if !(0..size).contains(&lsb) || w < 1 || w > size - lsb {
        return Err(AsmError::ImmRange(format!(
            "bitfield lsb {lsb} width {w} does not fit {size} bits"
        )));
    }
    Ok((size, lsb, w))
}

fn shift_amount(base: u32, v: i64) -> Result<u32, AsmError> {
    let size = width(base);
    if !(0..size).contains(&v) {
        return Err(AsmError::ImmRange(format!(
            "shift {v} is outside 0..{}",
            size - 1
        )));
    }
    Ok(v as u32)
}

/// The scale of a single load/store: its access size in bytes.
fn ls_scale(base: u32) -> i64 {
    1 << (base >> 30)
}

/// The scale of a pair load/store.
fn lp_scale(base: u32) -> i64 {
    let opc = base >> 30;
    if base & (1 << 26) != 0 {
        4 << opc
    } else {
        4 << (opc >> 1)
    }
}

pub fn encode(form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let o = Ops(ops);
    let base = o.imm(0)? as u32;
    let word = match form {
        R_DN => base | (o.reg(2)? << 5) | o.reg(1)?,
        R_DNM => base | (o.reg(3)? << 16) | (o.reg(2)? << 5) | o.reg(1)?,
        R_DNMA => base | (o.reg(3)? << 16) | (o.reg(4)? << 10) | (o.reg(2)? << 5) | o.reg(1)?,
        R_NM => base | (o.reg(2)? << 16) | (o.reg(1)? << 5),
        R_N => base | (o.reg(1)? << 5),
        SHIFTED => {
            let amount = shift_amount(base, o.imm(4)?)?;
            base | (o.reg(3)? << 16) | (amount << 10) | (o.reg(2)? << 5) | o.reg(1)?
        }
        EXTENDED => {
            let option = check_unsigned(o.imm(4)?, 3, "extend option")?;
            let amount = o.imm(5)?;
            if !(0..=4).contains(&amount) {
                return Err(AsmError::ImmRange(format!(
                    "extend shift {amount} is outside 0..4"
                )));
            }
            base | (o.reg(3)? << 16)
                | (option << 13)
                | ((amount as u32) << 10)
                | (o.reg(2)? << 5)
                | o.reg(1)?
        }
        ADDSUB_IMM => addsub_imm(base, o.reg(1)?, o.reg(2)?, o.imm(3)?)?,
        ADDSUB_IMM12 => {
            let v = check_unsigned(o.imm(3)?, 12, "add/sub immediate (lsl #12)")?;
            base | (1 << 22) | (v << 10) | (o.reg(2)? << 5) | o.reg(1)?
        }
        LOGIC_IMM => {
            let size = width(base);
            let v = reg_value(o.imm(3)?, size, "logical immediate")?;
            let bits = imms::logical_encode(v, size == 64).ok_or_else(|| {
                AsmError::ImmRange(format!("{v:#x} is not a logical (bitmask) immediate"))
            })?;
            base | (bits << 10) | (o.reg(2)? << 5) | o.reg(1)?
        }
        MOVW => {
            let v = check_unsigned(o.imm(2)?, 16, "move-wide immediate")?;
            let sh = o.imm(3)?;
            if sh % 16 != 0 || !(0..width(base)).contains(&sh) {
                return Err(AsmError::ImmRange(format!("move-wide shift {sh}")));
            }
            base | (((sh / 16) as u32) << 21) | (v << 5) | o.reg(1)?
        }
        MOV_CONST => {
            let size = width(base);
            let v = reg_value(o.imm(2)?, size, "constant")?;
            let rd = o.reg(1)?;
            let (wide, steps) = imms::mov_sequence(v, size == 64);
            let sf = u32::from(wide) << 31;
            for step in steps {
                out.put_u32(
                    sf | rd
                        | match step {
                            MovStep::Movz(c, s) => 0x5280_0000 | (s / 16) << 21 | c << 5,
                            MovStep::Movn(c, s) => 0x1280_0000 | (s / 16) << 21 | c << 5,
                            MovStep::Movk(c, s) => 0x7280_0000 | (s / 16) << 21 | c << 5,
                            MovStep::Orr(bits) => 0x3200_03E0 | bits << 10,
                        },
                );
            }
            return Ok(());
        }
        BFM => bitfield(base, &o, o.imm(3)?, o.imm(4)?)?,
        BF_LSL => {
            let size = width(base);
            let sh = shift_amount(base, o.imm(3)?)? as i64;
            bitfield(base, &o, (size - sh) % size, size - 1 - sh)?
        }
        BF_SHR => {
            let sh = shift_amount(base, o.imm(3)?)? as i64;
            bitfield(base, &o, sh, width(base) - 1)?
        }
        BF_EXTRACT => {
            let (_, lsb, w) = lsb_width(base, &o)?;
            bitfield(base, &o, lsb, lsb + w - 1)?
        }
        BF_INSERT => {
            let (size, lsb, w) = lsb_width(base, &o)?;
            bitfield(base, &o, (size - lsb) % size, w - 1)?
        }
        EXTR => {
            let lsb = shift_amount(base, o.imm(4)?)?;
            base | (o.reg(3)? << 16) | (lsb << 10) | (o.reg(2)? << 5) | o.reg(1)?
        }
        CSEL => {
            let cond = check_unsigned(o.imm(4)?, 4, "condition")?;
            base | (o.reg(3)? << 16) | (cond << 12) | (o.reg(2)? << 5) | o.reg(1)?
        }
        CCMP_REG | CCMP_IMM => {
            let rm = if form == CCMP_REG {
                o.reg(2)?
            } else {
                check_unsigned(o.imm(2)?, 5, "ccmp immediate")?
            };
            let nzcv = check_unsigned(o.imm(3)?, 4, "nzcv")?;
            let cond = check_unsigned(o.imm(4)?, 4, "condition")?;
            base | (rm << 16) | (cond << 12) | (o.reg(1)? << 5) | nzcv
        }
        ADR | ADRP => {
            let kind = if form == ADR {
                reloc::ADR21
            } else {
                reloc::ADRP21
            };
            branch(out, base | o.reg(1)?, kind, &o.target(2)?);
            return Ok(());
        }
        B26 => {
            branch(out, base, reloc::IMM26, &o.target(1)?);
            return Ok(());
        }
        B19 => {
            branch(out, base, reloc::IMM19, &o.target(1)?);
            return Ok(());
        }
        CB | LDR_LIT => {
            branch(out, base | o.reg(1)?, reloc::IMM19, &o.target(2)?);
            return Ok(());
        }
        TB => {
            let limit = width(base);
            let bit = o.imm(2)?;
            if !(0..limit).contains(&bit) {
                return Err(AsmError::ImmRange(format!(
                    "tbz/tbnz bit {bit} is outside 0..{}",
                    limit - 1
                )));
            }
            let bit = bit as u32;
            let word = (base & 0x7FFF_FFFF) | ((bit >> 5) << 31) | ((bit & 31) << 19) | o.reg(1)?;
            branch(out, word, reloc::IMM14, &o.target(3)?);
            return Ok(());
        }
        IMM16 => base | (check_unsigned(o.imm(1)?, 16, "brk immediate")? << 5),
        FIXED => base,
        LS_OFF => {
            let off = o.imm(3)?;
            let scale = ls_scale(base);
            let regs = (o.reg(2)? << 5) | o.reg(1)?;
            if off >= 0 && off % scale == 0 && off / scale < 4096 {
                base | 0x0100_0000 | (((off / scale) as u32) << 10) | regs
            } else if (-256..256).contains(&off) {
                base | ((off as u32 & 0x1ff) << 12) | regs
            } else {
                return Err(AsmError::ImmRange(format!(
                    "offset {off} is neither a multiple of {scale} in 0..{} nor in -256..255",
                    4095 * scale
                )));
            }
        }
        LS_UNSCALED | LS_PRE | LS_POST => {
            let imm9 = check_signed(o.imm(3)?, 9, "offset")?;
            let mode = match form {
                LS_UNSCALED => 0,
                LS_PRE => 0xC00,
                _ => 0x400,
            };
            base | mode | (imm9 << 12) | (o.reg(2)? << 5) | o.reg(1)?
        }
        LS_REG => {
            let option = check_unsigned(o.imm(4)?, 3, "extend option")?;
            let s = check_unsigned(o.imm(5)?, 1, "shift flag")?;
            base | 0x0020_0800
                | (o.reg(3)? << 16)
                | (option << 13)
                | (s << 12)
                | (o.reg(2)? << 5)
                | o.reg(1)?
        }
        LP_OFF | LP_PRE | LP_POST => {
            let scale = lp_scale(base);
            let off = imms::check_scaled(o.imm(4)?, scale, "pair offset")?;
            let imm7 = check_signed(off, 7, "pair offset / scale")?;
            let mode = match form {
                LP_POST => 0x0080_0000,
                LP_OFF => 0x0100_0000,
                _ => 0x0180_0000,
            };
            base | mode | (imm7 << 15) | (o.reg(2)? << 10) | (o.reg(3)? << 5) | o.reg(1)?
        }
        FMOV_IMM => {
            let f = f64::from_bits(o.imm(2)? as u64);
            let imm8 = imms::fp8_encode(f)
                .ok_or_else(|| AsmError::ImmRange(format!("{f} is not an 8-bit FP immediate")))?;
            base | (imm8 << 13) | o.reg(1)?
        }
        _ => return Err(AsmError::NoForm(format!("unknown arm64 form {}", form.0))),
    };
    out.put_u32(word);
    Ok(())
}
