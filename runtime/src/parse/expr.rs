//! The expression grammar: primary and suffixed expressions, calls, table
//! constructors (with TDUP templates for their constant part), function
//! bodies and operator precedence.

use std::rc::Rc;

use crate::bc::proto::flags;
use crate::bc::{Ins, Op, TabConst};
use crate::lex::{NumLit, Tok, TokVal};

use super::expdesc::{num2int, ExpDesc, ExpKind};
use super::func::{FuncState, PendingGc, FIXUP_RETURN, HAS_RETURN, SCOPE_NOCLOSE, SCOPE_UPVAL};
use super::ops::BinOp;
use super::template::{hsize2hbits, Template};
use super::{PResult, Parser};

/// TSETM's operand: the first array index, as the low word of a double
/// biased by 2^52 (so that the constant is never a denormal).
fn tsetm_base(narr: u32) -> f64 {
    f64::from_bits(0x4330_0000_0000_0000 | (narr as u64 - 1))
}

/// The template-table form of a constant key or value.
fn tab_const(e: &ExpDesc) -> TabConst {
    match e.k {
        ExpKind::Nil => TabConst::Nil,
        ExpKind::False => TabConst::False,
        ExpKind::True => TabConst::True,
        ExpKind::Str => TabConst::Str(e.sval.clone().expect("string constant")),
        _ => {
            let n = e.nval;
            let i = num2int(n);
            if i as f64 == n && !(n == 0.0 && n.is_sign_negative()) {
                TabConst::Int(i)
            } else {
                TabConst::Num(n)
            }
        }
    }
}

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

    fn expr_str(&mut self) -> PResult<ExpDesc> {
        let s = self.name()?;
        Ok(ExpDesc::str(s))
    }

    /// Turns `t` into `t[e]`, picking the key encoding.
    fn expr_index(&mut self, t: &mut ExpDesc, e: &mut ExpDesc) -> PResult<()> {
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

    fn expr_bracket(&mut self) -> PResult<ExpDesc> {
        self.lx.advance()?;
        let mut v = self.expr()?;
        self.toval(&mut v)?;
        self.check(Tok::Char(b']'))?;
        Ok(v)
    }

    /// A table constructor. Constant entries go into a template table
    /// (TDUP); the rest is stored by instructions after it.
    fn expr_table(&mut self) -> PResult<ExpDesc> {
        let line = self.lx.line;
        let freg0 = self.fs.freereg;
        let pc = self.emit_ad(Op::TNEW, freg0, 0)?;
        let mut e = ExpDesc::new(ExpKind::NonReloc, freg0);
        self.reg_reserve(1)?;
        let freg = freg0 + 1;
        let mut t: Option<(u32, Template)> = None;
        let (mut vcall, mut needarr, mut fixt) = (false, false, false);
        let mut narr: u32 = 1;
        let mut nhash: u32 = 0;
        self.check(Tok::Char(b'{'))?;
        while self.lx.tok != Tok::Char(b'}') {
            vcall = false;
            let mut key;
            if self.lx.tok == Tok::Char(b'[') {
                key = self.expr_bracket()?;
                if !key.is_k() {
                    self.expr_index(&mut e, &mut key)?;
                }
                if key.is_numk() && key.nval == 0.0 {
                    needarr = true;
                } else {
                    nhash += 1;
                }
                self.check(Tok::Char(b'='))?;
            } else if matches!(self.lx.tok, Tok::Name | Tok::Goto)
                && self.lx.lookahead()? == Tok::Char(b'=')
            {
                key = self.expr_str()?;
                self.check(Tok::Char(b'='))?;
                nhash += 1;
            } else {
                key = ExpDesc::num(narr as f64);
                narr += 1;
                needarr = true;
                vcall = true;
            }
            let mut val = self.expr()?;
            let mut nonconst = true;
            if key.is_k() && key.k != ExpKind::Nil && (key.k == ExpKind::Str || val.is_k_nojump()) {
                if t.is_none() {
                    let tt = Template::new(if needarr { narr } else { 0 }, nhash);
                    let kidx = self.fs.const_unique(PendingGc::Table(Default::default()));
                    self.fs.code[pc].0 = Ins::ad(Op::TDUP, (freg - 1) as u8, kidx as u16);
                    t = Some((kidx, tt));
                }
                vcall = false;
                let tt = &mut t.as_mut().expect("template").1;
                if val.is_k_nojump() {
                    tt.set(tab_const(&key), tab_const(&val));
                    nonconst = false;
                } else {
                    // The key is reserved now and loses its value at the
                    // end; the store below sets it at run time.
                    tt.set(tab_const(&key), Template::placeholder());
                    fixt = true;
                }
            }
            if nonconst {
                if val.k != ExpKind::Call {
                    self.toanyreg(&mut val)?;
                    vcall = false;
                }
                if key.is_k() {
                    self.expr_index(&mut e, &mut key)?;
                }
                self.store(&e, &mut val)?;
            }
            self.fs.freereg = freg;
            if !self.opt(Tok::Char(b','))? && !self.opt(Tok::Char(b';'))? {
                break;
            }
        }
        self.check_match(Tok::Char(b'}'), Tok::Char(b'{'), line)?;
        if vcall {
            // The last positional value is a call or `...`: store all its
            // results with TSETM.
            let mut last = self.fs.pc() - 1;
            let k = self.fs.const_num(tsetm_base(narr));
            if narr > 256 {
                self.fs.code.pop();
                last -= 1;
            }
            let line_keep = self.fs.code[last].1;
            self.fs.code[last] = (Ins::ad(Op::TSETM, freg as u8, k as u16), line_keep);
            self.fs.code[last - 1].0.set_b(0);
        }
        if pc == self.fs.pc() - 1 {
            e.info = pc as u32;
            self.fs.freereg -= 1;
            e.k = ExpKind::Relocable;
        } else {
            e.k = ExpKind::NonReloc;
        }
        match t {
            None => {
                let narr = if !needarr { 0 } else { narr.clamp(3, 0x7ff) };
                self.fs.code[pc]
                    .0
                    .set_d((narr | (hsize2hbits(nhash) << 11)) as u16);
            }
            Some((kidx, mut tt)) => {
                if needarr {
                    tt.ensure_array(narr as usize);
                }
                if fixt {
                    tt.clear_placeholders();
                }
                self.fs.kgc[kidx as usize] = PendingGc::Table(tt.finish());
            }
        }
        Ok(e)
    }

    fn parse_params(&mut self, needself: bool) -> PResult<u32> {
        self.check(Tok::Char(b'('))?;
        let mut nparams = 0;
        if needself {
            self.var_new_named(nparams, Rc::from(&b"self"[..]))?;
            nparams += 1;
        }
        if self.lx.tok != Tok::Char(b')') {
            loop {
                match self.lx.tok {
                    Tok::Name | Tok::Goto => {
                        let n = self.name()?;
                        self.var_new_named(nparams, n)?;
                        nparams += 1;
                    }
                    Tok::Dots => {
                        self.lx.advance()?;
                        self.fs.flags |= flags::VARARG;
                        break;
                    }
                    _ => return Err(self.err_syntax("<name> or '...' expected")),
                }
                if !self.opt(Tok::Char(b','))? {
                    break;
                }
            }
        }
        self.var_add(nparams);
        self.reg_reserve(nparams)?;
        self.check(Tok::Char(b')'))?;
        Ok(nparams)
    }

    /// A function body after `function` (and its name); `line` is where the
    /// function starts.
    pub fn parse_body(&mut self, needself: bool, line: u32) -> PResult<ExpDesc> {
        let child = FuncState::new(self.vstack.len(), line);
        let parent = std::mem::replace(&mut self.fs, child);
        self.outer.push(parent);
        self.scope_begin(0);
        let np = self.parse_params(needself)?;
        self.fs.numparams = np as u8;
        self.emit_ad(Op::FUNCF, 0, 0)?;
        self.chunk()?;
        if self.lx.tok != Tok::End {
            self.check_match(Tok::End, Tok::Function, line)?;
        }
        self.lx.last_line = self.lx.line;
        let end_line = self.lx.line;
        let (proto, uvs) = self.finish_child(end_line)?;
        let child_flags = proto.flags;
        let kidx = self.fs.const_unique(PendingGc::Child(proto, uvs));
        let pc = self.emit_ad(Op::FNEW, 0, kidx)?;
        let e = ExpDesc::new(ExpKind::Relocable, pc as u32);
        self.fs.flags |= child_flags & flags::FFI;
        if self.fs.flags & flags::CHILD == 0 {
            if self.fs.flags & HAS_RETURN != 0 {
                self.fs.flags |= FIXUP_RETURN;
            }
            self.fs.flags |= flags::CHILD;
        }
        self.lx.advance()?;
        Ok(e)
    }

    /// Final fixups of the current function: the closing return, and
    /// returns emitted before the first closure that now must close
    /// upvalues.
    fn fixup_ret(&mut self) -> PResult<()> {
        let lastpc = self.fs.pc();
        let last_op = self.fs.code[lastpc - 1].0.op();
        let is_ret = matches!(
            last_op,
            Op::CALLMT | Op::CALLT | Op::RETM | Op::RET | Op::RET0 | Op::RET1
        );
        if lastpc <= self.fs.last_target || !is_ret {
            if self.fs.scope().flags & SCOPE_UPVAL != 0 {
                self.emit_aj(Op::UCLO, 0, 0)?;
            }
            self.emit_ad(Op::RET0, 0, 1)?;
        }
        self.fs.scope().flags |= SCOPE_NOCLOSE;
        self.scope_end()?;
        // Constant operands are 16 bits wide.
        if self.fs.knum.len() > 65536 || self.fs.kgc.len() > 65536 {
            return Err(self.err_limit(65536, "constants"));
        }
        if self.fs.flags & FIXUP_RETURN != 0 {
            for pc in 1..lastpc {
                let (ins, line) = self.fs.code[pc];
                match ins.op() {
                    Op::CALLMT | Op::CALLT | Op::RETM | Op::RET | Op::RET0 | Op::RET1 => {
                        let off = self.emit(ins)?;
                        self.fs.code[off].1 = line;
                        let offset = off as i64 - (pc as i64 + 1) + 0x8000;
                        if offset > 0xffff {
                            return Err(self.err_syntax("function too long for return fixup"));
                        }
                        self.fs.code[pc].0 = Ins::ad(Op::UCLO, 0, offset as u16);
                    }
                    Op::FNEW => break,
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Finishes the current function (the main chunk).
    pub fn finish(&mut self, line: u32) -> PResult<crate::bc::Proto> {
        self.fixup_ret()?;
        let fs = std::mem::replace(&mut self.fs, FuncState::new(0, 0));
        let numline = line.saturating_sub(fs.linedefined);
        let vbase = fs.vbase;
        let p = super::func::build_proto(fs, &self.vstack, &self.chunk_name, numline);
        self.vstack.truncate(vbase);
        Ok(p)
    }

    /// Finishes a nested function and returns to its parent.
    fn finish_child(&mut self, line: u32) -> PResult<(crate::bc::Proto, Vec<u32>)> {
        self.fixup_ret()?;
        let parent = self.outer.pop().expect("enclosing function");
        let fs = std::mem::replace(&mut self.fs, parent);
        let numline = line.saturating_sub(fs.linedefined);
        let vbase = fs.vbase;
        let uvs = fs.uvtmp.clone();
        let p = super::func::build_proto(fs, &self.vstack, &self.chunk_name, numline);
        self.vstack.truncate(vbase);
        Ok((p, uvs))
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
