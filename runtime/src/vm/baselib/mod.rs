//! The base library and `coroutine`, registered from tables of
//! `name -> native` so further libraries plug in the same way.

mod base;
mod coro;

use super::{val, LuaError, Vm};
use crate::obj::func::ffid;
use crate::obj::{GcFunc, GcTab, NativeFn};
use crate::value::Value;

/// One library function.
pub struct Reg {
    pub name: &'static str,
    pub f: NativeFn,
    /// A fast-function id (or `ffid::NATIVE`).
    pub ffid: u8,
}

pub const fn reg(name: &'static str, f: NativeFn) -> Reg {
    Reg {
        name,
        f,
        ffid: ffid::NATIVE,
    }
}

impl Vm {
    /// Registers `regs` into the globals (`lib` = None) or into a new
    /// global table `lib`; returns the table they went into.
    pub fn register_lib(&mut self, lib: Option<&str>, regs: &[Reg]) -> Result<Value, LuaError> {
        let target = match lib {
            None => self.globals,
            Some(name) => {
                let t = self.new_table(0, 4)?.as_ptr();
                let k = self.new_str(name.as_bytes())?;
                self.raw_set(self.globals, k, val::<GcTab>(t))?;
                t
            }
        };
        for r in regs {
            let f = self.new_native(r.f, r.ffid, 0)?;
            let k = self.new_str(r.name.as_bytes())?;
            self.raw_set(target, k, val::<GcFunc>(f.as_ptr()))?;
        }
        Ok(val::<GcTab>(target))
    }

    /// Raw `t[k] = v`.
    // Object pointers are handles of this VM (see the crate's safepoint
    // rule), not arbitrary addresses.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn raw_set(&mut self, t: *mut GcTab, k: Value, v: Value) -> Result<(), LuaError> {
        // SAFETY: callers pass live tables; the heap is a separate field.
        let r = unsafe { (*t).set(&mut self.heap, k, v) };
        self.gc_barrier_tab(t);
        r.map_err(|e| self.tab_error(e))
    }

    /// Sets a global variable.
    pub fn set_global(&mut self, name: &str, v: Value) -> Result<(), LuaError> {
        let k = self.new_str(name.as_bytes())?;
        self.raw_set(self.globals, k, v)
    }

    /// Reads a global variable (raw).
    pub fn get_global(&mut self, name: &str) -> Result<Value, LuaError> {
        let k = self.new_str(name.as_bytes())?;
        // SAFETY: the globals table is live.
        Ok(unsafe { (*self.globals).get(k) })
    }

    /// Upvalue `i` of the running native closure.
    pub fn native_upvalue(&mut self, a: super::Args, i: usize) -> Value {
        let f = super::obj::<GcFunc>(self.thread().get(a.base - 2));
        // SAFETY: a native's function slot holds its live closure.
        unsafe { (*f).native_uv(i) }
    }
}

/// Loads the base library and `coroutine`.
pub fn open(vm: &mut Vm) -> Result<(), LuaError> {
    vm.register_lib(None, base::FUNCS)?;
    base::open_ipairs(vm)?;
    let g = val::<GcTab>(vm.globals);
    vm.set_global("_G", g)?;
    let v = vm.new_str(b"Lua 5.1")?;
    vm.set_global("_VERSION", v)?;
    vm.register_lib(Some("coroutine"), coro::FUNCS)?;
    crate::gc::lib::open(vm)?;
    Ok(())
}
