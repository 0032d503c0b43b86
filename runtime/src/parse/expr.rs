//! The expression grammar: primary and suffixed expressions, indexing,
//! calls, simple expressions and operator precedence.

use std::rc::Rc;

use crate::bc::proto::flags;
use crate::bc::{Ins, Op};
use crate::lex::{NumLit, Tok, TokVal};

use super::expdesc::{num2int, ExpDesc, ExpKind};
use super::ops::BinOp;
use super::{PResult, Parser};

impl Parser<'_> {
    pub fn expr(&mut self) -> PResult<ExpDesc> {
        let (e, _) = self.expr_binop(0)?;
        Ok(e)
    }

    /// An expression evaluated into the next free register.
    pub fn expr_next(&mut self) -> PResult<()> {
        let mut e = self.expr()?;
        self.tonextreg(&mut e)
    }

    /// A condition; returns the jumps taken when it is false.
    pub fn expr_cond(&mut self) -> PResult<usize> {
        let mut v = self.expr()?;
        if v.k == ExpKind::Nil {
            v.k = ExpKind::False;
        }
        self.branch_true(&mut v)?;
        Ok(v.f)
    }

    /// An expression list; all but the last value are in registers.
    pub fn expr_list(&mut self) -> PResult<(u32, ExpDesc)> {
        let mut n = 1;
        let mut v = self.expr()?;
        while self.opt(Tok::Char(b','))? {
            self.tonextreg(&mut v)?;
            v = self.expr()?;
            n += 1;
        }
        Ok((n, v))
    }

    pub(super) fn expr_str(&mut self) -> PResult<ExpDesc> {
        let s = self.name()?;
        Ok(ExpDesc::str(s))
    }

    /// Turns `t` into `t[e]`, picking the key encoding.
    pub(super) fn expr_index(&mut self, t: &mut ExpDesc, e: &mut ExpDesc) -> PResult<()> {
        t.k = ExpKind::Indexed;
        if e.is_numk() {
            let n = e.nval;
            let k = num2int(n);
            if (0..=255).contains(&k) && n == k as f64 {
                t.aux = 256 + k as u32;
                return Ok(());
            }
        } else if e.is_strk() {
            let s = e.sval.clone().expect("string constant");
            let idx = self.fs.const_str(&s);
            if idx <= 255 {
                t.aux = !idx;
                return Ok(());
            }
        }
        t.aux = self.toanyreg(e)?;
        Ok(())
    }

    pub fn expr_field(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.toanyreg(v)?;
        self.lx.advance()?;
        let mut key = self.expr_str()?;
        self.expr_index(v, &mut key)
    }

    pub(super) fn expr_bracket(&mut self) -> PResult<ExpDesc> {
        self.lx.advance()?;
        let mut v = self.expr()?;
        self.toval(&mut v)?;
        self.check(Tok::Char(b']'))?;
        Ok(v)
    }

    /// Call arguments; `e` is the function in its base register.
    fn parse_args(&mut self, e: &mut ExpDesc) -> PResult<()> {
        let line = self.lx.line;
        let mut args;
        match self.lx.tok {
            Tok::Char(b'(') => {
                if line != self.lx.last_line {
                    return Err(self.err_syntax("ambiguous syntax (function call x new statement)"));
                }
                self.lx.advance()?;
                if self.lx.tok == Tok::Char(b')') {
                    args = ExpDesc::new(ExpKind::Void, 0);
                } else {
                    args = self.expr_list()?.1;
                    if args.k == ExpKind::Call {
                        self.fs.code[args.info as usize].0.set_b(0);
                    }
                }
                self.check_match(Tok::Char(b')'), Tok::Char(b'('), line)?;
            }
            Tok::Char(b'{') => args = self.expr_table()?,
            Tok::String => {
                let s = match &self.lx.val {
                    TokVal::Str(s) => s.clone(),
                    _ => Rc::from(&b""[..]),
                };
                args = ExpDesc::str(s);
                self.lx.advance()?;
            }
            _ => return Err(self.err_syntax("function arguments expected")),
        }
        let base = e.info;
        let ins = if args.k == ExpKind::Call {
            Ins::abc(Op::CALLM, base as u8, 2, (args.aux - base - 2) as u8)
        } else {
            if args.k != ExpKind::Void {
                self.tonextreg(&mut args)?;
            }
            Ins::abc(Op::CALL, base as u8, 2, (self.fs.freereg - base - 1) as u8)
        };
        let pc = self.emit(ins)?;
        *e = ExpDesc::new(ExpKind::Call, pc as u32);
        e.aux = base;
        self.set_line(pc, line);
        self.fs.freereg = base + 1;
        Ok(())
    }

    /// A primary expression with its suffixes: `a.b[c]:d(e) "f" {g}`.
    pub fn expr_primary(&mut self) -> PResult<ExpDesc> {
        let mut v = match self.lx.tok {
            Tok::Char(b'(') => {
                let line = self.lx.line;
                self.lx.advance()?;
                let mut v = self.expr()?;
                self.check_match(Tok::Char(b')'), Tok::Char(b'('), line)?;
                self.discharge(&mut v)?;
                v
            }
            Tok::Name | Tok::Goto => {
                let n = self.name()?;
                self.var_lookup(n)?
            }
            _ => return Err(self.err_syntax("unexpected symbol")),
        };
        loop {
            match self.lx.tok {
                Tok::Char(b'.') => self.expr_field(&mut v)?,
                Tok::Char(b'[') => {
                    self.toanyreg(&mut v)?;
                    let mut key = self.expr_bracket()?;
                    self.expr_index(&mut v, &mut key)?;
                }
                Tok::Char(b':') => {
                    self.lx.advance()?;
                    let key = self.expr_str()?;
                    self.emit_method(&mut v, &key)?;
                    self.parse_args(&mut v)?;
                }
                Tok::Char(b'(') | Tok::String | Tok::Char(b'{') => {
                    self.tonextreg(&mut v)?;
                    self.reg_reserve(1)?;
                    self.parse_args(&mut v)?;
                }
                _ => break,
            }
        }
        Ok(v)
    }

    fn expr_simple(&mut self) -> PResult<ExpDesc> {
        let v = match self.lx.tok {
            Tok::Number => match self.lx.val {
                TokVal::Num(NumLit::Num(n)) => ExpDesc::num(n),
                TokVal::Num(c) => {
                    let mut e = ExpDesc::new(ExpKind::CData, 0);
                    e.cdata = Some(c);
                    e
                }
                _ => ExpDesc::num(0.0),
            },
            Tok::String => match &self.lx.val {
                TokVal::Str(s) => ExpDesc::str(s.clone()),
                _ => ExpDesc::str(Rc::from(&b""[..])),
            },
            Tok::Nil => ExpDesc::new(ExpKind::Nil, 0),
            Tok::True => ExpDesc::new(ExpKind::True, 0),
            Tok::False => ExpDesc::new(ExpKind::False, 0),
            Tok::Dots => {
                if self.fs.flags & flags::VARARG == 0 {
                    return Err(self.err_syntax("cannot use '...' outside a vararg function"));
                }
                self.reg_reserve(1)?;
                let base = self.fs.freereg - 1;
                let pc = self.emit_abc(Op::VARG, base, 2, self.fs.numparams as u32)?;
                let mut e = ExpDesc::new(ExpKind::Call, pc as u32);
                e.aux = base;
                e
            }
            Tok::Char(b'{') => return self.expr_table(),
            Tok::Function => {
                self.lx.advance()?;
                let line = self.lx.line;
                return self.parse_body(false, line);
            }
            _ => return self.expr_primary(),
        };
        self.lx.advance()?;
        Ok(v)
    }

    fn expr_unop(&mut self) -> PResult<ExpDesc> {
        let op = match self.lx.tok {
            Tok::Not => Op::NOT,
            Tok::Char(b'-') => Op::UNM,
            Tok::Char(b'#') => Op::LEN,
            _ => return self.expr_simple(),
        };
        self.lx.advance()?;
        let (mut v, _) = self.expr_binop(8)?;
        self.unop(op, &mut v)?;
        Ok(v)
    }

    fn token_binop(&self) -> Option<BinOp> {
        Some(match self.lx.tok {
            Tok::Char(b'+') => BinOp::Add,
            Tok::Char(b'-') => BinOp::Sub,
            Tok::Char(b'*') => BinOp::Mul,
            Tok::Char(b'/') => BinOp::Div,
            Tok::Char(b'%') => BinOp::Mod,
            Tok::Char(b'^') => BinOp::Pow,
            Tok::Concat => BinOp::Concat,
            Tok::Ne => BinOp::Ne,
            Tok::Eq => BinOp::Eq,
            Tok::Char(b'<') => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Char(b'>') => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            Tok::And => BinOp::And,
            Tok::Or => BinOp::Or,
            _ => return None,
        })
    }

    /// Operators binding tighter than `limit`; returns the first operator
    /// left unconsumed.
    fn expr_binop(&mut self, limit: u32) -> PResult<(ExpDesc, Option<BinOp>)> {
        self.level_begin()?;
        let mut v = self.expr_unop()?;
        let mut op = self.token_binop();
        while let Some(o) = op {
            let (left, right) = o.priority();
            if left <= limit {
                break;
            }
            self.lx.advance()?;
            self.binop_left(o, &mut v)?;
            let (mut v2, next) = self.expr_binop(right)?;
            self.binop(o, &mut v, &mut v2)?;
            op = next;
        }
        self.level_end();
        Ok((v, op))
    }
}
