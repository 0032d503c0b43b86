//! `encode`: turns a form and its run-time operands into an instruction
//! word. Operand 0 is always the base word (condition and opcode bits, see
//! [`crate::forms`]); the rest are filled into their fields here, with
//! every register and immediate range-checked, because spliced values are
//! only known at run time.

use asm_dsl_core::{AsmError, Emitter, FormId, Label, Operand};

use crate::forms::*;
use crate::imms;
use crate::reloc;

/// The operands of one instruction, with checked accessors.
struct Ops<'a>(&'a [Operand]);

impl Ops<'_> {
    fn get(&self, i: usize) -> Result<&Operand, AsmError> {
        self.0
            .get(i)
            .ok_or_else(|| AsmError::NoForm(format!("operand {i} is missing")))
    }

    fn imm(&self, i: usize) -> Result<i64, AsmError> {
        match self.get(i)? {
            Operand::Imm(v) => Ok(*v),
            Operand::Label(_) => Err(AsmError::NoForm(format!("operand {i} must not be a label"))),
        }
    }

    fn label(&self, i: usize) -> Result<&Label, AsmError> {
        match self.get(i)? {
            Operand::Label(l) => Ok(l),
            Operand::Imm(_) => Err(AsmError::NoForm(format!("operand {i} must be a label"))),
        }
    }

    fn base(&self) -> Result<u32, AsmError> {
        Ok(self.imm(0)? as u32)
    }

    /// A core register other than `pc`, where `pc` is unpredictable.
    fn r_nopc(&self, i: usize) -> Result<u32, AsmError> {
        match self.r(i)? {
            15 => Err(no_pc()),
            r => Ok(r),
        }
    }

    /// A core register number.
    fn r(&self, i: usize) -> Result<u32, AsmError> {
        let v = self.imm(i)?;
        if (0..16).contains(&v) {
            Ok(v as u32)
        } else {
            Err(AsmError::NoForm(format!("r{v} is not a core register")))
        }
    }
}

fn no_pc() -> AsmError {
    AsmError::NoForm("pc is not allowed here".into())
}

/// Places register `n` into the field named by `code` (see [`F_SD`] and
/// [`NOPC`]).
pub fn field(code: i64, n: i64) -> Result<u32, AsmError> {
    if (NOPC..NOPC + 29).contains(&code) {
        if n == 15 {
            return Err(no_pc());
        }
        return field(code - NOPC, n);
    }
    let (limit, name) = match code {
        0..=28 => (16, "r"),
        F_SD | F_SN | F_SM => (32, "s"),
        F_DD | F_DN | F_DM => (16, "d"),
        _ => return Err(AsmError::NoForm(format!("bad field code {code}"))),
    };
    if !(0..limit).contains(&n) {
        return Err(AsmError::NoForm(format!(
            "{name}{n} is not a register here (VFPv3-D16 has d0..d15, s0..s31)"
        )));
    }
    let n = n as u32;
    Ok(match code {
        F_SD => ((n >> 1) << 12) | ((n & 1) << 22),
        F_SN => ((n >> 1) << 16) | ((n & 1) << 7),
        F_SM => (n >> 1) | ((n & 1) << 5),
        F_DD => n << 12,
        F_DN => n << 16,
        F_DM => n,
        shift => n << shift,
    })
}

/// The `imm5:type` bits of a shift by an immediate (type 4 is `rrx`).
fn shift_imm(ty: i64, amount: i64) -> Result<u32, AsmError> {
    let (lo, hi) = match ty {
        0 => (0, 31),
        1 | 2 => (1, 32),
        3 => (1, 31),
        4 => return Ok(3 << 5),
        _ => return Err(AsmError::NoForm(format!("bad shift type {ty}"))),
    };
    let a = imms::range(amount, lo, hi, "shift amount")?;
    Ok(((a & 31) << 7) | ((ty as u32) << 5))
}

fn put(out: &mut Emitter<'_>, w: u32) {
    out.put_u32(w);
}

/// Encodes one instruction.
pub fn encode(form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let o = Ops(ops);
    let base = o.base()?;
    let w = match form {
        DP_IMM => base | (o.r(1)? << 12) | (o.r(2)? << 16) | imms::rotated_checked(o.imm(3)?)?,
        DP_SHIFT_IMM => {
            base | (o.r(1)? << 12) | (o.r(2)? << 16) | o.r(3)? | shift_imm(o.imm(4)?, o.imm(5)?)?
        }
        DP_SHIFT_REG => {
            let ty = imms::range(o.imm(4)?, 0, 3, "shift type")?;
            base | (o.r(1)? << 12) | (o.r(2)? << 16) | o.r(3)? | (ty << 5) | (o.r(5)? << 8) | 0x10
        }
        MOVW => {
            let v = imms::range(o.imm(2)?, 0, 0xffff, "16-bit immediate")?;
            base | (o.r_nopc(1)? << 12) | ((v >> 12) << 16) | (v & 0xfff)
        }
        FIELDS => {
            let mut w = base;
            let mut i = 1;
            while i + 1 < ops.len() {
                w |= field(o.imm(i)?, o.imm(i + 1)?)?;
                i += 2;
            }
            w
        }
        EXTEND => {
            let rot = o.imm(3)?;
            if !matches!(rot, 0 | 8 | 16 | 24) {
                return Err(AsmError::ImmRange(format!(
                    "rotation {rot} is not 0, 8, 16 or 24"
                )));
            }
            base | (o.r_nopc(1)? << 12) | o.r_nopc(2)? | ((rot as u32 / 8) << 10)
        }
        BFX | BFI => {
            let lsb = imms::range(o.imm(3)?, 0, 31, "bit-field lsb")?;
            let width = imms::range(o.imm(4)?, 1, 32 - lsb as i64, "bit-field width")?;
            let top = if form == BFX {
                width - 1
            } else {
                lsb + width - 1
            };
            base | (o.r(1)? << 12) | o.r(2)? | (lsb << 7) | (top << 16)
        }
        MEM_IMM => {
            let (up, mag) = imms::offset(o.imm(3)?, 4095, 1, base & (1 << 23) == 0)?;
            (base & !(1 << 23)) | (up << 23) | (o.r(1)? << 12) | (o.r(2)? << 16) | mag
        }
        MEM_REG => {
            let rm = o.r_nopc(3)?;
            base | (o.r(1)? << 12) | (o.r(2)? << 16) | rm | shift_imm(o.imm(4)?, o.imm(5)?)?
        }
        MEMX_IMM => {
            let (up, mag) = imms::offset(o.imm(3)?, 255, 1, base & (1 << 23) == 0)?;
            let w = (base & !(1 << 23)) | (up << 23) | (o.r_nopc(1)? << 12) | (o.r(2)? << 16);
            w | ((mag >> 4) << 8) | (mag & 15)
        }
        MEMX_REG => base | (o.r_nopc(1)? << 12) | (o.r(2)? << 16) | o.r_nopc(3)?,
        MEMD_IMM | MEMD_REG => {
            let rt = o.r(1)?;
            let implicit = o.imm(2)? == -1;
            if rt & 1 != 0 || rt == 14 || (!implicit && o.r(2)? != rt + 1) {
                return Err(AsmError::NoForm(format!(
                    "ldrd/strd need an even pair below lr (r{rt}, r{})",
                    rt + 1
                )));
            }
            let w = if form == MEMD_IMM {
                let (up, mag) = imms::offset(o.imm(4)?, 255, 1, base & (1 << 23) == 0)?;
                (base & !(1 << 23)) | (up << 23) | ((mag >> 4) << 8) | (mag & 15)
            } else {
                base | o.r_nopc(4)?
            };
            w | (rt << 12) | (o.r(3)? << 16)
        }
        MEM_LIT => {
            out.reloc(reloc::LDR12, out.offset(), o.label(2)?);
            base | (o.r(1)? << 12)
        }
        BLOCK => {
            let mut mask = 0u32;
            for i in 2..ops.len() {
                mask |= 1 << o.r(i)?;
            }
            if mask == 0 {
                return Err(AsmError::NoForm("empty register list".into()));
            }
            base | (o.r_nopc(1)? << 16) | mask
        }
        BRANCH => {
            out.reloc(reloc::B24, out.offset(), o.label(1)?);
            base
        }
        BRANCH_ABS => {
            let target = imms::word(o.imm(1)?, "branch target")?;
            out.reloc(reloc::B24, out.offset(), &Label::Absolute(target as u64));
            base
        }
        WORD => base,
        IMM16_SPLIT => {
            let v = imms::range(o.imm(1)?, 0, 0xffff, "16-bit immediate")?;
            base | ((v >> 4) << 8) | (v & 15)
        }
        SVC => base | imms::range(o.imm(1)?, 0, 0xff_ffff, "svc number")?,
        VMEM => {
            let (up, mag) = imms::offset(o.imm(4)?, 1020, 4, base & (1 << 23) == 0)?;
            let w = (base & !(1 << 23)) | (up << 23) | field(o.imm(1)?, o.imm(2)?)?;
            w | (o.r(3)? << 16) | mag
        }
        VMEM_LIT => {
            out.reloc(reloc::VLDR8, out.offset(), o.label(3)?);
            base | field(o.imm(1)?, o.imm(2)?)?
        }
        VBLOCK => {
            let code = o.imm(1)?;
            let (first, last) = (o.imm(3)?, o.imm(4)?);
            let double = code == F_DD;
            let limit = if double { 16 } else { 32 };
            if first > last || last >= limit || first < 0 {
                return Err(AsmError::NoForm(format!(
                    "bad VFP register range {first}-{last}"
                )));
            }
            let words = (last - first + 1) as u32 * if double { 2 } else { 1 };
            base | field(code, first)? | (o.r(2)? << 16) | words
        }
        VMOV_IMM => base | field(o.imm(1)?, o.imm(2)?)? | vfp_imm_fields(o.imm(3)?)?,
        MOV32 => return mov32(base, o.r(1)?, o.imm(2)?, out),
        ADR => {
            out.reloc(reloc::ADR, out.offset(), o.label(2)?);
            base | (o.r(1)? << 12)
        }
        _ => return Err(AsmError::NoForm(format!("unknown ARM form {}", form.0))),
    };
    put(out, w);
    Ok(())
}

fn vfp_imm_fields(imm8: i64) -> Result<u32, AsmError> {
    let v = imms::range(imm8, 0, 255, "VFP immediate code")?;
    Ok(((v >> 4) << 16) | (v & 15))
}

/// Loads any 32-bit constant into `rd`: `mov` or `mvn` of a rotated
/// immediate when one fits (one instruction), else `movw` and, when the
/// high half is not zero, `movt`. `base` holds only the condition.
fn mov32(base: u32, rd: u32, value: i64, out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let v = imms::word(value, "constant")?;
    let cond = base & 0xf000_0000;
    let rd = rd << 12;
    if let Some(f) = imms::rotated(v) {
        put(out, cond | 0x03a0_0000 | rd | f);
    } else if let Some(f) = imms::rotated(!v) {
        put(out, cond | 0x03e0_0000 | rd | f);
    } else {
        let movw = |half: u32| ((half >> 12) << 16) | (half & 0xfff);
        put(out, cond | 0x0300_0000 | rd | movw(v & 0xffff));
        if v >> 16 != 0 {
            put(out, cond | 0x0340_0000 | rd | movw(v >> 16));
        }
    }
    Ok(())
}
