//! Branches and system instructions.

use super::*;

pub(super) fn decode(w: u32, addr: u64) -> Option<String> {
    let x = |s: u32| reg(w, s, Class::X, Role::Zr);
    if w & 0x7C00_0000 == 0x1400_0000 {
        let m = if w >> 31 != 0 { "bl" } else { "b" };
        return Some(fmt(m, &[target(addr, sfield(w, 0, 26) * 4)]));
    }
    if w & 0xFF00_0010 == 0x5400_0000 {
        let m = format!("b.{}", cond(w));
        return Some(fmt(&m, &[target(addr, sfield(w, 5, 19) * 4)]));
    }
    if w & 0x7E00_0000 == 0x3400_0000 {
        let m = if w & (1 << 24) != 0 { "cbnz" } else { "cbz" };
        let t = reg(w, 0, gclass(w), Role::Zr);
        return Some(fmt(m, &[t, target(addr, sfield(w, 5, 19) * 4)]));
    }
    if w & 0x7E00_0000 == 0x3600_0000 {
        let m = if w & (1 << 24) != 0 { "tbnz" } else { "tbz" };
        let bit = (w >> 31) << 5 | field(w, 19, 5);
        let t = reg(w, 0, gclass(w), Role::Zr);
        return Some(fmt(
            m,
            &[t, format!("#{bit}"), target(addr, sfield(w, 5, 14) * 4)],
        ));
    }
    if w & 0xFF9F_FC1F == 0xD61F_0000 {
        let m = match field(w, 21, 2) {
            0 => "br",
            1 => "blr",
            2 => "ret",
            _ => return None,
        };
        if m == "ret" && field(w, 5, 5) == 30 {
            return Some("ret".into());
        }
        return Some(fmt(m, &[x(5)]));
    }
    if w == 0xD503_201F {
        return Some("nop".into());
    }
    let m = match w & 0xFFE0_001F {
        0xD420_0000 => "brk",
        0xD400_0001 => "svc",
        0xD440_0000 => "hlt",
        _ => return None,
    };
    Some(fmt(m, &[hex(field(w, 5, 16) as u64)]))
}
