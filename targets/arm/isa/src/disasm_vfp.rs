//! The VFP half of the disassembler (coprocessors 10 and 11): arithmetic,
//! compares, conversions, moves, loads and stores, block transfers.

use crate::disasm::{imm_addr, r};
use crate::imms;

/// `d` register from a 4-bit field and its high bit (refusing d16..d31).
fn dreg(w: u32, field: u32, hi: u32) -> Option<String> {
    let n = ((w >> hi) & 1) << 4 | ((w >> field) & 15);
    (n < 16).then(|| format!("d{n}"))
}

/// `s` register from a 4-bit field and its low bit.
fn sreg(w: u32, field: u32, lo: u32) -> Option<String> {
    Some(format!("s{}", ((w >> field) & 15) << 1 | ((w >> lo) & 1)))
}

fn vd(w: u32, double: bool) -> Option<String> {
    if double {
        dreg(w, 12, 22)
    } else {
        sreg(w, 12, 22)
    }
}

fn vn(w: u32, double: bool) -> Option<String> {
    if double {
        dreg(w, 16, 7)
    } else {
        sreg(w, 16, 7)
    }
}

fn vm(w: u32, double: bool) -> Option<String> {
    if double {
        dreg(w, 0, 5)
    } else {
        sreg(w, 0, 5)
    }
}

pub(crate) fn decode(w: u32, cs: &str) -> Option<String> {
    if w & 0x0e00 != 0x0a00 {
        return None;
    }
    let double = w & 0x100 != 0;
    let ty = if double { "f64" } else { "f32" };
    match (w >> 24) & 15 {
        0xe if w & 0x10 == 0 => arith(w, cs, double, ty),
        0xe => transfer(w, cs),
        0xc | 0xd => mem(w, cs, double),
        _ => None,
    }
}

fn arith(w: u32, cs: &str, double: bool, ty: &str) -> Option<String> {
    let three = match w & 0x0fb0_0e50 {
        0x0e00_0a00 => Some("vmla"),
        0x0e00_0a40 => Some("vmls"),
        0x0e20_0a00 => Some("vmul"),
        0x0e30_0a00 => Some("vadd"),
        0x0e30_0a40 => Some("vsub"),
        0x0e80_0a00 => Some("vdiv"),
        0x0e20_0a40 => Some("vnmul"),
        0x0e10_0a40 => Some("vnmla"),
        0x0e10_0a00 => Some("vnmls"),
        _ => None,
    };
    if let Some(name) = three {
        let (d, n, m) = (vd(w, double)?, vn(w, double)?, vm(w, double)?);
        return Some(format!("{name}{cs}.{ty} {d}, {n}, {m}"));
    }
    if w & 0x0fb0_0ef0 == 0x0eb0_0a00 {
        let imm8 = ((w >> 12) & 0xf0) | (w & 15);
        let v = imms::vfp_value(imm8);
        return Some(format!("vmov{cs}.{ty} {}, #{v:?}", vd(w, double)?));
    }
    if let Some(t) = convert(w, cs, double) {
        return Some(t);
    }
    let (d, m) = (vd(w, double)?, vm(w, double)?);
    let name = match w & 0x0fbf_0ed0 {
        0x0eb0_0a40 => "vmov",
        0x0eb0_0ac0 => "vabs",
        0x0eb1_0a40 => "vneg",
        0x0eb1_0ac0 => "vsqrt",
        0x0eb4_0a40 => "vcmp",
        0x0eb4_0ac0 => "vcmpe",
        0x0eb5_0a40 | 0x0eb5_0ac0 => {
            if w & 0x2f != 0 {
                return None;
            }
            let e = if w & 0x80 != 0 { "e" } else { "" };
            return Some(format!("vcmp{e}{cs}.{ty} {d}, #0.0"));
        }
        _ => return None,
    };
    Some(format!("{name}{cs}.{ty} {d}, {m}"))
}

fn convert(w: u32, cs: &str, double: bool) -> Option<String> {
    let key = w & 0x0fbf_0e50;
    let op = w & 0x80 != 0;
    let ty = if double { "f64" } else { "f32" };
    let (name, types, d, m) = match key {
        0x0eb7_0a40 if op => {
            let other = if double { "f32" } else { "f64" };
            (
                "vcvt",
                format!("{other}.{ty}"),
                vd(w, !double)?,
                vm(w, double)?,
            )
        }
        0x0eb8_0a40 => {
            let int = if op { "s32" } else { "u32" };
            ("vcvt", format!("{ty}.{int}"), vd(w, double)?, vm(w, false)?)
        }
        0x0ebc_0a40 | 0x0ebd_0a40 => {
            let int = if w & (1 << 16) != 0 { "s32" } else { "u32" };
            let name = if op { "vcvt" } else { "vcvtr" };
            (name, format!("{int}.{ty}"), vd(w, false)?, vm(w, double)?)
        }
        _ => return None,
    };
    Some(format!("{name}{cs}.{types} {d}, {m}"))
}

/// Transfers between core and VFP registers, and the FPSCR.
fn transfer(w: u32, cs: &str) -> Option<String> {
    match w & 0x0fff_0fff {
        0x0ef1_0a10 if (w >> 12) & 15 == 15 => return Some(format!("vmrs{cs} APSR_nzcv, fpscr")),
        0x0ef1_0a10 => return Some(format!("vmrs{cs} {}, fpscr", r(w, 12))),
        0x0ee1_0a10 if (w >> 12) & 15 != 15 => {
            return Some(format!("vmsr{cs} fpscr, {}", r(w, 12)))
        }
        _ => {}
    }
    if w & 0x0fe0_0f7f == 0x0e00_0a10 {
        let s = sreg(w, 16, 7)?;
        return Some(if w & (1 << 20) != 0 {
            format!("vmov{cs} {}, {s}", r(w, 12))
        } else {
            format!("vmov{cs} {s}, {}", r(w, 12))
        });
    }
    None
}

fn mem(w: u32, cs: &str, double: bool) -> Option<String> {
    if w & 0x0fe0_0fd0 == 0x0c40_0b10 {
        let (rt, rt2, d) = (r(w, 12), r(w, 16), dreg(w, 0, 5)?);
        return Some(if w & (1 << 20) != 0 {
            format!("vmov{cs} {rt}, {rt2}, {d}")
        } else {
            format!("vmov{cs} {d}, {rt}, {rt2}")
        });
    }
    let load = w & (1 << 20) != 0;
    let (p, up, wb) = (w & (1 << 24) != 0, w & (1 << 23) != 0, w & (1 << 21) != 0);
    let imm8 = w & 0xff;
    if p && !wb {
        let name = if load { "vldr" } else { "vstr" };
        return Some(format!(
            "{name}{cs} {}, {}",
            vd(w, double)?,
            imm_addr(w, imm8 * 4)
        ));
    }
    // Block transfers: increment-after, or decrement-before with writeback.
    if p == up || (p && !wb) {
        return None;
    }
    let count = if double {
        if imm8 & 1 != 0 {
            return None;
        }
        imm8 / 2
    } else {
        imm8
    };
    let first = ((w >> 12) & 15) << 1 | ((w >> 22) & 1);
    let first = if double {
        ((w >> 22) & 1) << 4 | ((w >> 12) & 15)
    } else {
        first
    };
    let limit = if double { 16 } else { 32 };
    if count == 0 || first + count > limit {
        return None;
    }
    let prefix = if double { "d" } else { "s" };
    let list = if count == 1 {
        format!("{{{prefix}{first}}}")
    } else {
        format!("{{{prefix}{first}-{prefix}{}}}", first + count - 1)
    };
    let rn = (w >> 16) & 15;
    if rn == 13 && wb {
        match (load, p) {
            (true, false) => return Some(format!("vpop{cs} {list}")),
            (false, true) => return Some(format!("vpush{cs} {list}")),
            _ => {}
        }
    }
    let name = match (load, p) {
        (true, false) => "vldmia",
        (true, true) => "vldmdb",
        (false, false) => "vstmia",
        (false, true) => "vstmdb",
    };
    let bang = if wb { "!" } else { "" };
    Some(format!("{name}{cs} {}{bang}, {list}", r(w, 16)))
}
