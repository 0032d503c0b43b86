//! The backtracking matcher.
//!
//! It is shaped like LuaJIT's (which is Lua 5.1's) on purpose: the point
//! where an error is noticed, and the recursion depth at which a pattern
//! becomes `pattern too complex`, are visible behaviour. So the matcher
//! recurses exactly where LuaJIT's does (captures, `*`, `+`, `-`, `?`)
//! and loops where LuaJIT's jumps back to its start, and it counts depth
//! the same way, stopping at LuaJIT's limit of 200 nested calls. That
//! limit is also what keeps the Rust stack bounded on any pattern.
//!
//! The pattern is a C string to LuaJIT: it ends at its first NUL, so the
//! matcher cuts it there. Reads past the end of the pattern or subject
//! yield 0, standing in for the NUL terminator the C code relies on.

use super::class::{in_set, match_escape};
use super::PatternError;

/// LuaJIT's `LJ_MAX_XLEVEL`.
const MAX_DEPTH: u32 = 200;

/// Lua 5.1's `LUA_MAXCAPTURES`.
pub const MAX_CAPTURES: usize = 32;

/// The state of one capture during matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cap {
    /// Opened, not yet closed.
    Open(usize),
    /// `()`: the position.
    Position(usize),
    /// A closed capture: start and end offsets.
    Span(usize, usize),
}

pub(super) struct Matcher<'a> {
    pub src: &'a [u8],
    pub pat: &'a [u8],
    pub caps: Vec<Cap>,
    depth: u32,
}

impl<'a> Matcher<'a> {
    pub fn new(src: &'a [u8], pat: &'a [u8]) -> Matcher<'a> {
        let pat = &pat[..pat.iter().position(|&c| c == 0).unwrap_or(pat.len())];
        Matcher {
            src,
            pat,
            caps: Vec::new(),
            depth: 0,
        }
    }

    /// Resets captures and depth before a match attempt.
    pub fn reset(&mut self) {
        self.caps.clear();
        self.depth = 0;
    }

    fn p(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    fn s(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// The end of the single-character class starting at `p`.
    fn class_end(&self, mut p: usize) -> Result<usize, PatternError> {
        let c = self.p(p);
        p += 1;
        match c {
            b'%' => {
                if p >= self.pat.len() {
                    return Err(PatternError::EndsWithPercent);
                }
                Ok(p + 1)
            }
            b'[' => {
                if self.p(p) == b'^' {
                    p += 1;
                }
                // The first character is never the closing bracket.
                loop {
                    if p >= self.pat.len() {
                        return Err(PatternError::MissingBracket);
                    }
                    let c = self.p(p);
                    p += 1;
                    if c == b'%' && p < self.pat.len() {
                        p += 1;
                    }
                    if self.p(p) == b']' {
                        break;
                    }
                }
                Ok(p + 1)
            }
            _ => Ok(p),
        }
    }

    /// Whether the subject byte at `s` matches the class `p..ep`.
    fn single(&self, s: usize, p: usize, ep: usize) -> bool {
        if s >= self.src.len() {
            return false;
        }
        let c = self.src[s];
        match self.p(p) {
            b'.' => true,
            b'%' => match_escape(c, self.p(p + 1)),
            b'[' => in_set(c, self.pat, p, ep - 1),
            pc => pc == c,
        }
    }

    /// Tries to match the pattern from `p` against the subject from `s`;
    /// returns where the match ends.
    pub fn do_match(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PatternError::TooComplex);
        }
        let r = self.match_body(s, p)?;
        self.depth -= 1;
        Ok(r)
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> Result<Option<usize>, PatternError> {
        loop {
            if p >= self.pat.len() {
                return Ok(Some(s));
            }
            match self.p(p) {
                b'(' => {
                    return if self.p(p + 1) == b')' {
                        self.start_capture(s, p + 2, Cap::Position(s))
                    } else {
                        self.start_capture(s, p + 1, Cap::Open(s))
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => {
                    return Ok((s == self.src.len()).then_some(s));
                }
                b'%' if self.p(p + 1) == b'b' => match self.balance(s, p + 2)? {
                    Some(e) => {
                        s = e;
                        p += 4;
                        continue;
                    }
                    None => return Ok(None),
                },
                b'%' if self.p(p + 1) == b'f' => {
                    p += 2;
                    if self.p(p) != b'[' {
                        return Err(PatternError::MissingFrontierSet);
                    }
                    let ep = self.class_end(p)?;
                    let prev = if s == 0 { 0 } else { self.s(s - 1) };
                    if in_set(prev, self.pat, p, ep - 1) || !in_set(self.s(s), self.pat, p, ep - 1)
                    {
                        return Ok(None);
                    }
                    p = ep;
                    continue;
                }
                b'%' if self.p(p + 1).is_ascii_digit() => {
                    match self.back_reference(s, self.p(p + 1))? {
                        Some(e) => {
                            s = e;
                            p += 2;
                            continue;
                        }
                        None => return Ok(None),
                    }
                }
                _ => {}
            }
            // A single-character class, maybe with a repetition suffix.
            let ep = self.class_end(p)?;
            let m = self.single(s, p, ep);
            match self.p(ep) {
                b'?' => {
                    if m {
                        if let Some(e) = self.do_match(s + 1, ep + 1)? {
                            return Ok(Some(e));
                        }
                    }
                    p = ep + 1;
                }
                b'*' => return self.max_expand(s, p, ep),
                b'+' if m => return self.max_expand(s + 1, p, ep),
                b'+' => return Ok(None),
                b'-' => return self.min_expand(s, p, ep),
                _ if m => {
                    s += 1;
                    p = ep;
                }
                _ => return Ok(None),
            }
        }
    }

    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        let mut i = 0;
        while self.single(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(e) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(e));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    fn min_expand(
        &mut self,
        mut s: usize,
        p: usize,
        ep: usize,
    ) -> Result<Option<usize>, PatternError> {
        loop {
            if let Some(e) = self.do_match(s, ep + 1)? {
                return Ok(Some(e));
            }
            if !self.single(s, p, ep) {
                return Ok(None);
            }
            s += 1;
        }
    }

    fn start_capture(
        &mut self,
        s: usize,
        p: usize,
        cap: Cap,
    ) -> Result<Option<usize>, PatternError> {
        if self.caps.len() >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.caps.push(cap);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.caps.pop();
        }
        Ok(r)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        let l = self
            .caps
            .iter()
            .rposition(|c| matches!(c, Cap::Open(_)))
            .ok_or(PatternError::InvalidPatternCapture)?;
        let Cap::Open(start) = self.caps[l] else {
            unreachable!("rposition found an open capture")
        };
        self.caps[l] = Cap::Span(start, s);
        let r = self.do_match(s, p)?;
        if r.is_none() {
            self.caps[l] = Cap::Open(start);
        }
        Ok(r)
    }

    /// `%b xy` at `p` (pointing at `x`).
    fn balance(&self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        if p + 1 >= self.pat.len() {
            return Err(PatternError::Unbalanced);
        }
        let (open, close) = (self.p(p), self.p(p + 1));
        if self.s(s) != open {
            return Ok(None);
        }
        let mut depth = 1;
        let mut i = s + 1;
        while i < self.src.len() {
            let c = self.src[i];
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
            i += 1;
        }
        Ok(None)
    }

    /// `%1`..`%9` (and the invalid `%0`) in a pattern.
    fn back_reference(&self, s: usize, digit: u8) -> Result<Option<usize>, PatternError> {
        let l = (digit as usize).wrapping_sub(b'1' as usize);
        let (start, end) = match self.caps.get(l) {
            Some(&Cap::Span(a, b)) => (a, b),
            // A position capture counts as a capture of length -2 in C,
            // whose unsigned length never fits the rest of the subject.
            Some(&Cap::Position(_)) => return Ok(None),
            _ => return Err(PatternError::InvalidCaptureIndex),
        };
        let len = end - start;
        if self.src.len() - s >= len && self.src[start..end] == self.src[s..s + len] {
            Ok(Some(s + len))
        } else {
            Ok(None)
        }
    }
}
