//! The statement grammar: assignments, calls, `local`, `function`,
//! `return`, `break`, `goto` and labels, blocks and the loops.
//!
//! Loops are inverted: the loop test (FORL, ITERL, or the condition of
//! `repeat`) sits at the bottom, and `while`/`repeat` bodies start with a
//! LOOP instruction that marks the loop for the trace compiler.

use crate::bc::Op;
use crate::lex::Tok;

use super::expdesc::{ExpDesc, ExpKind, NO_JMP};
use super::func::{
    VarName, HAS_RETURN, SCOPE_BREAK, SCOPE_GOLA, SCOPE_LOOP, SCOPE_UPVAL, VSTACK_GOTO,
    VSTACK_LABEL,
};
use super::{PResult, Parser, MAX_XLEVEL};

impl Parser<'_> {
    /// A list of statements up to a block end.
    pub fn chunk(&mut self) -> PResult<()> {
        self.level_begin()?;
        let mut islast = false;
        while !islast && !self.lx.tok.ends_block() {
            islast = self.statement()?;
            self.opt(Tok::Char(b';'))?;
            // Temporaries never outlive their statement.
            self.fs.freereg = self.fs.nactvar;
        }
        self.level_end();
        Ok(())
    }

    /// One statement; true if it must be the last in its block.
    fn statement(&mut self) -> PResult<bool> {
        let line = self.lx.line;
        // `goto` is only a statement when a name follows; otherwise it is an
        // ordinary name (LuaJIT keeps Lua 5.1 programs that use it working).
        let goto_stmt = self.lx.tok == Tok::Goto && self.lx.lookahead()? == Tok::Name;
        match self.lx.tok {
            Tok::If => self.parse_if(line)?,
            Tok::While => self.parse_while(line)?,
            Tok::Do => {
                self.lx.advance()?;
                self.block()?;
                self.check_match(Tok::End, Tok::Do, line)?;
            }
            Tok::For => self.parse_for(line)?,
            Tok::Repeat => self.parse_repeat(line)?,
            Tok::Function => self.parse_func(line)?,
            Tok::Local => {
                self.lx.advance()?;
                self.parse_local()?;
            }
            Tok::Return => {
                self.parse_return()?;
                return Ok(true);
            }
            Tok::Break => {
                self.lx.advance()?;
                self.parse_break()?;
                // As in Lua 5.1, `break` ends its block.
                return Ok(true);
            }
            Tok::Label => self.parse_label()?,
            Tok::Goto if goto_stmt => {
                self.lx.advance()?;
                self.parse_goto()?;
            }
            _ => self.parse_call_assign()?,
        }
        Ok(false)
    }

    fn block(&mut self) -> PResult<()> {
        self.scope_begin(0);
        self.chunk()?;
        self.scope_end()
    }

    // -- Assignments -------------------------------------------------------

    /// Renames a local about to be assigned if an earlier target of the
    /// same assignment indexes through it (`t[i], t = 1, 2`).
    fn assign_hazard(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> PResult<()> {
        let reg = v.info;
        let tmp = self.fs.freereg;
        let mut hazard = false;
        for l in lhs.iter_mut().rev() {
            if l.k == ExpKind::Indexed {
                if l.info == reg {
                    hazard = true;
                    l.info = tmp;
                }
                if l.aux == reg {
                    hazard = true;
                    l.aux = tmp;
                }
            }
        }
        if hazard {
            self.emit_ad(Op::MOV, tmp, reg)?;
            self.reg_reserve(1)?;
        }
        Ok(())
    }

    /// Adjusts `nexps` values to `nvars` targets.
    fn assign_adjust(&mut self, nvars: u32, nexps: u32, e: &mut ExpDesc) -> PResult<()> {
        let mut extra = nvars as i32 - nexps as i32;
        if e.k == ExpKind::Call {
            extra += 1;
            if extra < 0 {
                extra = 0;
            }
            self.fs.code[e.info as usize].0.set_b((extra + 1) as u8);
            if extra > 1 {
                self.reg_reserve(extra as u32 - 1)?;
            }
        } else {
            if e.k != ExpKind::Void {
                self.tonextreg(e)?;
            }
            if extra > 0 {
                let reg = self.fs.freereg;
                self.reg_reserve(extra as u32)?;
                self.emit_nil(reg, extra as u32)?;
            }
        }
        if nexps > nvars {
            self.fs.freereg -= nexps - nvars;
        }
        Ok(())
    }

    /// The rest of an assignment whose targets so far are `lhs`.
    fn parse_assignment(&mut self, lhs: &mut Vec<ExpDesc>) -> PResult<()> {
        let nvars = lhs.len() as u32;
        let last = lhs.last().expect("assignment target");
        if !matches!(
            last.k,
            ExpKind::Local | ExpKind::Upval | ExpKind::Global | ExpKind::Indexed
        ) {
            return Err(self.err_syntax("syntax error"));
        }
        if self.opt(Tok::Char(b','))? {
            let v = self.expr_primary()?;
            if v.k == ExpKind::Local {
                self.assign_hazard(lhs, &v)?;
            }
            lhs.push(v);
            if self.level + nvars >= MAX_XLEVEL {
                return Err(self.err_limit(MAX_XLEVEL, "variable names"));
            }
            self.parse_assignment(lhs)?;
            lhs.pop();
        } else {
            self.check(Tok::Char(b'='))?;
            let (nexps, mut e) = self.expr_list()?;
            if nexps == nvars {
                if e.k == ExpKind::Call {
                    if self.fs.code[e.info as usize].0.op() == Op::VARG {
                        self.fs.freereg -= 1;
                        e.k = ExpKind::Relocable;
                    } else {
                        e.info = e.aux;
                        e.k = ExpKind::NonReloc;
                    }
                }
                let var = lhs.pop().expect("assignment target");
                self.store(&var, &mut e)?;
                lhs.push(var);
                return Ok(());
            }
            self.assign_adjust(nvars, nexps, &mut e)?;
        }
        let mut e = ExpDesc::new(ExpKind::NonReloc, self.fs.freereg - 1);
        let var = lhs.last().expect("assignment target").clone();
        self.store(&var, &mut e)
    }

    fn parse_call_assign(&mut self) -> PResult<()> {
        let v = self.expr_primary()?;
        if v.k == ExpKind::Call {
            self.fs.code[v.info as usize].0.set_b(1);
            Ok(())
        } else {
            let mut lhs = vec![v];
            self.parse_assignment(&mut lhs)
        }
    }

    fn parse_local(&mut self) -> PResult<()> {
        if self.opt(Tok::Function)? {
            let name = self.name()?;
            self.var_new_named(0, name)?;
            let reg = self.fs.freereg;
            self.reg_reserve(1)?;
            self.var_add(1);
            let line = self.lx.line;
            let mut b = self.parse_body(false, line)?;
            // A store without marking the variable as assigned.
            self.expr_free(&b);
            self.toreg(&mut b, reg)?;
            let idx = self.var_at(self.fs.nactvar - 1);
            self.vstack[idx].startpc = self.fs.pc();
            return Ok(());
        }
        let mut nvars = 0;
        loop {
            let name = self.name()?;
            self.var_new_named(nvars, name)?;
            nvars += 1;
            if !self.opt(Tok::Char(b','))? {
                break;
            }
        }
        let (nexps, mut e) = if self.opt(Tok::Char(b'='))? {
            self.expr_list()?
        } else {
            (0, ExpDesc::new(ExpKind::Void, 0))
        };
        self.assign_adjust(nvars, nexps, &mut e)?;
        self.var_add(nvars);
        Ok(())
    }

    fn parse_func(&mut self, line: u32) -> PResult<()> {
        self.lx.advance()?;
        let name = self.name()?;
        let mut v = self.var_lookup(name)?;
        let mut needself = false;
        while self.lx.tok == Tok::Char(b'.') {
            self.expr_field(&mut v)?;
        }
        if self.lx.tok == Tok::Char(b':') {
            needself = true;
            self.expr_field(&mut v)?;
        }
        let mut b = self.parse_body(needself, line)?;
        self.store(&v, &mut b)?;
        let pc = self.fs.pc() - 1;
        self.set_line(pc, line);
        Ok(())
    }

    // -- Control transfer --------------------------------------------------

    fn parse_return(&mut self) -> PResult<()> {
        self.lx.advance()?;
        self.fs.flags |= HAS_RETURN;
        let ins;
        if self.lx.tok.ends_block() || self.lx.tok == Tok::Char(b';') {
            ins = crate::bc::Ins::ad(Op::RET0, 0, 1);
        } else {
            let (nret, mut e) = self.expr_list()?;
            let nact = self.fs.nactvar;
            if nret == 1 && e.k == ExpKind::Call && self.fs.code[e.info as usize].0.op() != Op::VARG
            {
                let ip = self.fs.code.pop().expect("call").0;
                let op = if ip.op() == Op::CALLM {
                    Op::CALLMT
                } else {
                    Op::CALLT
                };
                ins = crate::bc::Ins::ad(op, ip.a(), ip.c() as u16);
            } else if nret == 1 && e.k != ExpKind::Call {
                let r = self.toanyreg(&mut e)?;
                ins = crate::bc::Ins::ad(Op::RET1, r as u8, 2);
            } else if e.k == ExpKind::Call {
                self.fs.code[e.info as usize].0.set_b(0);
                ins = crate::bc::Ins::ad(Op::RETM, nact as u8, (e.aux - nact) as u16);
            } else {
                self.tonextreg(&mut e)?;
                ins = crate::bc::Ins::ad(Op::RET, nact as u8, (nret + 1) as u16);
            }
        }
        if self.fs.flags & crate::bc::proto::flags::CHILD != 0 {
            self.emit_aj(Op::UCLO, 0, 0)?;
        }
        self.emit(ins)?;
        Ok(())
    }

    fn parse_break(&mut self) -> PResult<()> {
        self.fs.scope().flags |= SCOPE_BREAK;
        let j = self.emit_jmp()?;
        self.gola_new(VarName::Break, VSTACK_GOTO, j);
        Ok(())
    }

    fn parse_goto(&mut self) -> PResult<()> {
        let name = VarName::Named(self.name()?);
        if let Some(l) = self.find_label(&name) {
            // A backward goto in the same scope is treated like a loop.
            let slot = self.vstack[l].slot;
            self.emit_aj(Op::LOOP, slot, -1)?;
        }
        self.fs.scope().flags |= SCOPE_GOLA;
        let j = self.emit_jmp()?;
        self.gola_new(name, VSTACK_GOTO, j);
        Ok(())
    }

    fn parse_label(&mut self) -> PResult<()> {
        self.fs.last_target = self.fs.pc();
        self.fs.scope().flags |= SCOPE_GOLA;
        self.lx.advance()?;
        let name = VarName::Named(self.name()?);
        if self.find_label(&name).is_some() {
            return Err(self
                .lx
                .error(None, &format!("duplicate label '{}'", name.printable())));
        }
        let idx = self.gola_new(name, VSTACK_LABEL, self.fs.pc());
        self.check(Tok::Label)?;
        while self.lx.tok == Tok::Label {
            self.level_begin()?;
            self.parse_label()?;
            self.level_end();
        }
        // A label at the end of a block is outside the scope of its locals.
        if self.lx.tok.ends_block() && self.lx.tok != Tok::Until {
            self.vstack[idx].slot = self.fs.scope().nactvar;
        }
        self.resolve_label(idx)
    }

    // -- Loops and conditionals --------------------------------------------

    fn parse_while(&mut self, line: u32) -> PResult<()> {
        self.lx.advance()?;
        let start = self.fs.pc();
        self.fs.last_target = start;
        let condexit = self.expr_cond()?;
        self.scope_begin(SCOPE_LOOP);
        self.check(Tok::Do)?;
        let loop_pc = self.emit_ad(Op::LOOP, self.fs.nactvar, 0)?;
        self.block()?;
        let j = self.emit_jmp()?;
        self.jmp_patch(j, start)?;
        self.check_match(Tok::End, Tok::While, line)?;
        self.scope_end()?;
        self.jmp_tohere(condexit)?;
        let pc = self.fs.pc();
        self.jmp_patchins(loop_pc, pc)
    }

    fn parse_repeat(&mut self, line: u32) -> PResult<()> {
        let loop_pc = self.fs.pc();
        self.fs.last_target = loop_pc;
        self.scope_begin(SCOPE_LOOP);
        self.scope_begin(0);
        self.lx.advance()?;
        self.emit_ad(Op::LOOP, self.fs.nactvar, 0)?;
        self.chunk()?;
        self.check_match(Tok::Until, Tok::Repeat, line)?;
        let mut condexit = self.expr_cond()?;
        if self.fs.scope().flags & SCOPE_UPVAL == 0 {
            self.scope_end()?;
        } else {
            // Both exits must close the upvalues of the body.
            self.parse_break()?;
            self.jmp_tohere(condexit)?;
            self.scope_end()?;
            condexit = self.emit_jmp()?;
        }
        self.jmp_patch(condexit, loop_pc)?;
        let pc = self.fs.pc();
        self.jmp_patchins(loop_pc, pc)?;
        self.scope_end()
    }

    fn parse_for_num(&mut self, varname: std::rc::Rc<[u8]>, line: u32) -> PResult<()> {
        let base = self.fs.freereg;
        self.var_new(0, VarName::ForIndex)?;
        self.var_new(1, VarName::ForStop)?;
        self.var_new(2, VarName::ForStep)?;
        self.var_new_named(3, varname)?;
        self.check(Tok::Char(b'='))?;
        self.expr_next()?;
        self.check(Tok::Char(b','))?;
        self.expr_next()?;
        if self.opt(Tok::Char(b','))? {
            self.expr_next()?;
        } else {
            self.emit_ad(Op::KSHORT, self.fs.freereg, 1)?;
            self.reg_reserve(1)?;
        }
        self.var_add(3);
        self.check(Tok::Do)?;
        let loop_pc = self.emit_aj(Op::FORI, base, -1)?;
        self.scope_begin(0);
        self.var_add(1);
        self.reg_reserve(1)?;
        self.block()?;
        self.scope_end()?;
        let loopend = self.emit_aj(Op::FORL, base, -1)?;
        self.set_line(loopend, line);
        self.jmp_patchins(loopend, loop_pc + 1)?;
        let pc = self.fs.pc();
        self.jmp_patchins(loop_pc, pc)
    }

    /// Guesses whether the iterator is `next` (or `pairs`, which returns
    /// it), by name, so the loop can use ITERN; the interpreter checks it.
    fn predict_next(&self, pc: usize) -> bool {
        let ins = self.fs.code[pc].0;
        let is_it = |n: &[u8]| n == b"pairs" || n == b"next";
        match ins.op() {
            Op::MOV => match self
                .vstack
                .get(self.var_at(ins.d() as u32))
                .map(|v| &v.name)
            {
                Some(VarName::Named(n)) => is_it(n),
                _ => false,
            },
            Op::UGET => match &self.vstack[self.fs.uvmap[ins.d() as usize]].name {
                VarName::Named(n) => is_it(n),
                _ => false,
            },
            Op::GGET => {
                let d = ins.d() as u32;
                self.fs.find_str(b"pairs") == Some(d) || self.fs.find_str(b"next") == Some(d)
            }
            _ => false,
        }
    }

    fn parse_for_iter(&mut self, indexname: std::rc::Rc<[u8]>) -> PResult<()> {
        let base = self.fs.freereg + 3;
        let exprpc = self.fs.pc();
        self.var_new(0, VarName::ForGen)?;
        self.var_new(1, VarName::ForState)?;
        self.var_new(2, VarName::ForCtl)?;
        self.var_new_named(3, indexname)?;
        let mut nvars = 4;
        while self.opt(Tok::Char(b','))? {
            let n = self.name()?;
            self.var_new_named(nvars, n)?;
            nvars += 1;
        }
        self.check(Tok::In)?;
        let line = self.lx.line;
        let (nexps, mut e) = self.expr_list()?;
        self.assign_adjust(3, nexps, &mut e)?;
        self.reg_bump(4)?;
        let isnext = nvars <= 5 && exprpc < self.fs.pc() && self.predict_next(exprpc);
        self.var_add(3);
        self.check(Tok::Do)?;
        let loop_pc = self.emit_aj(if isnext { Op::ISNEXT } else { Op::JMP }, base, -1)?;
        self.scope_begin(0);
        self.var_add(nvars - 3);
        self.reg_reserve(nvars - 3)?;
        self.block()?;
        self.scope_end()?;
        let pc = self.fs.pc();
        self.jmp_patchins(loop_pc, pc)?;
        let it = self.emit_abc(
            if isnext { Op::ITERN } else { Op::ITERC },
            base,
            nvars - 3 + 1,
            3,
        )?;
        let loopend = self.emit_aj(Op::ITERL, base, -1)?;
        self.set_line(it, line);
        self.set_line(loopend, line);
        self.jmp_patchins(loopend, loop_pc + 1)
    }

    fn parse_for(&mut self, line: u32) -> PResult<()> {
        self.scope_begin(SCOPE_LOOP);
        self.lx.advance()?;
        let varname = self.name()?;
        match self.lx.tok {
            Tok::Char(b'=') => self.parse_for_num(varname, line)?,
            Tok::Char(b',') | Tok::In => self.parse_for_iter(varname)?,
            _ => return Err(self.err_syntax("'=' or 'in' expected")),
        }
        self.check_match(Tok::End, Tok::For, line)?;
        self.scope_end()
    }

    fn parse_then(&mut self) -> PResult<usize> {
        self.lx.advance()?;
        let condexit = self.expr_cond()?;
        self.check(Tok::Then)?;
        self.block()?;
        Ok(condexit)
    }

    fn parse_if(&mut self, line: u32) -> PResult<()> {
        let mut escapelist = NO_JMP;
        let mut flist = self.parse_then()?;
        while self.lx.tok == Tok::Elseif {
            let j = self.emit_jmp()?;
            self.jmp_append(&mut escapelist, j)?;
            self.jmp_tohere(flist)?;
            flist = self.parse_then()?;
        }
        if self.lx.tok == Tok::Else {
            let j = self.emit_jmp()?;
            self.jmp_append(&mut escapelist, j)?;
            self.jmp_tohere(flist)?;
            self.lx.advance()?;
            self.block()?;
        } else {
            self.jmp_append(&mut escapelist, flist)?;
        }
        self.jmp_tohere(escapelist)?;
        self.check_match(Tok::End, Tok::If, line)
    }
}
