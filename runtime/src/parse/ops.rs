//! Operators: conditional branches, arithmetic with constant folding,
//! comparisons, concatenation, `and`/`or` and the unary operators.
//!
//! Folding follows LuaJIT's rules: both operands must be number constants,
//! and results that are NaN or -0 are not folded (they could not be told
//! apart from other constants in the constant table).

use crate::bc::{Ins, Op};

use super::emit::NO_REG;
use super::expdesc::{ExpDesc, ExpKind, NO_JMP};
use super::{PResult, Parser};

/// Binary operators, in LuaJIT's order (arithmetic ones match the order of
/// ADDVV..MODVV, comparisons the order of ISLT..ISGT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Ne,
    Eq,
    Lt,
    Ge,
    Le,
    Gt,
    And,
    Or,
}

impl BinOp {
    /// Left and right binding priorities.
    pub fn priority(self) -> (u32, u32) {
        match self {
            BinOp::Add | BinOp::Sub => (6, 6),
            BinOp::Mul | BinOp::Div | BinOp::Mod => (7, 7),
            BinOp::Pow => (10, 9),
            BinOp::Concat => (5, 4),
            BinOp::Ne | BinOp::Eq | BinOp::Lt | BinOp::Ge | BinOp::Le | BinOp::Gt => (3, 3),
            BinOp::And => (2, 2),
            BinOp::Or => (1, 1),
        }
    }

    fn arith_index(self) -> u8 {
        self as u8 - BinOp::Add as u8
    }
}

/// Lua's arithmetic on two numbers, as used for folding.
pub fn fold_arith(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Mod => a - (a / b).floor() * b,
        _ => a.powf(b),
    }
}

fn op_plus(op: Op, n: u8) -> Op {
    Op::from_u8(op as u8 + n).expect("opcode in range")
}

impl Parser<'_> {
    fn invert_cond(&mut self, e: &ExpDesc) {
        let ip = &mut self.fs.code[e.info as usize - 1].0;
        let op = Op::from_u8(ip.op_byte() ^ 1).expect("paired opcode");
        ip.set_op(op);
    }

    /// A test and jump on `e`: taken if `e` is truthy when `cond`.
    fn emit_branch(&mut self, e: &mut ExpDesc, cond: bool) -> PResult<usize> {
        if e.k == ExpKind::Relocable {
            let ip = self.fs.code[e.info as usize].0;
            if ip.op() == Op::NOT {
                let op = if cond { Op::ISF } else { Op::IST };
                self.fs.code[e.info as usize].0 = Ins::ad(op, 0, ip.d());
                return self.emit_jmp();
            }
        }
        if e.k != ExpKind::NonReloc {
            self.reg_reserve(1)?;
            let r = self.fs.freereg - 1;
            self.toreg_nobranch(e, r)?;
        }
        self.emit_ad(if cond { Op::ISTC } else { Op::ISFC }, NO_REG, e.info)?;
        let pc = self.emit_jmp()?;
        self.expr_free(e);
        Ok(pc)
    }

    /// Falls through when `e` is true; false jumps go to `e.f`.
    pub fn branch_true(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge(e)?;
        let pc = match e.k {
            ExpKind::Str | ExpKind::Num | ExpKind::True => NO_JMP,
            ExpKind::Jmp => {
                self.invert_cond(e);
                e.info as usize
            }
            ExpKind::False | ExpKind::Nil => {
                self.toreg_nobranch(e, NO_REG)?;
                self.emit_jmp()?
            }
            _ => self.emit_branch(e, false)?,
        };
        let mut f = e.f;
        self.jmp_append(&mut f, pc)?;
        e.f = f;
        self.jmp_tohere(e.t)?;
        e.t = NO_JMP;
        Ok(())
    }

    /// Falls through when `e` is false; true jumps go to `e.t`.
    pub fn branch_false(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge(e)?;
        let pc = match e.k {
            ExpKind::Nil | ExpKind::False => NO_JMP,
            ExpKind::Jmp => e.info as usize,
            ExpKind::Str | ExpKind::Num | ExpKind::True => {
                self.toreg_nobranch(e, NO_REG)?;
                self.emit_jmp()?
            }
            _ => self.emit_branch(e, true)?,
        };
        let mut t = e.t;
        self.jmp_append(&mut t, pc)?;
        e.t = t;
        self.jmp_tohere(e.f)?;
        e.f = NO_JMP;
        Ok(())
    }

    fn fold(op: BinOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        if !e1.is_numk_nojump() || !e2.is_numk_nojump() {
            return false;
        }
        let n = fold_arith(op, e1.nval, e2.nval);
        if n.is_nan() || (n == 0.0 && n.is_sign_negative()) {
            return false;
        }
        e1.nval = n;
        true
    }

    /// Releases the temporaries of both operands (in either order).
    fn free_operands(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        for e in [e1, e2] {
            if e.k == ExpKind::NonReloc && e.info >= self.fs.nactvar {
                self.fs.freereg = self.fs.freereg.saturating_sub(1);
            }
        }
    }

    fn emit_arith(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        if Self::fold(op, e1, e2) {
            return Ok(());
        }
        let (ins_op, rb, rc);
        if op == BinOp::Pow {
            ins_op = Op::POW;
            rc = self.toanyreg(e2)?;
            rb = self.toanyreg(e1)?;
        } else {
            let mut o = op_plus(Op::ADDVV, op.arith_index());
            // The second operand first: an indexed one may free registers.
            self.toval(e2)?;
            let mut c = 0;
            let mut kc = false;
            if e2.is_numk() {
                c = self.fs.const_num(e2.nval);
                kc = c <= 0xff;
            }
            if kc {
                o = op_plus(Op::ADDVN, op.arith_index());
            } else {
                c = self.toanyreg(e2)?;
            }
            self.toval(e1)?;
            let mut b = 0;
            let mut kb = false;
            if e1.is_numk() && !e2.is_numk() {
                b = self.fs.const_num(e1.nval);
                kb = b <= 0xff;
            }
            if kb {
                // Number first: NV form, with the operands swapped.
                rb = c;
                rc = b;
                o = op_plus(Op::ADDNV, op.arith_index());
            } else {
                rb = self.toanyreg(e1)?;
                rc = c;
            }
            ins_op = o;
        }
        self.free_operands(e1, e2);
        e1.info = self.emit_abc(ins_op, 0, rb, rc)? as u32;
        e1.k = ExpKind::Relocable;
        Ok(())
    }

    fn emit_comp(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        self.toval(e1)?;
        let ins;
        // `swapped` tracks which descriptor plays the first operand.
        let swapped;
        if op == BinOp::Eq || op == BinOp::Ne {
            let base = if op == BinOp::Eq {
                Op::ISEQV
            } else {
                Op::ISNEV
            };
            // The constant, if any, must be the second operand.
            swapped = e1.is_k();
            let (a, b) = if swapped {
                (&mut *e2, &mut *e1)
            } else {
                (&mut *e1, &mut *e2)
            };
            let ra = self.toanyreg(a)?;
            self.toval(b)?;
            ins = match b.k {
                ExpKind::Nil | ExpKind::False | ExpKind::True => {
                    Ins::ad(op_plus(base, 6), ra as u8, b.pri())
                }
                ExpKind::Str => {
                    let s = b.sval.clone().expect("string constant");
                    Ins::ad(op_plus(base, 2), ra as u8, self.fs.const_str(&s) as u16)
                }
                ExpKind::Num => {
                    Ins::ad(op_plus(base, 4), ra as u8, self.fs.const_num(b.nval) as u16)
                }
                _ => {
                    let rd = self.toanyreg(b)?;
                    Ins::ad(base, ra as u8, rd as u16)
                }
            };
            if swapped {
                self.free_operands(e2, e1);
            } else {
                self.free_operands(e1, e2);
            }
        } else {
            let idx = op as u8 - BinOp::Lt as u8;
            if idx & 1 == 1 {
                // GT -> LT and GE -> LE with the operands swapped.
                let o = op_plus(Op::ISLT, idx ^ 3);
                self.toval(e2)?;
                let ra = self.toanyreg(e2)?;
                let rd = self.toanyreg(e1)?;
                ins = Ins::ad(o, ra as u8, rd as u16);
                self.free_operands(e2, e1);
            } else {
                let o = op_plus(Op::ISLT, idx);
                let rd = self.toanyreg(e2)?;
                let ra = self.toanyreg(e1)?;
                ins = Ins::ad(o, ra as u8, rd as u16);
                self.free_operands(e1, e2);
            }
        }
        self.emit(ins)?;
        e1.info = self.emit_jmp()? as u32;
        e1.k = ExpKind::Jmp;
        Ok(())
    }

    /// Prepares the left operand before the right one is parsed.
    pub fn binop_left(&mut self, op: BinOp, e: &mut ExpDesc) -> PResult<()> {
        match op {
            BinOp::And => self.branch_true(e),
            BinOp::Or => self.branch_false(e),
            BinOp::Concat => self.tonextreg(e),
            BinOp::Eq | BinOp::Ne => {
                if !e.is_k_nojump() {
                    self.toanyreg(e)?;
                }
                Ok(())
            }
            _ => {
                if !e.is_numk_nojump() {
                    self.toanyreg(e)?;
                }
                Ok(())
            }
        }
    }

    pub fn binop(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod | BinOp::Pow => {
                self.emit_arith(op, e1, e2)
            }
            BinOp::And => {
                self.discharge(e2)?;
                let mut f = e2.f;
                self.jmp_append(&mut f, e1.f)?;
                e2.f = f;
                *e1 = e2.clone();
                Ok(())
            }
            BinOp::Or => {
                self.discharge(e2)?;
                let mut t = e2.t;
                self.jmp_append(&mut t, e1.t)?;
                e2.t = t;
                *e1 = e2.clone();
                Ok(())
            }
            BinOp::Concat => {
                self.toval(e2)?;
                let is_cat =
                    e2.k == ExpKind::Relocable && self.fs.code[e2.info as usize].0.op() == Op::CAT;
                if is_cat {
                    self.expr_free(e1);
                    self.fs.code[e2.info as usize].0.set_b(e1.info as u8);
                    e1.info = e2.info;
                } else {
                    self.tonextreg(e2)?;
                    self.expr_free(e2);
                    self.expr_free(e1);
                    e1.info = self.emit_abc(Op::CAT, 0, e1.info, e2.info)? as u32;
                }
                e1.k = ExpKind::Relocable;
                Ok(())
            }
            _ => self.emit_comp(op, e1, e2),
        }
    }

    pub fn unop(&mut self, op: Op, e: &mut ExpDesc) -> PResult<()> {
        if op == Op::NOT {
            std::mem::swap(&mut e.f, &mut e.t);
            self.jmp_dropval(e.f);
            self.jmp_dropval(e.t);
            self.discharge(e)?;
            match e.k {
                ExpKind::Nil | ExpKind::False => {
                    e.k = ExpKind::True;
                    return Ok(());
                }
                _ if e.is_k() || e.k == ExpKind::CData => {
                    e.k = ExpKind::False;
                    return Ok(());
                }
                ExpKind::Jmp => {
                    self.invert_cond(e);
                    return Ok(());
                }
                ExpKind::Relocable => {
                    self.reg_reserve(1)?;
                    let r = self.fs.freereg - 1;
                    self.fs.code[e.info as usize].0.set_a(r as u8);
                    e.info = r;
                    e.k = ExpKind::NonReloc;
                }
                _ => {}
            }
        } else {
            if op == Op::UNM && !e.has_jump() {
                if e.k == ExpKind::CData {
                    // Folded in place: a cdata literal is not shared.
                    e.cdata = e.cdata.map(|c| match c {
                        crate::lex::NumLit::I64(v) => crate::lex::NumLit::I64(v.wrapping_neg()),
                        crate::lex::NumLit::U64(v) => crate::lex::NumLit::U64(v.wrapping_neg()),
                        crate::lex::NumLit::Imag(v) => crate::lex::NumLit::Imag(-v),
                        other => other,
                    });
                    return Ok(());
                }
                if e.is_numk() && e.nval != 0.0 {
                    e.nval = -e.nval;
                    return Ok(());
                }
            }
            self.toanyreg(e)?;
        }
        self.expr_free(e);
        e.info = self.emit_ad(op, 0, e.info)? as u32;
        e.k = ExpKind::Relocable;
        Ok(())
    }
}
