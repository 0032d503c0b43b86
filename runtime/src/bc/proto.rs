//! Function prototypes as the front end produces them and the dump format
//! carries them.
//!
//! This is the target-neutral, plain-data form of a compiled function. The
//! listing (`-bl`), the dump writer and reader (`-b`) and the runtime's
//! loader all consume it; the parser and the dump reader produce it.

use std::rc::Rc;

use super::op::Ins;

/// Prototype flags, with LuaJIT's bit values (they are stored in dumps).
pub mod flags {
    /// The function has child prototypes (closures).
    pub const CHILD: u8 = 0x01;
    /// The function takes `...`.
    pub const VARARG: u8 = 0x02;
    /// The function uses the FFI (never set until `ffi` exists).
    pub const FFI: u8 = 0x04;
    /// The JIT must not compile this function.
    pub const NOJIT: u8 = 0x08;
    /// The function has a patched ILOOP/IFORL (not stored in dumps).
    pub const ILOOP: u8 = 0x10;
}

/// A number constant. Values that are integral and fit an `i32` are kept
/// as integers, as LuaJIT's parser does, so that the dump stores them short.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumConst {
    Int(i32),
    Num(f64),
}

impl NumConst {
    pub fn as_f64(self) -> f64 {
        match self {
            NumConst::Int(i) => i as f64,
            NumConst::Num(n) => n,
        }
    }
}

/// A key or value in a template table (TDUP): only constants can appear.
#[derive(Clone, Debug, PartialEq)]
pub enum TabConst {
    Nil,
    False,
    True,
    Int(i32),
    Num(f64),
    Str(Rc<[u8]>),
}

/// A template table for TDUP: its array part (index 0 included) and its
/// hash part in insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateTable {
    pub array: Vec<TabConst>,
    pub hash: Vec<(TabConst, TabConst)>,
}

/// A garbage-collected constant referenced by KSTR, TDUP, FNEW, GGET, ...
#[derive(Clone, Debug)]
pub enum GcConst {
    Str(Rc<[u8]>),
    Table(Rc<TemplateTable>),
    Child(Rc<Proto>),
    /// 64-bit integer cdata constants (`1LL`, `1ULL`, `1i`); kept so that
    /// dumps containing them can be listed once the FFI exists.
    I64(i64),
    U64(u64),
    Complex(f64, f64),
}

/// How a closure captures an upvalue, in LuaJIT's 16-bit encoding: bit 15
/// set means "a local slot of the parent", otherwise "an upvalue of the
/// parent"; bit 14 marks an upvalue that is never assigned after capture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpvalDesc(pub u16);

impl UpvalDesc {
    pub const LOCAL: u16 = 0x8000;
    pub const IMMUTABLE: u16 = 0x4000;

    pub fn is_local(self) -> bool {
        self.0 & Self::LOCAL != 0
    }

    pub fn is_immutable(self) -> bool {
        self.0 & Self::IMMUTABLE != 0
    }

    /// The parent's slot (if local) or upvalue index.
    pub fn index(self) -> u16 {
        self.0 & 0x3fff
    }
}

/// Debug information about a local variable's live range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarInfo {
    pub name: Rc<str>,
    /// First instruction (inclusive) where the variable is live.
    pub start_pc: u32,
    /// First instruction where it is dead again.
    pub end_pc: u32,
}

/// A compiled function.
#[derive(Clone, Debug)]
pub struct Proto {
    /// The chunk name as given to the loader (`@file.lua`, `=stdin`, or
    /// the source text itself for strings).
    pub chunk_name: Rc<str>,
    /// Line of the `function` keyword (0 for the main chunk).
    pub first_line: u32,
    /// Number of lines the function spans after `first_line`.
    pub num_lines: u32,
    pub num_params: u8,
    /// Number of stack slots the function needs (at most 250).
    pub frame_size: u8,
    /// Bits from [`flags`].
    pub flags: u8,
    /// The instructions, starting with the FUNCF/FUNCV header.
    pub code: Vec<Ins>,
    /// The source line of each instruction (same length as `code`); empty
    /// when the debug information was stripped.
    pub line_info: Vec<u32>,
    /// GC constants, indexed by the operand that refers to them.
    pub kgc: Vec<GcConst>,
    /// Number constants, indexed by the operand that refers to them.
    pub knum: Vec<NumConst>,
    pub upvalues: Vec<UpvalDesc>,
    /// Upvalue names (empty when stripped).
    pub upvalue_names: Vec<Rc<str>>,
    /// Local variable live ranges (empty when stripped).
    pub var_info: Vec<VarInfo>,
}

impl Proto {
    pub fn is_vararg(&self) -> bool {
        self.flags & flags::VARARG != 0
    }

    /// Line of the instruction at `pc`, if debug information is present.
    pub fn line_of(&self, pc: usize) -> Option<u32> {
        self.line_info.get(pc).copied()
    }

    /// The child prototypes, in constant order.
    pub fn children(&self) -> impl Iterator<Item = &Rc<Proto>> {
        self.kgc.iter().filter_map(|k| match k {
            GcConst::Child(p) => Some(p),
            _ => None,
        })
    }
}
