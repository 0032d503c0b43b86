//! The slow paths of instructions: coercions, metamethods and their
//! continuations, and runtime errors with LuaJIT's wording.

use super::debug::{proto_where, slot_name};
use super::{Flow, St};
use crate::obj::{GcStr, GcTab};
use crate::value::{itype, Value};
use crate::vm::{frame, obj, LuaError, Mm, Vm};

/// The longest `__index`/`__newindex` chain followed (LuaJIT's limit).
const MAX_META_CHAIN: u32 = 100;

/// An arithmetic operator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

impl Arith {
    pub fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div => a / b,
            Arith::Mod => a - (a / b).floor() * b,
            Arith::Pow => a.powf(b),
        }
    }

    fn mm(self) -> Mm {
        match self {
            Arith::Add => Mm::Add,
            Arith::Sub => Mm::Sub,
            Arith::Mul => Mm::Mul,
            Arith::Div => Mm::Div,
            Arith::Mod => Mm::Mod,
            Arith::Pow => Mm::Pow,
        }
    }
}

fn is_strnum(v: Value) -> bool {
    v.is_number() || v.itype() == itype::STR
}

/// Raw equality as `rawequal` sees it.
pub(crate) fn raw_equal(a: Value, b: Value) -> bool {
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y,
        _ => a.0 == b.0,
    }
}

impl Vm {
    /// A runtime error at the running instruction.
    pub(crate) fn rt_err(&mut self, st: &St, msg: &str) -> LuaError {
        let w = proto_where(st.pt(), st.cur_pc());
        self.err_msg(&format!("{w}{msg}"))
    }

    /// `attempt to <op> <kind> '<name>' (a <type> value)`, naming the slot
    /// when debug information allows.
    pub(crate) fn op_err(&mut self, st: &St, slot: Option<u32>, v: Value, op: &str) -> LuaError {
        let t = v.type_name();
        let named = slot.and_then(|s| slot_name(st.pt(), st.cur_pc(), s));
        let msg = match named {
            Some((kind, name)) => format!("attempt to {op} {kind} '{name}' (a {t} value)"),
            None => format!("attempt to {op} a {t} value"),
        };
        self.rt_err(st, &msg)
    }

    /// Table errors (nil/NaN keys, overflow) at the running instruction.
    pub(crate) fn tab_err_at(&mut self, st: &St, e: crate::obj::table::TabError) -> LuaError {
        match e {
            crate::obj::table::TabError::OutOfMemory => self.oom(),
            e => self.rt_err(st, e.message()),
        }
    }

    /// Arithmetic that is not number-on-number: string coercion, then the
    /// metamethod of either operand.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn arith_slow(
        &mut self,
        st: &mut St,
        op: Arith,
        dst: u32,
        b: Value,
        c: Value,
        bslot: Option<u32>,
        cslot: Option<u32>,
    ) -> Result<Flow, LuaError> {
        let (nb, nc) = (self.to_num(b), self.to_num(c));
        if let (Some(x), Some(y)) = (nb, nc) {
            self.ss(st.base + dst, Value::number(op.apply(x, y)));
            return Ok(Flow::Continue);
        }
        let mut mm = self.mm_of(b, op.mm());
        if mm.is_nil() {
            mm = self.mm_of(c, op.mm());
        }
        if mm.is_nil() {
            let (o, slot) = if nb.is_none() { (b, bslot) } else { (c, cslot) };
            return Err(self.op_err(st, slot, o, "perform arithmetic on"));
        }
        self.mm_call(st, frame::cont_value(frame::cont::RA, 0), mm, &[b, c])
    }

    pub(crate) fn unm_slow(&mut self, st: &mut St, dst: u32, slot: u32) -> Result<Flow, LuaError> {
        let o = self.s(st.base + slot);
        if let Some(n) = self.to_num(o) {
            self.ss(st.base + dst, Value::number(-n));
            return Ok(Flow::Continue);
        }
        let mm = self.mm_of(o, Mm::Unm);
        if mm.is_nil() {
            return Err(self.op_err(st, Some(slot), o, "perform arithmetic on"));
        }
        self.mm_call(st, frame::cont_value(frame::cont::RA, 0), mm, &[o, o])
    }

    pub(crate) fn len_op(&mut self, st: &mut St, dst: u32, slot: u32) -> Result<Flow, LuaError> {
        let o = self.s(st.base + slot);
        let r = match o.itype() {
            itype::STR => Value::number(self.str_bytes(o).len() as f64),
            // SAFETY: a table value points at a live table.
            itype::TAB => Value::number(unsafe { (*obj::<GcTab>(o)).len() } as f64),
            _ => {
                let mm = self.mm_of(o, Mm::Len);
                if mm.is_nil() {
                    return Err(self.op_err(st, Some(slot), o, "get length of"));
                }
                return self.mm_call(
                    st,
                    frame::cont_value(frame::cont::RA, 0),
                    mm,
                    &[o, Value::NIL],
                );
            }
        };
        self.ss(st.base + dst, r);
        Ok(Flow::Continue)
    }

    /// Takes (or skips) the jump that follows a comparison.
    pub(crate) fn branch(st: &mut St, cond: bool) {
        // SAFETY: a comparison is always followed by a JMP inside the code.
        unsafe {
            if cond {
                let j = (*st.pc).j();
                st.pc = st.pc.offset(1 + j as isize);
            } else {
                st.pc = st.pc.add(1);
            }
        }
    }

    /// ISLT/ISGE/ISLE/ISGT on anything but two numbers. `op` is the
    /// opcode's distance from ISLT: bit 0 inverts, bit 1 selects `<=`.
    pub(crate) fn compare_slow(
        &mut self,
        st: &mut St,
        op: u32,
        a: Value,
        b: Value,
    ) -> Result<Flow, LuaError> {
        if a.itype() == itype::STR && b.itype() == itype::STR {
            let ord = self.str_bytes(a).cmp(self.str_bytes(b));
            let r = if op & 2 != 0 {
                ord.is_le()
            } else {
                ord.is_lt()
            };
            Self::branch(st, r ^ (op & 1 != 0));
            return Ok(Flow::Continue);
        }
        let same = a.itype() == b.itype() && !a.is_number();
        let bools = |v: Value| v.itype() == itype::TRUE || v.itype() == itype::FALSE;
        if same || (bools(a) && bools(b)) {
            let (mut o1, mut o2, mut op) = (a, b, op);
            loop {
                let mm = if op & 2 != 0 { Mm::Le } else { Mm::Lt };
                let mo = self.mm_of(o1, mm);
                let mo2 = self.mm_of(o2, mm);
                if mo.is_nil() || !raw_equal(mo, mo2) {
                    if op & 2 != 0 {
                        std::mem::swap(&mut o1, &mut o2);
                        op ^= 3;
                        continue;
                    }
                    break;
                }
                let cont = frame::cont_value(frame::cont::COND, op & 1);
                return self.mm_call(st, cont, mo, &[o1, o2]);
            }
        }
        let (t1, t2) = (a.type_name(), b.type_name());
        let msg = if t1 == t2 {
            format!("attempt to compare two {t1} values")
        } else {
            format!("attempt to compare {t1} with {t2}")
        };
        Err(self.rt_err(st, &msg))
    }

    /// ISEQV/ISNEV; `ne` inverts.
    pub(crate) fn equal_op(
        &mut self,
        st: &mut St,
        a: Value,
        b: Value,
        ne: bool,
    ) -> Result<Flow, LuaError> {
        let eq = if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            x == y
        } else if a.itype() != b.itype() {
            false
        } else if a.0 == b.0 {
            true
        } else if a.itype() == itype::TAB || a.itype() == itype::UDATA {
            let mo = self.mm_of(a, Mm::Eq);
            if mo.is_nil() {
                false
            } else {
                let mo2 = self.mm_of(b, Mm::Eq);
                if !raw_equal(mo, mo2) {
                    false
                } else {
                    let cont = frame::cont_value(frame::cont::COND, ne as u32);
                    return self.mm_call(st, cont, mo, &[a, b]);
                }
            }
        } else {
            false
        };
        Self::branch(st, eq ^ ne);
        Ok(Flow::Continue)
    }

    /// `t[k]` with `__index`; stores into slot `dst` (possibly through a
    /// continuation). `slot` names `t` for errors.
    pub(crate) fn index_op(
        &mut self,
        st: &mut St,
        dst: u32,
        t: Value,
        k: Value,
        slot: Option<u32>,
    ) -> Result<Flow, LuaError> {
        let mut o = t;
        for i in 0..MAX_META_CHAIN {
            let mm = if o.itype() == itype::TAB {
                let tab = obj::<GcTab>(o);
                // SAFETY: a table value points at a live table.
                let v = unsafe { (*tab).get(k) };
                if !v.is_nil() {
                    self.ss(st.base + dst, v);
                    return Ok(Flow::Continue);
                }
                // SAFETY: as above.
                let mm = self.mm_lookup(unsafe { (*tab).metatable }, Mm::Index);
                if mm.is_nil() {
                    self.ss(st.base + dst, Value::NIL);
                    return Ok(Flow::Continue);
                }
                mm
            } else {
                let mm = self.mm_of(o, Mm::Index);
                if mm.is_nil() {
                    return Err(self.op_err(st, if i == 0 { slot } else { None }, o, "index"));
                }
                mm
            };
            if mm.itype() == itype::FUNC {
                return self.mm_call(st, frame::cont_value(frame::cont::RA, 0), mm, &[o, k]);
            }
            o = mm;
        }
        Err(self.rt_err(st, "loop in gettable"))
    }

    /// `t[k] = v` with `__newindex`.
    pub(crate) fn newindex_op(
        &mut self,
        st: &mut St,
        t: Value,
        k: Value,
        v: Value,
        slot: Option<u32>,
    ) -> Result<Flow, LuaError> {
        let mut o = t;
        for i in 0..MAX_META_CHAIN {
            let mm = if o.itype() == itype::TAB {
                let tab = obj::<GcTab>(o);
                // SAFETY: a table value points at a live table.
                let (cur, mt) = unsafe { ((*tab).get(k), (*tab).metatable) };
                let mm = if cur.is_nil() {
                    self.mm_lookup(mt, Mm::NewIndex)
                } else {
                    Value::NIL
                };
                if mm.is_nil() {
                    // SAFETY: as above; the heap is a separate field.
                    let r = unsafe { (*tab).set(&mut self.heap, k, v) };
                    self.gc_barrier_tab(tab);
                    return match r {
                        Ok(()) => Ok(Flow::Continue),
                        Err(e) => Err(self.tab_err_at(st, e)),
                    };
                }
                mm
            } else {
                let mm = self.mm_of(o, Mm::NewIndex);
                if mm.is_nil() {
                    return Err(self.op_err(st, if i == 0 { slot } else { None }, o, "index"));
                }
                mm
            };
            if mm.itype() == itype::FUNC {
                return self.mm_call(st, frame::cont_value(frame::cont::NOP, 0), mm, &[o, k, v]);
            }
            o = mm;
        }
        Err(self.rt_err(st, "loop in settable"))
    }

    /// Concatenates slots `b..=top` into slot `a`, right to left, calling
    /// `__concat` for pairs that are not strings or numbers.
    pub(crate) fn cat_op(
        &mut self,
        st: &mut St,
        a: u32,
        b: u32,
        top: u32,
    ) -> Result<Flow, LuaError> {
        let base = st.base;
        let mut top = top;
        while top > b {
            let (x, y) = (self.s(base + top - 1), self.s(base + top));
            if is_strnum(x) && is_strnum(y) {
                let mut lo = top - 1;
                while lo > b && is_strnum(self.s(base + lo - 1)) {
                    lo -= 1;
                }
                let mut buf = Vec::new();
                for i in lo..=top {
                    let v = self.s(base + i);
                    if v.itype() == itype::STR {
                        // SAFETY: a string value points at a live string.
                        buf.extend_from_slice(unsafe { (*obj::<GcStr>(v)).as_bytes() });
                    } else {
                        buf.extend_from_slice(&self.tostring_basic(v));
                    }
                }
                let s = self.new_str(&buf)?;
                self.ss(base + lo, s);
                top = lo;
            } else {
                let mut mm = self.mm_of(x, Mm::Concat);
                if mm.is_nil() {
                    mm = self.mm_of(y, Mm::Concat);
                }
                if mm.is_nil() {
                    let (o, slot) = if is_strnum(x) { (y, top) } else { (x, top - 1) };
                    return Err(self.op_err(st, Some(slot), o, "concatenate"));
                }
                let cont = frame::cont_value(frame::cont::CAT, top - 1);
                return self.mm_call(st, cont, mm, &[x, y]);
            }
        }
        let v = self.s(base + b);
        self.ss(base + a, v);
        self.gc_check_err()?;
        Ok(Flow::Continue)
    }

    /// Finishes the instruction that called a metamethod, with its result.
    pub(crate) fn continue_after_mm(
        &mut self,
        st: &mut St,
        cont: Value,
        r: Value,
    ) -> Result<Flow, LuaError> {
        let extra = frame::cont_extra(cont);
        match frame::cont_kind(cont) {
            frame::cont::RA => {
                // SAFETY: the resume pc follows the calling instruction.
                let a = unsafe { (*st.pc.sub(1)).a() } as u32;
                self.ss(st.base + a, r);
            }
            frame::cont::COND => Self::branch(st, !r.is_falsy() ^ (extra != 0)),
            frame::cont::CAT => {
                self.ss(st.base + extra, r);
                // SAFETY: as above.
                let ins = unsafe { *st.pc.sub(1) };
                return self.cat_op(st, ins.a() as u32, ins.b() as u32, extra);
            }
            _ => {}
        }
        Ok(Flow::Continue)
    }
}
