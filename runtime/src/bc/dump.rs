//! The portable bytecode dump format of `xlj -b`: LuaJIT 2.1's format, so
//! that dumps move freely between xlj and LuaJIT.
//!
//! ```text
//! dump    = "\x1bLJ" version:u8(2) flags:uleb [namelen:uleb name]  (name unless STRIP)
//!           { protolen:uleb proto }  0
//! proto   = pflags:u8 numparams:u8 framesize:u8 numuv:u8
//!           numkgc:uleb numkn:uleb numbc:uleb
//!           [dbglen:uleb [firstline:uleb numline:uleb]]               (unless STRIP)
//!           ins:u32 * numbc  uv:u16 * numuv  kgc * numkgc  knum * numkn  debug
//! ```
//!
//! * Children come before their parent; a `CHILD` constant takes the most
//!   recently finished prototype, so the dump is read with a stack.
//! * Instructions, upvalue descriptors and 2/4-byte line deltas are stored
//!   in the byte order named by the `BE` flag; everything else is bytes or
//!   ULEB128. The function header instruction (pc 0) is not stored.
//! * GC constants are stored from the last operand index to the first;
//!   [`Proto::kgc`](super::proto::Proto) is kept in operand order.
//! * Number constants use a 33-bit ULEB128 whose low bit says "double"
//!   (then the low word follows in the remaining bits and a ULEB128 of the
//!   high word comes next) or "integer".
//! * The debug block is the line deltas (1, 2 or 4 bytes each, depending on
//!   the function's line count), the upvalue names (zero-terminated), and
//!   the local variables: a name (zero-terminated, or one byte 1..6 for the
//!   hidden loop variables), the start pc as a delta from the previous
//!   variable's start, the length of the live range, and a final 0.
//!
//! Names (the chunk's, upvalues', variables') are text in
//! [`Proto`](super::proto::Proto): bytes that are not UTF-8 are replaced on
//! reading, so a dump with such names does not write back byte for byte.
//!
//! The reader trusts nothing: every length is checked against the bytes
//! that remain before anything is allocated, every operand that names a
//! constant, an upvalue or a jump target is checked, and nesting depth is
//! bounded. Malformed input yields a [`DumpError`], never a panic.

mod read;
mod verify;
mod write;

use std::fmt;

pub use read::read_dump;
pub use verify::verify_tree;
pub use write::write_dump;

use super::proto::Proto;

/// The first byte of every dump; a chunk starting with it is a dump, not
/// source text.
pub const SIGNATURE: &[u8] = b"\x1bLJ";
/// The format version of LuaJIT 2.1.
pub const VERSION: u8 = 2;

/// Header flags.
pub mod flags {
    /// Instructions and 16/32-bit fields are big-endian.
    pub const BE: u32 = 0x01;
    /// Debug information (and the chunk name) was left out.
    pub const STRIP: u32 = 0x02;
    /// The main function uses the FFI.
    pub const FFI: u32 = 0x04;
    /// Two-slot frames (LuaJIT's GC64 layout, always used by xlj).
    pub const FR2: u32 = 0x08;
    pub const KNOWN: u32 = BE | STRIP | FFI | FR2;
}

/// GC constant tags.
pub(crate) mod kgc {
    pub const CHILD: u32 = 0;
    pub const TAB: u32 = 1;
    pub const I64: u32 = 2;
    pub const U64: u32 = 3;
    pub const COMPLEX: u32 = 4;
    pub const STR: u32 = 5;
}

/// Template table entry tags.
pub(crate) mod ktab {
    pub const NIL: u32 = 0;
    pub const FALSE: u32 = 1;
    pub const TRUE: u32 = 2;
    pub const INT: u32 = 3;
    pub const NUM: u32 = 4;
    pub const STR: u32 = 5;
}

/// The hidden local variables of `for` loops, stored as one byte (their
/// position here plus one) instead of their name.
pub const HIDDEN_VAR_NAMES: [&str; 6] = [
    "(for index)",
    "(for limit)",
    "(for step)",
    "(for generator)",
    "(for state)",
    "(for control)",
];

/// Prototypes nested deeper than this are refused; LuaJIT's parser stops
/// far earlier, and the bound keeps recursive walks of a loaded tree safe.
pub const MAX_DEPTH: usize = 256;

/// How to write a dump, or how the one just read was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DumpOptions {
    /// Leave out the chunk name, line numbers and variable names.
    pub strip: bool,
    pub big_endian: bool,
    /// Two-slot frames; xlj's own bytecode always has them.
    pub fr2: bool,
}

impl Default for DumpOptions {
    /// What `luajit -b` writes on a 64-bit little-endian host.
    fn default() -> Self {
        DumpOptions {
            strip: true,
            big_endian: false,
            fr2: true,
        }
    }
}

/// A loaded dump: the main function and the header's options.
#[derive(Clone, Debug)]
pub struct Dump {
    pub main: Proto,
    pub options: DumpOptions,
    /// The raw header flags (including `FFI`).
    pub flags: u32,
}

/// Why a dump could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpError {
    pub kind: DumpErrorKind,
    /// Offset of the offending byte in the input (0 when writing).
    pub offset: usize,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpErrorKind {
    /// Not a dump of a version or flavour this build understands.
    Incompatible,
    /// Truncated or inconsistent contents.
    Malformed,
    /// The prototype cannot be expressed in the format (writing).
    Unwritable,
}

impl DumpError {
    pub(crate) fn new(kind: DumpErrorKind, offset: usize, detail: impl Into<String>) -> Self {
        DumpError {
            kind,
            offset,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            DumpErrorKind::Incompatible => write!(
                f,
                "cannot load incompatible bytecode ({} at byte {})",
                self.detail, self.offset
            ),
            DumpErrorKind::Malformed => write!(
                f,
                "cannot load malformed bytecode ({} at byte {})",
                self.detail, self.offset
            ),
            DumpErrorKind::Unwritable => write!(f, "cannot dump bytecode ({})", self.detail),
        }
    }
}

impl std::error::Error for DumpError {}

/// True if `bytes` starts like a dump (and so must not be parsed as source).
pub fn is_dump(bytes: &[u8]) -> bool {
    bytes.first() == Some(&SIGNATURE[0])
}

/// Width in bytes of one line delta for a function spanning `num_lines`.
pub(crate) fn line_width(num_lines: u32) -> usize {
    if num_lines < 256 {
        1
    } else if num_lines < 65536 {
        2
    } else {
        4
    }
}
