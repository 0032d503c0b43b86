//! The seam between the runtime and a generated (assembly) interpreter.
//!
//! An engine runs the bytecode of the running thread's Lua frames for as
//! long as every instruction takes its fast path. When an instruction
//! needs more — a metamethod, an allocation, a native function, a frame of
//! another kind, an error, stack growth — the engine stops *before* that
//! instruction and hands it to the reference interpreter, which runs that
//! one instruction (pushing whatever frames it needs) and gives control
//! back. This one hand-over is the documented calling seam for every slow
//! path: an engine never calls into the runtime while Lua values live only
//! in its registers, it never unwinds, and it never allocates, so errors,
//! the collector and coroutine switches all stay in Rust.
//!
//! The hand-over state is [`EngineRegs`], a `repr(C)` block whose field
//! offsets (`REGS_OFS_*`) the templates import. Frames, values and objects
//! are the ones the reference interpreter uses (see [`crate::vm::frame`]
//! and [`crate::value`]), so control passes between the two engines at any
//! instruction boundary.
//!
//! # Invariants an engine keeps
//! - It only stores values into slots of the running frame (below
//!   `base + framesize`) or into a callee frame it set up, and into tables
//!   and upvalues only when no write barrier is needed (the object is not
//!   black).
//! - It enters a Lua frame only if `base + framesize` stays at or below
//!   `stack_limit`, which leaves the reference interpreter's
//!   [`FRAME_EXTRA`](super::FRAME_EXTRA) slots free above every frame.
//! - When it stops, `base`, `pc` and `multres` describe a running Lua frame
//!   exactly as the reference interpreter's own state would.

use std::mem::offset_of;

use super::{Exit, St, FRAME_EXTRA};
use crate::bc::{Ins, Op};
use crate::obj::{GcFunc, GcThread};
use crate::value::Value;
use crate::vm::{obj, LuaError, Vm};

/// Why an engine stopped.
pub mod reason {
    /// Run the instruction at `pc` with the reference interpreter.
    pub const FALLBACK: u32 = 0;
    /// A hot counter underflowed at the instruction at `pc` (a loop or a
    /// function header), which has not run yet.
    pub const HOT: u32 = 1;
    /// An allocating instruction before `pc` completed and the collector
    /// wants its safepoint (what the reference interpreter runs after
    /// TNEW, TDUP, FNEW and CAT).
    pub const GC_CHECK: u32 = 2;
}

/// The registers an engine receives and returns.
#[repr(C)]
pub struct EngineRegs {
    /// Slot 0 of the running Lua frame.
    pub base: *mut Value,
    /// In: the next instruction. Out: the instruction the engine stopped
    /// before.
    pub pc: *const Ins,
    /// Number of values of the last multiple-result call or VARG.
    pub multres: u32,
    /// Out: one of [`reason`].
    pub reason: u32,
    /// Highest slot address a frame's `base + framesize` may reach.
    pub stack_limit: *mut Value,
    /// The running thread.
    pub thread: *mut GcThread,
    /// The VM, for engines that read its fields (globals, metatables).
    pub vm: *mut Vm,
}

pub const REGS_OFS_BASE: usize = offset_of!(EngineRegs, base);
pub const REGS_OFS_PC: usize = offset_of!(EngineRegs, pc);
pub const REGS_OFS_MULTRES: usize = offset_of!(EngineRegs, multres);
pub const REGS_OFS_REASON: usize = offset_of!(EngineRegs, reason);
pub const REGS_OFS_STACK_LIMIT: usize = offset_of!(EngineRegs, stack_limit);
pub const REGS_OFS_THREAD: usize = offset_of!(EngineRegs, thread);
pub const REGS_OFS_VM: usize = offset_of!(EngineRegs, vm);

/// A generated interpreter.
pub trait Engine {
    /// The name `--interp=` selects it by.
    fn name(&self) -> &'static str;

    /// Runs from `regs` until an instruction needs the reference
    /// interpreter or a hot counter underflows.
    ///
    /// # Safety
    /// `regs` describes the running Lua frame of `regs.thread`, which is
    /// the VM's running thread, with `stack_limit` computed as
    /// [`Vm::run_engine`] does; no other reference into the VM is live.
    unsafe fn run(&self, regs: &mut EngineRegs);

    /// The hot-counter hook: the counter for `pc` underflowed. The JIT
    /// will start recording here; until then the counter is reset.
    fn hot(&self, pc: *const Ins);

    /// Told of every instruction handed over, for engines that keep
    /// statistics.
    fn note_handover(&self, _op: Op) {}
}

impl Vm {
    /// Selects the engine that runs Lua code (`None`: the reference
    /// interpreter alone).
    pub fn set_engine(&mut self, engine: Option<std::rc::Rc<dyn Engine>>) {
        self.engine = engine;
    }

    /// The name of the engine running Lua code.
    pub fn engine_name(&self) -> &'static str {
        self.engine.as_ref().map_or("ref", |e| e.name())
    }

    /// Runs the frame in `st` on `engine`, handing single instructions to
    /// the reference interpreter, until the entry frame returns or the
    /// thread yields (`Some`), or a debug hook is set (`None`: the caller
    /// goes on with the reference interpreter, which runs hooks).
    pub(super) fn run_engine(
        &mut self,
        engine: &dyn Engine,
        st: &mut St,
    ) -> Result<Option<Exit>, LuaError> {
        loop {
            if self.hook.mask != 0 {
                return Ok(None);
            }
            let vm: *mut Vm = self;
            let th = self.cur;
            // SAFETY: the running thread is live and its stack holds the
            // frame at `st.base` with FRAME_EXTRA slots above it.
            let (stack, limit) = unsafe {
                let stack = (*th).stack;
                let room = (*th).stacksize.saturating_sub(FRAME_EXTRA + 2);
                (stack, stack.add(room as usize))
            };
            let mut regs = EngineRegs {
                // SAFETY: `st.base` is inside the stack.
                base: unsafe { stack.add(st.base as usize) },
                pc: st.pc,
                multres: st.multres,
                reason: reason::FALLBACK,
                stack_limit: limit,
                thread: th,
                vm,
            };
            // SAFETY: `regs` was just built from the running frame.
            unsafe { engine.run(&mut regs) };
            self.resync(st, &regs, stack);
            match regs.reason {
                reason::HOT => engine.hot(regs.pc),
                reason::GC_CHECK => self.gc_check_err()?,
                _ => {
                    // SAFETY: `pc` points at the instruction handed over.
                    engine.note_handover(unsafe { (*st.pc).op() });
                    if let Some(x) = self.dispatch_one(st)? {
                        return Ok(Some(x));
                    }
                }
            }
        }
    }

    /// Rebuilds the reference interpreter's state from what an engine
    /// left: the frame's function and prototype come from its slots, and
    /// the thread's `top` covers the frame plus the values a multiple-
    /// result instruction at `pc` is about to consume.
    fn resync(&mut self, st: &mut St, regs: &EngineRegs, stack: *mut Value) {
        // SAFETY: the engine left `base` inside the same stack (it never
        // reallocates it) and `pc` at an instruction of the running frame.
        let (base, ins) = unsafe { (regs.base.offset_from(stack) as u32, *regs.pc) };
        let f = obj::<GcFunc>(self.s(base - 2));
        st.func = f;
        // SAFETY: a running frame holds a live Lua closure.
        st.pt = unsafe { (*f).proto };
        st.base = base;
        st.pc = regs.pc;
        st.multres = regs.multres;
        let mut top = base + st.pt().framesize as u32;
        let (a, m) = (base + ins.a() as u32, regs.multres);
        let wanted = match ins.op() {
            Op::CALLM => a + 2 + ins.c() as u32 + m,
            Op::CALLMT => a + 2 + ins.d() as u32 + m,
            Op::RETM => a + ins.d() as u32 + m,
            Op::TSETM => a + m,
            _ => 0,
        };
        top = top.max(wanted);
        let th = self.thread();
        th.base = base;
        th.top = top.min(th.stacksize);
    }
}

/// Leaf functions an engine may call directly with the C ABI: each
/// neither allocates, nor raises, nor runs Lua code, so no Lua value has
/// to leave the engine's registers. Anything else is a hand-over.
pub mod helpers {
    use crate::obj::GcTab;
    use crate::value::{itype, Value};
    use crate::vm::{obj, Mm, Vm};

    /// What a helper returns instead of a value when the instruction must
    /// be handed over: a word no value has (a nil tag with a payload that
    /// is not all ones).
    pub const HAND_OVER: u64 = !1;

    /// How many `__index` tables a read follows before handing over (the
    /// reference interpreter reports a loop).
    const INDEX_CHAIN_LIMIT: u32 = 100;

    /// `#t` for a table (Lua 5.1 has no `__len` for tables).
    ///
    /// # Safety
    /// `t` points at a live table.
    pub unsafe extern "C" fn tab_len(t: *const GcTab) -> u32 {
        // SAFETY: the caller's contract.
        unsafe { (*t).len() }
    }

    /// One step of `next(t, key)`: stores the next key and value at
    /// `out[0]`, `out[1]` and returns 1, returns 0 at the end, or 2 for a
    /// key that is not in the table (the reference interpreter raises the
    /// error).
    ///
    /// # Safety
    /// `t` points at a live table and `out` at two writable values.
    pub unsafe extern "C" fn tab_next(t: *const GcTab, key: u64, out: *mut Value) -> u32 {
        // SAFETY: the caller's contract.
        unsafe {
            match (*t).next(Value(key)) {
                Ok(Some((k, v))) => {
                    *out = k;
                    *out.add(1) = v;
                    1
                }
                Ok(None) => 0,
                Err(_) => 2,
            }
        }
    }

    /// The raw value of `t[key]` (nil if absent).
    ///
    /// # Safety
    /// `t` points at a live table.
    pub unsafe extern "C" fn tab_get(t: *const GcTab, key: u64) -> u64 {
        // SAFETY: the caller's contract.
        unsafe { (*t).get(Value(key)).0 }
    }

    /// The slot for a key the table lacks, created holding nil (the
    /// table may be rehashed, which allocates but never collects, as the
    /// reference interpreter's stores). Null for a key the runtime must
    /// refuse (nil, NaN) or when memory runs out.
    ///
    /// # Safety
    /// `vm` is the running VM and `t` one of its live tables.
    pub unsafe extern "C" fn tab_new_slot(vm: *mut Vm, t: *mut GcTab, key: u64) -> *mut Value {
        // SAFETY: the caller's contract.
        unsafe { (*t).slot(&mut (*vm).heap, Value(key)).unwrap_or(std::ptr::null_mut()) }
    }

    /// `v[key]` for a value whose own lookup found nothing (or that is not
    /// a table): follows `__index` while it is a table. Returns the value
    /// (nil if there is no `__index`), or [`HAND_OVER`] when a function
    /// must be called, the value has no own fields to index (a type error
    /// may be due) or the chain is too long.
    ///
    /// # Safety
    /// `vm` is the running VM and `v` one of its live values.
    pub unsafe extern "C" fn meta_index(vm: *mut Vm, v: u64, key: u64) -> u64 {
        // SAFETY: the caller's contract; metatables are live tables.
        unsafe {
            let vm = &*vm;
            let (mut v, key) = (Value(v), Value(key));
            for _ in 0..INDEX_CHAIN_LIMIT {
                let mt = vm.metatable_of(v);
                if mt.is_null() {
                    return if v.itype() == itype::TAB { Value::NIL.0 } else { HAND_OVER };
                }
                let h = vm.mm_lookup(mt, Mm::Index);
                if h.is_nil() {
                    return if v.itype() == itype::TAB { Value::NIL.0 } else { HAND_OVER };
                }
                if h.itype() != itype::TAB {
                    return HAND_OVER;
                }
                let r = (*obj::<GcTab>(h)).get(key);
                if !r.is_nil() {
                    return r.0;
                }
                v = h;
            }
            HAND_OVER
        }
    }

    /// A new object for an allocating instruction: its value (0 when the
    /// instruction must be handed over, e.g. out of memory) and whether
    /// the collector wants its safepoint once the value is stored
    /// (stop with [`super::reason::GC_CHECK`]). Returned in two registers.
    #[repr(C)]
    pub struct NewObj {
        pub value: u64,
        pub gc_due: u64,
    }

    fn new_obj(vm: &Vm, v: Option<Value>) -> NewObj {
        let gc = &vm.gc;
        let due = !gc.in_finalizer
            && !gc.closed
            && gc.is_running()
            && (gc.stress != crate::gc::Stress::Off || vm.heap.used() >= gc.threshold);
        NewObj {
            value: v.map_or(0, |v| v.0),
            gc_due: due as u64,
        }
    }

    /// TNEW with operand D: a table sized as the instruction says.
    ///
    /// # Safety
    /// `vm` is the running VM.
    pub unsafe extern "C" fn tab_new_ins(vm: *mut Vm, d: u32) -> NewObj {
        // SAFETY: the caller's contract.
        let vm = unsafe { &mut *vm };
        let mut asize = d & 0x7ff;
        if asize == 0x7ff {
            asize = 0x801;
        }
        let t = vm.new_table(asize, d >> 11).ok();
        let v = t.map(|t| crate::vm::val::<GcTab>(t.as_ptr()));
        new_obj(vm, v)
    }

    /// TDUP: a copy of template table `tpl`.
    ///
    /// # Safety
    /// `vm` is the running VM and `tpl` one of its template tables.
    pub unsafe extern "C" fn tab_dup_ins(vm: *mut Vm, tpl: *mut GcTab) -> NewObj {
        // SAFETY: the caller's contract.
        let vm = unsafe { &mut *vm };
        let white = vm.white;
        // SAFETY: template tables are live constants.
        let t = unsafe { (*tpl).dup(&mut vm.heap, white) }.ok();
        let v = t.map(|t| {
            vm.adopt_table(t);
            crate::vm::val::<GcTab>(t.as_ptr())
        });
        new_obj(vm, v)
    }

    /// FNEW: a closure of `pt` made by the running closure `parent`,
    /// whose frame starts at stack slot `base` of the running thread.
    ///
    /// # Safety
    /// `vm` is the running VM; `pt` is a child prototype of `parent`'s,
    /// and `base` the slot index of `parent`'s running frame.
    pub unsafe extern "C" fn func_new_ins(
        vm: *mut Vm,
        pt: *mut crate::obj::GcProto,
        parent: *mut crate::obj::GcFunc,
        base: u32,
    ) -> NewObj {
        // SAFETY: the caller's contract.
        let vm = unsafe { &mut *vm };
        let made = (|| -> Result<Value, crate::vm::LuaError> {
            // SAFETY: a live closure and its live child prototype.
            unsafe {
                let f = vm.new_lua_func(pt, (*parent).env)?.as_ptr();
                for i in 0..(*pt).sizeuv as usize {
                    let desc = crate::bc::UpvalDesc((*pt).uv_desc(i));
                    let uv = if desc.is_local() {
                        vm.find_upval(base + desc.index() as u32)?
                    } else {
                        (*parent).uv(desc.index() as usize)
                    };
                    (*f).set_uv(i, uv);
                }
                Ok(crate::vm::val::<crate::obj::GcFunc>(f))
            }
        })();
        new_obj(vm, made.ok())
    }

    /// CAT over `n` values from `first` when every one is a string or a
    /// number (numbers formatted as `tostring` does): the new string.
    /// Anything else (a `__concat` to call, an error to raise) is a
    /// hand-over.
    ///
    /// # Safety
    /// `vm` is the running VM and `first` points at `n` live values.
    pub unsafe extern "C" fn str_concat_ins(vm: *mut Vm, first: *const Value, n: u32) -> NewObj {
        // SAFETY: the caller's contract.
        let (vm, vals) = unsafe { (&mut *vm, std::slice::from_raw_parts(first, n as usize)) };
        let mut buf = Vec::new();
        for &v in vals {
            match v.itype() {
                // SAFETY: a string value points at a live string.
                itype::STR => buf.extend_from_slice(unsafe { (*obj::<crate::obj::GcStr>(v)).as_bytes() }),
                _ if v.is_number() => buf.extend_from_slice(&vm.tostring_basic(v)),
                _ => return NewObj { value: 0, gc_due: 0 },
            }
        }
        let s = vm.new_str(&buf).ok();
        new_obj(vm, s)
    }

    /// TSETM: stores `n` values from `src` at integer keys from `start`,
    /// with the table's barrier first. 0 when done, 1 to hand over (out of
    /// memory: the reference interpreter raises it).
    ///
    /// # Safety
    /// `vm` is the running VM, `t` one of its live tables and `src` points
    /// at `n` values.
    pub unsafe extern "C" fn tab_store_multi(
        vm: *mut Vm,
        t: *mut GcTab,
        start: i32,
        src: *const Value,
        n: u32,
    ) -> u32 {
        // SAFETY: the caller's contract.
        unsafe {
            let vm = &mut *vm;
            vm.gc_barrier_tab(t);
            for i in 0..n {
                let k = start.wrapping_add(i as i32);
                if (*t).set_int(&mut vm.heap, k, *src.add(i as usize)).is_err() {
                    return 1;
                }
            }
            0
        }
    }

    /// `a ^ b`, exactly as the reference interpreter computes and stores
    /// it (a NaN result canonical).
    pub extern "C" fn pow(a: f64, b: f64) -> f64 {
        let r = super::super::ops::Arith::Pow.apply(a, b);
        f64::from_bits(Value::number(r).0)
    }
}
