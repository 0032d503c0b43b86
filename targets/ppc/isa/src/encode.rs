//! Encoding: a form and its operand values become instruction words.
//!
//! [`encode_word`] is pure (it is also how the disassembler confirms a
//! decoding); [`encode`] adds what needs the code buffer: branch and
//! half-address relocations, and the `li32` macro, whose length depends on
//! its value at run time.

use asm_dsl_core::{AsmError, Emitter, Label, Operand};

use crate::forms::{Form, Hint, Op, LOAD_MULTIPLE, MACRO, UPD_LOAD, UPD_STORE, Y_BIT};
use crate::imms::place;
use crate::reloc;

/// Encodes one word from concrete values, one per operand (branch
/// operands are byte displacements).
pub fn encode_word(form: &Form, vals: &[i64]) -> Result<u32, AsmError> {
    let def = form.def;
    if vals.len() != def.ops.len() {
        return Err(AsmError::NoForm(format!(
            "{} takes {} operands, got {}",
            def.name,
            def.ops.len(),
            vals.len()
        )));
    }
    let mut w = def.base;
    for (&op, &v) in def.ops.iter().zip(vals) {
        w |= place(op, v)?;
    }
    if form.oe {
        w |= 0x400;
    }
    if form.rc {
        w |= 1;
    }
    if let Some(hint) = form.hint {
        // The displacement is the last operand of every hinted form.
        if hint.y(vals.last().copied().unwrap_or(0)) {
            w |= Y_BIT;
        }
    }
    if def.flags & (UPD_LOAD | UPD_STORE) != 0 {
        let ra = (w >> 16) & 31;
        let rd = (w >> 21) & 31;
        if ra == 0 {
            return Err(AsmError::NoForm(format!(
                "{} updates its base register, which cannot be 0",
                def.name
            )));
        }
        if def.flags & UPD_LOAD != 0 && ra == rd {
            return Err(AsmError::NoForm(format!(
                "{} cannot load into its own base register r{ra}",
                def.name
            )));
        }
    }
    if def.flags & LOAD_MULTIPLE != 0 {
        let ra = (w >> 16) & 31;
        let rd = (w >> 21) & 31;
        // The architecture counts rA = 0 as in range too (lmw r0, d(0)).
        if ra >= rd {
            return Err(AsmError::NoForm(format!(
                "{}: base register r{ra} is among the loaded r{rd}..r31",
                def.name
            )));
        }
    }
    Ok(w)
}

/// More operands than any PowerPC form has.
const MAX_OPS: usize = 8;

/// Encodes one statement into the code buffer.
pub fn encode(form: &Form, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    if form.def.flags & MACRO != 0 {
        return li32(ops, out);
    }
    // Operand values, kept inline: encoding must not allocate.
    let mut vals = [0i64; MAX_OPS];
    let mut n = 0;
    if ops.len() > MAX_OPS {
        return Err(AsmError::NoForm(format!(
            "{} takes {} operands, got {}",
            form.def.name,
            form.def.ops.len(),
            ops.len()
        )));
    }
    let mut pending: Option<(asm_dsl_core::RelocKind, Label)> = None;
    for (&op, operand) in form.def.ops.iter().zip(ops) {
        match (op, operand) {
            (Op::Rel24 | Op::Rel14, _) => {
                let label = match operand {
                    Operand::Label(l) => *l,
                    Operand::Imm(a) => Label::Absolute(absolute(*a)?),
                };
                let kind = match (op, form.hint) {
                    (Op::Rel24, _) => reloc::REL24,
                    (_, None) => reloc::REL14,
                    (_, Some(Hint::Taken)) => reloc::REL14_TAKEN,
                    (_, Some(Hint::NotTaken)) => reloc::REL14_NOT_TAKEN,
                };
                pending = Some((kind, label));
                n += 1;
            }
            (_, Operand::Label(l)) => {
                let half = form.half.ok_or_else(|| {
                    AsmError::NoForm(format!("{} does not take a label here", form.def.name))
                })?;
                pending = Some((reloc::half_kind(half), *l));
                n += 1;
            }
            (_, Operand::Imm(v)) => {
                vals[n] = *v;
                n += 1;
            }
        }
    }
    let w = encode_word(form, &vals[..n])?;
    let at = out.offset();
    out.put_u32(w);
    if let Some((kind, label)) = pending {
        out.reloc(kind, at, &label);
    }
    Ok(())
}

/// A branch target given as a number: an absolute 32-bit address.
fn absolute(a: i64) -> Result<u64, AsmError> {
    if (0..=u32::MAX as i64).contains(&a) {
        Ok(a as u64)
    } else {
        Err(AsmError::ImmRange(format!(
            "branch target {a:#x} is not a 32-bit address"
        )))
    }
}

/// `li32 rD, value`: the shortest of `li`, `lis`, or `lis` + `ori`,
/// picked by value; a label address always takes `lis`/`ori` with
/// `@h`/`@l` relocations (its value is not known yet).
fn li32(ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
    let (rd, value) = match ops {
        [Operand::Imm(rd), value] => (*rd, value),
        _ => return Err(AsmError::NoForm("li32 takes rD, value".into())),
    };
    let rd = place(Op::Gpr(&[21]), rd)?;
    const ADDI: u32 = 14 << 26;
    const ADDIS: u32 = 15 << 26;
    const ORI: u32 = 24 << 26;
    let ori = |rd: u32| ORI | rd | (rd >> 5);
    match value {
        Operand::Label(l) => {
            let at = out.offset();
            out.put_u32(ADDIS | rd);
            out.reloc(reloc::ABS_HI, at, l);
            out.put_u32(ori(rd));
            out.reloc(reloc::ABS_LO, at + 4, l);
        }
        Operand::Imm(v) => {
            place(Op::Imm32, *v)?;
            let v = *v as u32;
            if (v as i32) >= -0x8000 && (v as i32) < 0x8000 {
                out.put_u32(ADDI | rd | (v & 0xffff));
            } else {
                out.put_u32(ADDIS | rd | (v >> 16));
                if v & 0xffff != 0 {
                    out.put_u32(ori(rd) | (v & 0xffff));
                }
            }
        }
    }
    Ok(())
}
