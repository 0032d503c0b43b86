//! Local variables, upvalues, block scopes, `goto` and labels.
//!
//! All three live on one variable stack shared by the nested functions
//! being parsed: locals (with their live ranges for the debug info), and
//! pending gotos and labels, which are matched when their block ends.
//! `break` is a goto to a hidden label at the end of the loop.

use std::rc::Rc;

use crate::bc::Op;

use super::expdesc::{ExpDesc, ExpKind};
use super::func::{
    Scope, VarName, VarSlot, SCOPE_BREAK, SCOPE_GOLA, SCOPE_LOOP, SCOPE_NOCLOSE, SCOPE_UPVAL,
    UV_OF_UPVAL, VSTACK_GOTO, VSTACK_LABEL,
};
use super::{PResult, Parser, MAX_LOCVAR, MAX_UPVAL};

impl Parser<'_> {
    /// Declares the `n`-th of a group of new locals (active after
    /// [`Parser::var_add`]).
    pub fn var_new(&mut self, n: u32, name: VarName) -> PResult<()> {
        self.check_limit(self.fs.nactvar + n, MAX_LOCVAR, "local variables")?;
        let vtop = self.vstack.len();
        if vtop >= 65536 - MAX_UPVAL {
            return Err(self.lx.error(
                None,
                &format!("chunk has more than {} local variables", 65536 - MAX_UPVAL),
            ));
        }
        self.vstack.push(VarSlot {
            name,
            startpc: 0,
            endpc: 0,
            slot: 0,
            info: 0,
        });
        self.fs.varmap[(self.fs.nactvar + n) as usize] = vtop;
        Ok(())
    }

    pub fn var_new_named(&mut self, n: u32, name: Rc<[u8]>) -> PResult<()> {
        self.var_new(n, VarName::Named(name))
    }

    /// Activates the `nvars` most recently declared locals.
    pub fn var_add(&mut self, nvars: u32) {
        let pc = self.fs.pc();
        for _ in 0..nvars {
            let slot = self.fs.nactvar;
            let v = &mut self.vstack[self.fs.varmap[slot as usize]];
            v.startpc = pc;
            v.slot = slot;
            v.info = 0;
            self.fs.nactvar += 1;
        }
    }

    pub fn var_remove(&mut self, tolevel: u32) {
        let pc = self.fs.pc();
        while self.fs.nactvar > tolevel {
            self.fs.nactvar -= 1;
            let idx = self.fs.varmap[self.fs.nactvar as usize];
            self.vstack[idx].endpc = pc;
        }
    }

    /// The variable stack index of the local in slot `slot`.
    pub fn var_at(&self, slot: u32) -> usize {
        self.fs.varmap[slot as usize]
    }

    /// Resolves a name to a local, an upvalue or a global.
    pub fn var_lookup(&mut self, name: Rc<[u8]>) -> PResult<ExpDesc> {
        let mut e = ExpDesc::new(ExpKind::Global, 0);
        let depth = self.outer.len();
        if self.lookup_in(depth, &name, &mut e, true)?.is_none() {
            e = ExpDesc::new(ExpKind::Global, 0);
            e.sval = Some(name);
        }
        Ok(e)
    }

    /// Looks `name` up in function `level` (0 = outermost; `outer.len()` =
    /// the current one) and, failing that, in the enclosing ones. Returns
    /// the variable stack index of the local it resolves to.
    fn lookup_in(
        &mut self,
        level: usize,
        name: &[u8],
        e: &mut ExpDesc,
        first: bool,
    ) -> PResult<Option<usize>> {
        let fs = if level == self.outer.len() {
            &self.fs
        } else {
            &self.outer[level]
        };
        let local = (0..fs.nactvar).rev().find(|&i| {
            matches!(&self.vstack[fs.varmap[i as usize]].name, VarName::Named(n) if &n[..] == name)
        });
        if let Some(reg) = local {
            let vidx = fs.varmap[reg as usize];
            *e = ExpDesc::new(ExpKind::Local, reg);
            e.aux = vidx as u32;
            if !first {
                let fs = if level == self.outer.len() {
                    &mut self.fs
                } else {
                    &mut self.outer[level]
                };
                uv_mark(fs, reg);
            }
            return Ok(Some(vidx));
        }
        if level == 0 {
            return Ok(None);
        }
        let Some(vidx) = self.lookup_in(level - 1, name, e, false)? else {
            return Ok(None);
        };
        let idx = self.upvalue_index(level, vidx, e)?;
        e.info = idx;
        e.k = ExpKind::Upval;
        Ok(Some(vidx))
    }

    fn upvalue_index(&mut self, level: usize, vidx: usize, e: &ExpDesc) -> PResult<u32> {
        let is_local = e.k == ExpKind::Local;
        let info = e.info;
        let cur = level == self.outer.len();
        let fs = if cur { &self.fs } else { &self.outer[level] };
        if let Some(i) = fs.uvmap.iter().position(|&v| v == vidx) {
            return Ok(i as u32);
        }
        if fs.uvmap.len() >= MAX_UPVAL {
            let line = fs.linedefined;
            let msg = if line == 0 {
                format!("main function has more than {MAX_UPVAL} upvalues")
            } else {
                format!("function at line {line} has more than {MAX_UPVAL} upvalues")
            };
            return Err(self.lx.error(None, &msg));
        }
        let fs = if cur {
            &mut self.fs
        } else {
            &mut self.outer[level]
        };
        fs.uvmap.push(vidx);
        fs.uvtmp.push(if is_local {
            vidx as u32
        } else {
            UV_OF_UPVAL + info
        });
        Ok((fs.uvmap.len() - 1) as u32)
    }

    // -- Scopes ------------------------------------------------------------

    pub fn scope_begin(&mut self, flags: u8) {
        let s = Scope {
            vstart: self.vstack.len(),
            nactvar: self.fs.nactvar,
            flags,
        };
        self.fs.scopes.push(s);
    }

    pub fn scope_end(&mut self) -> PResult<()> {
        let bl = self.fs.scopes.pop().expect("open scope");
        self.var_remove(bl.nactvar);
        self.fs.freereg = self.fs.nactvar;
        if bl.flags & (SCOPE_UPVAL | SCOPE_NOCLOSE) == SCOPE_UPVAL {
            self.emit_aj(Op::UCLO, bl.nactvar, 0)?;
        }
        if bl.flags & SCOPE_BREAK != 0 {
            if bl.flags & SCOPE_LOOP != 0 {
                let idx = self.gola_new(VarName::Break, VSTACK_LABEL, self.fs.pc());
                self.vstack.truncate(idx);
                let label = VarSlot {
                    name: VarName::Break,
                    startpc: self.fs.pc(),
                    endpc: 0,
                    slot: self.fs.nactvar,
                    info: VSTACK_LABEL,
                };
                self.gola_resolve(&bl, idx, &label)?;
            } else {
                return self.gola_fixup(&bl);
            }
        }
        if bl.flags & SCOPE_GOLA != 0 {
            self.gola_fixup(&bl)?;
        }
        Ok(())
    }

    // -- Goto and labels ---------------------------------------------------

    pub fn gola_new(&mut self, name: VarName, info: u8, pc: usize) -> usize {
        self.vstack.push(VarSlot {
            name,
            startpc: pc,
            endpc: 0,
            slot: self.fs.nactvar,
            info,
        });
        self.vstack.len() - 1
    }

    fn gola_patch(&mut self, g: usize, label_slot: u32, label_pc: usize) -> PResult<()> {
        let pc = self.vstack[g].startpc;
        self.vstack[g].name = VarName::Dead;
        self.fs.code[pc].0.set_a(label_slot as u8);
        self.jmp_patch(pc, label_pc)
    }

    /// Makes the goto at vstack index `g` close upvalues on its way out.
    fn gola_close(&mut self, g: usize) -> PResult<()> {
        let pc = self.vstack[g].startpc;
        let slot = self.vstack[g].slot;
        self.fs.code[pc].0.set_a(slot as u8);
        if self.fs.code[pc].0.op() == Op::JMP {
            let next = self.jmp_next(pc);
            if next != super::expdesc::NO_JMP {
                self.jmp_patch(next, pc)?;
            }
            let ins = &mut self.fs.code[pc].0;
            ins.set_op(Op::UCLO);
            ins.set_j(-1);
        }
        Ok(())
    }

    /// Resolves the pending forward gotos of scope `bl` to the label
    /// `label` (which sits at vstack index `idx`, or was just dropped).
    fn gola_resolve(&mut self, bl: &Scope, idx: usize, label: &VarSlot) -> PResult<()> {
        for g in bl.vstart..idx {
            if self.vstack[g].name == label.name && self.vstack[g].info & VSTACK_GOTO != 0 {
                if self.vstack[g].slot < label.slot {
                    let local = self.vstack[self.var_at(self.vstack[g].slot)]
                        .name
                        .printable();
                    let line = self.fs.code[self.vstack[g].startpc].1;
                    let goto = self.vstack[g].name.printable();
                    let msg = format!("<goto {goto}> jumps into the scope of local '{local}'");
                    return Err(self.lx.error_at(line, None, &msg));
                }
                self.gola_patch(g, label.slot, label.startpc)?;
            }
        }
        Ok(())
    }

    /// At the end of scope `bl`: resolves backward gotos to its labels and
    /// hands unresolved gotos to the enclosing scope.
    fn gola_fixup(&mut self, bl: &Scope) -> PResult<()> {
        let end = self.vstack.len();
        for v in bl.vstart..end {
            let name = self.vstack[v].name.clone();
            if name == VarName::Dead {
                continue;
            }
            let info = self.vstack[v].info;
            if info & VSTACK_LABEL != 0 {
                self.vstack[v].name = VarName::Dead;
                let (lslot, lpc) = (self.vstack[v].slot, self.vstack[v].startpc);
                for g in v + 1..end {
                    if self.vstack[g].name == name && self.vstack[g].info & VSTACK_GOTO != 0 {
                        if bl.flags & SCOPE_UPVAL != 0 && self.vstack[g].slot > lslot {
                            self.gola_close(g)?;
                        }
                        self.gola_patch(g, lslot, lpc)?;
                    }
                }
            } else if info & VSTACK_GOTO != 0 {
                if let Some(outer) = self.fs.scopes.last_mut() {
                    outer.flags |= if name == VarName::Break {
                        SCOPE_BREAK
                    } else {
                        SCOPE_GOLA
                    };
                    self.vstack[v].slot = bl.nactvar;
                    if bl.flags & SCOPE_UPVAL != 0 {
                        self.gola_close(v)?;
                    }
                } else {
                    let line = self.fs.code[self.vstack[v].startpc].1;
                    let msg = if name == VarName::Break {
                        "no loop to break".to_string()
                    } else {
                        format!("undefined label '{}'", name.printable())
                    };
                    return Err(self.lx.error_at(line, None, &msg));
                }
            }
        }
        Ok(())
    }

    /// The label `name` visible in the current scope, if any.
    pub fn find_label(&self, name: &VarName) -> Option<usize> {
        let start = self.fs.scopes.last().map(|s| s.vstart).unwrap_or(0);
        (start..self.vstack.len())
            .find(|&v| self.vstack[v].name == *name && self.vstack[v].info & VSTACK_LABEL != 0)
    }

    /// Resolves the forward gotos of the current scope to the label at
    /// vstack index `idx`.
    pub fn resolve_label(&mut self, idx: usize) -> PResult<()> {
        let bl = *self.fs.scopes.last().expect("open scope");
        let label = self.vstack[idx].clone();
        self.gola_resolve(&bl, idx, &label)
    }
}

/// Marks the innermost scope that holds slot `level` as having an upvalue.
fn uv_mark(fs: &mut super::func::FuncState, level: u32) {
    if let Some(bl) = fs.scopes.iter_mut().rev().find(|bl| bl.nactvar <= level) {
        bl.flags |= SCOPE_UPVAL;
    }
}
