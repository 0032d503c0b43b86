//! Lua errors as Rust values.
//!
//! An error carries the Lua error value (any type: `error({})` throws a
//! table) and, once it leaves the VM through [`Vm::call`], a traceback
//! snapshot taken where it was raised. Messages of runtime errors are
//! formed where they are raised, with LuaJIT's wording and `chunk:line:`
//! prefix, so the value is final when it propagates.

use super::Vm;
use crate::obj::table::TabError;
use crate::value::Value;

/// A Lua error.
#[derive(Clone, Debug)]
pub struct LuaError {
    /// The error value.
    pub value: Value,
    /// Where the error was raised, innermost frame first (filled when the
    /// error leaves the VM).
    pub traceback: Vec<String>,
}

impl LuaError {
    pub fn new(value: Value) -> LuaError {
        LuaError {
            value,
            traceback: Vec::new(),
        }
    }
}

impl Vm {
    /// An error whose value is the string `msg`.
    pub fn err_msg(&mut self, msg: &str) -> LuaError {
        match self.new_str(msg.as_bytes()) {
            Ok(v) => LuaError::new(v),
            Err(e) => e,
        }
    }

    /// The error for a failed table operation (without position: callers
    /// inside the interpreter add it).
    pub fn tab_error(&mut self, e: TabError) -> LuaError {
        match e {
            TabError::OutOfMemory => self.oom(),
            e => self.err_msg(e.message()),
        }
    }

    /// The error's value as text, as a standalone interpreter reports it.
    pub fn error_text(&mut self, e: &LuaError) -> String {
        let v = e.value;
        if v.itype() == crate::value::itype::STR || v.is_number() {
            String::from_utf8_lossy(&self.tostring_basic(v)).into_owned()
        } else if v.is_nil() {
            "nil".to_string()
        } else {
            format!("(error object is a {} value)", v.type_name())
        }
    }

    /// Attaches the traceback of the running thread's frames.
    pub fn with_traceback(&mut self, mut e: LuaError) -> LuaError {
        if e.traceback.is_empty() {
            e.traceback = self.traceback_lines();
        }
        e
    }
}
