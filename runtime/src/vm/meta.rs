//! Metatables and metamethod lookup, and the value conversions every
//! engine shares (`tostring` without metamethods, number coercion).
//!
//! Tables and userdata carry their own metatable. Every other type has
//! one metatable for all its values, as LuaJIT keeps in its global
//! state: strings in [`Vm::string_mt`], the rest in [`Vm::base_mt`],
//! which `debug.setmetatable` fills (both booleans share one). Looking
//! one up is an array load indexed by the value's type tag, so the
//! interpreter's slow paths pay nothing extra for having them.

use super::{number, obj, Vm};
use crate::obj::{GcStr, GcTab, GcUdata};
use crate::value::{itype, Value};

/// Metamethods are declared once, beside the opcodes that fall back to
/// them.
pub use crate::bc::MetaMethod as Mm;

/// The metamethod names, indexed by [`Mm`].
pub const MM_NAMES: [&str; 19] = Mm::NAMES;

/// Entries of [`Vm::base_mt`]: one per inverted type tag from nil
/// (`!itype::NIL` = 0) to numbers (13, every number tag clamps to it).
pub const BASE_SLOTS: usize = 14;

/// A value's entry in [`Vm::base_mt`].
pub fn base_slot(v: Value) -> usize {
    (!v.itype()).min(BASE_SLOTS as u32 - 1) as usize
}

impl Vm {
    /// The metatable of any value (null if none).
    pub fn metatable_of(&self, v: Value) -> *mut GcTab {
        // SAFETY: GC values point at live objects of their tag's type.
        unsafe {
            match v.itype() {
                itype::TAB => (*obj::<GcTab>(v)).metatable,
                itype::UDATA => (*obj::<GcUdata>(v)).metatable,
                itype::STR => self.string_mt,
                _ => self.base_mt[base_slot(v)],
            }
        }
    }

    /// `mt[name]` for a metamethod, using and filling the negative cache.
    // Object pointers are handles of this VM (see the crate's safepoint
    // rule), not arbitrary addresses.
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn mm_lookup(&self, mt: *mut GcTab, mm: Mm) -> Value {
        // SAFETY: non-null metatables are live tables.
        let Some(t) = (unsafe { mt.as_mut() }) else {
            return Value::NIL;
        };
        let bit = mm as u8;
        if bit < 8 && t.nomm & (1 << bit) != 0 {
            return Value::NIL;
        }
        let name = self.mmname[mm as usize];
        // SAFETY: metamethod names are interned for the VM's life.
        let v = t.get_str(unsafe { std::ptr::NonNull::new_unchecked(name) });
        if v.is_nil() && bit < 8 {
            t.nomm |= 1 << bit;
        }
        v
    }

    /// The metamethod `mm` of a value (nil if none).
    pub fn mm_of(&self, v: Value, mm: Mm) -> Value {
        self.mm_lookup(self.metatable_of(v), mm)
    }

    /// A value converted to a number as arithmetic coerces it.
    pub fn to_num(&self, v: Value) -> Option<f64> {
        if let Some(n) = v.as_number() {
            return Some(n);
        }
        if v.itype() == itype::STR {
            // SAFETY: a string value points at a live string.
            return number::str_to_num(unsafe { (*obj::<GcStr>(v)).as_bytes() });
        }
        None
    }

    /// The bytes of a string value.
    pub fn str_bytes(&self, v: Value) -> &[u8] {
        // SAFETY: callers pass string values; strings are immutable.
        unsafe { (*obj::<GcStr>(v)).as_bytes() }
    }

    /// `tostring` without `__tostring`: numbers formatted, other objects
    /// as `type: 0xaddress`.
    pub fn tostring_basic(&self, v: Value) -> Vec<u8> {
        if let Some(n) = v.as_number() {
            return number::fmt_num(n).into_bytes();
        }
        match v.itype() {
            itype::STR => self.str_bytes(v).to_vec(),
            itype::NIL => b"nil".to_vec(),
            itype::FALSE => b"false".to_vec(),
            itype::TRUE => b"true".to_vec(),
            itype::FUNC => {
                // SAFETY: a function value points at a live closure.
                let f = unsafe { &*obj::<crate::obj::GcFunc>(v) };
                if f.is_lua() {
                    format!("function: {:#x}", v.payload()).into_bytes()
                } else if f.ffid == crate::obj::func::ffid::NATIVE {
                    format!("function: {:#x}", v.payload()).into_bytes()
                } else {
                    format!("function: builtin#{}: {:#x}", f.ffid, v.payload()).into_bytes()
                }
            }
            _ => format!("{}: {:#x}", v.type_name(), v.payload()).into_bytes(),
        }
    }

    /// A string value for a number or string (concatenation's coercion).
    pub fn coerce_str(&mut self, v: Value) -> Result<Option<Value>, super::LuaError> {
        if v.itype() == itype::STR {
            return Ok(Some(v));
        }
        match v.as_number() {
            Some(n) => Ok(Some(self.new_str(number::fmt_num(n).as_bytes())?)),
            None => Ok(None),
        }
    }
}
