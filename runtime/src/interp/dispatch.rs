//! The dispatch loop: one arm per opcode, fast paths inline, everything
//! else in `ops` and `call`.

use super::ops::Arith;
use super::{Exit, Flow, St};
use crate::bc::{Ins, Op};
use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcProto, GcTab};
use crate::value::{itype, Value};
use crate::vm::{frame, obj, val, LuaError, Vm};

fn pri(d: u16) -> Value {
    match d {
        0 => Value::NIL,
        1 => Value::FALSE,
        _ => Value::TRUE,
    }
}

/// Moves the pc by a jump offset.
fn jump(st: &mut St, ins: Ins) {
    // SAFETY: the loader checked that every jump stays inside the code.
    st.pc = unsafe { st.pc.offset(ins.j() as isize) };
}

fn arith_of(op: Op) -> Arith {
    match op {
        Op::ADDVN | Op::ADDNV | Op::ADDVV => Arith::Add,
        Op::SUBVN | Op::SUBNV | Op::SUBVV => Arith::Sub,
        Op::MULVN | Op::MULNV | Op::MULVV => Arith::Mul,
        Op::DIVVN | Op::DIVNV | Op::DIVVV => Arith::Div,
        Op::MODVN | Op::MODNV | Op::MODVV => Arith::Mod,
        _ => Arith::Pow,
    }
}

impl Vm {
    /// Runs instructions until the entry frame returns or the thread
    /// yields; errors go back to `execute` for unwinding.
    pub(super) fn dispatch(&mut self, st: &mut St) -> Result<Exit, LuaError> {
        self.run_ins::<false>(st).map(|x| x.expect("the loop only leaves by an exit"))
    }

    /// Runs the one instruction at `st.pc` for an engine that handed it
    /// over (`None`: it completed and the frame in `st` goes on).
    pub(super) fn dispatch_one(&mut self, st: &mut St) -> Result<Option<Exit>, LuaError> {
        self.run_ins::<true>(st)
    }

    /// The loop: one instruction when `SINGLE`, otherwise until an exit.
    fn run_ins<const SINGLE: bool>(&mut self, st: &mut St) -> Result<Option<Exit>, LuaError> {
        loop {
            // SAFETY: pc stays inside the running prototype's code: every
            // function ends in a return and jumps were checked on load.
            let ins = unsafe { *st.pc };
            st.pc = unsafe { st.pc.add(1) };
            if self.hook.mask != 0 {
                crate::lualib::hook_ins(self, st, ins)?;
            }
            let base = st.base;
            let a = ins.a() as u32;
            let flow = match ins.op() {
                op @ (Op::ISLT | Op::ISGE | Op::ISLE | Op::ISGT) => {
                    let (x, y) = (self.s(base + a), self.s(base + ins.d() as u32));
                    let code = op as u32 - Op::ISLT as u32;
                    if let (Some(p), Some(q)) = (x.as_number(), y.as_number()) {
                        let r = if code & 2 != 0 { p <= q } else { p < q };
                        Self::branch(st, r ^ (code & 1 != 0));
                        Flow::Continue
                    } else {
                        self.compare_slow(st, code, x, y)?
                    }
                }
                op @ (Op::ISEQV | Op::ISNEV) => {
                    let (x, y) = (self.s(base + a), self.s(base + ins.d() as u32));
                    self.equal_op(st, x, y, op == Op::ISNEV)?
                }
                op @ (Op::ISEQS | Op::ISNES) => {
                    let eq = self.s(base + a) == st.pt().kgc_at(ins.d() as usize);
                    Self::branch(st, eq ^ (op == Op::ISNES));
                    Flow::Continue
                }
                op @ (Op::ISEQN | Op::ISNEN) => {
                    let eq =
                        self.s(base + a).as_number() == Some(st.pt().knum_at(ins.d() as usize));
                    Self::branch(st, eq ^ (op == Op::ISNEN));
                    Flow::Continue
                }
                op @ (Op::ISEQP | Op::ISNEP) => {
                    let eq = self.s(base + a) == pri(ins.d());
                    Self::branch(st, eq ^ (op == Op::ISNEP));
                    Flow::Continue
                }
                op @ (Op::ISTC | Op::ISFC) => {
                    let v = self.s(base + ins.d() as u32);
                    if v.is_falsy() == (op == Op::ISFC) {
                        self.ss(base + a, v);
                        Self::branch(st, true);
                    } else {
                        Self::branch(st, false);
                    }
                    Flow::Continue
                }
                op @ (Op::IST | Op::ISF) => {
                    let v = self.s(base + ins.d() as u32);
                    Self::branch(st, v.is_falsy() == (op == Op::ISF));
                    Flow::Continue
                }
                op @ (Op::ISTYPE | Op::ISNUM) => {
                    let v = self.s(base + a);
                    let d = ins.d() as u32;
                    let ok = if op == Op::ISNUM {
                        v.is_number()
                    } else {
                        v.itype().wrapping_add(d) == 0
                    };
                    if !ok {
                        self.type_check_slow(st, a, d.wrapping_sub(1))?;
                    }
                    Flow::Continue
                }
                Op::MOV => {
                    let v = self.s(base + ins.d() as u32);
                    self.ss(base + a, v);
                    Flow::Continue
                }
                Op::NOT => {
                    let v = self.s(base + ins.d() as u32);
                    self.ss(base + a, Value::boolean(v.is_falsy()));
                    Flow::Continue
                }
                Op::UNM => {
                    let d = ins.d() as u32;
                    match self.s(base + d).as_number() {
                        Some(n) => {
                            self.ss(base + a, Value::number(-n));
                            Flow::Continue
                        }
                        None => self.unm_slow(st, a, d)?,
                    }
                }
                Op::LEN => self.len_op(st, a, ins.d() as u32)?,
                op @ (Op::ADDVN | Op::SUBVN | Op::MULVN | Op::DIVVN | Op::MODVN) => {
                    let (b, c) = (ins.b() as u32, ins.c() as usize);
                    let x = self.s(base + b);
                    let k = st.pt().knum_at(c);
                    match x.as_number() {
                        Some(n) => {
                            self.ss(base + a, Value::number(arith_of(op).apply(n, k)));
                            Flow::Continue
                        }
                        None => self.arith_slow(
                            st,
                            arith_of(op),
                            a,
                            x,
                            Value::number(k),
                            Some(b),
                            None,
                        )?,
                    }
                }
                op @ (Op::ADDNV | Op::SUBNV | Op::MULNV | Op::DIVNV | Op::MODNV) => {
                    let (b, c) = (ins.b() as u32, ins.c() as usize);
                    let x = self.s(base + b);
                    let k = st.pt().knum_at(c);
                    match x.as_number() {
                        Some(n) => {
                            self.ss(base + a, Value::number(arith_of(op).apply(k, n)));
                            Flow::Continue
                        }
                        None => self.arith_slow(
                            st,
                            arith_of(op),
                            a,
                            Value::number(k),
                            x,
                            None,
                            Some(b),
                        )?,
                    }
                }
                op @ (Op::ADDVV | Op::SUBVV | Op::MULVV | Op::DIVVV | Op::MODVV | Op::POW) => {
                    let (b, c) = (ins.b() as u32, ins.c() as u32);
                    let (x, y) = (self.s(base + b), self.s(base + c));
                    match (x.as_number(), y.as_number()) {
                        (Some(p), Some(q)) => {
                            self.ss(base + a, Value::number(arith_of(op).apply(p, q)));
                            Flow::Continue
                        }
                        _ => self.arith_slow(st, arith_of(op), a, x, y, Some(b), Some(c))?,
                    }
                }
                Op::CAT => self.cat_op(st, a, ins.b() as u32, ins.c() as u32)?,
                Op::KSTR => {
                    let v = st.pt().kgc_at(ins.d() as usize);
                    self.ss(base + a, v);
                    Flow::Continue
                }
                Op::KCDATA => return Err(self.rt_err(st, "cdata not supported")),
                Op::KSHORT => {
                    self.ss(base + a, Value::number(ins.d() as i16 as f64));
                    Flow::Continue
                }
                Op::KNUM => {
                    let n = st.pt().knum_at(ins.d() as usize);
                    self.ss(base + a, Value::number(n));
                    Flow::Continue
                }
                Op::KPRI => {
                    self.ss(base + a, pri(ins.d()));
                    Flow::Continue
                }
                Op::KNIL => {
                    for i in a..=ins.d() as u32 {
                        self.ss(base + i, Value::NIL);
                    }
                    Flow::Continue
                }
                Op::UGET => {
                    // SAFETY: the running closure's upvalues are live.
                    let v = unsafe { (*(*st.func).uv(ins.d() as usize)).get() };
                    self.ss(base + a, v);
                    Flow::Continue
                }
                op @ (Op::USETV | Op::USETS | Op::USETN | Op::USETP) => {
                    let d = ins.d();
                    let v = match op {
                        Op::USETV => self.s(base + d as u32),
                        Op::USETS => st.pt().kgc_at(d as usize),
                        Op::USETN => Value::number(st.pt().knum_at(d as usize)),
                        _ => pri(d),
                    };
                    // SAFETY: as in UGET.
                    let uv = unsafe { (*st.func).uv(a as usize) };
                    // SAFETY: as in UGET.
                    unsafe { (*uv).set(v) };
                    self.gc_barrier_uv(uv);
                    Flow::Continue
                }
                Op::UCLO => {
                    self.close_upvals(base + a);
                    jump(st, ins);
                    Flow::Continue
                }
                Op::FNEW => {
                    let pt = obj::<GcProto>(st.pt().kgc_at(ins.d() as usize));
                    // SAFETY: the running closure is live.
                    let env = unsafe { (*st.func).env };
                    let f = self.new_lua_func(pt, env)?.as_ptr();
                    // SAFETY: `pt` is a live child prototype; `f` was made
                    // with one word per descriptor.
                    unsafe {
                        for i in 0..(*pt).sizeuv as usize {
                            let desc = crate::bc::UpvalDesc((*pt).uv_desc(i));
                            let uv = if desc.is_local() {
                                self.find_upval(base + desc.index() as u32)?
                            } else {
                                (*st.func).uv(desc.index() as usize)
                            };
                            (*f).set_uv(i, uv);
                        }
                    }
                    self.ss(base + a, val::<GcFunc>(f));
                    self.gc_check_err()?;
                    Flow::Continue
                }
                Op::TNEW => {
                    let d = ins.d() as u32;
                    let mut asize = d & 0x7ff;
                    if asize == 0x7ff {
                        asize = 0x801;
                    }
                    let t = self.new_table(asize, d >> 11)?;
                    self.ss(base + a, val::<GcTab>(t.as_ptr()));
                    self.gc_check_err()?;
                    Flow::Continue
                }
                Op::TDUP => {
                    let tpl = obj::<GcTab>(st.pt().kgc_at(ins.d() as usize));
                    let white = self.white;
                    // SAFETY: template tables are live constants.
                    let t = unsafe { (*tpl).dup(&mut self.heap, white) };
                    let t = t.map_err(|e| self.tab_err_at(st, e))?;
                    self.adopt_table(t);
                    self.ss(base + a, val::<GcTab>(t.as_ptr()));
                    self.gc_check_err()?;
                    Flow::Continue
                }
                Op::GGET => {
                    // SAFETY: the running closure is live.
                    let env = val::<GcTab>(unsafe { (*st.func).env });
                    let k = st.pt().kgc_at(ins.d() as usize);
                    self.index_op(st, a, env, k, None)?
                }
                Op::GSET => {
                    // SAFETY: as above.
                    let env = val::<GcTab>(unsafe { (*st.func).env });
                    let k = st.pt().kgc_at(ins.d() as usize);
                    let v = self.s(base + a);
                    self.newindex_op(st, env, k, v, None)?
                }
                op @ (Op::TGETV | Op::TGETS | Op::TGETB | Op::TGETR) => {
                    let b = ins.b() as u32;
                    let t = self.s(base + b);
                    let k = match op {
                        Op::TGETS => st.pt().kgc_at(ins.c() as usize),
                        Op::TGETB => Value::number(ins.c() as f64),
                        _ => self.s(base + ins.c() as u32),
                    };
                    if op == Op::TGETR && t.itype() == itype::TAB {
                        // SAFETY: a live table.
                        let v = unsafe { (*obj::<GcTab>(t)).get(k) };
                        self.ss(base + a, v);
                        Flow::Continue
                    } else {
                        self.index_op(st, a, t, k, Some(b))?
                    }
                }
                op @ (Op::TSETV | Op::TSETS | Op::TSETB | Op::TSETR) => {
                    let b = ins.b() as u32;
                    let t = self.s(base + b);
                    let k = match op {
                        Op::TSETS => st.pt().kgc_at(ins.c() as usize),
                        Op::TSETB => Value::number(ins.c() as f64),
                        _ => self.s(base + ins.c() as u32),
                    };
                    let v = self.s(base + a);
                    if op == Op::TSETR && t.itype() == itype::TAB {
                        // SAFETY: a live table; the heap is a separate field.
                        let r = unsafe { (*obj::<GcTab>(t)).set(&mut self.heap, k, v) };
                        self.gc_barrier_tab(obj::<GcTab>(t));
                        r.map_err(|e| self.tab_err_at(st, e))?;
                        Flow::Continue
                    } else {
                        self.newindex_op(st, t, k, v, Some(b))?
                    }
                }
                Op::TSETM => {
                    let tv = self.s(base + a - 1);
                    if tv.itype() != itype::TAB {
                        return Err(self.rt_err(st, "malformed bytecode: TSETM without a table"));
                    }
                    let t = obj::<GcTab>(tv);
                    let start = st.pt().knum_at(ins.d() as usize).to_bits() as u32 as i32;
                    self.gc_barrier_tab(t);
                    for i in 0..st.multres {
                        let v = self.s(base + a + i);
                        // SAFETY: TSETM follows a TNEW/TDUP of this slot.
                        let r = unsafe {
                            (*t).set_int(&mut self.heap, start.wrapping_add(i as i32), v)
                        };
                        r.map_err(|e| self.tab_err_at(st, e))?;
                    }
                    Flow::Continue
                }
                op @ (Op::CALL | Op::CALLM) => {
                    let nargs = if op == Op::CALL {
                        ins.c() as u32 - 1
                    } else {
                        ins.c() as u32 + st.multres
                    };
                    self.do_call(st, base + a, nargs, frame::lua_link(st.pc), Some(a))?
                }
                op @ (Op::CALLT | Op::CALLMT) => {
                    let nargs = if op == Op::CALLT {
                        ins.d() as u32 - 1
                    } else {
                        ins.d() as u32 + st.multres
                    };
                    self.tail_call(st, base + a, nargs)?
                }
                Op::ITERC => {
                    let (g, s, c) = (
                        self.s(base + a - 3),
                        self.s(base + a - 2),
                        self.s(base + a - 1),
                    );
                    self.ss(base + a, g);
                    self.ss(base + a + 2, s);
                    self.ss(base + a + 3, c);
                    self.do_call(st, base + a, 2, frame::lua_link(st.pc), Some(a))?
                }
                Op::ITERN if self.s(base + a - 2).itype() != itype::TAB => {
                    return Err(self.rt_err(st, "malformed bytecode: ITERN without a table"));
                }
                Op::ITERN => {
                    let t = obj::<GcTab>(self.s(base + a - 2));
                    let k = self.s(base + a - 1);
                    // SAFETY: ISNEXT checked the slot holds a table.
                    let r = unsafe { (*t).next(k) }.map_err(|e| self.tab_err_at(st, e))?;
                    let (k, v) = r.unwrap_or((Value::NIL, Value::NIL));
                    self.ss(base + a - 1, k);
                    self.ss(base + a, k);
                    if ins.b() >= 3 {
                        self.ss(base + a + 1, v);
                    }
                    for i in 2..(ins.b() as u32).saturating_sub(1) {
                        self.ss(base + a + i, Value::NIL);
                    }
                    Flow::Continue
                }
                Op::ISNEXT => {
                    let g = self.s(base + a - 3);
                    let is_next = g.itype() == itype::FUNC
                        // SAFETY: a live closure.
                        && unsafe { (*obj::<GcFunc>(g)).ffid } == ffid::NEXT;
                    if !(is_next
                        && self.s(base + a - 2).itype() == itype::TAB
                        && self.s(base + a - 1).is_nil())
                    {
                        // Not `next` over a table: despecialise for good,
                        // as LuaJIT does (the ITERN becomes ITERC).
                        // SAFETY: both instructions are in this
                        // prototype's code, which is ours to patch.
                        unsafe {
                            let target = st.pc.offset(ins.j() as isize) as *mut Ins;
                            (*target).set_op(Op::ITERC);
                            (*(st.pc.sub(1) as *mut Ins)).set_op(Op::JMP);
                        }
                    }
                    jump(st, ins);
                    Flow::Continue
                }
                Op::VARG if frame::kind(self.s(base - 1)) != frame::VARG => {
                    return Err(
                        self.rt_err(st, "malformed bytecode: VARG outside a vararg function")
                    );
                }
                Op::VARG => {
                    let link = self.s(base - 1);
                    let nargs = frame::delta(link) - 2;
                    let np = st.pt().numparams as u32;
                    let src = base - frame::delta(link) + np;
                    let avail = nargs.saturating_sub(np);
                    let want = ins.b() as u32;
                    if want == 0 {
                        self.ensure_stack(base + a + avail + super::FRAME_EXTRA)?;
                        self.move_slots(src, base + a, avail);
                        st.multres = avail;
                        let th = self.thread();
                        th.top = th.top.max(base + a + avail);
                    } else {
                        for i in 0..want - 1 {
                            let v = if i < avail {
                                self.s(src + i)
                            } else {
                                Value::NIL
                            };
                            self.ss(base + a + i, v);
                        }
                    }
                    Flow::Continue
                }
                Op::RETM => {
                    let n = ins.d() as u32 + st.multres;
                    self.ret(st, base, base + a, n)?
                }
                Op::RET => self.ret(st, base, base + a, ins.d() as u32 - 1)?,
                Op::RET0 => self.ret(st, base, base + a, 0)?,
                Op::RET1 => self.ret(st, base, base + a, 1)?,
                Op::FORI | Op::JFORI => {
                    self.for_prep(st, a)?;
                    let idx = self.s(base + a).as_number().unwrap_or(0.0);
                    let stop = self.s(base + a + 1).as_number().unwrap_or(0.0);
                    let step = self.s(base + a + 2).as_number().unwrap_or(0.0);
                    let go = if step.is_sign_negative() {
                        idx >= stop
                    } else {
                        idx <= stop
                    };
                    if go {
                        self.ss(base + a + 3, Value::number(idx));
                    } else {
                        jump(st, ins);
                    }
                    Flow::Continue
                }
                Op::FORL | Op::IFORL => {
                    let step = self.s(base + a + 2).as_number().unwrap_or(0.0);
                    let idx = self.s(base + a).as_number().unwrap_or(0.0) + step;
                    let stop = self.s(base + a + 1).as_number().unwrap_or(0.0);
                    self.ss(base + a, Value::number(idx));
                    let go = if step.is_sign_negative() {
                        idx >= stop
                    } else {
                        idx <= stop
                    };
                    if go {
                        self.ss(base + a + 3, Value::number(idx));
                        jump(st, ins);
                    }
                    Flow::Continue
                }
                Op::ITERL | Op::IITERL => {
                    let v = self.s(base + a);
                    if !v.is_nil() {
                        self.ss(base + a - 1, v);
                        jump(st, ins);
                    }
                    Flow::Continue
                }
                Op::LOOP | Op::ILOOP => Flow::Continue,
                Op::JMP => {
                    jump(st, ins);
                    Flow::Continue
                }
                Op::JFORL | Op::JITERL | Op::JLOOP => {
                    return Err(self.rt_err(st, "compiled trace instruction without a JIT"));
                }
                Op::FUNCF | Op::IFUNCF | Op::JFUNCF | Op::FUNCV | Op::IFUNCV | Op::JFUNCV => {
                    Flow::Continue
                }
                Op::FUNCC | Op::FUNCCW => return Err(self.rt_err(st, "native header in Lua code")),
            };
            if let Flow::Exit(x) = flow {
                return Ok(Some(x));
            }
            if SINGLE {
                return Ok(None);
            }
        }
    }

    /// A failed ISTYPE/ISNUM (emitted by the JIT's recorder): numbers and
    /// strings coerce in place as the library argument checks do, other
    /// types raise the argument error LuaJIT raises.
    fn type_check_slow(&mut self, st: &St, a: u32, tp: u32) -> Result<(), LuaError> {
        const ITYPE_NAMES: [&str; 14] = [
            "nil", "boolean", "boolean", "userdata", "string", "upval", "thread", "proto",
            "function", "trace", "cdata", "table", "userdata", "number",
        ];
        let slot = st.base + a;
        let v = self.s(slot);
        if tp == 14 {
            if let Some(n) = self.to_num(v) {
                self.ss(slot, Value::number(n));
                return Ok(());
            }
        } else if tp == 4 && v.is_number() {
            let s = self.new_str(&self.tostring_basic(v))?;
            self.ss(slot, s);
            return Ok(());
        }
        let want = ITYPE_NAMES[(tp as usize).min(13)];
        let got = v.type_name();
        self.thread().base = st.base;
        Err(self.arg_error(a + 1, &format!("{want} expected, got {got}")))
    }

    /// FORI's checks: each control value must be a number (strings are
    /// converted, as LuaJIT does).
    fn for_prep(&mut self, st: &St, a: u32) -> Result<(), LuaError> {
        let msgs = [
            "'for' initial value must be a number",
            "'for' limit must be a number",
            "'for' step must be a number",
        ];
        for (i, msg) in msgs.iter().enumerate() {
            let slot = st.base + a + i as u32;
            let v = self.s(slot);
            if v.is_number() {
                continue;
            }
            match self.to_num(v) {
                Some(n) if v.itype() == itype::STR => self.ss(slot, Value::number(n)),
                _ => return Err(self.rt_err(st, msg)),
            }
        }
        Ok(())
    }
}
