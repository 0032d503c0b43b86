//! The embedding facade of xlj — run Lua from a host program — and the
//! `xlj` command built on the same runtime.
//!
//! * [`Lua`] runs chunks and calls functions, with results as
//!   [`LuaValue`]s (see its examples).
//! * [`load`] compiles a chunk (source text or a bytecode dump) into a
//!   [`Proto`] without running it, for listing and dumping.
//! * [`cli`] is the `xlj` command: luajit's command line, option for
//!   option.
//!
//! ```
//! let mut lua = xlj::Lua::new()?;
//! let r = lua.exec("return ('%d-%s'):format(7, 'x'), 2^10")?;
//! assert_eq!(r[0].as_str(), Some("7-x"));
//! assert_eq!(r[1].as_f64(), Some(1024.0));
//! # Ok::<(), xlj::Error>(())
//! ```

pub mod cli;
mod embed;
pub mod engine;

pub use embed::{Error, Lua, LuaValue};

use std::fmt;

pub use xlj_runtime as runtime;
use xlj_runtime::bc::dump::{self, DumpError, DumpErrorKind};
use xlj_runtime::bc::Proto;
use xlj_runtime::parse::{parse_chunk, SyntaxError};

/// Why a chunk could not be loaded.
#[derive(Clone, Debug)]
pub enum LoadError {
    Syntax(SyntaxError),
    /// A bytecode dump that is malformed or incompatible; `chunk` is the
    /// name shown in the message (as LuaJIT shows it). The message is
    /// LuaJIT's; `error` says more.
    Dump {
        chunk: String,
        error: DumpError,
    },
    /// A dump behind a `#` first line, which LuaJIT refuses (such a header
    /// could smuggle bytecode past a check of the first byte) without
    /// naming the chunk.
    HeaderedDump,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax(e) => write!(f, "{e}"),
            LoadError::Dump { chunk, error } => {
                let what = match error.kind {
                    DumpErrorKind::Incompatible => "incompatible",
                    _ => "malformed",
                };
                write!(f, "{chunk}: cannot load {what} bytecode")
            }
            LoadError::HeaderedDump => f.write_str("cannot load malformed bytecode"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads a chunk as `load`/`loadfile` do: a bytecode dump if it starts
/// with the dump signature, Lua source otherwise (a `#` first line is
/// skipped in source, but refused in front of a dump). `chunk_name`
/// follows Lua's convention (`@file`, `=name`, or the source itself).
pub fn load(bytes: &[u8], chunk_name: &str) -> Result<Proto, LoadError> {
    let body = skip_hash_line(bytes);
    if dump::is_dump(body) {
        if body.len() != bytes.len() {
            return Err(LoadError::HeaderedDump);
        }
        return dump::read_dump(body, chunk_name)
            .map(|d| d.main)
            .map_err(|error| LoadError::Dump {
                chunk: dump_chunk_label(chunk_name),
                error,
            });
    }
    parse_chunk(bytes, chunk_name).map_err(LoadError::Syntax)
}

/// A first line starting with `#` (a Unix `#!` line) is not part of the
/// chunk; a dump may follow it.
fn skip_hash_line(bytes: &[u8]) -> &[u8] {
    if bytes.first() != Some(&b'#') {
        return bytes;
    }
    match bytes.iter().position(|&b| b == b'\n') {
        Some(nl) => &bytes[nl + 1..],
        None => &[],
    }
}

/// How LuaJIT names a chunk in dump errors: without its `@`/`=` prefix,
/// or `(binary)` when the name itself is binary.
fn dump_chunk_label(chunk_name: &str) -> String {
    match chunk_name.as_bytes().first() {
        Some(0x1b) => "(binary)".into(),
        Some(b'@' | b'=') => chunk_name[1..].into(),
        _ => chunk_name.into(),
    }
}
