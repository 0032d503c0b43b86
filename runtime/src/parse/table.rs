//! Table constructors: a TNEW (or TDUP of a template holding the constant
//! entries) followed by stores for the rest, with TSETM for a trailing call
//! or `...`.

use crate::bc::{Ins, Op, TabConst};
use crate::lex::Tok;

use super::expdesc::{num2int, ExpDesc, ExpKind};
use super::func::PendingGc;
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
    /// A table constructor. Constant entries go into a template table
    /// (TDUP); the rest is stored by instructions after it.
    pub(super) fn expr_table(&mut self) -> PResult<ExpDesc> {
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
}
