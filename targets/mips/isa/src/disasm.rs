//! The disassembler: one instruction word back to the text the parser
//! accepts, so that text → bytes → text round-trips.
//!
//! It walks the form table in order and takes the first form whose fixed
//! bits match, so aliases win (`move` for `or rd, rs, $zero`, `b` for
//! `beq $zero, $zero`); `li` is never printed, its expansion is. Branch and
//! jump targets print as absolute addresses (the parser takes those).
//! Signed immediates print in decimal, the zero-extended ones of the
//! logical instructions and `lui` in hex, as objdump does. Words this
//! assembler cannot produce (reserved encodings, odd double registers)
//! are refused rather than guessed at.

use asm_dsl_core::{AsmError, Endian};

use crate::forms::{self, Form, Kind, Op};
use crate::regs::GPR_NAMES;
use crate::reloc;

pub fn disassemble(endian: Endian, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
    let w = reloc::word(endian, code)
        .ok_or_else(|| AsmError::Undecodable(format!("need 4 bytes, have {}", code.len())))?;
    for (_, f) in forms::all() {
        if f.kind == Kind::Li || w & f.fixed_mask() != f.word || f.breaks_link_rule(w) {
            continue;
        }
        if let Some(text) = print(f, w, addr) {
            return Ok((4, text));
        }
    }
    Err(AsmError::Undecodable(format!("{w:#010x}")))
}

fn bits(w: u32, shift: u8, width: u32) -> u32 {
    (w >> shift) & ((1 << width) - 1)
}

/// The text of `w` as form `f`, or None if a field holds a value the form
/// cannot express.
fn print(f: &Form, w: u32, addr: u64) -> Option<String> {
    let mut parts = Vec::new();
    for &op in f.ops {
        parts.push(match op {
            Op::Gpr(s) => format!("${}", GPR_NAMES[bits(w, s, 5) as usize]),
            Op::Gpr2(a, b) => {
                if bits(w, a, 5) != bits(w, b, 5) {
                    return None;
                }
                format!("${}", GPR_NAMES[bits(w, a, 5) as usize])
            }
            Op::Fcr(s) => format!("${}", bits(w, s, 5)),
            Op::Fpr(s) => format!("$f{}", bits(w, s, 5)),
            Op::Dbl(s) => {
                let n = bits(w, s, 5);
                if n & 1 != 0 {
                    return None;
                }
                format!("$f{n}")
            }
            Op::Cc(s) => format!("$fcc{}", bits(w, s, 3)),
            Op::SImm16 => format!("{}", w as u16 as i16),
            Op::UImm16 => format!("{:#x}", w & 0xffff),
            Op::Shamt | Op::BitPos => format!("{}", bits(w, 6, 5)),
            Op::Code10 => format!("{}", bits(w, 16, 10)),
            Op::Mem => format!(
                "{}(${})",
                w as u16 as i16,
                GPR_NAMES[bits(w, 21, 5) as usize]
            ),
            Op::Br16 => {
                let delta = (w as u16 as i16 as i64) << 2;
                let t = (addr as i64 + 4 + delta) as u64 & 0xffff_ffff;
                format!("{t:#x}")
            }
            Op::J26 => {
                let t = ((addr + 4) & !0x0fff_ffff) | ((w as u64 & 0x03ff_ffff) << 2);
                format!("{:#x}", t & 0xffff_ffff)
            }
            Op::BitSize => {
                let pos = bits(w, 6, 5);
                let stored = bits(w, 11, 5);
                let size = if f.kind == Kind::Ins {
                    if stored < pos {
                        return None;
                    }
                    stored - pos + 1
                } else {
                    if pos + stored + 1 > 32 {
                        return None;
                    }
                    stored + 1
                };
                format!("{size}")
            }
            Op::Value => return None,
        });
    }
    Some(if parts.is_empty() {
        f.mnem.to_string()
    } else {
        format!("{} {}", f.mnem, parts.join(", "))
    })
}
