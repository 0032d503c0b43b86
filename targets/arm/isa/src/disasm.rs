//! The disassembler: one 32-bit word to text in exactly the syntax the
//! parser accepts, so text → bytes → text round-trips. Names and forms
//! follow GNU objdump (`sl`/`fp`/`ip`, `push`/`pop`, shift aliases of
//! `mov`, `lsr #32`), with a few deliberate differences: `ldrd` names
//! both registers, `nop` has no hint operand, immediates are decimal up to
//! 0xffff and hex above, and branch targets are absolute hex addresses.
//!
//! Encodings this assembler cannot produce (other coprocessors, Thumb
//! interworking with an immediate, user-mode loads, register fields that
//! must be zero but are not) are refused as undecodable rather than
//! printed as something that would not assemble back to the same bytes.

use asm_dsl_core::AsmError;

use crate::forms::cond_suffix;
use crate::imms;
use crate::regs::core_name;

/// Prints an immediate: decimal up to 0xffff, hex above.
pub fn fmt_imm(v: u32) -> String {
    if v <= 0xffff {
        format!("{v}")
    } else {
        format!("{v:#x}")
    }
}

pub(crate) fn r(w: u32, shift: u32) -> &'static str {
    core_name((w >> shift) & 15)
}

/// Whether any of the core register fields at `shifts` holds pc, which
/// those instructions make unpredictable (the assembler refuses it).
pub(crate) fn has_pc(w: u32, shifts: &[u32]) -> bool {
    shifts.iter().any(|&s| (w >> s) & 15 == 15)
}

/// Decodes the instruction at the start of `code`, which sits at `addr`.
pub fn disassemble(code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
    let b = code
        .get(..4)
        .ok_or_else(|| AsmError::Undecodable(format!("{} bytes is not a word", code.len())))?;
    let w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    decode(w, addr).map(|t| (4, t)).ok_or_else(|| {
        AsmError::Undecodable(format!(
            "{w:#010x} is not an instruction xlj's ARM assembler knows"
        ))
    })
}

fn decode(w: u32, addr: u64) -> Option<String> {
    let cond = w >> 28;
    if cond == 15 {
        return None;
    }
    let cs = cond_suffix(cond);
    match (w >> 25) & 7 {
        0 if w & 0x90 == 0x90 => mul_or_extra(w, cs),
        0 if w & 0x0190_0000 == 0x0100_0000 => misc(w, cs),
        0 => dp(w, cs),
        1 if w & 0x0190_0000 == 0x0100_0000 => {
            if (w & 0x0ff0_0000 == 0x0300_0000 || w & 0x0ff0_0000 == 0x0340_0000)
                && !has_pc(w, &[12])
            {
                let mn = if w & (1 << 22) != 0 { "movt" } else { "movw" };
                let v = ((w >> 4) & 0xf000) | (w & 0xfff);
                Some(format!("{mn}{cs} {}, #{}", r(w, 12), fmt_imm(v)))
            } else if w & 0x0fff_ffff == 0x0320_f000 {
                Some(format!("nop{cs}"))
            } else {
                None
            }
        }
        1 => dp(w, cs),
        2 => mem(w, cs),
        3 if w & 0x10 == 0 => mem(w, cs),
        3 => media(w, cs),
        4 => block(w, cs),
        5 => {
            let off = ((w << 8) as i32 >> 6) as i64;
            let target = (addr as i64).wrapping_add(8).wrapping_add(off) as u32;
            let mn = if w & (1 << 24) != 0 { "bl" } else { "b" };
            Some(format!("{mn}{cs} {target:#x}"))
        }
        7 if w & (1 << 24) != 0 => Some(format!("svc{cs} #{}", fmt_imm(w & 0xff_ffff))),
        _ => crate::disasm_vfp::decode(w, cs),
    }
}

const DP_NAMES: [&str; 16] = [
    "and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr",
    "mov", "bic", "mvn",
];

const SHIFTS: [&str; 4] = ["lsl", "lsr", "asr", "ror"];

/// The shift suffix of a register operand shifted by an immediate.
fn shift_imm_text(w: u32) -> String {
    let ty = (w >> 5) & 3;
    let amount = (w >> 7) & 31;
    match (ty, amount) {
        (0, 0) => String::new(),
        (1 | 2, 0) => format!(", {} #32", SHIFTS[ty as usize]),
        (3, 0) => ", rrx".to_string(),
        _ => format!(", {} #{amount}", SHIFTS[ty as usize]),
    }
}

fn dp(w: u32, cs: &str) -> Option<String> {
    let opc = (w >> 21) & 15;
    let s = if w & (1 << 20) != 0 { "s" } else { "" };
    let name = DP_NAMES[opc as usize];
    let op2 = if w & (1 << 25) != 0 {
        let v = imms::unrotate(w & 0xfff);
        // Another rotation of the same value is what the assembler (and
        // GNU as) would pick; printing it would not round-trip.
        if imms::rotated(v) != Some(w & 0xfff) {
            return None;
        }
        format!("#{}", fmt_imm(v))
    } else if w & 0x10 != 0 {
        let ty = SHIFTS[((w >> 5) & 3) as usize];
        format!("{}, {ty} {}", r(w, 0), r(w, 8))
    } else {
        format!("{}{}", r(w, 0), shift_imm_text(w))
    };
    let (rn, rd) = ((w >> 16) & 15, (w >> 12) & 15);
    match opc {
        8..=11 => {
            if rd != 0 {
                return None;
            }
            Some(format!("{name}{cs} {}, {op2}", r(w, 16)))
        }
        13 | 15 => {
            if rn != 0 {
                return None;
            }
            if opc == 13 && w & (1 << 25) == 0 {
                return Some(mov_alias(w, s, cs));
            }
            Some(format!("{name}{s}{cs} {}, {op2}", r(w, 12)))
        }
        _ => Some(format!("{name}{s}{cs} {}, {}, {op2}", r(w, 12), r(w, 16))),
    }
}

/// `mov` of a shifted register is printed as the shift (`lsl r0, r1, #3`).
fn mov_alias(w: u32, s: &str, cs: &str) -> String {
    let (rd, rm) = (r(w, 12), r(w, 0));
    let ty = ((w >> 5) & 3) as usize;
    if w & 0x10 != 0 {
        return format!("{}{s}{cs} {rd}, {rm}, {}", SHIFTS[ty], r(w, 8));
    }
    let amount = (w >> 7) & 31;
    match (ty, amount) {
        (0, 0) => format!("mov{s}{cs} {rd}, {rm}"),
        (3, 0) => format!("rrx{s}{cs} {rd}, {rm}"),
        (1 | 2, 0) => format!("{}{s}{cs} {rd}, {rm}, #32", SHIFTS[ty]),
        _ => format!("{}{s}{cs} {rd}, {rm}, #{amount}", SHIFTS[ty]),
    }
}

/// Opcodes 10xx without S: branches to registers, clz, bkpt.
fn misc(w: u32, cs: &str) -> Option<String> {
    match w & 0x0fff_fff0 {
        0x012f_ff10 => return Some(format!("bx{cs} {}", r(w, 0))),
        0x012f_ff30 => return Some(format!("blx{cs} {}", r(w, 0))),
        _ => {}
    }
    if w & 0x0fff_0ff0 == 0x016f_0f10 && !has_pc(w, &[12, 0]) {
        return Some(format!("clz{cs} {}, {}", r(w, 12), r(w, 0)));
    }
    if w & 0xfff0_00f0 == 0xe120_0070 {
        return Some(format!("bkpt #{}", ((w >> 4) & 0xfff0) | (w & 15)));
    }
    None
}

/// Multiplies and the halfword/signed/dual loads and stores.
fn mul_or_extra(w: u32, cs: &str) -> Option<String> {
    let s = if w & (1 << 20) != 0 { "s" } else { "" };
    if w & 0x60 == 0 {
        if w & 0x0f00_0000 != 0 || has_pc(w, &[16, 8, 0]) {
            return None;
        }
        if (w >> 21) & 7 != 0 && has_pc(w, &[12]) {
            return None;
        }
        let (rd, ra, rm, rn) = (r(w, 16), r(w, 12), r(w, 8), r(w, 0));
        return match (w >> 21) & 7 {
            0 if (w >> 12) & 15 == 0 => Some(format!("mul{s}{cs} {rd}, {rn}, {rm}")),
            1 => Some(format!("mla{s}{cs} {rd}, {rn}, {rm}, {ra}")),
            3 if s.is_empty() => Some(format!("mls{cs} {rd}, {rn}, {rm}, {ra}")),
            op @ 4..=7 => {
                let name = ["umull", "umlal", "smull", "smlal"][op as usize - 4];
                Some(format!("{name}{s}{cs} {ra}, {rd}, {rn}, {rm}"))
            }
            _ => None,
        };
    }
    let (p, wb) = (w & (1 << 24) != 0, w & (1 << 21) != 0);
    if !p && wb {
        return None;
    }
    let load = w & (1 << 20) != 0;
    let name = match ((w >> 5) & 3, load) {
        (1, false) => "strh",
        (2, false) => "ldrd",
        (3, false) => "strd",
        (1, true) => "ldrh",
        (2, true) => "ldrsb",
        (3, true) => "ldrsh",
        _ => return None,
    };
    let rt = (w >> 12) & 15;
    if rt == 15 || (w & (1 << 22) == 0 && has_pc(w, &[0])) {
        return None;
    }
    let regs = if name.ends_with('d') {
        if rt & 1 != 0 || rt == 14 {
            return None;
        }
        format!("{}, {}", core_name(rt), core_name(rt + 1))
    } else {
        core_name(rt).to_string()
    };
    let addr = if w & (1 << 22) != 0 {
        imm_addr(w, ((w >> 4) & 0xf0) | (w & 15))
    } else {
        if w & 0xf00 != 0 {
            return None;
        }
        reg_addr(w, String::new())
    };
    Some(format!("{name}{cs} {regs}, {addr}"))
}

/// `[rn, #±off]{!}`, `[rn]` or `[rn], #±off` from P, U, W and `off`.
pub(crate) fn imm_addr(w: u32, off: u32) -> String {
    let (p, up, wb) = (w & (1 << 24) != 0, w & (1 << 23) != 0, w & (1 << 21) != 0);
    let sign = if up { "" } else { "-" };
    let rn = r(w, 16);
    if !p {
        format!("[{rn}], #{sign}{off}")
    } else if off == 0 && up && !wb {
        format!("[{rn}]")
    } else {
        format!("[{rn}, #{sign}{off}]{}", if wb { "!" } else { "" })
    }
}

fn reg_addr(w: u32, shift: String) -> String {
    let (p, up, wb) = (w & (1 << 24) != 0, w & (1 << 23) != 0, w & (1 << 21) != 0);
    let sign = if up { "" } else { "-" };
    let (rn, rm) = (r(w, 16), r(w, 0));
    if p {
        format!("[{rn}, {sign}{rm}{shift}]{}", if wb { "!" } else { "" })
    } else {
        format!("[{rn}], {sign}{rm}{shift}")
    }
}

fn mem(w: u32, cs: &str) -> Option<String> {
    let (p, wb) = (w & (1 << 24) != 0, w & (1 << 21) != 0);
    if !p && wb {
        return None;
    }
    match w & 0x0fff_0fff {
        0x052d_0004 => return Some(format!("push{cs} {{{}}}", r(w, 12))),
        0x049d_0004 => return Some(format!("pop{cs} {{{}}}", r(w, 12))),
        _ => {}
    }
    let load = w & (1 << 20) != 0;
    let name = match (load, w & (1 << 22) != 0) {
        (true, false) => "ldr",
        (true, true) => "ldrb",
        (false, false) => "str",
        (false, true) => "strb",
    };
    let addr = if w & (1 << 25) == 0 {
        imm_addr(w, w & 0xfff)
    } else if has_pc(w, &[0]) {
        return None;
    } else {
        reg_addr(w, shift_imm_text(w))
    };
    Some(format!("{name}{cs} {}, {addr}", r(w, 12)))
}

/// Media instructions: extends, bit fields, byte reversal, division, udf.
fn media(w: u32, cs: &str) -> Option<String> {
    let (rd, rn) = (r(w, 12), r(w, 0));
    if w & 0xfff0_00f0 == 0xe7f0_00f0 {
        return Some(format!("udf #{}", ((w >> 4) & 0xfff0) | (w & 15)));
    }
    if w & 0x0fa0_0070 == 0x07a0_0050 {
        let name = if w & (1 << 22) != 0 { "ubfx" } else { "sbfx" };
        let (lsb, width) = ((w >> 7) & 31, ((w >> 16) & 31) + 1);
        if lsb + width > 32 {
            return None;
        }
        return Some(format!("{name}{cs} {rd}, {rn}, #{lsb}, #{width}"));
    }
    if w & 0x0fe0_0070 == 0x07c0_0010 {
        let (lsb, msb) = ((w >> 7) & 31, (w >> 16) & 31);
        if msb < lsb {
            return None;
        }
        let width = msb - lsb + 1;
        return Some(if w & 15 == 15 {
            format!("bfc{cs} {rd}, #{lsb}, #{width}")
        } else {
            format!("bfi{cs} {rd}, {rn}, #{lsb}, #{width}")
        });
    }
    let any_pc = has_pc(w, &[12, 0]);
    if w & 0x0f8f_03f0 == 0x068f_0070 && !any_pc {
        let name = match (w >> 20) & 7 {
            2 => "sxtb",
            3 => "sxth",
            6 => "uxtb",
            7 => "uxth",
            _ => return None,
        };
        let rot = (w >> 10) & 3;
        let ror = if rot == 0 {
            String::new()
        } else {
            format!(", ror #{}", rot * 8)
        };
        return Some(format!("{name}{cs} {rd}, {rn}{ror}"));
    }
    let name = match w & 0x0fff_0ff0 {
        0x06bf_0f30 => "rev",
        0x06bf_0fb0 => "rev16",
        0x06ff_0fb0 => "revsh",
        _ => match w & 0x0ff0_f0f0 {
            0x0710_f010 => "sdiv",
            0x0730_f010 => "udiv",
            _ => return None,
        },
    };
    if name.ends_with("div") {
        if has_pc(w, &[16, 8, 0]) {
            return None;
        }
        return Some(format!("{name}{cs} {}, {}, {}", r(w, 16), rn, r(w, 8)));
    }
    if any_pc {
        return None;
    }
    Some(format!("{name}{cs} {rd}, {rn}"))
}

/// Prints a core register mask as `{r4, r5, lr}`.
pub(crate) fn reg_list(mask: u32) -> String {
    let names: Vec<&str> = (0..16)
        .filter(|i| mask & (1 << i) != 0)
        .map(core_name)
        .collect();
    format!("{{{}}}", names.join(", "))
}

fn block(w: u32, cs: &str) -> Option<String> {
    let mask = w & 0xffff;
    if w & (1 << 22) != 0 || mask == 0 || has_pc(w, &[16]) {
        return None;
    }
    let load = w & (1 << 20) != 0;
    let wb = w & (1 << 21) != 0;
    let rn = (w >> 16) & 15;
    let mode = ((w >> 23) & 3) as usize;
    if rn == 13 && wb && mask.count_ones() > 1 {
        match (load, mode) {
            (true, 1) => return Some(format!("pop{cs} {}", reg_list(mask))),
            (false, 2) => return Some(format!("push{cs} {}", reg_list(mask))),
            _ => {}
        }
    }
    let base = if load { "ldm" } else { "stm" };
    let suffix = ["da", "", "db", "ib"][mode];
    let bang = if wb { "!" } else { "" };
    Some(format!(
        "{base}{suffix}{cs} {}{bang}, {}",
        core_name(rn),
        reg_list(mask)
    ))
}
