//! Emitting instructions, jump lists, register allocation and turning
//! expression descriptors into values in registers.
//!
//! A jump list is threaded through the D operands of the jumps on it (the
//! end is marked by an offset of -1), so pending jumps need no side table.
//! Registers above the active locals are a stack: `freereg` is the first
//! free one and temporaries are released in the reverse order of their
//! allocation.

use crate::bc::{Ins, Op};

use super::expdesc::{ExpDesc, ExpKind, NO_JMP};
use super::func::{PendingGc, VSTACK_VAR_RW};
use super::{PResult, Parser, MAX_SLOTS};

/// Operand A of a test whose value is not (yet) stored.
pub const NO_REG: u32 = 0xff;

/// Largest C and D operands.
const MAX_C: u32 = 0xff;
const MAX_D: usize = 0xffff;
const BIAS_J: usize = 0x8000;

/// True if `aux` of an indexed expression names a string constant.
pub fn key_is_str(aux: u32) -> bool {
    aux & 0x8000_0000 != 0
}

impl Parser<'_> {
    pub fn emit(&mut self, ins: Ins) -> PResult<usize> {
        let pc = self.fs.pc();
        let jpc = std::mem::replace(&mut self.fs.jpc, NO_JMP);
        self.jmp_patchval(jpc, pc, NO_REG, pc)?;
        self.fs.code.push((ins, self.lx.last_line));
        Ok(pc)
    }

    pub fn emit_ad(&mut self, op: Op, a: u32, d: u32) -> PResult<usize> {
        self.emit(Ins::ad(op, a as u8, d as u16))
    }

    pub fn emit_abc(&mut self, op: Op, a: u32, b: u32, c: u32) -> PResult<usize> {
        self.emit(Ins::abc(op, a as u8, b as u8, c as u8))
    }

    pub fn emit_aj(&mut self, op: Op, a: u32, j: i32) -> PResult<usize> {
        self.emit(Ins::aj(op, a as u8, j))
    }

    pub fn set_line(&mut self, pc: usize, line: u32) {
        self.fs.code[pc].1 = line;
    }

    // -- Jump lists --------------------------------------------------------

    pub fn jmp_next(&self, pc: usize) -> usize {
        let j = self.fs.code[pc].0.j();
        if j == -1 {
            NO_JMP
        } else {
            (pc as i64 + 1 + j as i64) as usize
        }
    }

    /// True if some jump on the list does not come from a value test.
    pub fn jmp_novalue(&self, mut list: usize) -> bool {
        while list != NO_JMP {
            let p = self.fs.code[list.saturating_sub(1)].0;
            if !(matches!(p.op(), Op::ISTC | Op::ISFC) || p.a() as u32 == NO_REG) {
                return true;
            }
            list = self.jmp_next(list);
        }
        false
    }

    /// Makes the test before the jump at `pc` store into `reg` (or not at
    /// all for [`NO_REG`]). False if that instruction is not a test.
    fn jmp_patchtestreg(&mut self, pc: usize, reg: u32) -> bool {
        let tp = pc.saturating_sub(1);
        let ins = self.fs.code[tp].0;
        let op = ins.op();
        if matches!(op, Op::ISTC | Op::ISFC) {
            let t = &mut self.fs.code[tp].0;
            if reg != NO_REG && reg != ins.d() as u32 {
                t.set_a(reg as u8);
            } else {
                t.set_op(if op == Op::ISTC { Op::IST } else { Op::ISF });
                t.set_a(0);
            }
        } else if ins.a() as u32 == NO_REG {
            if reg == NO_REG {
                let a = self.fs.code[pc].0.a();
                self.fs.code[tp].0 = Ins::aj(Op::JMP, a, 0);
            } else {
                self.fs.code[tp].0.set_a(reg as u8);
                if reg >= self.fs.code[tp + 1].0.a() as u32 {
                    self.fs.code[tp + 1].0.set_a(reg as u8 + 1);
                }
            }
        } else {
            return false;
        }
        true
    }

    pub fn jmp_dropval(&mut self, mut list: usize) {
        while list != NO_JMP {
            self.jmp_patchtestreg(list, NO_REG);
            list = self.jmp_next(list);
        }
    }

    pub fn jmp_patchins(&mut self, pc: usize, dest: usize) -> PResult<()> {
        let offset = dest as i64 - (pc as i64 + 1) + BIAS_J as i64;
        if !(0..=MAX_D as i64).contains(&offset) {
            return Err(self.err_syntax("control structure too long"));
        }
        self.fs.code[pc].0.set_d(offset as u16);
        Ok(())
    }

    pub fn jmp_append(&mut self, l1: &mut usize, l2: usize) -> PResult<()> {
        if l2 == NO_JMP {
            return Ok(());
        }
        if *l1 == NO_JMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.jmp_next(list);
            if next == NO_JMP {
                break;
            }
            list = next;
        }
        self.jmp_patchins(list, l2)
    }

    pub fn jmp_patchval(
        &mut self,
        mut list: usize,
        vtarget: usize,
        reg: u32,
        dtarget: usize,
    ) -> PResult<()> {
        while list != NO_JMP {
            let next = self.jmp_next(list);
            if self.jmp_patchtestreg(list, reg) {
                self.jmp_patchins(list, vtarget)?;
            } else {
                self.jmp_patchins(list, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    pub fn jmp_tohere(&mut self, list: usize) -> PResult<()> {
        self.fs.last_target = self.fs.pc();
        let mut jpc = self.fs.jpc;
        self.jmp_append(&mut jpc, list)?;
        self.fs.jpc = jpc;
        Ok(())
    }

    pub fn jmp_patch(&mut self, list: usize, target: usize) -> PResult<()> {
        if target == self.fs.pc() {
            self.jmp_tohere(list)
        } else {
            self.jmp_patchval(list, target, NO_REG, target)
        }
    }

    /// An unconditional jump, merged into a preceding UCLO if possible.
    pub fn emit_jmp(&mut self) -> PResult<usize> {
        let jpc = std::mem::replace(&mut self.fs.jpc, NO_JMP);
        let last = self.fs.pc() - 1;
        let mut j = if last >= self.fs.last_target && self.fs.code[last].0.op() == Op::UCLO {
            self.fs.code[last].0.set_j(-1);
            self.fs.last_target = last + 1;
            last
        } else {
            self.emit_aj(Op::JMP, self.fs.freereg, -1)?
        };
        self.jmp_append(&mut j, jpc)?;
        Ok(j)
    }

    // -- Registers ---------------------------------------------------------

    pub fn reg_bump(&mut self, n: u32) -> PResult<()> {
        let sz = self.fs.freereg + n;
        if sz > self.fs.framesize {
            if sz >= MAX_SLOTS {
                return Err(self.err_syntax("function or expression too complex"));
            }
            self.fs.framesize = sz;
        }
        Ok(())
    }

    pub fn reg_reserve(&mut self, n: u32) -> PResult<()> {
        self.reg_bump(n)?;
        self.fs.freereg += n;
        Ok(())
    }

    pub fn reg_free(&mut self, reg: u32) {
        if reg >= self.fs.nactvar {
            self.fs.freereg = self.fs.freereg.saturating_sub(1);
        }
    }

    pub fn expr_free(&mut self, e: &ExpDesc) {
        if e.k == ExpKind::NonReloc {
            self.reg_free(e.info);
        }
    }

    // -- Discharging expressions -------------------------------------------

    /// Turns a variable reference into a value (not yet in a fixed register).
    pub fn discharge(&mut self, e: &mut ExpDesc) -> PResult<()> {
        let ins = match e.k {
            ExpKind::Upval => Ins::ad(Op::UGET, 0, e.info as u16),
            ExpKind::Global => {
                let s = e.sval.clone().expect("global name");
                Ins::ad(Op::GGET, 0, self.fs.const_str(&s) as u16)
            }
            ExpKind::Indexed => {
                let rc = e.aux;
                let ins = if key_is_str(rc) {
                    Ins::abc(Op::TGETS, 0, e.info as u8, !rc as u8)
                } else if rc > MAX_C {
                    Ins::abc(Op::TGETB, 0, e.info as u8, (rc - MAX_C - 1) as u8)
                } else {
                    self.reg_free(rc);
                    Ins::abc(Op::TGETV, 0, e.info as u8, rc as u8)
                };
                self.reg_free(e.info);
                ins
            }
            ExpKind::Call => {
                e.info = e.aux;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::Local => {
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            _ => return Ok(()),
        };
        e.info = self.emit(ins)? as u32;
        e.k = ExpKind::Relocable;
        Ok(())
    }

    /// Sets `n` slots from `from` to nil, merging with a preceding KPRI nil
    /// or KNIL when no jump lands in between.
    pub fn emit_nil(&mut self, mut from: u32, mut n: u32) -> PResult<()> {
        let pc = self.fs.pc();
        if pc > self.fs.last_target {
            let ip = self.fs.code[pc - 1].0;
            let pfrom = ip.a() as u32;
            match ip.op() {
                Op::KPRI if ip.d() == 0 => {
                    if from == pfrom {
                        if n == 1 {
                            return Ok(());
                        }
                    } else if from == pfrom + 1 {
                        from = pfrom;
                        n += 1;
                    } else {
                        return self.emit_nil_ins(from, n);
                    }
                    self.fs.code[pc - 1].0 = Ins::ad(Op::KNIL, from as u8, (from + n - 1) as u16);
                    return Ok(());
                }
                Op::KNIL => {
                    let pto = ip.d() as u32;
                    if pfrom <= from && from <= pto + 1 {
                        if from + n - 1 > pto {
                            self.fs.code[pc - 1].0.set_d((from + n - 1) as u16);
                        }
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        self.emit_nil_ins(from, n)
    }

    fn emit_nil_ins(&mut self, from: u32, n: u32) -> PResult<()> {
        if n == 1 {
            self.emit_ad(Op::KPRI, from, 0)?;
        } else {
            self.emit_ad(Op::KNIL, from, from + n - 1)?;
        }
        Ok(())
    }

    /// Puts the value in `reg`, leaving any branches pending.
    pub fn toreg_nobranch(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.discharge(e)?;
        let ins = match e.k {
            ExpKind::Str => {
                let s = e.sval.clone().expect("string constant");
                Ins::ad(Op::KSTR, reg as u8, self.fs.const_str(&s) as u16)
            }
            ExpKind::Num => {
                let n = e.nval;
                let k = super::expdesc::num2int(n);
                if (-32768..=32767).contains(&k) && n == k as f64 {
                    Ins::ad(Op::KSHORT, reg as u8, k as i16 as u16)
                } else {
                    Ins::ad(Op::KNUM, reg as u8, self.fs.const_num(n) as u16)
                }
            }
            ExpKind::CData => {
                self.fs.flags |= crate::bc::proto::flags::FFI;
                let k = match e.cdata.expect("cdata literal") {
                    crate::lex::NumLit::I64(v) => PendingGc::I64(v),
                    crate::lex::NumLit::U64(v) => PendingGc::U64(v),
                    crate::lex::NumLit::Imag(im) => PendingGc::Complex(0.0, im),
                    crate::lex::NumLit::Num(n) => PendingGc::Complex(n, 0.0),
                };
                Ins::ad(Op::KCDATA, reg as u8, self.fs.const_unique(k) as u16)
            }
            ExpKind::Relocable => {
                self.fs.code[e.info as usize].0.set_a(reg as u8);
                e.info = reg;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::NonReloc => {
                if reg == e.info {
                    return Ok(());
                }
                Ins::ad(Op::MOV, reg as u8, e.info as u16)
            }
            ExpKind::Nil => {
                self.emit_nil(reg, 1)?;
                e.info = reg;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::False | ExpKind::True => Ins::ad(Op::KPRI, reg as u8, e.pri()),
            _ => return Ok(()),
        };
        self.emit(ins)?;
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    /// Puts the value in `reg`, materialising pending branches as booleans.
    pub fn toreg(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.toreg_nobranch(e, reg)?;
        if e.k == ExpKind::Jmp {
            let mut t = e.t;
            self.jmp_append(&mut t, e.info as usize)?;
            e.t = t;
        }
        if e.has_jump() {
            let (mut jfalse, mut jtrue) = (NO_JMP, NO_JMP);
            if self.jmp_novalue(e.t) || self.jmp_novalue(e.f) {
                let jval = if e.k == ExpKind::Jmp {
                    NO_JMP
                } else {
                    self.emit_jmp()?
                };
                jfalse = self.emit_ad(Op::KPRI, reg, ExpKind::False as u32)?;
                self.emit_aj(Op::JMP, self.fs.freereg, 1)?;
                jtrue = self.emit_ad(Op::KPRI, reg, ExpKind::True as u32)?;
                self.jmp_tohere(jval)?;
            }
            let jend = self.fs.pc();
            self.fs.last_target = jend;
            self.jmp_patchval(e.f, jend, reg, jfalse)?;
            self.jmp_patchval(e.t, jend, reg, jtrue)?;
        }
        e.f = NO_JMP;
        e.t = NO_JMP;
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    pub fn tonextreg(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.discharge(e)?;
        self.expr_free(e);
        self.reg_reserve(1)?;
        let reg = self.fs.freereg - 1;
        self.toreg(e, reg)
    }

    pub fn toanyreg(&mut self, e: &mut ExpDesc) -> PResult<u32> {
        self.discharge(e)?;
        if e.k == ExpKind::NonReloc {
            if !e.has_jump() {
                return Ok(e.info);
            }
            if e.info >= self.fs.nactvar {
                let r = e.info;
                self.toreg(e, r)?;
                return Ok(e.info);
            }
        }
        self.tonextreg(e)?;
        Ok(e.info)
    }

    /// Discharges to a value; constants stay constants unless they jump.
    pub fn toval(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if e.has_jump() {
            self.toanyreg(e)?;
            Ok(())
        } else {
            self.discharge(e)
        }
    }

    /// Stores `e` into the variable `var`.
    pub fn store(&mut self, var: &ExpDesc, e: &mut ExpDesc) -> PResult<()> {
        let ins = match var.k {
            ExpKind::Local => {
                self.vstack[var.aux as usize].info |= VSTACK_VAR_RW;
                self.expr_free(e);
                return self.toreg(e, var.info);
            }
            ExpKind::Upval => {
                self.vstack[var.aux as usize].info |= VSTACK_VAR_RW;
                self.toval(e)?;
                let uv = var.info as u8;
                match e.k {
                    ExpKind::Nil | ExpKind::False | ExpKind::True => {
                        Ins::ad(Op::USETP, uv, e.pri())
                    }
                    ExpKind::Str => {
                        let s = e.sval.clone().expect("string constant");
                        Ins::ad(Op::USETS, uv, self.fs.const_str(&s) as u16)
                    }
                    ExpKind::Num => Ins::ad(Op::USETN, uv, self.fs.const_num(e.nval) as u16),
                    _ => {
                        let r = self.toanyreg(e)?;
                        Ins::ad(Op::USETV, uv, r as u16)
                    }
                }
            }
            ExpKind::Global => {
                let ra = self.toanyreg(e)?;
                let s = var.sval.clone().expect("global name");
                Ins::ad(Op::GSET, ra as u8, self.fs.const_str(&s) as u16)
            }
            _ => {
                let ra = self.toanyreg(e)? as u8;
                let rc = var.aux;
                let t = var.info as u8;
                if key_is_str(rc) {
                    Ins::abc(Op::TSETS, ra, t, !rc as u8)
                } else if rc > MAX_C {
                    Ins::abc(Op::TSETB, ra, t, (rc - MAX_C - 1) as u8)
                } else {
                    Ins::abc(Op::TSETV, ra, t, rc as u8)
                }
            }
        };
        self.emit(ins)?;
        self.expr_free(e);
        Ok(())
    }

    /// `obj:name`: the method in `func`, the object in the first argument.
    pub fn emit_method(&mut self, e: &mut ExpDesc, key: &ExpDesc) -> PResult<()> {
        let obj = self.toanyreg(e)?;
        self.expr_free(e);
        let func = self.fs.freereg;
        self.emit_ad(Op::MOV, func + 2, obj)?;
        let s = key.sval.clone().expect("method name");
        let idx = self.fs.const_str(&s);
        if idx <= MAX_C {
            self.reg_reserve(3)?;
            self.emit_abc(Op::TGETS, func, obj, idx)?;
        } else {
            self.reg_reserve(4)?;
            self.emit_ad(Op::KSTR, func + 3, idx)?;
            self.emit_abc(Op::TGETV, func, obj, func + 3)?;
            self.fs.freereg -= 1;
        }
        e.info = func;
        e.k = ExpKind::NonReloc;
        Ok(())
    }
}
