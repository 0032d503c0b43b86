//! Opcode maps: the one-byte map and the `0F` map, for the instructions
//! the encoder produces. SSE mnemonics are found by looking the prefix and
//! opcode up in the encoder's own SSE tables, so the two cannot drift.

use asm_dsl_core::AsmError;

use super::{undecodable, Dec, Decoded, RmD};
use crate::encode::sse::{xmm_move, xmm_rm};
use crate::forms::{Op, CC};
use crate::operand::{Base, Mem, Opnd};
use crate::Mode;

const ALU: [&str; 8] = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFT: [&str; 8] = ["rol", "ror", "rcl", "rcr", "shl", "shr", "", "sar"];
const GRP3: [&str; 8] = ["test", "", "not", "neg", "mul", "imul", "div", "idiv"];
const BT: [&str; 4] = ["bt", "bts", "btr", "btc"];

fn d(m: impl Into<String>, ops: Vec<Opnd>) -> Result<Decoded, AsmError> {
    Ok(Decoded::new(m, ops))
}

fn branch(m: impl Into<String>, rel: i64, short: bool) -> Result<Decoded, AsmError> {
    let mut x = Decoded::new(m, Vec::new());
    x.rel = Some((rel, short));
    Ok(x)
}

fn is_mem(rm: &RmD) -> bool {
    matches!(rm, RmD::Mem(_))
}

pub(super) fn decode(x: &mut Dec<'_>) -> Result<Decoded, AsmError> {
    let b = x.u8()?;
    if b == 0x0f {
        return decode_0f(x);
    }
    if x.rep != 0 {
        return Err(undecodable(format!("f2/f3 prefix before opcode {b:02x}")));
    }
    let os = x.osize();
    let x64 = x.mode == Mode::X64;
    // Branches and fixed opcodes take no operand-size prefix or REX (on a
    // branch 0x66 would even truncate the target to 16 bits).
    if matches!(b, 0x70..=0x7f | 0xc2 | 0xc3 | 0xcc | 0xe8 | 0xe9 | 0xeb) && (x.p66 || x.rex != 0) {
        return Err(undecodable(format!("prefixed opcode {b:02x}")));
    }
    match b {
        0x00..=0x3f if b & 7 < 6 => {
            let name = ALU[(b >> 3) as usize];
            let size = if b & 1 == 0 { 1 } else { os };
            match b & 7 {
                0 | 1 => {
                    let (r, rm) = x.modrm()?;
                    d(name, vec![x.rm_gpr(rm, size), x.gpr(size, r)])
                }
                2 | 3 => {
                    let (r, rm) = x.modrm()?;
                    d(name, vec![x.gpr(size, r), x.rm_gpr(rm, size)])
                }
                _ => {
                    let v = x.imm(Dec::imm_size(size))?;
                    d(name, vec![x.gpr(size, 0), Opnd::Imm(v)])
                }
            }
        }
        0x40..=0x4f if !x64 => {
            let name = if b < 0x48 { "inc" } else { "dec" };
            d(name, vec![x.gpr(os, b & 7)])
        }
        0x50..=0x5f => {
            // REX.W wins over 0x66: the stack operand is then 64-bit.
            let size = if x.p66 && !x.rex_w() {
                2
            } else {
                x.mode.ptr_size()
            };
            let name = if b < 0x58 { "push" } else { "pop" };
            d(name, vec![x.gpr(size, b & 7 | (x.rex & 1) << 3)])
        }
        0x63 if x64 && x.rex_w() => {
            let (r, rm) = x.modrm()?;
            d("movsxd", vec![x.gpr(8, r), x.rm_gpr(rm, 4)])
        }
        // 0x66 would make these 16-bit pushes, which the encoder never makes.
        0x68 if !x.p66 => d("push", vec![Opnd::Imm(x.imm(4)?)]),
        0x6a if !x.p66 => d("push", vec![Opnd::Imm(x.imm(1)?)]),
        0x69 | 0x6b => {
            let (r, rm) = x.modrm()?;
            let v = x.imm(if b == 0x6b { 1 } else { Dec::imm_size(os) })?;
            d("imul", vec![x.gpr(os, r), x.rm_gpr(rm, os), Opnd::Imm(v)])
        }
        0x70..=0x7f => {
            let rel = x.imm(1)?;
            branch(format!("j{}", CC[(b & 15) as usize]), rel, true)
        }
        0x80 | 0x81 | 0x83 => {
            let size = if b == 0x80 { 1 } else { os };
            let (r, rm) = x.modrm()?;
            let v = x.imm(if b == 0x81 { Dec::imm_size(size) } else { 1 })?;
            // 83 sign-extends; print the value at the operand width.
            d(
                ALU[(r & 7) as usize],
                vec![x.rm_gpr(rm, size), Opnd::Imm(v)],
            )
        }
        0x84..=0x8b => {
            let size = if b & 1 == 0 { 1 } else { os };
            let (r, rm) = x.modrm()?;
            let name =
                ["test", "test", "xchg", "xchg", "mov", "mov", "mov", "mov"][(b - 0x84) as usize];
            if b >= 0x8a {
                d(name, vec![x.gpr(size, r), x.rm_gpr(rm, size)])
            } else if b == 0x87 && matches!(rm, RmD::Reg(0)) {
                // The accumulator goes second, as for `90+r` (the encoder
                // turns either order into that short form).
                d(name, vec![x.gpr(size, r), x.gpr(size, 0)])
            } else {
                d(name, vec![x.rm_gpr(rm, size), x.gpr(size, r)])
            }
        }
        0x8d => {
            let (r, rm) = x.modrm()?;
            if !is_mem(&rm) {
                return Err(undecodable("lea with a register operand"));
            }
            let mut i = Decoded::new("lea", vec![x.gpr(os, r), x.rm_gpr(rm, 0)]);
            i.no_size = true;
            Ok(i)
        }
        0x8f if !x.p66 => {
            let (r, rm) = x.modrm()?;
            if r & 7 != 0 {
                return Err(undecodable("8f with reg field != 0"));
            }
            d("pop", vec![x.rm_gpr(rm, x.mode.ptr_size())])
        }
        0x90 if x.rex & 1 == 0 => {
            // Without REX.B, 90 is `nop` whatever else REX says.
            if x.p66 && x.rex == 0 {
                d("nop 2", vec![])
            } else {
                d("nop", vec![])
            }
        }
        0x90..=0x97 => d(
            "xchg",
            vec![x.gpr(os, b & 7 | (x.rex & 1) << 3), x.gpr(os, 0)],
        ),
        0x9c | 0x9d if !x.p66 && x.rex == 0 => d(
            match (b, x64) {
                (0x9c, false) => "pushfd",
                (0x9c, true) => "pushfq",
                (_, false) => "popfd",
                _ => "popfq",
            },
            vec![],
        ),
        0x98 => d(
            match os {
                2 => "cbw",
                4 => "cwde",
                _ => "cdqe",
            },
            vec![],
        ),
        0x99 => d(
            match os {
                2 => "cwd",
                4 => "cdq",
                _ => "cqo",
            },
            vec![],
        ),
        0xa0..=0xa3 if !x64 => {
            let size = if b & 1 == 0 { 1 } else { os };
            let m = Opnd::Mem(Mem {
                size,
                base: Base::None,
                index: None,
                disp: x.imm(4)?,
                label: false,
            });
            let acc = x.gpr(size, 0);
            d("mov", if b < 0xa2 { vec![acc, m] } else { vec![m, acc] })
        }
        0xa8 => d("test", vec![x.gpr(1, 0), Opnd::Imm(x.imm(1)?)]),
        0xa9 => {
            let v = x.imm(Dec::imm_size(os))?;
            d("test", vec![x.gpr(os, 0), Opnd::Imm(v)])
        }
        0xb0..=0xb7 => {
            let r = b & 7 | (x.rex & 1) << 3;
            let v = x.imm(1)?;
            d("mov", vec![x.gpr(1, r), Opnd::Imm(v)])
        }
        0xb8..=0xbf => {
            let r = b & 7 | (x.rex & 1) << 3;
            let v = x.imm(os)?;
            d(
                if os == 8 { "movabs" } else { "mov" },
                vec![x.gpr(os, r), Opnd::Imm(v)],
            )
        }
        0xc0 | 0xc1 | 0xd0..=0xd3 => {
            let size = if b & 1 == 0 { 1 } else { os };
            let (r, rm) = x.modrm()?;
            let count = match b {
                0xc0 | 0xc1 => Opnd::Imm(x.uimm(1)?),
                0xd0 | 0xd1 => Opnd::Imm(1),
                _ => x.gpr(1, 1),
            };
            if r & 7 == 6 {
                return Err(undecodable("the undocumented shift /6"));
            }
            d(SHIFT[(r & 7) as usize], vec![x.rm_gpr(rm, size), count])
        }
        0xc2 => d("ret", vec![Opnd::Imm(x.uimm(2)?)]),
        0xc3 => d("ret", vec![]),
        0xc6 | 0xc7 => {
            let size = if b == 0xc6 { 1 } else { os };
            let (r, rm) = x.modrm()?;
            if r & 7 != 0 {
                return Err(undecodable("c6/c7 with reg field != 0"));
            }
            let v = x.imm(Dec::imm_size(size))?;
            d("mov", vec![x.rm_gpr(rm, size), Opnd::Imm(v)])
        }
        0xcc => d("int3", vec![]),
        0xd8..=0xdf => super::x87::decode(x, b),
        0xe8 => branch("call", x.imm(4)?, false),
        0xe9 => branch("jmp", x.imm(4)?, false),
        0xeb => branch("jmp", x.imm(1)?, true),
        0xf6 | 0xf7 => {
            let size = if b == 0xf6 { 1 } else { os };
            let (r, rm) = x.modrm()?;
            match r & 7 {
                0 => {
                    let v = x.imm(Dec::imm_size(size))?;
                    d("test", vec![x.rm_gpr(rm, size), Opnd::Imm(v)])
                }
                1 => Err(undecodable("f6/f7 /1")),
                n => d(GRP3[n as usize], vec![x.rm_gpr(rm, size)]),
            }
        }
        0xfe | 0xff => {
            let size = if b == 0xfe { 1 } else { os };
            let (r, rm) = x.modrm()?;
            match (b, r & 7) {
                (_, 0) => d("inc", vec![x.rm_gpr(rm, size)]),
                (_, 1) => d("dec", vec![x.rm_gpr(rm, size)]),
                (0xff, 2 | 4 | 6) if !x.rex_w() && !x.p66 => {
                    let name = ["call", "jmp", "push"][(r as usize & 7) / 2 - 1];
                    d(name, vec![x.rm_gpr(rm, x.mode.ptr_size())])
                }
                _ => Err(undecodable(format!("{b:02x} /{}", r & 7))),
            }
        }
        _ => Err(undecodable(format!("opcode {b:02x}"))),
    }
}

/// The SSE mandatory prefix in effect (0, 0x66, 0xF2 or 0xF3).
fn sse_prefix(x: &Dec<'_>) -> Result<u8, AsmError> {
    match (x.p66, x.rep) {
        (false, r) => Ok(r),
        (true, 0) => Ok(0x66),
        _ => Err(undecodable("66 together with f2/f3")),
    }
}

fn decode_0f(x: &mut Dec<'_>) -> Result<Decoded, AsmError> {
    let start = x.pos - 1;
    let b = x.u8()?;
    let os = x.osize();
    // Integer instructions in the 0F map take no F2/F3 prefix.
    let int_ok = x.rep == 0;
    match b {
        0x0b if int_ok => d("ud2", vec![]),
        0xa2 if int_ok && !x.p66 => d("cpuid", vec![]),
        0x1e if x.rep == 0xf3 && !x.p66 && x.rex == 0 => match x.u8()? {
            0xfa => d("endbr64", vec![]),
            0xfb => d("endbr32", vec![]),
            c => Err(undecodable(format!("f3 0f 1e {c:02x}"))),
        },
        0x1f if int_ok => {
            for (i, seq) in crate::encode::int_nops().iter().enumerate() {
                let from = start - x.p66 as usize;
                if x.rex == 0 && x.code_from(from).starts_with(seq) {
                    x.pos = from + seq.len();
                    return d(format!("nop {}", i + 1), vec![]);
                }
            }
            let (r, rm) = x.modrm()?;
            if r & 7 != 0 {
                return Err(undecodable("0f 1f with reg field != 0"));
            }
            d("nop", vec![x.rm_gpr(rm, os)])
        }
        0x40..=0x4f if int_ok => {
            let (r, rm) = x.modrm()?;
            d(
                format!("cmov{}", CC[(b & 15) as usize]),
                vec![x.gpr(os, r), x.rm_gpr(rm, os)],
            )
        }
        0x80..=0x8f if int_ok && !x.p66 && x.rex == 0 => {
            let rel = x.imm(4)?;
            branch(format!("j{}", CC[(b & 15) as usize]), rel, false)
        }
        0x90..=0x9f if int_ok => {
            let (_, rm) = x.modrm()?;
            d(
                format!("set{}", CC[(b & 15) as usize]),
                vec![x.rm_gpr(rm, 1)],
            )
        }
        0xa3 | 0xab | 0xb3 | 0xbb if int_ok => {
            let (r, rm) = x.modrm()?;
            let name = BT[((b - 0xa3) / 8) as usize];
            d(name, vec![x.rm_gpr(rm, os), x.gpr(os, r)])
        }
        0xba if int_ok => {
            let (r, rm) = x.modrm()?;
            if r & 7 < 4 {
                return Err(undecodable("0f ba /0..3"));
            }
            let v = x.uimm(1)?;
            d(BT[(r & 3) as usize], vec![x.rm_gpr(rm, os), Opnd::Imm(v)])
        }
        0xb8 | 0xbc | 0xbd if x.rep != 0xf2 && !(b == 0xb8 && x.rep == 0) => {
            let (r, rm) = x.modrm()?;
            let name = match (x.rep, b) {
                (0, 0xbc) => "bsf",
                (0, _) => "bsr",
                (_, 0xb8) => "popcnt",
                (_, 0xbc) => "tzcnt",
                _ => "lzcnt",
            };
            d(name, vec![x.gpr(os, r), x.rm_gpr(rm, os)])
        }
        0xaf if int_ok => {
            let (r, rm) = x.modrm()?;
            d("imul", vec![x.gpr(os, r), x.rm_gpr(rm, os)])
        }
        0xb6 | 0xb7 | 0xbe | 0xbf if int_ok && !(b & 1 == 1 && os == 2) => {
            let (r, rm) = x.modrm()?;
            let name = if b < 0xbe { "movzx" } else { "movsx" };
            let src = if b & 1 == 0 { 1 } else { 2 };
            d(name, vec![x.gpr(os, r), x.rm_gpr(rm, src)])
        }
        0xc8..=0xcf if int_ok && !x.p66 => d("bswap", vec![x.gpr(os, b & 7 | (x.rex & 1) << 3)]),
        _ => decode_sse(x, sse_prefix(x)?, b),
    }
}

fn decode_sse(x: &mut Dec<'_>, pfx: u8, b: u8) -> Result<Decoded, AsmError> {
    let w = x.rex_w();
    let isize = if w { 8 } else { 4 };
    for &op in Op::ALL {
        if let Some(s) = xmm_rm(op) {
            if s.pfx == pfx && s.op == b && !w {
                let (r, rm) = x.modrm()?;
                return d(op.name(), vec![Opnd::Xmm(r), x.rm_xmm(rm, s.msize)]);
            }
        }
        if let Some((s, store, mem_only)) = xmm_move(op) {
            if s.pfx == pfx && (s.op == b || store == b) && !w {
                let (r, rm) = x.modrm()?;
                if mem_only && !is_mem(&rm) {
                    return Err(undecodable(format!("{} with a register", op.name())));
                }
                let m = x.rm_xmm(rm, s.msize);
                let ops = if s.op == b {
                    vec![Opnd::Xmm(r), m]
                } else {
                    vec![m, Opnd::Xmm(r)]
                };
                return d(op.name(), ops);
            }
        }
    }
    match (pfx, b) {
        (0xf2 | 0xf3, 0x2a) => {
            let (r, rm) = x.modrm()?;
            let name = if pfx == 0xf2 { "cvtsi2sd" } else { "cvtsi2ss" };
            d(name, vec![Opnd::Xmm(r), x.rm_gpr(rm, isize)])
        }
        (0xf2 | 0xf3, 0x2c | 0x2d) => {
            let (r, rm) = x.modrm()?;
            let name = match (pfx, b) {
                (0xf2, 0x2c) => "cvttsd2si",
                (0xf2, _) => "cvtsd2si",
                (_, 0x2c) => "cvttss2si",
                _ => "cvtss2si",
            };
            let msize = if pfx == 0xf2 { 8 } else { 4 };
            d(name, vec![x.gpr(isize, r), x.rm_xmm(rm, msize)])
        }
        (0x66, 0x6e) => {
            let (r, rm) = x.modrm()?;
            d(
                if w { "movq" } else { "movd" },
                vec![Opnd::Xmm(r), x.rm_gpr(rm, isize)],
            )
        }
        (0x66, 0x7e) => {
            let (r, rm) = x.modrm()?;
            d(
                if w { "movq" } else { "movd" },
                vec![x.rm_gpr(rm, isize), Opnd::Xmm(r)],
            )
        }
        (0xf3, 0x7e) if !w => {
            let (r, rm) = x.modrm()?;
            d("movq", vec![Opnd::Xmm(r), x.rm_xmm(rm, 8)])
        }
        (0x66, 0xd6) if !w => {
            let (r, rm) = x.modrm()?;
            if !is_mem(&rm) {
                return Err(undecodable("movq 66 0f d6 register form"));
            }
            d("movq", vec![x.rm_xmm(rm, 8), Opnd::Xmm(r)])
        }
        (0xf2 | 0xf3, 0xc2) if !w => {
            let (r, rm) = x.modrm()?;
            let (name, msize) = if pfx == 0xf2 {
                ("cmpsd", 8)
            } else {
                ("cmpss", 4)
            };
            let m = x.rm_xmm(rm, msize);
            let v = x.uimm(1)?;
            d(name, vec![Opnd::Xmm(r), m, Opnd::Imm(v)])
        }
        (0x66, 0x3a) if !w => {
            let c = x.u8()?;
            let (name, msize) = match c {
                0x0a => ("roundss", 4),
                0x0b => ("roundsd", 8),
                _ => return Err(undecodable(format!("66 0f 3a {c:02x}"))),
            };
            let (r, rm) = x.modrm()?;
            let m = x.rm_xmm(rm, msize);
            let v = x.uimm(1)?;
            d(name, vec![Opnd::Xmm(r), m, Opnd::Imm(v)])
        }
        _ => Err(undecodable(format!("opcode 0f {b:02x}"))),
    }
}
