//! The embedding API: run Lua from a Rust program and read the results as
//! Rust values.
//!
//! [`Lua`] owns one VM with the standard libraries. Values cross the
//! boundary as [`LuaValue`]s, which own their data: a result stays valid
//! however the Lua side goes on, at the price of copying strings, and
//! tables, functions and other reference types are reported by type only.
//! For anything finer, [`Lua::vm`] hands out the VM itself.

use std::fmt;
use std::io::Write;

use xlj_runtime::value::{itype, Value};
use xlj_runtime::vm::{LuaError, Vm};

/// A Lua value as Rust sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum LuaValue {
    Nil,
    Boolean(bool),
    Number(f64),
    /// Lua strings are byte strings.
    String(Vec<u8>),
    /// A table, function, userdata, thread or other reference, by its
    /// type name (as `type()` says it).
    Other(&'static str),
}

impl LuaValue {
    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            LuaValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The string, if this is one and it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            LuaValue::String(s) => std::str::from_utf8(s).ok(),
            _ => None,
        }
    }

    /// Lua's truth: everything but `nil` and `false` is true.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, LuaValue::Nil | LuaValue::Boolean(false))
    }

    /// The name `type()` gives the value.
    pub fn type_name(&self) -> &'static str {
        match self {
            LuaValue::Nil => "nil",
            LuaValue::Boolean(_) => "boolean",
            LuaValue::Number(_) => "number",
            LuaValue::String(_) => "string",
            LuaValue::Other(t) => t,
        }
    }
}

impl From<f64> for LuaValue {
    fn from(n: f64) -> Self {
        LuaValue::Number(n)
    }
}

impl From<i32> for LuaValue {
    fn from(n: i32) -> Self {
        LuaValue::Number(n as f64)
    }
}

impl From<bool> for LuaValue {
    fn from(b: bool) -> Self {
        LuaValue::Boolean(b)
    }
}

impl From<&str> for LuaValue {
    fn from(s: &str) -> Self {
        LuaValue::String(s.as_bytes().to_vec())
    }
}

impl From<String> for LuaValue {
    fn from(s: String) -> Self {
        LuaValue::String(s.into_bytes())
    }
}

/// A Lua error: the message as a standalone interpreter prints it, and the
/// stack traceback where it was raised (innermost frame first; empty for
/// errors raised before any Lua code ran, such as syntax errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub traceback: Vec<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A Lua state with the standard libraries.
///
/// ```
/// use xlj::{Lua, LuaValue};
///
/// let mut lua = Lua::new()?;
/// lua.exec("function greet(who) return 'hello, ' .. who, #who end")?;
/// let r = lua.call_global("greet", &["world".into()])?;
/// assert_eq!(r[0].as_str(), Some("hello, world"));
/// assert_eq!(r[1], LuaValue::Number(5.0));
/// # Ok::<(), xlj::Error>(())
/// ```
pub struct Lua {
    vm: Vm,
}

impl Lua {
    /// A fresh state; `print` and `io.write` go to the process's stdout
    /// until [`set_output`](Self::set_output) says otherwise.
    pub fn new() -> Result<Lua, Error> {
        let oom = || Error {
            message: "cannot create state: not enough memory".into(),
            traceback: Vec::new(),
        };
        let mut vm = Vm::new().map_err(|_| oom())?;
        xlj_runtime::lualib::jitlib::set_arch(&mut vm, xlj_targets::host_arch_name())
            .map_err(|_| oom())?;
        // The default engine cannot fail: without one, the reference
        // interpreter runs everything.
        let _ = crate::engine::install(&mut vm, None);
        Ok(Lua { vm })
    }

    /// Runs a chunk of Lua source and returns what it returns. The chunk
    /// is named by its own text, as `luaL_dostring` names it.
    ///
    /// ```
    /// let mut lua = xlj::Lua::new()?;
    /// let r = lua.exec("local t = {} for i = 1, 10 do t[i] = i * i end return t[10], #t")?;
    /// assert_eq!(r, vec![100.0.into(), 10.0.into()]);
    /// let err = lua.exec("return 1 +").unwrap_err();
    /// assert_eq!(err.message, r#"[string "return 1 +"]:1: unexpected symbol near '<eof>'"#);
    /// # Ok::<(), xlj::Error>(())
    /// ```
    pub fn exec(&mut self, source: &str) -> Result<Vec<LuaValue>, Error> {
        self.exec_chunk(source.as_bytes(), source)
    }

    /// Runs a chunk (source text or a bytecode dump) under a chunk name of
    /// Lua's form: `@file.lua`, `=name`, or the source itself.
    pub fn exec_chunk(&mut self, chunk: &[u8], chunk_name: &str) -> Result<Vec<LuaValue>, Error> {
        let f = self
            .vm
            .load(chunk, chunk_name)
            .map_err(|e| self.error(&e))?;
        let r = self.vm.call(f, &[]).map_err(|e| self.error(&e))?;
        Ok(r.into_iter().map(|v| self.rust_value(v)).collect())
    }

    /// Calls the global function `name` with `args`.
    ///
    /// ```
    /// let mut lua = xlj::Lua::new()?;
    /// let r = lua.call_global("string.rep", &[]);
    /// assert!(r.is_err(), "a global named 'string.rep' does not exist");
    /// let r = lua.call_global("tostring", &[true.into()])?;
    /// assert_eq!(r[0].as_str(), Some("true"));
    /// let err = lua.call_global("error", &["oops".into(), 0.into()]).unwrap_err();
    /// assert_eq!(err.message, "oops");
    /// # Ok::<(), xlj::Error>(())
    /// ```
    pub fn call_global(&mut self, name: &str, args: &[LuaValue]) -> Result<Vec<LuaValue>, Error> {
        let f = self.vm.get_global(name).map_err(|e| self.error(&e))?;
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.lua_value(a)?);
        }
        // No collection can happen before `call` puts the arguments on the
        // stack: collection only runs at the VM's safepoints.
        let r = self.vm.call(f, &vals).map_err(|e| self.error(&e))?;
        Ok(r.into_iter().map(|v| self.rust_value(v)).collect())
    }

    /// Reads a global variable (without metamethods).
    ///
    /// ```
    /// let mut lua = xlj::Lua::new()?;
    /// lua.set_global("answer", 42)?;
    /// lua.exec("answer = answer + 1")?;
    /// assert_eq!(lua.get_global("answer")?.as_f64(), Some(43.0));
    /// assert_eq!(lua.get_global("string")?.type_name(), "table");
    /// # Ok::<(), xlj::Error>(())
    /// ```
    pub fn get_global(&mut self, name: &str) -> Result<LuaValue, Error> {
        let v = self.vm.get_global(name).map_err(|e| self.error(&e))?;
        Ok(self.rust_value(v))
    }

    /// Sets a global variable. [`LuaValue::Other`] cannot be set: it
    /// names a type, not an object.
    pub fn set_global(&mut self, name: &str, value: impl Into<LuaValue>) -> Result<(), Error> {
        let v = self.lua_value(&value.into())?;
        self.vm.set_global(name, v).map_err(|e| self.error(&e))
    }

    /// Sends what `print` and `io.write` produce to `out`.
    ///
    /// ```
    /// use std::{cell::RefCell, rc::Rc};
    /// use xlj::runtime::vm::SharedBuf;
    ///
    /// let mut lua = xlj::Lua::new()?;
    /// let buf = SharedBuf::default();
    /// lua.set_output(Box::new(buf.clone()));
    /// lua.exec("print('a', 1.5, nil) io.write('b')")?;
    /// assert_eq!(&*buf.0.borrow(), b"a\t1.5\tnil\nb");
    /// # Ok::<(), xlj::Error>(())
    /// ```
    pub fn set_output(&mut self, out: Box<dyn Write>) {
        self.vm.out = out;
    }

    /// The VM underneath, for what this API does not cover.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    fn error(&mut self, e: &LuaError) -> Error {
        Error {
            message: self.vm.error_text(e),
            traceback: e.traceback.clone(),
        }
    }

    fn rust_value(&mut self, v: Value) -> LuaValue {
        match v.itype() {
            itype::NIL => LuaValue::Nil,
            itype::FALSE => LuaValue::Boolean(false),
            itype::TRUE => LuaValue::Boolean(true),
            itype::STR => LuaValue::String(self.vm.str_bytes(v).to_vec()),
            _ => match v.as_number() {
                Some(n) => LuaValue::Number(n),
                None => LuaValue::Other(v.type_name()),
            },
        }
    }

    fn lua_value(&mut self, v: &LuaValue) -> Result<Value, Error> {
        Ok(match v {
            LuaValue::Nil => Value::NIL,
            LuaValue::Boolean(b) => Value::boolean(*b),
            LuaValue::Number(n) => Value::number(*n),
            LuaValue::String(s) => self.vm.new_str(s).map_err(|e| self.error(&e))?,
            LuaValue::Other(t) => {
                return Err(Error {
                    message: format!("cannot pass a {t} from Rust by its type name"),
                    traceback: Vec::new(),
                })
            }
        })
    }
}

#[cfg(test)]
mod tests;
