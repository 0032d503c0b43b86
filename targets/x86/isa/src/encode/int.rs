//! Integer instructions: ALU, moves, shifts, multiply/divide, condition
//! families, branches, stack and bit operations.
//!
//! Choices made by value, following GNU as so that its bytes can serve as
//! the reference: sign-extended imm8 whenever the value fits, else the
//! accumulator's short form, else the full immediate; `shl r, 1` uses the
//! `D1` form; `inc`/`dec` of a register use `40+r`/`48+r` in 32-bit mode;
//! `xchg` with the accumulator uses `90+r`, except `xchg eax, eax` and the
//! like, which stay a real exchange (`87 C0`) rather than becoming `nop`;
//! `sal` is encoded as `shl` (the same operation, as GNU as does), so it
//! disassembles as `shl`.
//! Branches to labels are always rel32 unless `short` is written: the
//! target's distance is unknown while encoding (labels are resolved when
//! the buffer is finished), so rel8 is only used when the author vouches
//! for it, and `patch` refuses it if it cannot reach.

use asm_dsl_core::AsmError;

use super::shapes::{full_imm, imm_value, is_acc, pair_size, rm_of, size_bits};
use super::{no_form, Encoder, Imm, Inst, Rm};
use crate::forms::Op;
use crate::imms::{fits_i32, fits_i8, signed, to_signed, unsigned};
use crate::operand::{Base, Mem, Opnd};
use crate::Mode;

pub(super) fn encode(e: &mut Encoder<'_>, op: Op, cc: u8, o: &[Opnd]) -> Result<(), AsmError> {
    let x64 = e.mode == Mode::X64;
    match (op, o) {
        (Op::Add | Op::Or | Op::Adc | Op::Sbb | Op::And | Op::Sub | Op::Xor | Op::Cmp, [a, b]) => {
            let n = op as u8 - Op::Add as u8;
            match b {
                Opnd::Imm(v) => e.alu_imm(n, a, *v),
                _ => e.binary(a, b, [n * 8, n * 8 + 1], Some([n * 8 + 2, n * 8 + 3])),
            }
        }
        (Op::Test, [a, Opnd::Imm(v)]) => {
            let (rm, size) = rm_of(a).ok_or_else(|| no_form("bad test operand"))?;
            let size = pair_size(size, 0)?;
            let v = imm_value(size, *v)?;
            if is_acc(a) {
                e.plain(
                    size,
                    &[if size == 1 { 0xa8 } else { 0xa9 }],
                    full_imm(size, v),
                )
            } else {
                e.sized(size, (&[0xf6], &[0xf7]), 0, false, rm, full_imm(size, v))
            }
        }
        (Op::Test, [Opnd::Gpr { .. }, Opnd::Mem(_)]) => e.binary(&o[1], &o[0], [0x84, 0x85], None),
        (Op::Test, [a, b]) => e.binary(a, b, [0x84, 0x85], None),
        (Op::Mov, [Opnd::Gpr { size, num }, Opnd::Imm(v)]) => mov_imm(e, *size, *num, *v),
        (Op::Mov | Op::Movabs, [Opnd::Gpr { size, num }, Opnd::Target { .. }]) => {
            let size = if op == Op::Movabs { 8 } else { *size };
            match size {
                4 => e.emit_opreg(false, false, &[0xb8], *num, false, &Imm::Abs(4)),
                8 => e.emit_opreg(false, true, &[0xb8], *num, false, &Imm::Abs(8)),
                _ => Err(no_form("a label address needs a 32- or 64-bit register")),
            }
        }
        // A label's address as a 32-bit immediate: x86 only, where it is
        // the whole address.
        (Op::Mov, [Opnd::Mem(m), Opnd::Target { short: false }]) if !x64 => {
            pair_size(m.size, 4)?;
            e.sized(4, (&[], &[0xc7]), 0, false, Rm::Mem(m), Imm::Abs(4))
        }
        (Op::Mov, [Opnd::Mem(m), Opnd::Imm(v)]) => {
            let size = pair_size(m.size, 0)?;
            let v = imm_value(size, *v)?;
            e.sized(
                size,
                (&[0xc6], &[0xc7]),
                0,
                false,
                Rm::Mem(m),
                full_imm(size, v),
            )
        }
        (Op::Mov, [Opnd::Gpr { size, num: 0 }, Opnd::Mem(m)]) if moffs(e.mode, m) => {
            e.moffs(pair_size(*size, m.size)?, 0xa0, m)
        }
        (Op::Mov, [Opnd::Mem(m), Opnd::Gpr { size, num: 0 }]) if moffs(e.mode, m) => {
            e.moffs(pair_size(*size, m.size)?, 0xa2, m)
        }
        (Op::Mov, [a, b]) => e.binary(a, b, [0x88, 0x89], Some([0x8a, 0x8b])),
        (Op::Movabs, [Opnd::Gpr { size: 8, num }, Opnd::Imm(v)]) if x64 => {
            e.emit_opreg(false, true, &[0xb8], *num, false, &Imm::Val(*v, 8))
        }
        (Op::Movzx | Op::Movsx, [Opnd::Gpr { size, num }, src]) => {
            let (rm, s) = rm_of(src).ok_or_else(|| no_form("bad source"))?;
            let base = if op == Op::Movzx { 0xb6 } else { 0xbe };
            let opcode = match (s, *size) {
                (1, 2 | 4 | 8) => [0x0f, base],
                (2, 4 | 8) => [0x0f, base + 1],
                (0, _) => return Err(no_form("write byte or word on the source")),
                _ => return Err(no_form("bad operand sizes for movzx/movsx")),
            };
            let (p66, w, _) = size_bits(e.mode, *size)?;
            e.emit(&Inst {
                p66,
                rep: 0,
                w,
                opcode: &opcode,
                reg: *num,
                reg_byte: false,
                rm,
                rm_byte: s == 1,
                imm: Imm::None,
            })
        }
        (Op::Movsxd, [Opnd::Gpr { size: 8, num }, src]) => {
            let (rm, s) = rm_of(src).ok_or_else(|| no_form("bad source"))?;
            pair_size(s, 4)?;
            e.sized(8, (&[], &[0x63]), *num, true, rm, Imm::None)
        }
        (Op::Lea, [Opnd::Gpr { size, num }, Opnd::Mem(m)]) if *size != 1 => {
            e.sized(*size, (&[], &[0x8d]), *num, true, Rm::Mem(m), Imm::None)
        }
        (Op::Inc | Op::Dec, [a]) => {
            let n = (op == Op::Dec) as u8;
            match a {
                Opnd::Gpr {
                    size: s @ (2 | 4),
                    num,
                } if !x64 => e.emit_opreg(*s == 2, false, &[0x40 + 8 * n], *num, false, &Imm::None),
                _ => e.unary(a, 0xfe, 0xff, n),
            }
        }
        (Op::Not, [a]) => e.unary(a, 0xf6, 0xf7, 2),
        (Op::Neg, [a]) => e.unary(a, 0xf6, 0xf7, 3),
        (Op::Mul, [a]) => e.unary(a, 0xf6, 0xf7, 4),
        (Op::Imul, [a]) => e.unary(a, 0xf6, 0xf7, 5),
        (Op::Div, [a]) => e.unary(a, 0xf6, 0xf7, 6),
        (Op::Idiv, [a]) => e.unary(a, 0xf6, 0xf7, 7),
        (Op::Rol | Op::Ror | Op::Rcl | Op::Rcr | Op::Shl | Op::Shr | Op::Sal | Op::Sar, [a, b]) => {
            let n = match op {
                Op::Sal => 4,
                _ => op as u8 - Op::Rol as u8,
            };
            let (rm, size) = rm_of(a).ok_or_else(|| no_form("bad shift operand"))?;
            let size = pair_size(size, 0)?;
            match b {
                Opnd::Imm(1) => e.sized(size, (&[0xd0], &[0xd1]), n, false, rm, Imm::None),
                Opnd::Imm(v) => {
                    let v = unsigned(*v, 8, "shift count")?;
                    e.sized(size, (&[0xc0], &[0xc1]), n, false, rm, Imm::Val(v, 1))
                }
                Opnd::Gpr { size: 1, num: 1 } => {
                    e.sized(size, (&[0xd2], &[0xd3]), n, false, rm, Imm::None)
                }
                _ => Err(no_form("shift counts are an immediate or cl")),
            }
        }
        (Op::Imul, [d @ Opnd::Gpr { .. }, Opnd::Imm(v)]) => imul3(e, d, d, *v),
        (Op::Imul, [d, s, Opnd::Imm(v)]) => imul3(e, d, s, *v),
        (Op::Imul, [Opnd::Gpr { size, num }, src]) | (Op::Cmov, [Opnd::Gpr { size, num }, src])
            if *size != 1 =>
        {
            let (rm, s) = rm_of(src).ok_or_else(|| no_form("bad source"))?;
            let size = pair_size(*size, s)?;
            let opcode = if op == Op::Imul { 0xaf } else { 0x40 + cc };
            e.sized(size, (&[], &[0x0f, opcode]), *num, true, rm, Imm::None)
        }
        (Op::Cbw, []) => e.plain(2, &[0x98], Imm::None),
        (Op::Cwde, []) => e.plain(4, &[0x98], Imm::None),
        (Op::Cdqe, []) => e.plain(8, &[0x98], Imm::None),
        (Op::Cwd, []) => e.plain(2, &[0x99], Imm::None),
        (Op::Cdq, []) => e.plain(4, &[0x99], Imm::None),
        (Op::Cqo, []) => e.plain(8, &[0x99], Imm::None),
        (Op::Set, [a]) => {
            let (rm, size) = rm_of(a).ok_or_else(|| no_form("bad setcc operand"))?;
            pair_size(size, 1)?;
            e.sized(1, (&[0x0f, 0x90 + cc], &[]), 0, false, rm, Imm::None)
        }
        (Op::Jcc, [t]) => e.branch(t, Some(&[0x70 + cc]), &[0x0f, 0x80 + cc]),
        (Op::Jmp, [t @ (Opnd::Target { .. } | Opnd::Imm(_))]) => {
            e.branch(t, Some(&[0xeb]), &[0xe9])
        }
        (Op::Jmp, [a]) => e.ptr_rm(a, &[0xff], 4),
        (Op::Call, [t @ (Opnd::Target { .. } | Opnd::Imm(_))]) => e.branch(t, None, &[0xe8]),
        (Op::Call, [a]) => e.ptr_rm(a, &[0xff], 2),
        (Op::Ret, []) => {
            e.raw(&[0xc3]);
            Ok(())
        }
        (Op::Ret, [Opnd::Imm(v)]) => {
            let v = unsigned(*v, 16, "return pop count")?;
            e.raw(&[0xc2]);
            e.imm(&Imm::Val(v, 2))
        }
        (Op::Push | Op::Pop, [Opnd::Gpr { size, num }])
            if *size == 2 || *size == e.mode.ptr_size() =>
        {
            let opcode = if op == Op::Push { 0x50 } else { 0x58 };
            e.emit_opreg(*size == 2, false, &[opcode], *num, false, &Imm::None)
        }
        (Op::Push, [Opnd::Imm(v)]) => {
            let v = if x64 {
                signed(*v, 32, "push immediate")?
            } else {
                to_signed(*v, 32)?
            };
            if fits_i8(v) {
                e.raw(&[0x6a]);
                e.imm(&Imm::Val(v, 1))
            } else {
                e.raw(&[0x68]);
                e.imm(&Imm::Val(v, 4))
            }
        }
        (Op::Push, [m @ Opnd::Mem(_)]) => e.ptr_rm(m, &[0xff], 6),
        // A label's address as a 32-bit immediate: x86 only, where it is
        // the whole address.
        (Op::Push, [Opnd::Target { short: false }]) if !x64 => {
            e.raw(&[0x68]);
            e.imm(&Imm::Abs(4))
        }
        (Op::Pop, [m @ Opnd::Mem(_)]) => e.ptr_rm(m, &[0x8f], 0),
        (Op::Xchg, [Opnd::Gpr { size: sa, num: a }, Opnd::Gpr { size: sb, num: b }])
            if sa == sb && *sa != 1 && (*a == 0) != (*b == 0) =>
        {
            let other = if *a == 0 { *b } else { *a };
            e.emit_opreg(*sa == 2, *sa == 8, &[0x90], other, false, &Imm::None)
        }
        (Op::Xchg, [Opnd::Gpr { .. }, Opnd::Mem(_)]) => e.binary(&o[1], &o[0], [0x86, 0x87], None),
        (Op::Xchg, [a, b]) => e.binary(a, b, [0x86, 0x87], None),
        (Op::Bt | Op::Bts | Op::Btr | Op::Btc, [a, b]) => {
            let n = op as u8 - Op::Bt as u8;
            let (rm, size) = rm_of(a).ok_or_else(|| no_form("bad bit-test operand"))?;
            match b {
                Opnd::Imm(v) => {
                    let size = pair_size(size, 0)?;
                    if size == 1 {
                        return Err(no_form("no byte bit test"));
                    }
                    let v = unsigned(*v, 8, "bit number")?;
                    e.sized(size, (&[], &[0x0f, 0xba]), 4 + n, false, rm, Imm::Val(v, 1))
                }
                Opnd::Gpr { size: s, num } if *s != 1 => {
                    let size = pair_size(size, *s)?;
                    e.sized(
                        size,
                        (&[], &[0x0f, 0xa3 + 8 * n]),
                        *num,
                        true,
                        rm,
                        Imm::None,
                    )
                }
                _ => Err(no_form("bad bit number")),
            }
        }
        (
            Op::Bsf | Op::Bsr | Op::Popcnt | Op::Tzcnt | Op::Lzcnt,
            [Opnd::Gpr { size, num }, src],
        ) if *size != 1 => {
            let (rm, s) = rm_of(src).ok_or_else(|| no_form("bad bit-scan source"))?;
            let size = pair_size(*size, s)?;
            let (rep, opcode) = match op {
                Op::Bsf => (0, 0xbc),
                Op::Bsr => (0, 0xbd),
                Op::Popcnt => (0xf3, 0xb8),
                Op::Tzcnt => (0xf3, 0xbc),
                _ => (0xf3, 0xbd),
            };
            let (p66, w, _) = size_bits(e.mode, size)?;
            e.emit(&Inst {
                p66,
                rep,
                w,
                opcode: &[0x0f, opcode],
                reg: *num,
                reg_byte: false,
                rm,
                rm_byte: false,
                imm: Imm::None,
            })
        }
        (
            Op::Bswap,
            [Opnd::Gpr {
                size: s @ (4 | 8),
                num,
            }],
        ) => e.emit_opreg(false, *s == 8, &[0x0f, 0xc8], *num, false, &Imm::None),
        (Op::Nop, []) => {
            e.raw(&[0x90]);
            Ok(())
        }
        (Op::Nop, [Opnd::Imm(n)]) => {
            let n = usize::try_from(*n).unwrap_or(0);
            let seq = NOPS
                .get(n.wrapping_sub(1))
                .ok_or_else(|| AsmError::ImmRange(format!("nop length {n} is not 1..9")))?;
            e.raw(seq);
            Ok(())
        }
        (Op::Nop, [a]) => {
            let (rm, size) = rm_of(a).ok_or_else(|| no_form("bad nop operand"))?;
            e.sized(
                pair_size(size, 0)?,
                (&[], &[0x0f, 0x1f]),
                0,
                false,
                rm,
                Imm::None,
            )
        }
        (Op::Int3, []) => {
            e.raw(&[0xcc]);
            Ok(())
        }
        (Op::Endbr64 | Op::Endbr32, []) => {
            e.raw(&[
                0xf3,
                0x0f,
                0x1e,
                if op == Op::Endbr64 { 0xfa } else { 0xfb },
            ]);
            Ok(())
        }
        // Segment overrides are written as their own statement before the
        // instruction they apply to, as in DynASM (`fs; mov eax, [0]`).
        (Op::Fs | Op::Gs, []) => {
            e.raw(&[if op == Op::Fs { 0x64 } else { 0x65 }]);
            Ok(())
        }
        (Op::Cpuid, []) => {
            e.raw(&[0x0f, 0xa2]);
            Ok(())
        }
        (Op::Pushfd | Op::Popfd, []) if !x64 => {
            e.raw(&[if op == Op::Pushfd { 0x9c } else { 0x9d }]);
            Ok(())
        }
        (Op::Pushfq | Op::Popfq, []) if x64 => {
            e.raw(&[if op == Op::Pushfq { 0x9c } else { 0x9d }]);
            Ok(())
        }
        (Op::Ud2, []) => {
            e.raw(&[0x0f, 0x0b]);
            Ok(())
        }
        _ => Err(no_form(format_args!(
            "{} does not take these operands",
            op.mnemonic(cc)
        ))),
    }
}

/// True when `mov` between the accumulator and `m` has the short
/// absolute-address form (`A0..A3`, 32-bit mode; GNU as prefers it).
fn moffs(mode: Mode, m: &Mem) -> bool {
    mode == Mode::X86 && m.base == Base::None && m.index.is_none()
}

impl Encoder<'_> {
    fn moffs(&mut self, size: u8, op8: u8, m: &Mem) -> Result<(), AsmError> {
        let (p66, _, byte) = size_bits(self.mode, size)?;
        self.prefixes(p66, 0, false, 0, false, false)?;
        self.raw(&[if byte { op8 } else { op8 + 1 }]);
        let disp = self.disp32(m.disp)?;
        self.disp_field(disp, m.label, 0)
    }
}

/// The recommended multi-byte nops, by length (`nop N` emits one).
pub(crate) const NOPS: [&[u8]; 9] = [
    &[0x90],
    &[0x66, 0x90],
    &[0x0f, 0x1f, 0x00],
    &[0x0f, 0x1f, 0x40, 0x00],
    &[0x0f, 0x1f, 0x44, 0x00, 0x00],
    &[0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
    &[0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
    &[0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    &[0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/// `mov reg, imm`. For 64-bit registers this is the load-any-constant
/// macro: `mov r32, imm32` (zero-extends) for 0..2^32, `mov r64, simm32`
/// for other values that fit, `movabs` for the rest.
fn mov_imm(e: &mut Encoder<'_>, size: u8, num: u8, v: i64) -> Result<(), AsmError> {
    match size {
        8 if (0..=u32::MAX as i64).contains(&v) => {
            e.emit_opreg(false, false, &[0xb8], num, false, &Imm::Val(v, 4))
        }
        8 if fits_i32(v) => e.sized(8, (&[], &[0xc7]), 0, false, Rm::Reg(num), Imm::Val(v, 4)),
        8 => e.emit_opreg(false, true, &[0xb8], num, false, &Imm::Val(v, 8)),
        _ => {
            let v = imm_value(size, v)?;
            let (p66, _, byte) = size_bits(e.mode, size)?;
            let opcode = if byte { 0xb0 } else { 0xb8 };
            e.emit_opreg(p66, false, &[opcode], num, byte, &full_imm(size, v))
        }
    }
}

fn imul3(e: &mut Encoder<'_>, d: &Opnd, s: &Opnd, v: i64) -> Result<(), AsmError> {
    let Opnd::Gpr { size, num } = d else {
        return Err(no_form("imul needs a register destination"));
    };
    let (rm, ss) = rm_of(s).ok_or_else(|| no_form("bad imul source"))?;
    let size = pair_size(*size, ss)?;
    if size == 1 {
        return Err(no_form("no byte imul with an immediate"));
    }
    let v = imm_value(size, v)?;
    if fits_i8(v) {
        e.sized(size, (&[], &[0x6b]), *num, true, rm, Imm::Val(v, 1))
    } else {
        e.sized(size, (&[], &[0x69]), *num, true, rm, full_imm(size, v))
    }
}
