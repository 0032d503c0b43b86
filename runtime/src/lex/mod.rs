//! The Lua lexer: Lua 5.1 tokens plus LuaJIT 2.1's extensions (`goto`,
//! `::labels::`, `\x`, `\z` and `\u{...}` escapes, hex fractions and
//! exponents, binary literals, the FFI number suffixes).
//!
//! It is shaped for the single-pass parser: one current token, at most one
//! token of lookahead, and the raw text of the last scanned token kept in a
//! buffer, because LuaJIT's messages quote that text (`near '"abc'`).
//! Line numbers follow LuaJIT exactly (`line` is where the scanner stands,
//! `last_line` where the previous token ended), since both the error
//! messages and the per-instruction line information depend on them.

mod chunkname;
mod number;
mod token;

pub use chunkname::short_name;
pub use number::scan as scan_number;
pub use token::{NumLit, Tok, TokVal};

use crate::parse::SyntaxError;

/// End of input, as a character.
const EOF: i32 = -1;

fn is_ident(c: i32) -> bool {
    c >= 0x80 || (c >= 0 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as i32))
}

fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn is_xdigit(c: i32) -> bool {
    (0..0x80).contains(&c) && (c as u8).is_ascii_hexdigit()
}

fn is_space(c: i32) -> bool {
    (9..=13).contains(&c) || c == 32
}

fn is_eol(c: i32) -> bool {
    c == b'\n' as i32 || c == b'\r' as i32
}

/// The lexer state over one chunk of source.
pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// The current character, or [`EOF`].
    c: i32,
    /// The chunk name shortened for messages.
    chunk: String,
    /// Line the scanner is on.
    pub line: u32,
    /// Line where the previous token was consumed.
    pub last_line: u32,
    pub tok: Tok,
    pub val: TokVal,
    ahead: Option<(Tok, TokVal)>,
    /// Raw text of the token being or last scanned.
    buf: Vec<u8>,
}

type LexResult<T> = Result<T, SyntaxError>;

impl<'a> Lexer<'a> {
    /// Starts lexing; skips a UTF-8 byte order mark and a `#` first line.
    pub fn new(src: &'a [u8], chunk_name: &str) -> Lexer<'a> {
        let mut lx = Lexer {
            src,
            pos: 0,
            c: EOF,
            chunk: short_name(chunk_name),
            line: 1,
            last_line: 1,
            tok: Tok::Eof,
            val: TokVal::None,
            ahead: None,
            buf: Vec::new(),
        };
        if src.starts_with(b"\xef\xbb\xbf") {
            lx.pos = 3;
        }
        lx.next_char();
        if lx.c == b'#' as i32 {
            while lx.c != EOF && !is_eol(lx.c) {
                lx.next_char();
            }
            if lx.c != EOF {
                lx.newline();
            }
        }
        lx
    }

    fn next_char(&mut self) -> i32 {
        self.c = match self.src.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b as i32
            }
            None => EOF,
        };
        self.c
    }

    fn save(&mut self, c: i32) {
        self.buf.push(c as u8);
    }

    fn save_next(&mut self) -> i32 {
        self.save(self.c);
        self.next_char()
    }

    /// Skips `\n`, `\r`, `\r\n` or `\n\r`.
    fn newline(&mut self) {
        let old = self.c;
        self.next_char();
        if is_eol(self.c) && self.c != old {
            self.next_char();
        }
        self.line += 1;
    }

    /// Builds an error at the current line; `near` names the token quoted.
    pub fn error(&self, near: Option<Tok>, msg: &str) -> SyntaxError {
        self.error_at(self.line, near, msg)
    }

    /// Builds an error at an explicit line.
    pub fn error_at(&self, line: u32, near: Option<Tok>, msg: &str) -> SyntaxError {
        let mut message = format!("{}:{}: {}", self.chunk, line, msg);
        let near = match near {
            None | Some(Tok::Char(0)) => None,
            Some(Tok::Name | Tok::String | Tok::Number) => {
                let end = self
                    .buf
                    .iter()
                    .position(|&b| b == 0)
                    .unwrap_or(self.buf.len());
                Some(String::from_utf8_lossy(&self.buf[..end]).into_owned())
            }
            Some(t) => Some(t.name()),
        };
        if let Some(n) = near {
            message.push_str(&format!(" near '{n}'"));
        }
        SyntaxError { message }
    }

    /// Advances to the next token.
    pub fn advance(&mut self) -> LexResult<()> {
        self.last_line = self.line;
        match self.ahead.take() {
            Some((t, v)) => {
                self.tok = t;
                self.val = v;
            }
            None => {
                let (t, v) = self.scan()?;
                self.tok = t;
                self.val = v;
            }
        }
        Ok(())
    }

    /// Scans the token after the current one without consuming it.
    pub fn lookahead(&mut self) -> LexResult<Tok> {
        if self.ahead.is_none() {
            let tv = self.scan()?;
            self.ahead = Some(tv);
        }
        Ok(self.ahead.as_ref().map(|a| a.0).unwrap_or(Tok::Eof))
    }

    fn number(&mut self) -> LexResult<(Tok, TokVal)> {
        let mut c = self.c;
        let mut xp = b'e' as i32;
        if c == b'0' as i32 && (self.save_next() | 0x20) == b'x' as i32 {
            xp = b'p' as i32;
        }
        while is_ident(self.c)
            || self.c == b'.' as i32
            || ((self.c == b'-' as i32 || self.c == b'+' as i32) && (c | 0x20) == xp)
        {
            c = self.c;
            self.save_next();
        }
        match number::scan(&self.buf) {
            Some(n) => Ok((Tok::Number, TokVal::Num(n))),
            None => Err(self.error(Some(Tok::Number), "malformed number")),
        }
    }

    /// Counts the `=` of a long bracket; `-1 - count` if it is not one.
    fn skip_eq(&mut self) -> i64 {
        let s = self.c;
        let mut count = 0i64;
        while self.save_next() == b'=' as i32 {
            count += 1;
        }
        if self.c == s {
            count
        } else {
            -count - 1
        }
    }

    /// A long string, or a long comment when `keep` is false.
    fn long_string(&mut self, sep: i64, keep: bool) -> LexResult<TokVal> {
        self.save_next();
        if is_eol(self.c) {
            self.newline();
        }
        loop {
            match self.c {
                EOF => {
                    let msg = if keep { "unfinished long string" } else { "unfinished long comment" };
                    return Err(self.error(Some(Tok::Eof), msg));
                }
                0x5d /* ] */ => {
                    if self.skip_eq() == sep {
                        self.save_next();
                        break;
                    }
                }
                0x0a | 0x0d => {
                    self.save(b'\n' as i32);
                    self.newline();
                    if !keep {
                        self.buf.clear();
                    }
                }
                _ => {
                    self.save_next();
                }
            }
        }
        if !keep {
            return Ok(TokVal::None);
        }
        let n = 2 + sep as usize;
        Ok(TokVal::Str(self.buf[n..self.buf.len() - n].into()))
    }

    fn escape_error(&self) -> SyntaxError {
        self.error(Some(Tok::String), "invalid escape sequence")
    }

    fn hex_digit(&self) -> LexResult<u32> {
        if !is_xdigit(self.c) {
            return Err(self.escape_error());
        }
        Ok((self.c as u8 as char).to_digit(16).unwrap_or(0))
    }

    fn string(&mut self) -> LexResult<TokVal> {
        let delim = self.c;
        self.save_next();
        while self.c != delim {
            match self.c {
                EOF => return Err(self.error(Some(Tok::Eof), "unfinished string")),
                0x0a | 0x0d => return Err(self.error(Some(Tok::String), "unfinished string")),
                0x5c /* \ */ => self.escape()?,
                _ => {
                    self.save_next();
                }
            }
        }
        self.save_next();
        Ok(TokVal::Str(self.buf[1..self.buf.len() - 1].into()))
    }

    /// One escape sequence; the backslash is current.
    fn escape(&mut self) -> LexResult<()> {
        let c = self.next_char();
        let byte = match c {
            EOF => return Ok(()),
            _ if c == b'a' as i32 => 7,
            _ if c == b'b' as i32 => 8,
            _ if c == b'f' as i32 => 12,
            _ if c == b'n' as i32 => 10,
            _ if c == b'r' as i32 => 13,
            _ if c == b't' as i32 => 9,
            _ if c == b'v' as i32 => 11,
            _ if c == b'\\' as i32 || c == b'"' as i32 || c == b'\'' as i32 => c,
            _ if c == b'x' as i32 => {
                self.next_char();
                let hi = self.hex_digit()?;
                self.next_char();
                let lo = self.hex_digit()?;
                (hi * 16 + lo) as i32
            }
            _ if c == b'u' as i32 => return self.unicode_escape(),
            _ if c == b'z' as i32 => {
                self.next_char();
                while is_space(self.c) {
                    if is_eol(self.c) {
                        self.newline();
                    } else {
                        self.next_char();
                    }
                }
                return Ok(());
            }
            0x0a | 0x0d => {
                self.save(b'\n' as i32);
                self.newline();
                return Ok(());
            }
            _ if is_digit(c) => {
                let mut v = c - b'0' as i32;
                if is_digit(self.next_char()) {
                    v = v * 10 + self.c - b'0' as i32;
                    if is_digit(self.next_char()) {
                        v = v * 10 + self.c - b'0' as i32;
                        if v > 255 {
                            return Err(self.escape_error());
                        }
                        self.next_char();
                    }
                }
                self.save(v);
                return Ok(());
            }
            _ => return Err(self.escape_error()),
        };
        self.save(byte);
        self.next_char();
        Ok(())
    }

    /// `\u{XXXX}`, stored as UTF-8 (surrogates refused, as LuaJIT does).
    fn unicode_escape(&mut self) -> LexResult<()> {
        if self.next_char() != b'{' as i32 {
            return Err(self.escape_error());
        }
        self.next_char();
        let mut c: u32 = 0;
        loop {
            c = (c << 4) | self.hex_digit()?;
            if c >= 0x110000 {
                return Err(self.escape_error());
            }
            if self.next_char() == b'}' as i32 {
                break;
            }
        }
        if (0xd800..0xe000).contains(&c) {
            return Err(self.escape_error());
        }
        let mut utf8 = [0u8; 4];
        let s = char::from_u32(c)
            .map(|ch| ch.encode_utf8(&mut utf8).len())
            .unwrap_or(0);
        for &b in &utf8[..s] {
            self.save(b as i32);
        }
        self.next_char();
        Ok(())
    }

    /// Scans one token.
    fn scan(&mut self) -> LexResult<(Tok, TokVal)> {
        self.buf.clear();
        loop {
            let c = self.c;
            if is_ident(c) {
                if is_digit(c) {
                    return self.number();
                }
                while is_ident(self.c) {
                    self.save_next();
                }
                if let Some(t) = Tok::reserved(&self.buf) {
                    return Ok((t, TokVal::None));
                }
                return Ok((Tok::Name, TokVal::Str(self.buf.as_slice().into())));
            }
            let single = |lx: &mut Self, tok: Tok| {
                lx.next_char();
                Ok((tok, TokVal::None))
            };
            let pair = |lx: &mut Self, second: u8, one: Tok, two: Tok| {
                if lx.next_char() != second as i32 {
                    return Ok((one, TokVal::None));
                }
                lx.next_char();
                Ok((two, TokVal::None))
            };
            match c {
                EOF => return Ok((Tok::Eof, TokVal::None)),
                0x0a | 0x0d => self.newline(),
                0x20 | 0x09 | 0x0b | 0x0c => {
                    self.next_char();
                }
                0x2d /* - */ => {
                    if self.next_char() != b'-' as i32 {
                        return Ok((Tok::Char(b'-'), TokVal::None));
                    }
                    if self.next_char() == b'[' as i32 {
                        let sep = self.skip_eq();
                        self.buf.clear();
                        if sep >= 0 {
                            self.long_string(sep, false)?;
                            self.buf.clear();
                            continue;
                        }
                    }
                    while !is_eol(self.c) && self.c != EOF {
                        self.next_char();
                    }
                }
                0x5b /* [ */ => {
                    let sep = self.skip_eq();
                    if sep >= 0 {
                        let v = self.long_string(sep, true)?;
                        return Ok((Tok::String, v));
                    } else if sep == -1 {
                        return Ok((Tok::Char(b'['), TokVal::None));
                    }
                    return Err(self.error(Some(Tok::String), "invalid long string delimiter"));
                }
                0x3d => return pair(self, b'=', Tok::Char(b'='), Tok::Eq),
                0x3c => return pair(self, b'=', Tok::Char(b'<'), Tok::Le),
                0x3e => return pair(self, b'=', Tok::Char(b'>'), Tok::Ge),
                0x7e => return pair(self, b'=', Tok::Char(b'~'), Tok::Ne),
                0x3a => return pair(self, b':', Tok::Char(b':'), Tok::Label),
                0x22 | 0x27 => {
                    let v = self.string()?;
                    return Ok((Tok::String, v));
                }
                0x2e /* . */ => {
                    if self.save_next() == b'.' as i32 {
                        if self.next_char() == b'.' as i32 {
                            self.next_char();
                            return Ok((Tok::Dots, TokVal::None));
                        }
                        return Ok((Tok::Concat, TokVal::None));
                    } else if !is_digit(self.c) {
                        return Ok((Tok::Char(b'.'), TokVal::None));
                    }
                    return self.number();
                }
                _ => return single(self, Tok::Char(c as u8)),
            }
        }
    }
}

#[cfg(test)]
mod tests;
