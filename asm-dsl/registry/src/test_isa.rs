//! `test`: a tiny made-up instruction set that exists only to test the
//! neutral machinery (the `asm!` macro, labels, relocations, `xasm`)
//! independently of the real encoders.
//!
//! It is registered under the name `test` so that the macro, which can
//! only see ISAs through this crate at compile time, can expand statements
//! for it. It is harmless: no real code generator names it, and
//! [`crate::ISAS`] (what `xasm --list` prints) does not list it.
//!
//! The ISA at a glance: 32-bit little-endian words, registers `r0`..`r15`
//! (splice `r{expr}`), fields `op[31:24] rd[23:20] ra[19:16] imm[15:0]`.
//!
//! | text | encoding |
//! |---|---|
//! | `nop` | `00 000000` |
//! | `li rD, imm16` | `01 D 0 imm` (signed) |
//! | `add rD, rA, rB` | `02 D A 000B` |
//! | `addi rD, rA, imm16` | `03 D A imm` (signed) |
//! | `ld rD, [rA]`, `[rA + d]`, `[rA - d]` | `04 D A d` (signed) |
//! | `b label` | `05 off24` (words from this insn, signed 24 bits) |
//! | `bz rA, label` | `06 0 A off16` (words, signed 16 bits) |
//! | `push {rX, rY, ...}` | `07 00 mask16` (a register list) |

use asm_dsl_core::{
    Arg, AsmError, AsmValue, Caps, Cursor, Emitter, Endian, FormId, Insn, Isa, Operand, RelocKind,
    Token,
};

/// The test ISA's implementation.
pub struct TestIsa;

/// The registered static.
pub static TEST: TestIsa = TestIsa;

static CAPS: Caps = Caps {
    name: "test",
    pointer_bits: 32,
    endian: Endian::Little,
    insn_align: 4,
    icache_coherent: true,
};

/// A register of the test ISA, for splicing with `r{expr}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg(pub u8);

impl AsmValue for Reg {
    fn to_operand(self) -> Operand {
        Operand::Imm(self.0 as i64)
    }
}

const NOP: FormId = FormId(0);
const LI: FormId = FormId(1);
const ADD: FormId = FormId(2);
const ADDI: FormId = FormId(3);
const LD: FormId = FormId(4);
const B: FormId = FormId(5);
const BZ: FormId = FormId(6);
const PUSH: FormId = FormId(7);

const REL24: RelocKind = RelocKind(0);
const REL16: RelocKind = RelocKind(1);

fn reg(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    let pos = cur.position();
    if let Some(name) = cur.ident() {
        if name == "r" {
            if let Some(Token::Splice(index)) = cur.peek() {
                let index = *index;
                cur.next_token();
                return Ok(Arg::Splice {
                    index,
                    negate: false,
                });
            }
        }
        if let Some(n) = name.strip_prefix('r').and_then(|n| n.parse::<i64>().ok()) {
            if (0..16).contains(&n) {
                return Ok(Arg::Const(n));
            }
        }
    }
    cur.reset(pos);
    Err(cur.error("expected a register".into()))
}

fn imm16(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    let v = cur.value()?;
    if let Arg::Const(c) = v {
        check16(c)?;
    }
    Ok(v)
}

fn check16(v: i64) -> Result<u32, AsmError> {
    if (-0x8000..0x8000).contains(&v) {
        Ok(v as u32 & 0xffff)
    } else {
        Err(AsmError::ImmRange(format!(
            "{v} does not fit 16 signed bits"
        )))
    }
}

fn label(cur: &mut Cursor<'_>) -> Result<Arg, AsmError> {
    match cur.label()? {
        Some(l) => Ok(Arg::Label(l)),
        None => Err(cur.error("expected a label".into())),
    }
}

/// Reads `{r1, r2}` from text punctuation or from a macro splice's tokens.
fn reg_list(cur: &mut Cursor<'_>) -> Result<i64, AsmError> {
    let inner: Vec<Token> = match cur.next_token() {
        Some(Token::Splice(i)) => match cur.splice_contents(*i) {
            Some(t) => t.to_vec(),
            None => return Err(AsmError::syntax("expected a register list")),
        },
        Some(Token::Punct('{')) => {
            let mut v = Vec::new();
            loop {
                match cur.next_token() {
                    Some(Token::Punct('}')) => break,
                    Some(t) => v.push(t.clone()),
                    None => return Err(AsmError::syntax("unclosed register list")),
                }
            }
            v
        }
        _ => return Err(cur.error("expected a register list".into())),
    };
    let mut lc = Cursor::new(&inner);
    let mut mask = 0;
    loop {
        match reg(&mut lc)? {
            Arg::Const(n) => mask |= 1 << n,
            _ => return Err(AsmError::syntax("register lists take named registers")),
        }
        if !lc.eat_punct(',') {
            break;
        }
    }
    lc.expect_end()?;
    Ok(mask)
}

impl Isa for TestIsa {
    fn caps(&self) -> &'static Caps {
        &CAPS
    }

    fn rust_path(&self) -> &'static str {
        "::asm_dsl::test_isa::TEST"
    }

    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        let m = cur.mnemonic()?;
        let (form, args) = match m.as_str() {
            "nop" => (NOP, vec![]),
            "li" => {
                let d = reg(cur)?;
                cur.expect_punct(',')?;
                (LI, vec![d, imm16(cur)?])
            }
            "add" | "addi" => {
                let d = reg(cur)?;
                cur.expect_punct(',')?;
                let a = reg(cur)?;
                cur.expect_punct(',')?;
                if m == "add" {
                    (ADD, vec![d, a, reg(cur)?])
                } else {
                    (ADDI, vec![d, a, imm16(cur)?])
                }
            }
            "ld" => {
                let d = reg(cur)?;
                cur.expect_punct(',')?;
                cur.expect_punct('[')?;
                let a = reg(cur)?;
                let disp = if cur.eat_punct(']') {
                    Arg::Const(0)
                } else {
                    let neg = cur.eat_punct('-');
                    if !neg {
                        cur.expect_punct('+')?;
                    }
                    let v = match cur.value()? {
                        Arg::Const(c) => {
                            let c = if neg { -c } else { c };
                            check16(c)?;
                            Arg::Const(c)
                        }
                        Arg::Splice { index, negate } => Arg::Splice {
                            index,
                            negate: negate != neg,
                        },
                        other => other,
                    };
                    cur.expect_punct(']')?;
                    v
                };
                (LD, vec![d, a, disp])
            }
            "b" => (B, vec![label(cur)?]),
            "bz" => {
                let a = reg(cur)?;
                cur.expect_punct(',')?;
                (BZ, vec![a, label(cur)?])
            }
            "push" => (PUSH, vec![Arg::Const(reg_list(cur)?)]),
            _ => return Err(AsmError::NoForm(format!("unknown mnemonic '{m}'"))),
        };
        cur.expect_end()?;
        Ok(Insn { form, args })
    }

    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
        let r = |i: usize| -> Result<u32, AsmError> {
            let v = ops.get(i).map(Operand::imm).unwrap_or(-1);
            if (0..16).contains(&v) {
                Ok(v as u32)
            } else {
                Err(AsmError::NoForm(format!("r{v} is not a register")))
            }
        };
        let im = |i: usize| -> Result<i64, AsmError> {
            ops.get(i)
                .map(Operand::imm)
                .ok_or_else(|| AsmError::NoForm("missing operand".into()))
        };
        let lab = |i: usize| match ops.get(i) {
            Some(Operand::Label(l)) => Ok(l),
            _ => Err(AsmError::NoForm("branch needs a label".into())),
        };
        let op = |o: u32| o << 24;
        let word = match form {
            NOP => 0,
            LI => op(1) | r(0)? << 20 | check16(im(1)?)?,
            ADD => op(2) | r(0)? << 20 | r(1)? << 16 | r(2)?,
            ADDI => op(3) | r(0)? << 20 | r(1)? << 16 | check16(im(2)?)?,
            LD => op(4) | r(0)? << 20 | r(1)? << 16 | check16(im(2)?)?,
            B | BZ => {
                let (kind, l, base) = if form == B {
                    (REL24, lab(0)?, op(5))
                } else {
                    (REL16, lab(1)?, op(6) | r(0)? << 16)
                };
                let at = out.offset();
                out.reloc(kind, at, l);
                base
            }
            PUSH => op(7) | (im(0)? as u32 & 0xffff),
            _ => return Err(AsmError::NoForm(format!("no form {}", form.0))),
        };
        out.put_u32(word);
        Ok(())
    }

    fn patch(
        &self,
        kind: RelocKind,
        code: &mut [u8],
        at: usize,
        code_addr: u64,
        target: u64,
    ) -> Result<(), AsmError> {
        let field = code
            .get_mut(at..at + 4)
            .ok_or_else(|| AsmError::Label(format!("relocation at {at} is outside the code")))?;
        let here = code_addr.wrapping_add(at as u64);
        let delta = target.wrapping_sub(here) as i64;
        if delta % 4 != 0 {
            return Err(AsmError::BranchRange(format!(
                "misaligned target {target:#x}"
            )));
        }
        let words = delta / 4;
        let bits = if kind == REL24 { 24 } else { 16 };
        let half = 1i64 << (bits - 1);
        if !(-half..half).contains(&words) {
            return Err(AsmError::BranchRange(format!(
                "{delta} bytes does not fit a {bits}-bit branch"
            )));
        }
        let mut w = u32::from_le_bytes([field[0], field[1], field[2], field[3]]);
        let mask = (1u32 << bits) - 1;
        w = (w & !mask) | (words as u32 & mask);
        field.copy_from_slice(&w.to_le_bytes());
        Ok(())
    }

    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
        let b = code
            .get(..4)
            .ok_or_else(|| AsmError::Undecodable("fewer than 4 bytes".into()))?;
        let w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let (d, a, imm) = ((w >> 20) & 15, (w >> 16) & 15, (w & 0xffff) as u16 as i16);
        let target = |bits: u32| {
            let off = ((w << (32 - bits)) as i32 >> (32 - bits)) as i64 * 4;
            addr.wrapping_add(off as u64)
        };
        let text = match w >> 24 {
            0 if w == 0 => "nop".to_string(),
            1 if a == 0 => format!("li r{d}, {imm}"),
            2 if w & 0xfff0 == 0 => format!("add r{d}, r{a}, r{}", w & 15),
            3 => format!("addi r{d}, r{a}, {imm}"),
            4 if imm < 0 => format!("ld r{d}, [r{a} - {}]", -(imm as i32)),
            4 => format!("ld r{d}, [r{a} + {imm}]"),
            5 => format!("b {:#x}", target(24)),
            6 if d == 0 => format!("bz r{a}, {:#x}", target(16)),
            7 if w & 0xff_0000 == 0 && w & 0xffff != 0 => {
                let regs: Vec<String> = (0..16)
                    .filter(|i| w & (1 << i) != 0)
                    .map(|i| format!("r{i}"))
                    .collect();
                format!("push {{{}}}", regs.join(", "))
            }
            _ => return Err(AsmError::Undecodable(format!("{w:#010x}"))),
        };
        Ok((4, text))
    }
}
