//! Debug hooks (`debug.sethook`): the state the interpreter consults and
//! the per-instruction hook point it calls while any hook is set.
//!
//! The interpreter calls [`on_ins`] before each instruction when
//! `Vm::hook.mask` is non-zero. Events follow LuaJIT's interpreter:
//! - `call` when a Lua function starts (its first instruction after the
//!   header) and when a CALL instruction is about to call a native;
//! - `return` at a Lua function's return instruction;
//! - `line` when execution reaches a new line, jumps backwards, or
//!   enters another function;
//! - `count` every `count` instructions.
//!
//! The hook function lives in the registry (see `debuglib`), so the
//! collector sees it; hooks are off while a hook runs.
//!
//! Ctrl-C reaches running Lua code through the same point, as in lua.c
//! (whose signal handler installs a count hook): a signal handler sets
//! [`INTERRUPT`] and the [`MASK_INTERRUPT`] bit of the mask, so the very
//! next instruction enters [`on_ins`], which raises `interrupted!` there.
//! The interpreter's fast path keeps testing one byte.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::bc::{Ins, Op};
use crate::interp::St;
use crate::obj::{GcProto, GcTab};
use crate::value::{itype, Value};
use crate::vm::{obj, val, LuaError, Vm};

pub const MASK_CALL: u8 = 1;
pub const MASK_RET: u8 = 2;
pub const MASK_LINE: u8 = 4;
pub const MASK_COUNT: u8 = 8;
/// Not a Lua hook: an interrupt is pending (see [`INTERRUPT`]).
pub const MASK_INTERRUPT: u8 = 0x80;

/// Set, with the [`MASK_INTERRUPT`] bit, by a signal handler; the hook
/// point that sees it raises `interrupted!`. The flag tells a real
/// request from a stale mask bit.
pub static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// The byte a signal handler sets [`MASK_INTERRUPT`] in: the VM's hook
/// mask, which the interpreter reads before every instruction. The
/// pointer stays valid while the VM is neither moved nor dropped.
pub fn interrupt_target(vm: &mut Vm) -> *mut u8 {
    &mut vm.hook.mask
}

/// Whether the next signal requests an interrupt (see
/// [`signal_interrupt`]); set by [`arm_interrupts`].
static ARMED: AtomicBool = AtomicBool::new(false);

/// Makes the next [`signal_interrupt`] request an interrupt: what a host
/// does when it starts running Lua code, as lua.c installs its handler.
pub fn arm_interrupts() {
    INTERRUPT.store(false, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
}

/// What a signal handler calls: the first signal after
/// [`arm_interrupts`] requests an interrupt and returns false; any later
/// one returns true, and the host should then end the process (lua.c
/// restores the default action after the first Ctrl-C, so a second one
/// kills a program that does not react). Only atomic operations and a
/// one-byte read-modify-write, all safe in a handler. A Rust statement
/// rewriting the mask at that moment (`debug.sethook`) may lose the bit.
///
/// # Safety
/// `target` comes from [`interrupt_target`] of a VM that is still alive
/// and has not moved, and the handler runs on the VM's own thread.
pub unsafe fn signal_interrupt(target: *mut u8) -> bool {
    if !ARMED.swap(false, Ordering::SeqCst) {
        return true;
    }
    INTERRUPT.store(true, Ordering::SeqCst);
    let m = std::ptr::read_volatile(target);
    std::ptr::write_volatile(target, m | MASK_INTERRUPT);
    false
}

/// Whether interrupts are armed (no signal came since they were).
pub(crate) fn interrupts_armed() -> bool {
    ARMED.load(Ordering::SeqCst)
}

/// Forgets an interrupt that came while `os.execute` waited and arms
/// again: C's `system` ignores SIGINT meanwhile (the command gets it),
/// so luajit's handler never saw it.
pub(crate) fn forget_interrupt(vm: &mut Vm) {
    INTERRUPT.store(false, Ordering::SeqCst);
    vm.hook.mask &= !MASK_INTERRUPT;
    ARMED.store(true, Ordering::SeqCst);
}

/// The registry key of the hook table `{func, mask, count}`.
pub(crate) const HOOK_KEY: &str = "_HOOK";

/// What the interpreter needs to know about the hooks.
pub struct HookState {
    /// Events asked for (`MASK_*`); zero means no hook point runs.
    pub mask: u8,
    pub count: u32,
    left: u32,
    /// A hook is running.
    active: bool,
    /// The previous instruction seen: its prototype, frame base, index
    /// and opcode.
    last_pt: *const GcProto,
    last_base: u32,
    last_pc: usize,
    last_op: Option<Op>,
    /// While a hook runs: the base and pc of the Lua frame it interrupted
    /// (that frame has no saved pc of its own, being entered from Rust).
    hooked: Option<(u32, *const Ins)>,
}

impl Default for HookState {
    fn default() -> Self {
        Self::new()
    }
}

impl HookState {
    pub const fn new() -> HookState {
        HookState {
            mask: 0,
            count: 0,
            left: 0,
            active: false,
            last_pt: std::ptr::null(),
            last_base: 0,
            last_pc: 0,
            last_op: None,
            hooked: None,
        }
    }

    /// Installs a new mask and count (resets the tracking state).
    pub fn set(&mut self, mask: u8, count: u32) {
        *self = HookState {
            // A pending interrupt survives `debug.sethook`.
            mask: mask | (self.mask & MASK_INTERRUPT),
            count,
            left: count,
            active: self.active,
            ..HookState::new()
        };
    }
}

/// The pc of the frame at `base` if a hook interrupted it.
pub(crate) fn hooked_pc(vm: &Vm, base: u32) -> Option<*const Ins> {
    match vm.hook.hooked {
        Some((b, pc)) if b == base => Some(pc),
        _ => None,
    }
}

fn is_call(op: Op) -> bool {
    matches!(op, Op::CALL | Op::CALLM | Op::CALLT | Op::CALLMT)
}

fn is_ret(op: Op) -> bool {
    matches!(op, Op::RET | Op::RET0 | Op::RET1 | Op::RETM)
}

/// Calls the hook function with `event` (and the line, for line events).
fn fire(vm: &mut Vm, st: &St, event: &str, line: Option<u32>) -> Result<(), LuaError> {
    let reg = val::<GcTab>(vm.registry);
    let t = super::get_field(vm, reg, HOOK_KEY)?;
    if t.itype() != itype::TAB {
        return Ok(());
    }
    // SAFETY: a live table.
    let f = unsafe { (*obj::<GcTab>(t)).get_int(1) };
    if f.itype() != itype::FUNC {
        return Ok(());
    }
    // Values of a multiple-result call may sit above the frame: keep the
    // hook's frame clear of them.
    let pt = st.pt();
    let safe = st.base + pt.framesize as u32 + st.multres + 4;
    let old_top = vm.thread().top;
    if old_top < safe {
        vm.ensure_stack(safe)?;
        vm.thread().top = safe;
    }
    let ev = vm.new_str(event.as_bytes())?;
    let l = line.map_or(Value::NIL, |l| Value::number(l as f64));
    vm.hook.active = true;
    vm.hook.hooked = Some((st.base, st.pc));
    let r = vm.call(f, &[ev, l]);
    vm.hook.active = false;
    vm.hook.hooked = None;
    vm.thread().top = old_top;
    r.map(|_| ())
}

/// The hook point, run before instruction `ins` of the frame in `st`
/// (whose pc already points past it).
pub(crate) fn on_ins(vm: &mut Vm, st: &St, ins: Ins) -> Result<(), LuaError> {
    if vm.hook.mask & MASK_INTERRUPT != 0 {
        vm.hook.mask &= !MASK_INTERRUPT;
        if INTERRUPT.swap(false, Ordering::SeqCst) {
            // Like lua.c's hook, which adds no frame: the position is the
            // interrupted instruction's.
            let w = crate::interp::debug::proto_where(st.pt(), st.cur_pc());
            return Err(vm.err_msg(&format!("{w}interrupted!")));
        }
        if vm.hook.mask == 0 {
            return Ok(());
        }
    }
    if vm.hook.active {
        return Ok(());
    }
    let op = ins.op();
    let pt = st.pt;
    let pc = st.cur_pc();
    let h = &vm.hook;
    let same_frame = h.last_pt == pt && h.last_base == st.base;
    let tail = h
        .last_op
        .is_some_and(|o| matches!(o, Op::CALLT | Op::CALLMT));
    let entered = pc == 1 && (!same_frame || tail);
    let new_line = !same_frame || pc <= h.last_pc || entered || {
        let p = st.pt();
        p.line_of(pc) != p.line_of(h.last_pc)
    };
    let mask = h.mask;
    let h = &mut vm.hook;
    h.last_pt = pt;
    h.last_base = st.base;
    h.last_pc = pc;
    h.last_op = Some(op);
    if entered && mask & MASK_CALL != 0 {
        fire(vm, st, "call", None)?;
    }
    if mask & MASK_COUNT != 0 && vm.hook.count > 0 {
        vm.hook.left = vm.hook.left.saturating_sub(1);
        if vm.hook.left == 0 {
            vm.hook.left = vm.hook.count;
            fire(vm, st, "count", None)?;
        }
    }
    if mask & MASK_LINE != 0 && new_line {
        let line = st.pt().line_of(pc);
        fire(vm, st, "line", Some(line))?;
    }
    if mask & MASK_CALL != 0 && is_call(op) {
        let f = vm.thread().get(st.base + ins.a() as u32);
        // SAFETY: a function value points at a live closure.
        if f.itype() == itype::FUNC && !unsafe { (*obj::<crate::obj::GcFunc>(f)).is_lua() } {
            fire(vm, st, "call", None)?;
        }
    }
    if mask & MASK_RET != 0 && is_ret(op) {
        fire(vm, st, "return", None)?;
    }
    Ok(())
}
