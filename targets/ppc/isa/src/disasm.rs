//! The disassembler: one word back to text in the syntax the parser reads.
//!
//! It tries the form table in order (see `forms`): for each entry with the
//! word's primary opcode, it reads every operand field and accepts the
//! entry if encoding those operands gives back the same word. So the
//! printer can never show text that would assemble differently, reserved
//! bits that are set make a word undecodable, and aliases win because
//! they come first. Branch targets print as absolute addresses.

use asm_dsl_core::AsmError;

use crate::encode::encode_word;
use crate::forms::{takes_hint, Form, Hint, Op, DEFS, MACRO, OE, PARSE_ONLY, RC, Y_BIT};
use crate::imms::extract;
use crate::regs::{name, Class};

pub fn disassemble(code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
    let bytes: [u8; 4] = code
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| AsmError::Undecodable("fewer than 4 bytes".into()))?;
    let w = u32::from_be_bytes(bytes);
    for (index, def) in DEFS.iter().enumerate() {
        if def.flags & (PARSE_ONLY | MACRO) != 0 || def.base >> 26 != w >> 26 {
            continue;
        }
        let form = Form {
            def,
            index,
            oe: def.flags & OE != 0 && w & 0x400 != 0,
            rc: def.flags & RC != 0 && w & 1 != 0,
            half: None,
            hint: None,
        };
        let vals: Vec<i64> = def.ops.iter().map(|&op| extract(op, w)).collect();
        let mut form = form;
        if takes_hint(def) && w & Y_BIT != 0 {
            form.hint = Some(Hint::of_y(vals.last().copied().unwrap_or(0)));
        }
        if encode_word(&form, &vals).ok() == Some(w) {
            return Ok((4, print(&form, &vals, addr)));
        }
    }
    Err(AsmError::Undecodable(format!("{w:08x}")))
}

fn print(form: &Form, vals: &[i64], addr: u64) -> String {
    let mut text = form.mnemonic();
    let mut sep = " ";
    for (&op, &v) in form.def.ops.iter().zip(vals) {
        let s = match op {
            Op::CrfOpt(_) if v == 0 => continue,
            Op::Gpr(_) => name(Class::Gpr, v as u32),
            Op::Fpr(_) => name(Class::Fpr, v as u32),
            Op::Crf(_) | Op::CrfOpt(_) => name(Class::Crf, v as u32),
            Op::Gpr0 if v == 0 => "0".to_string(),
            Op::Gpr0 => name(Class::Gpr, v as u32),
            Op::Disp => {
                text.push_str(sep);
                text.push_str(&v.to_string());
                sep = "";
                continue;
            }
            Op::Base if v == 0 => "(0)".to_string(),
            Op::Base => format!("({})", name(Class::Gpr, v as u32)),
            Op::Rel24 | Op::Rel14 => {
                format!("{:#x}", (addr as i64).wrapping_add(v) as u64 & 0xffff_ffff)
            }
            Op::Abs24 => format!("{:#x}", v as u64 & 0xffff_ffff),
            _ => v.to_string(),
        };
        text.push_str(sep);
        text.push_str(&s);
        sep = ", ";
    }
    text
}
