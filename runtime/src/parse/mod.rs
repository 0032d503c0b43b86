//! The single-pass Lua parser and bytecode emitter.
//!
//! It reads tokens and emits LuaJIT 2.1 bytecode directly, with no syntax
//! tree, in the manner of LuaJIT's own parser: expressions are carried as
//! descriptors (`expdesc`) until their use is known, registers are
//! allocated with a free-register pointer, and pending jumps are linked
//! through the jump instructions themselves (`emit`). The aim is the same
//! bytecode LuaJIT emits, operand for operand, so that `xlj -bl` and
//! `luajit -bl` can be diffed.
//!
//! Frames use two slots for the callee (function and frame link), as
//! LuaJIT's 64-bit builds do, so call arguments start at base+2 on every
//! target.
//!
//! The bytecode is LuaJIT's, instruction for instruction, including its
//! constant numbering, line and variable information and upvalue flags
//! (`tests/tools/frontend_match.py` and `frontend_dumps.py` measure this
//! against `luajit` over whole corpora). The only intended differences are
//! in template tables: their hash part is kept in insertion order (LuaJIT's
//! is its hash layout, which depends on a per-process random seed), and a
//! nil-valued key is never reused for a new key (LuaJIT does so only when
//! the hashes collide, so its own output varies from run to run).
//!
//! The parser recurses once per syntactic level, and like LuaJIT it refuses
//! programs nested more than 200 levels deep; at that depth it needs about
//! 512 KiB of stack.
//!
//! Modules: `func` (per-function state, constants, prototype building),
//! `body` (function bodies and finishing them), `emit` (instructions,
//! jumps, registers, discharging expressions), `ops` (operators,
//! branches, constant folding), `vars` (locals, upvalues, scopes, goto
//! and labels), `table` and `template` (table constructors), `expr`
//! and `stmt` (the grammar).

mod body;
mod emit;
mod expdesc;
mod expr;
mod func;
mod ops;
mod stmt;
mod table;
mod template;
mod vars;

#[cfg(test)]
mod tests;

use std::fmt;
use std::rc::Rc;

use crate::bc::proto::flags;
use crate::bc::{Op, Proto};
use crate::lex::{Lexer, Tok};

use func::{FuncState, VarSlot};

/// A syntax error, displayed exactly as LuaJIT words it:
/// `chunk:line: message near 'token'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

pub(crate) type PResult<T> = Result<T, SyntaxError>;

/// LuaJIT's limits.
pub(crate) const MAX_SLOTS: u32 = 250;
pub(crate) const MAX_UPVAL: usize = 60;
pub(crate) const MAX_LOCVAR: u32 = 200;
pub(crate) const MAX_XLEVEL: u32 = 200;

/// The parser: the lexer, the function being compiled and its enclosing
/// functions, and the variable stack they share.
pub(crate) struct Parser<'a> {
    pub lx: Lexer<'a>,
    pub fs: FuncState,
    pub outer: Vec<FuncState>,
    pub vstack: Vec<VarSlot>,
    /// Syntactic nesting depth, limited to keep recursion bounded.
    pub level: u32,
    pub chunk_name: Rc<str>,
}

/// Compiles a chunk of Lua source to its main function's prototype.
/// `chunk_name` follows Lua's convention (`@file.lua`, `=stdin`, or the
/// source itself).
pub fn parse_chunk(source: &[u8], chunk_name: &str) -> Result<Proto, SyntaxError> {
    let mut p = Parser {
        lx: Lexer::new(source, chunk_name),
        fs: FuncState::new(0, 0),
        outer: Vec::new(),
        vstack: Vec::new(),
        level: 0,
        chunk_name: chunk_name.into(),
    };
    p.fs.flags |= flags::VARARG;
    p.scope_begin(0);
    p.emit_ad(Op::FUNCV, 0, 0)?;
    p.lx.advance()?;
    p.chunk()?;
    if p.lx.tok != Tok::Eof {
        return Err(p.err_token(Tok::Eof));
    }
    let line = p.lx.line;
    p.finish(line)
}

impl Parser<'_> {
    /// `msg` at the current line, near the current token.
    pub fn err_syntax(&self, msg: &str) -> SyntaxError {
        self.lx.error(Some(self.lx.tok), msg)
    }

    /// `'tok' expected`, near the current token.
    pub fn err_token(&self, tok: Tok) -> SyntaxError {
        self.err_syntax(&format!("'{}' expected", tok.name()))
    }

    /// A limit of the current function exceeded.
    pub fn err_limit(&self, limit: u32, what: &str) -> SyntaxError {
        let msg = if self.fs.linedefined == 0 {
            format!("main function has more than {limit} {what}")
        } else {
            format!(
                "function at line {} has more than {limit} {what}",
                self.fs.linedefined
            )
        };
        self.lx.error(None, &msg)
    }

    pub fn check_limit(&self, v: u32, limit: u32, what: &str) -> PResult<()> {
        if v >= limit {
            return Err(self.err_limit(limit, what));
        }
        Ok(())
    }

    pub fn level_begin(&mut self) -> PResult<()> {
        self.level += 1;
        if self.level >= MAX_XLEVEL {
            return Err(self.lx.error(None, "chunk has too many syntax levels"));
        }
        Ok(())
    }

    pub fn level_end(&mut self) {
        self.level -= 1;
    }

    pub fn opt(&mut self, tok: Tok) -> PResult<bool> {
        if self.lx.tok == tok {
            self.lx.advance()?;
            return Ok(true);
        }
        Ok(false)
    }

    pub fn check(&mut self, tok: Tok) -> PResult<()> {
        if self.lx.tok != tok {
            return Err(self.err_token(tok));
        }
        self.lx.advance()
    }

    /// Expects `what` closing `who` opened at `line`.
    pub fn check_match(&mut self, what: Tok, who: Tok, line: u32) -> PResult<()> {
        if self.opt(what)? {
            return Ok(());
        }
        if line == self.lx.line {
            return Err(self.err_token(what));
        }
        let msg = format!(
            "'{}' expected (to close '{}' at line {})",
            what.name(),
            who.name(),
            line
        );
        Err(self.err_syntax(&msg))
    }

    /// A name (or `goto`, which LuaJIT accepts as a name).
    pub fn name(&mut self) -> PResult<Rc<[u8]>> {
        let s = match (&self.lx.tok, &self.lx.val) {
            (Tok::Name, crate::lex::TokVal::Str(s)) => s.clone(),
            (Tok::Goto, _) => Rc::from(&b"goto"[..]),
            _ => return Err(self.err_token(Tok::Name)),
        };
        self.lx.advance()?;
        Ok(s)
    }
}
