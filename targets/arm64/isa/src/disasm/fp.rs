//! Scalar floating point (single and double precision).

use super::*;
use crate::imms::fp8_decode;

pub(super) fn decode(w: u32) -> Option<String> {
    let ty = field(w, 22, 2);
    let c = match ty {
        0 => Class::S,
        1 => Class::D,
        _ => return None,
    };
    let f = |s: u32| reg(w, s, c, Role::Zr);
    if field(w, 24, 5) == 0b11111 && w >> 29 == 0 {
        let o = (field(w, 21, 1), field(w, 15, 1));
        let m = ["fmadd", "fmsub", "fnmadd", "fnmsub"][(o.0 * 2 + o.1) as usize];
        return Some(fmt(m, &[f(0), f(5), f(16), f(10)]));
    }
    if field(w, 24, 5) != 0b11110 || field(w, 21, 1) != 1 || field(w, 29, 2) != 0 {
        return None;
    }
    if field(w, 10, 6) == 0 {
        return convert(w, c);
    }
    if w >> 31 != 0 {
        return None;
    }
    if field(w, 10, 5) == 0b10000 {
        let opcode = field(w, 15, 6);
        let m = match opcode {
            0 => "fmov",
            1 => "fabs",
            2 => "fneg",
            3 => "fsqrt",
            4 | 5 => {
                let to = if opcode == 4 { Class::S } else { Class::D };
                if to == c {
                    return None;
                }
                return Some(fmt("fcvt", &[reg(w, 0, to, Role::Zr), f(5)]));
            }
            8 => "frintn",
            9 => "frintp",
            10 => "frintm",
            11 => "frintz",
            12 => "frinta",
            14 => "frintx",
            15 => "frinti",
            _ => return None,
        };
        return Some(fmt(m, &[f(0), f(5)]));
    }
    if field(w, 10, 4) == 0b1000 {
        if field(w, 14, 2) != 0 || field(w, 0, 3) != 0 {
            return None;
        }
        let m = if field(w, 4, 1) == 1 { "fcmpe" } else { "fcmp" };
        if field(w, 3, 1) == 1 {
            if field(w, 16, 5) != 0 {
                return None;
            }
            return Some(fmt(m, &[f(5), "#0.0".into()]));
        }
        return Some(fmt(m, &[f(5), f(16)]));
    }
    if field(w, 10, 3) == 0b100 {
        if field(w, 5, 5) != 0 {
            return None;
        }
        let v = fp8_decode(field(w, 13, 8));
        return Some(fmt("fmov", &[f(0), format!("#{v:?}")]));
    }
    match field(w, 10, 2) {
        0b10 => {
            let m = match field(w, 12, 4) {
                0 => "fmul",
                1 => "fdiv",
                2 => "fadd",
                3 => "fsub",
                4 => "fmax",
                5 => "fmin",
                6 => "fmaxnm",
                7 => "fminnm",
                8 => "fnmul",
                _ => return None,
            };
            Some(fmt(m, &[f(0), f(5), f(16)]))
        }
        0b11 => Some(fmt("fcsel", &[f(0), f(5), f(16), cond(field(w, 12, 4))])),
        _ => None,
    }
}

/// Conversions between general and FP registers.
fn convert(w: u32, c: Class) -> Option<String> {
    let g = gclass(w);
    let rmode = field(w, 19, 2);
    let opcode = field(w, 16, 3);
    let gr = |s: u32| reg(w, s, g, Role::Zr);
    let fr = |s: u32| reg(w, s, c, Role::Zr);
    let to_int = |m: &str| Some(fmt(m, &[gr(0), fr(5)]));
    match (rmode, opcode) {
        (0, 2) => Some(fmt("scvtf", &[fr(0), gr(5)])),
        (0, 3) => Some(fmt("ucvtf", &[fr(0), gr(5)])),
        (0, 6) | (0, 7) => {
            let ok = matches!((g, c), (Class::X, Class::D) | (Class::W, Class::S));
            if !ok {
                return None;
            }
            if opcode == 6 {
                Some(fmt("fmov", &[gr(0), fr(5)]))
            } else {
                Some(fmt("fmov", &[fr(0), gr(5)]))
            }
        }
        (0, 0) => to_int("fcvtns"),
        (0, 1) => to_int("fcvtnu"),
        (0, 4) => to_int("fcvtas"),
        (0, 5) => to_int("fcvtau"),
        (1, 0) => to_int("fcvtps"),
        (1, 1) => to_int("fcvtpu"),
        (2, 0) => to_int("fcvtms"),
        (2, 1) => to_int("fcvtmu"),
        (3, 0) => to_int("fcvtzs"),
        (3, 1) => to_int("fcvtzu"),
        _ => None,
    }
}
