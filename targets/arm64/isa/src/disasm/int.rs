//! Integer data processing: immediate and register groups.

use super::*;
use crate::imms::logical_decode;

const SHIFTS: [&str; 4] = ["lsl", "lsr", "asr", "ror"];
const EXTENDS: [&str; 8] = [
    "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx",
];

pub(super) fn dp_imm(w: u32, addr: u64) -> Option<String> {
    let c = gclass(w);
    let size = if c == Class::X { 64 } else { 32 };
    let rd = |role| reg(w, 0, c, role);
    let rn = |role| reg(w, 5, c, role);
    match field(w, 23, 3) {
        0 | 1 => {
            let lo = field(w, 29, 2) as i64;
            let hi = sfield(w, 5, 19);
            let imm = (hi << 2) | lo;
            let d = reg(w, 0, Class::X, Role::Zr);
            if w >> 31 == 0 {
                Some(fmt("adr", &[d, target(addr, imm)]))
            } else {
                Some(fmt("adrp", &[d, target(addr & !0xfff, imm << 12)]))
            }
        }
        2 => {
            let (op, s) = (field(w, 30, 1), field(w, 29, 1));
            let sh = field(w, 22, 1);
            let imm = field(w, 10, 12) as u64;
            let mut ops = vec![hex(imm)];
            if sh != 0 {
                ops.push("lsl #12".into());
            }
            let d_role = if s == 1 { Role::Zr } else { Role::Sp };
            if s == 1 && field(w, 0, 5) == 31 {
                ops.insert(0, rn(Role::Sp));
                return Some(fmt(if op == 1 { "cmp" } else { "cmn" }, &ops));
            }
            if op == 0
                && s == 0
                && sh == 0
                && imm == 0
                && (field(w, 0, 5) == 31 || field(w, 5, 5) == 31)
            {
                return Some(fmt("mov", &[rd(Role::Sp), rn(Role::Sp)]));
            }
            ops.insert(0, rn(Role::Sp));
            ops.insert(0, rd(d_role));
            let m = ["add", "adds", "sub", "subs"][(op * 2 + s) as usize];
            Some(fmt(m, &ops))
        }
        4 => {
            let opc = field(w, 29, 2);
            let v = logical_decode(
                field(w, 22, 1),
                field(w, 16, 6),
                field(w, 10, 6),
                c == Class::X,
            )?;
            if opc == 3 && field(w, 0, 5) == 31 {
                return Some(fmt("tst", &[rn(Role::Zr), hex(v)]));
            }
            // objdump prints `orr` when one movz/movn could load the value
            // instead, except into sp, which movz cannot write.
            if opc == 1
                && field(w, 5, 5) == 31
                && (field(w, 0, 5) == 31 || !move_wide_fits(v, size))
            {
                return Some(fmt("mov", &[rd(Role::Sp), hex(v)]));
            }
            let d_role = if opc == 3 { Role::Zr } else { Role::Sp };
            let m = ["and", "orr", "eor", "ands"][opc as usize];
            Some(fmt(m, &[rd(d_role), rn(Role::Zr), hex(v)]))
        }
        5 => {
            let opc = field(w, 29, 2);
            let hw = field(w, 21, 2);
            if opc == 1 || (size == 32 && hw >= 2) {
                return None;
            }
            let imm = field(w, 5, 16) as u64;
            let shift = hw * 16;
            let mask = if size == 64 { u64::MAX } else { 0xffff_ffff };
            let d = rd(Role::Zr);
            let plain = !(imm == 0 && hw != 0);
            match opc {
                2 if plain => return Some(fmt("mov", &[d, hex(imm << shift)])),
                0 if plain && (size == 64 || imm != 0xffff) => {
                    return Some(fmt("mov", &[d, hex(!(imm << shift) & mask)]))
                }
                _ => {}
            }
            let m = ["movn", "", "movz", "movk"][opc as usize];
            let mut ops = vec![d, hex(imm)];
            if hw != 0 {
                ops.push(format!("lsl #{shift}"));
            }
            Some(fmt(m, &ops))
        }
        6 => bitfield(w, c, size),
        7 => {
            if field(w, 29, 2) != 0 || field(w, 22, 1) != w >> 31 || field(w, 21, 1) != 0 {
                return None;
            }
            let lsb = field(w, 10, 6);
            if lsb >= size {
                return None;
            }
            let (d, n, m) = (rd(Role::Zr), rn(Role::Zr), reg(w, 16, c, Role::Zr));
            if field(w, 5, 5) == field(w, 16, 5) {
                return Some(fmt("ror", &[d, n, format!("#{lsb}")]));
            }
            Some(fmt("extr", &[d, n, m, format!("#{lsb}")]))
        }
        _ => None,
    }
}

/// Whether one movz or movn makes `v`, in which case objdump prints an
/// `orr` with the same value as `orr` rather than `mov`.
fn move_wide_fits(v: u64, size: u32) -> bool {
    let mask = if size == 64 { u64::MAX } else { 0xffff_ffff };
    let one_chunk = |x: u64| {
        (0..size / 16)
            .filter(|i| (x >> (16 * i)) & 0xffff != 0)
            .count()
            <= 1
    };
    one_chunk(v & mask) || one_chunk(!v & mask)
}

fn bitfield(w: u32, c: Class, size: u32) -> Option<String> {
    let opc = field(w, 29, 2);
    if opc == 3 || field(w, 22, 1) != w >> 31 {
        return None;
    }
    let immr = field(w, 16, 6);
    let imms = field(w, 10, 6);
    if immr >= size || imms >= size {
        return None;
    }
    let d = reg(w, 0, c, Role::Zr);
    let n = reg(w, 5, c, Role::Zr);
    let nw = reg(w, 5, Class::W, Role::Zr);
    let imm = |v: u32| format!("#{v}");
    let top = size - 1;
    let ins = |m: &str| fmt(m, &[d.clone(), n.clone(), imm(size - immr), imm(imms + 1)]);
    let ext = |m: &str| fmt(m, &[d.clone(), n.clone(), imm(immr), imm(imms - immr + 1)]);
    Some(match opc {
        0 => {
            if imms == top {
                fmt("asr", &[d, n, imm(immr)])
            } else if immr == 0 && (imms == 7 || imms == 15 || (imms == 31 && size == 64)) {
                let m = match imms {
                    7 => "sxtb",
                    15 => "sxth",
                    _ => "sxtw",
                };
                fmt(m, &[d, nw])
            } else if imms < immr {
                ins("sbfiz")
            } else {
                ext("sbfx")
            }
        }
        1 => {
            if imms < immr && field(w, 5, 5) == 31 {
                fmt("bfc", &[d, imm(size - immr), imm(imms + 1)])
            } else if imms < immr {
                ins("bfi")
            } else {
                ext("bfxil")
            }
        }
        _ => {
            if imms != top && imms + 1 == immr {
                fmt("lsl", &[d, n, imm(top - imms)])
            } else if imms == top {
                fmt("lsr", &[d, n, imm(immr)])
            } else if size == 32 && immr == 0 && (imms == 7 || imms == 15) {
                fmt(if imms == 7 { "uxtb" } else { "uxth" }, &[d, nw])
            } else if imms < immr {
                ins("ubfiz")
            } else {
                ext("ubfx")
            }
        }
    })
}

pub(super) fn dp_reg(w: u32) -> Option<String> {
    let c = gclass(w);
    let size = if c == Class::X { 64 } else { 32 };
    let r = |s: u32| reg(w, s, c, Role::Zr);
    let op28 = field(w, 28, 1);
    let op24 = field(w, 21, 4);
    match (op28, op24) {
        (0, 0b0000..=0b0111) => {
            // Logical, shifted register.
            let amt = field(w, 10, 6);
            if amt >= size {
                return None;
            }
            let (opc, n) = (field(w, 29, 2), field(w, 21, 1));
            let kind = field(w, 22, 2);
            let shift = shift_text(kind, amt, true);
            let rd31 = field(w, 0, 5) == 31;
            let rn31 = field(w, 5, 5) == 31;
            let mut ops = vec![r(16)];
            ops.extend(shift);
            match (opc, n) {
                (1, 0) if rn31 && kind == 0 && amt == 0 => return Some(fmt("mov", &[r(0), r(16)])),
                (1, 1) if rn31 => {
                    ops.insert(0, r(0));
                    return Some(fmt("mvn", &ops));
                }
                (3, 0) if rd31 => {
                    ops.insert(0, r(5));
                    return Some(fmt("tst", &ops));
                }
                _ => {}
            }
            ops.insert(0, r(5));
            ops.insert(0, r(0));
            let m =
                ["and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"][(opc * 2 + n) as usize];
            Some(fmt(m, &ops))
        }
        (0, 0b1000 | 0b1010 | 0b1100 | 0b1110) => {
            // Add/sub, shifted register.
            let amt = field(w, 10, 6);
            let kind = field(w, 22, 2);
            if amt >= size || kind == 3 {
                return None;
            }
            let (op, s) = (field(w, 30, 1), field(w, 29, 1));
            let mut ops = vec![r(16)];
            ops.extend(shift_text(kind, amt, false));
            if s == 1 && field(w, 0, 5) == 31 {
                ops.insert(0, r(5));
                return Some(fmt(if op == 1 { "cmp" } else { "cmn" }, &ops));
            }
            if op == 1 && field(w, 5, 5) == 31 {
                ops.insert(0, r(0));
                return Some(fmt(if s == 1 { "negs" } else { "neg" }, &ops));
            }
            ops.insert(0, r(5));
            ops.insert(0, r(0));
            Some(fmt(
                ["add", "adds", "sub", "subs"][(op * 2 + s) as usize],
                &ops,
            ))
        }
        (0, 0b1001 | 0b1011 | 0b1101 | 0b1111) => extended(w, c),
        (1, 0b0000) => {
            if field(w, 10, 6) != 0 {
                return None;
            }
            let (op, s) = (field(w, 30, 1), field(w, 29, 1));
            if op == 1 && field(w, 5, 5) == 31 {
                return Some(fmt(if s == 1 { "ngcs" } else { "ngc" }, &[r(0), r(16)]));
            }
            let m = ["adc", "adcs", "sbc", "sbcs"][(op * 2 + s) as usize];
            Some(fmt(m, &[r(0), r(5), r(16)]))
        }
        (1, 0b0010) => ccmp(w, c),
        (1, 0b0100) => csel(w, c),
        (1, 0b0110) => {
            if field(w, 29, 1) != 0 {
                return None;
            }
            if field(w, 30, 1) == 0 {
                let m = match field(w, 10, 6) {
                    2 => "udiv",
                    3 => "sdiv",
                    8 => "lsl",
                    9 => "lsr",
                    10 => "asr",
                    11 => "ror",
                    _ => return None,
                };
                Some(fmt(m, &[r(0), r(5), r(16)]))
            } else {
                if field(w, 16, 5) != 0 {
                    return None;
                }
                let m = match (field(w, 10, 6), size) {
                    (0, _) => "rbit",
                    (1, _) => "rev16",
                    (2, 32) => "rev",
                    (2, _) => "rev32",
                    (3, 64) => "rev",
                    (4, _) => "clz",
                    (5, _) => "cls",
                    _ => return None,
                };
                Some(fmt(m, &[r(0), r(5)]))
            }
        }
        (1, 0b1000..=0b1111) => dp3(w, c),
        _ => None,
    }
}

/// `, kind #amt` unless it is the default `lsl #0`; logical operations
/// also print a rotate by zero.
fn shift_text(kind: u32, amt: u32, _logical: bool) -> Option<String> {
    if kind == 0 && amt == 0 {
        None
    } else {
        Some(format!("{} #{amt}", SHIFTS[kind as usize]))
    }
}

fn extended(w: u32, c: Class) -> Option<String> {
    if field(w, 22, 2) != 0 {
        return None;
    }
    let option = field(w, 13, 3);
    let amt = field(w, 10, 3);
    if amt > 4 {
        return None;
    }
    let (op, s) = (field(w, 30, 1), field(w, 29, 1));
    let mc = if c == Class::X && option & 3 == 3 {
        Class::X
    } else {
        Class::W
    };
    let d_role = if s == 1 { Role::Zr } else { Role::Sp };
    let rd31 = field(w, 0, 5) == 31 && s == 0;
    let rn31 = field(w, 5, 5) == 31;
    let lsl_option = if c == Class::X { 3 } else { 2 };
    let mut ops = vec![reg(w, 16, mc, Role::Zr)];
    if (rd31 || rn31) && option == lsl_option {
        if amt != 0 {
            ops.push(format!("lsl #{amt}"));
        }
    } else if amt != 0 {
        ops.push(format!("{} #{amt}", EXTENDS[option as usize]));
    } else {
        ops.push(EXTENDS[option as usize].to_string());
    }
    let rn = reg(w, 5, c, Role::Sp);
    if s == 1 && field(w, 0, 5) == 31 {
        ops.insert(0, rn);
        return Some(fmt(if op == 1 { "cmp" } else { "cmn" }, &ops));
    }
    ops.insert(0, rn);
    ops.insert(0, reg(w, 0, c, d_role));
    Some(fmt(
        ["add", "adds", "sub", "subs"][(op * 2 + s) as usize],
        &ops,
    ))
}

fn ccmp(w: u32, c: Class) -> Option<String> {
    if field(w, 29, 1) != 1 || field(w, 10, 1) != 0 || field(w, 4, 1) != 0 {
        return None;
    }
    let m = if field(w, 30, 1) == 1 { "ccmp" } else { "ccmn" };
    let second = if field(w, 11, 1) == 1 {
        hex(field(w, 16, 5) as u64)
    } else {
        reg(w, 16, c, Role::Zr)
    };
    Some(fmt(
        m,
        &[
            reg(w, 5, c, Role::Zr),
            second,
            hex(field(w, 0, 4) as u64),
            cond(field(w, 12, 4)),
        ],
    ))
}

fn csel(w: u32, c: Class) -> Option<String> {
    if field(w, 29, 1) != 0 || field(w, 11, 1) != 0 {
        return None;
    }
    let r = |s: u32| reg(w, s, c, Role::Zr);
    let (op, o2) = (field(w, 30, 1), field(w, 10, 1));
    let cc = field(w, 12, 4);
    let (rn, rm) = (field(w, 5, 5), field(w, 16, 5));
    let inv = cond(cc ^ 1);
    if cc < 14 && rn == rm {
        match (op, o2) {
            (0, 1) if rn == 31 => return Some(fmt("cset", &[r(0), inv])),
            (1, 0) if rn == 31 => return Some(fmt("csetm", &[r(0), inv])),
            (0, 1) => return Some(fmt("cinc", &[r(0), r(5), inv])),
            (1, 0) => return Some(fmt("cinv", &[r(0), r(5), inv])),
            (1, 1) => return Some(fmt("cneg", &[r(0), r(5), inv])),
            _ => {}
        }
    }
    let m = ["csel", "csinc", "csinv", "csneg"][(op * 2 + o2) as usize];
    Some(fmt(m, &[r(0), r(5), r(16), cond(cc)]))
}

fn dp3(w: u32, c: Class) -> Option<String> {
    let op = (field(w, 29, 2), field(w, 21, 3), field(w, 15, 1));
    let ra31 = field(w, 10, 5) == 31;
    let x = |s: u32| reg(w, s, Class::X, Role::Zr);
    let wr = |s: u32| reg(w, s, Class::W, Role::Zr);
    let r = |s: u32| reg(w, s, c, Role::Zr);
    let (m, long) = match op {
        (0, 0, 0) => (if ra31 { "mul" } else { "madd" }, false),
        (0, 0, 1) => (if ra31 { "mneg" } else { "msub" }, false),
        (0, 1, 0) => (if ra31 { "smull" } else { "smaddl" }, true),
        (0, 1, 1) => (if ra31 { "smnegl" } else { "smsubl" }, true),
        (0, 5, 0) => (if ra31 { "umull" } else { "umaddl" }, true),
        (0, 5, 1) => (if ra31 { "umnegl" } else { "umsubl" }, true),
        (0, 2, 0) | (0, 6, 0) => {
            if w >> 31 == 0 || !ra31 {
                return None;
            }
            let m = if op.1 == 2 { "smulh" } else { "umulh" };
            return Some(fmt(m, &[x(0), x(5), x(16)]));
        }
        _ => return None,
    };
    if long && w >> 31 == 0 || !long && op.1 != 0 {
        return None;
    }
    let mut ops = if long {
        vec![x(0), wr(5), wr(16)]
    } else {
        vec![r(0), r(5), r(16)]
    };
    if !ra31 {
        ops.push(if long { x(10) } else { r(10) });
    }
    Some(fmt(m, &ops))
}
