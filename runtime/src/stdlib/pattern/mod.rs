//! Lua 5.1 patterns as LuaJIT 2.1 implements them, and the drivers behind
//! `string.find`, `string.match`, `string.gmatch` and `string.gsub`.
//!
//! The library functions stay thin: they convert arguments, call a driver
//! here, and turn [`Capture`]s into Lua values (a span becomes a string, a
//! position capture the number `offset + 1`). Replacement by a function or
//! a table needs the interpreter, so [`gsub`] takes a callback; replacement
//! by a string is [`expand_replacement`].
//!
//! Errors are [`PatternError`]s whose `Display` is LuaJIT's message text.

mod class;
mod engine;

use engine::{Cap, Matcher};
use std::fmt;

pub use engine::MAX_CAPTURES;

/// A pattern error, displayed as LuaJIT words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternError {
    EndsWithPercent,
    MissingBracket,
    MissingFrontierSet,
    Unbalanced,
    InvalidCaptureIndex,
    InvalidPatternCapture,
    UnfinishedCapture,
    TooManyCaptures,
    TooComplex,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PatternError::EndsWithPercent => "malformed pattern (ends with '%')",
            PatternError::MissingBracket => "malformed pattern (missing ']')",
            PatternError::MissingFrontierSet => "missing '[' after '%f' in pattern",
            PatternError::Unbalanced => "unbalanced pattern",
            PatternError::InvalidCaptureIndex => "invalid capture index",
            PatternError::InvalidPatternCapture => "invalid pattern capture",
            PatternError::UnfinishedCapture => "unfinished capture",
            PatternError::TooManyCaptures => "too many captures",
            PatternError::TooComplex => "pattern too complex",
        })
    }
}

impl std::error::Error for PatternError {}

/// A capture as a Lua value sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// The substring `start..end` of the subject.
    Span(usize, usize),
    /// A position capture `()`: the byte offset (Lua sees `offset + 1`).
    Position(usize),
}

/// A successful match: where it lies and the state of its captures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    caps: Vec<Cap>,
}

impl Match {
    /// How many captures the pattern opened.
    pub fn level(&self) -> usize {
        self.caps.len()
    }

    /// Capture `i` (0-based); with no captures, capture 0 is the whole
    /// match. An unclosed capture is an error, as in LuaJIT.
    pub fn capture(&self, i: usize) -> Result<Capture, PatternError> {
        match self.caps.get(i) {
            None if i == 0 => Ok(Capture::Span(self.start, self.end)),
            None => Err(PatternError::InvalidCaptureIndex),
            Some(Cap::Open(_)) => Err(PatternError::UnfinishedCapture),
            Some(&Cap::Position(p)) => Ok(Capture::Position(p)),
            Some(&Cap::Span(a, b)) => Ok(Capture::Span(a, b)),
        }
    }

    /// The values `string.match`, `gmatch` and a gsub function receive:
    /// the captures, or the whole match when there are none.
    pub fn captures(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.level().max(1)).map(|i| self.capture(i)).collect()
    }

    /// The extra values `string.find` returns: the captures only.
    pub fn find_captures(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.level()).map(|i| self.capture(i)).collect()
    }
}

/// Whether `string.find` must treat `pat` as a pattern (it searches for
/// plain text when none of `^$*+?.([%-` occurs).
pub fn has_specials(pat: &[u8]) -> bool {
    pat.iter().any(|c| b"^$*+?.([%-".contains(c))
}

/// The 0-based start offset for `find`/`match` from Lua's `init` argument
/// (1-based, negative from the end, clamped into the subject).
pub fn start_offset(len: usize, init: i32) -> usize {
    let start = if init < 0 {
        init as i64 + len as i64
    } else {
        init as i64 - 1
    };
    (start.max(0) as usize).min(len)
}

/// Plain substring search from `start`; an empty needle is found at once.
pub fn find_plain(src: &[u8], needle: &[u8], start: usize) -> Option<usize> {
    let hay = src.get(start..)?;
    if needle.is_empty() {
        return Some(start);
    }
    hay.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| start + i)
}

/// Tries the pattern at exactly `pos`, with no anchor handling.
pub fn match_at(src: &[u8], pat: &[u8], pos: usize) -> Result<Option<Match>, PatternError> {
    let mut m = Matcher::new(src, pat);
    try_at(&mut m, pos, 0)
}

fn try_at(m: &mut Matcher<'_>, pos: usize, p: usize) -> Result<Option<Match>, PatternError> {
    m.reset();
    Ok(m.do_match(pos, p)?.map(|end| Match {
        start: pos,
        end,
        caps: m.caps.clone(),
    }))
}

/// The search of `string.find` and `string.match`: the first match at or
/// after `start`, honouring a leading `^`.
pub fn search(src: &[u8], pat: &[u8], start: usize) -> Result<Option<Match>, PatternError> {
    let (anchor, p) = if pat.first() == Some(&b'^') {
        (true, 1)
    } else {
        (false, 0)
    };
    let mut m = Matcher::new(src, pat);
    let mut pos = start;
    loop {
        if let Some(found) = try_at(&mut m, pos, p)? {
            return Ok(Some(found));
        }
        if anchor || pos >= src.len() {
            return Ok(None);
        }
        pos += 1;
    }
}

/// What `string.find` found: the 0-based span and the captures it
/// returns after the two positions (Lua sees `start + 1` and `end`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub captures: Vec<Capture>,
}

/// `string.find(src, pat, init, plain)`: `init` is Lua's 1-based start
/// (default 1); a plain search happens when asked for or when the pattern
/// has no special characters.
pub fn find(src: &[u8], pat: &[u8], init: i32, plain: bool) -> Result<Option<Found>, PatternError> {
    let st = start_offset(src.len(), init);
    if plain || !has_specials(pat) {
        return Ok(find_plain(src, pat, st).map(|i| Found {
            start: i,
            end: i + pat.len(),
            captures: Vec::new(),
        }));
    }
    match search(src, pat, st)? {
        Some(m) => Ok(Some(Found {
            start: m.start,
            end: m.end,
            captures: m.find_captures()?,
        })),
        None => Ok(None),
    }
}

/// `string.match(src, pat, init)`: the captures (or the whole match).
pub fn match_captures(
    src: &[u8],
    pat: &[u8],
    init: i32,
) -> Result<Option<Vec<Capture>>, PatternError> {
    match search(src, pat, start_offset(src.len(), init))? {
        Some(m) => Ok(Some(m.captures()?)),
        None => Ok(None),
    }
}

/// The message for a gsub function or table result that is neither a
/// string, a number, nil nor false: `invalid replacement value (a table)`.
pub fn invalid_replacement(type_name: &str) -> String {
    format!("invalid replacement value (a {type_name})")
}

/// The state of a `string.gmatch` iterator: where the next search starts.
/// `^` has no special meaning here, as in Lua 5.1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GMatch {
    pub pos: usize,
}

impl GMatch {
    /// The next match, advancing past it (by one byte after an empty one).
    pub fn next(&mut self, src: &[u8], pat: &[u8]) -> Result<Option<Match>, PatternError> {
        let mut m = Matcher::new(src, pat);
        let mut pos = self.pos;
        while pos <= src.len() {
            if let Some(found) = try_at(&mut m, pos, 0)? {
                self.pos = if found.end == pos {
                    found.end + 1
                } else {
                    found.end
                };
                return Ok(Some(found));
            }
            pos += 1;
        }
        Ok(None)
    }
}

/// Appends the expansion of a gsub replacement string: `%0` is the whole
/// match, `%1`..`%9` captures (a position capture as its number), and `%`
/// before anything else stands for that byte (a trailing `%` for a NUL).
pub fn expand_replacement(
    out: &mut Vec<u8>,
    repl: &[u8],
    src: &[u8],
    m: &Match,
) -> Result<(), PatternError> {
    let mut i = 0;
    while i < repl.len() {
        let c = repl[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let d = repl.get(i).copied().unwrap_or(0);
        i += 1;
        if !d.is_ascii_digit() {
            out.push(d);
        } else if d == b'0' {
            out.extend_from_slice(&src[m.start..m.end]);
        } else {
            match m.capture((d - b'1') as usize)? {
                Capture::Span(a, b) => out.extend_from_slice(&src[a..b]),
                Capture::Position(p) => out.extend_from_slice((p + 1).to_string().as_bytes()),
            }
        }
    }
    Ok(())
}

/// The gsub driver: replaces up to `max_n` matches (LuaJIT's default is
/// the subject length plus one) and returns the new string and the number
/// of matches. `replace` appends the replacement of one match to the
/// output (the matched text itself when a function or table yields nil or
/// false).
pub fn gsub<E: From<PatternError>>(
    src: &[u8],
    pat: &[u8],
    max_n: i64,
    mut replace: impl FnMut(&Match, &mut Vec<u8>) -> Result<(), E>,
) -> Result<(Vec<u8>, usize), E> {
    let (anchor, p) = if pat.first() == Some(&b'^') {
        (true, 1)
    } else {
        (false, 0)
    };
    let mut m = Matcher::new(src, pat);
    let mut out = Vec::with_capacity(src.len());
    let mut pos = 0;
    let mut n = 0usize;
    while (n as i64) < max_n {
        let found = try_at(&mut m, pos, p)?;
        if let Some(found) = &found {
            n += 1;
            replace(found, &mut out)?;
        }
        match found {
            Some(found) if found.end > pos => pos = found.end,
            _ if pos < src.len() => {
                out.push(src[pos]);
                pos += 1;
            }
            _ => break,
        }
        if anchor {
            break;
        }
    }
    out.extend_from_slice(&src[pos..]);
    Ok((out, n))
}

#[cfg(test)]
mod tests;
