//! Function bodies: parameters, the nested function state, and finishing a
//! function into a prototype (closing return, return fixups, limits).

use std::rc::Rc;

use crate::bc::proto::flags;
use crate::bc::{Ins, Op, Proto};
use crate::lex::Tok;

use super::expdesc::{ExpDesc, ExpKind};
use super::func::{FuncState, PendingGc, FIXUP_RETURN, HAS_RETURN, SCOPE_NOCLOSE, SCOPE_UPVAL};
use super::{PResult, Parser};

impl Parser<'_> {
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
    pub fn finish(&mut self, line: u32) -> PResult<Proto> {
        self.fixup_ret()?;
        let fs = std::mem::replace(&mut self.fs, FuncState::new(0, 0));
        let numline = line.saturating_sub(fs.linedefined);
        let vbase = fs.vbase;
        let p = super::func::build_proto(fs, &self.vstack, &self.chunk_name, numline);
        self.vstack.truncate(vbase);
        Ok(p)
    }

    /// Finishes a nested function and returns to its parent.
    fn finish_child(&mut self, line: u32) -> PResult<(Proto, Vec<u32>)> {
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
}
