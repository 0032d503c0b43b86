//! Loads and stores.

use super::*;

/// Mnemonic and register class of a single load/store from `size:V:opc`.
fn single(size: u32, v: u32, opc: u32) -> Option<(&'static str, Class)> {
    Some(match (v, size, opc) {
        (0, 0, 0) => ("strb", Class::W),
        (0, 0, 1) => ("ldrb", Class::W),
        (0, 0, 2) => ("ldrsb", Class::X),
        (0, 0, 3) => ("ldrsb", Class::W),
        (0, 1, 0) => ("strh", Class::W),
        (0, 1, 1) => ("ldrh", Class::W),
        (0, 1, 2) => ("ldrsh", Class::X),
        (0, 1, 3) => ("ldrsh", Class::W),
        (0, 2, 0) => ("str", Class::W),
        (0, 2, 1) => ("ldr", Class::W),
        (0, 2, 2) => ("ldrsw", Class::X),
        (0, 3, 0) => ("str", Class::X),
        (0, 3, 1) => ("ldr", Class::X),
        (1, 2, 0) => ("str", Class::S),
        (1, 2, 1) => ("ldr", Class::S),
        (1, 3, 0) => ("str", Class::D),
        (1, 3, 1) => ("ldr", Class::D),
        _ => return None,
    })
}

/// `ldr` -> `ldur`, `strb` -> `sturb`, ...
fn unscaled(m: &str) -> String {
    format!("{}u{}", &m[..2], &m[2..])
}

pub(super) fn decode(w: u32, addr: u64) -> Option<String> {
    let base = reg(w, 5, Class::X, Role::Sp);
    match field(w, 27, 3) {
        0b011 if field(w, 24, 2) == 0 => {
            let (m, c) = match (field(w, 30, 2), field(w, 26, 1)) {
                (0, 0) => ("ldr", Class::W),
                (1, 0) => ("ldr", Class::X),
                (2, 0) => ("ldrsw", Class::X),
                (0, 1) => ("ldr", Class::S),
                (1, 1) => ("ldr", Class::D),
                _ => return None,
            };
            let t = reg(w, 0, c, Role::Zr);
            Some(fmt(m, &[t, target(addr, sfield(w, 5, 19) * 4)]))
        }
        0b101 => {
            let (opc, v, l) = (field(w, 30, 2), field(w, 26, 1), field(w, 22, 1));
            let (m, c, scale) = match (v, opc, l) {
                (0, 0, _) => (if l == 1 { "ldp" } else { "stp" }, Class::W, 4),
                (0, 2, _) => (if l == 1 { "ldp" } else { "stp" }, Class::X, 8),
                (0, 1, 1) => ("ldpsw", Class::X, 4),
                (1, 0, _) => (if l == 1 { "ldp" } else { "stp" }, Class::S, 4),
                (1, 1, _) => (if l == 1 { "ldp" } else { "stp" }, Class::D, 8),
                _ => return None,
            };
            let (rt, rt2, rn) = (field(w, 0, 5), field(w, 10, 5), field(w, 5, 5));
            let writeback = field(w, 23, 1) == 1;
            // objdump refuses the unpredictable ldpsw forms (ldp it prints).
            if m == "ldpsw" && (rt == rt2 || writeback && rn != 31 && (rt == rn || rt2 == rn)) {
                return None;
            }
            let off = sfield(w, 15, 7) * scale;
            let t = reg(w, 0, c, Role::Zr);
            let t2 = reg(w, 10, c, Role::Zr);
            let addr_text = match field(w, 23, 2) {
                1 => return Some(format!("{m} {t}, {t2}, [{base}], #{off}")),
                2 if off == 0 => format!("[{base}]"),
                2 => format!("[{base}, #{off}]"),
                3 => format!("[{base}, #{off}]!"),
                _ => return None,
            };
            Some(fmt(m, &[t, t2, addr_text]))
        }
        0b111 => {
            let (size, v, opc) = (field(w, 30, 2), field(w, 26, 1), field(w, 22, 2));
            let (m, c) = single(size, v, opc)?;
            let t = reg(w, 0, c, Role::Zr);
            if field(w, 24, 1) == 1 {
                let off = field(w, 10, 12) << size;
                let a = if off == 0 {
                    format!("[{base}]")
                } else {
                    format!("[{base}, #{off}]")
                };
                return Some(fmt(m, &[t, a]));
            }
            if field(w, 21, 1) == 0 {
                let off = sfield(w, 12, 9);
                return match field(w, 10, 2) {
                    0 if off == 0 => Some(fmt(&unscaled(m), &[t, format!("[{base}]")])),
                    0 => Some(fmt(&unscaled(m), &[t, format!("[{base}, #{off}]")])),
                    1 => Some(format!("{m} {t}, [{base}], #{off}")),
                    3 => Some(fmt(m, &[t, format!("[{base}, #{off}]!")])),
                    _ => None,
                };
            }
            if field(w, 10, 2) != 2 {
                return None;
            }
            let option = field(w, 13, 3);
            if option & 2 == 0 {
                return None;
            }
            let s = field(w, 12, 1);
            let ic = if option & 1 == 1 { Class::X } else { Class::W };
            let idx = reg(w, 16, ic, Role::Zr);
            let ext = match (option, s) {
                (3, 0) => String::new(),
                (3, _) => format!(", lsl #{size}"),
                (_, 0) => format!(", {}", ["uxtw", "sxtw"][(option >> 2) as usize]),
                (_, _) => format!(", {} #{size}", ["uxtw", "sxtw"][(option >> 2) as usize]),
            };
            let ext = if option == 7 {
                ext.replace("sxtw", "sxtx")
            } else {
                ext
            };
            Some(fmt(m, &[t, format!("[{base}, {idx}{ext}]")]))
        }
        _ => None,
    }
}
