//! Neutral tokens and the cursor that ISA parsers read them with.
//!
//! The proc macro turns a Rust token stream into these tokens, and `xasm`
//! turns text into the same tokens with [`tokenize`], so one parser per ISA
//! serves both. Brackets, parentheses and braces are flattened into
//! punctuation; a braced Rust expression in the macro becomes a
//! [`Token::Splice`] that carries the expression's index.

use crate::error::AsmError;
use crate::insn::{Arg, LabelRef};

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// An identifier: mnemonics, register names, label names.
    Ident(String),
    /// An unsigned integer literal (a leading `-` is a separate token).
    Int(u64),
    /// A floating-point literal, as written.
    Float(f64),
    /// One punctuation character: `, [ ] ( ) { } + - * : ! # . = > < $ @ % ^`.
    /// Braces only come from text (ARM register lists); in the macro a
    /// brace group is a splice whose contents a parser may still read.
    Punct(char),
    /// A Rust expression spliced in with `{ expr }` (macro only); the
    /// number indexes the statement's expressions.
    Splice(usize),
}

/// Splits assembly text into tokens. Braces become punctuation: splices
/// only exist inside the macro.
pub fn tokenize(text: &str) -> Result<Vec<Token>, AsmError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(Token::Ident(text[start..i].to_string()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                // A '.' belongs to the number only when a digit follows (1.5, not "1.").
                if bytes[i] == b'.' && !bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
                    break;
                }
                i += 1;
            }
            out.push(parse_number(&text[start..i])?);
        } else if ",[](){}+-*:!#.=><$@%^".contains(c) {
            out.push(Token::Punct(c));
            i += 1;
        } else {
            return Err(AsmError::syntax(format!("unexpected character '{c}'")));
        }
    }
    Ok(out)
}

/// Parses a number literal as Rust and assemblers write them: decimal,
/// `0x`, `0o`, `0b`, with `_` separators, or a float.
pub fn parse_number(s: &str) -> Result<Token, AsmError> {
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let parsed = if let Some(h) = lower.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        u64::from_str_radix(o, 8).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        u64::from_str_radix(b, 2).ok()
    } else if lower.contains('.') || lower.contains('e') {
        return lower
            .parse::<f64>()
            .map(Token::Float)
            .map_err(|_| AsmError::syntax(format!("bad number '{s}'")));
    } else {
        lower.parse::<u64>().ok()
    };
    parsed
        .map(Token::Int)
        .ok_or_else(|| AsmError::syntax(format!("bad number '{s}'")))
}

/// A read position in one statement's tokens.
pub struct Cursor<'t> {
    tokens: &'t [Token],
    pos: usize,
    /// The tokens inside each splice's braces, where the macro could
    /// convert them; lets a parser read `{r4, lr}` as an ARM register list
    /// instead of an expression. Empty for text.
    splices: &'t [Option<Vec<Token>>],
}

impl<'t> Cursor<'t> {
    pub fn new(tokens: &'t [Token]) -> Self {
        Cursor {
            tokens,
            pos: 0,
            splices: &[],
        }
    }

    /// A cursor over macro tokens whose splices' contents are known.
    pub fn with_splices(tokens: &'t [Token], splices: &'t [Option<Vec<Token>>]) -> Self {
        Cursor {
            tokens,
            pos: 0,
            splices,
        }
    }

    /// The tokens inside splice `index`'s braces, if they were convertible.
    /// A parser that reads them as syntax (a register list) must not list
    /// that splice in its arguments; the macro then drops the expression.
    pub fn splice_contents(&self, index: usize) -> Option<&'t [Token]> {
        self.splices.get(index).and_then(|s| s.as_deref())
    }

    pub fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.pos)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'t Token> {
        self.tokens.get(self.pos + ahead)
    }

    pub fn next_token(&mut self) -> Option<&'t Token> {
        let t = self.tokens.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    /// Rewinds to a position taken earlier, for parsers that try forms.
    pub fn reset(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.peek() == Some(&Token::Punct(c))
    }

    /// Consumes `c` if it is next.
    pub fn eat_punct(&mut self, c: char) -> bool {
        if self.is_punct(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn expect_punct(&mut self, c: char) -> Result<(), AsmError> {
        if self.eat_punct(c) {
            Ok(())
        } else {
            Err(self.error(format!("expected '{c}'")))
        }
    }

    /// Consumes an identifier if one is next.
    pub fn ident(&mut self) -> Option<&'t str> {
        match self.peek() {
            Some(Token::Ident(s)) => {
                self.pos += 1;
                Some(s)
            }
            _ => None,
        }
    }

    /// Consumes the identifier `name` (ASCII case-insensitive) if it is next.
    pub fn eat_ident(&mut self, name: &str) -> bool {
        match self.peek() {
            Some(Token::Ident(s)) if s.eq_ignore_ascii_case(name) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    /// Reads a mnemonic: an identifier with `.`-joined suffixes (`b.eq`,
    /// `add.d`). ISAs whose mnemonics end in `.` read that themselves.
    pub fn mnemonic(&mut self) -> Result<String, AsmError> {
        let mut m = self
            .ident()
            .ok_or_else(|| self.error("expected a mnemonic".into()))?
            .to_string();
        while self.is_punct('.') {
            match self.peek_at(1) {
                Some(Token::Ident(s)) => {
                    m.push('.');
                    m.push_str(s);
                    self.pos += 2;
                }
                _ => break,
            }
        }
        Ok(m)
    }

    /// Reads a signed integer value: `[-] (Int | Splice)`. Constants are
    /// range-checked by the caller; splices are checked at run time.
    pub fn value(&mut self) -> Result<Arg, AsmError> {
        let neg = self.eat_punct('-');
        match self.next_token() {
            Some(Token::Int(v)) => {
                let v = *v as i128;
                let v = if neg { -v } else { v };
                i64::try_from(v)
                    .map(Arg::Const)
                    .map_err(|_| self.error("integer does not fit 64 bits".into()))
            }
            Some(Token::Splice(n)) => Ok(Arg::Splice {
                index: *n,
                negate: neg,
            }),
            _ => Err(self.error("expected a number or {expression}".into())),
        }
    }

    /// Reads a label reference if one is next:
    /// `>N` (next local N), `<N` (previous local N), `->name` (global),
    /// `=>value` (dynamic, numbered at run time).
    pub fn label(&mut self) -> Result<Option<LabelRef>, AsmError> {
        let start = self.pos;
        if self.eat_punct('-') && self.eat_punct('>') {
            let name = self
                .ident()
                .ok_or_else(|| self.error("expected a global label name".into()))?;
            return Ok(Some(LabelRef::Global(name.to_string())));
        }
        self.pos = start;
        if self.eat_punct('=') && self.eat_punct('>') {
            return Ok(Some(LabelRef::Dynamic(Box::new(self.value()?))));
        }
        self.pos = start;
        for (c, forward) in [('>', true), ('<', false)] {
            if self.is_punct(c) {
                if let Some(Token::Int(n)) = self.peek_at(1) {
                    self.pos += 2;
                    let n = u32::try_from(*n)
                        .map_err(|_| self.error("local label number too large".into()))?;
                    return Ok(Some(LabelRef::Local { n, forward }));
                }
            }
        }
        Ok(None)
    }

    /// Fails unless every token was consumed.
    pub fn expect_end(&self) -> Result<(), AsmError> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(self.error(format!("unexpected {}", describe(t)))),
        }
    }

    /// An error that names the token at the cursor.
    pub fn error(&self, msg: String) -> AsmError {
        match self.peek() {
            Some(t) => AsmError::syntax(format!("{msg} near {}", describe(t))),
            None => AsmError::syntax(format!("{msg} at end of statement")),
        }
    }
}

fn describe(t: &Token) -> String {
    match t {
        Token::Ident(s) => format!("'{s}'"),
        Token::Int(v) => format!("'{v}'"),
        Token::Float(v) => format!("'{v}'"),
        Token::Punct(c) => format!("'{c}'"),
        Token::Splice(_) => "{expression}".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_operands() {
        let t = tokenize("ldr x0, [x1, #-8]!").unwrap();
        assert_eq!(t[0], Token::Ident("ldr".into()));
        assert!(t.contains(&Token::Int(8)));
        assert_eq!(t.last(), Some(&Token::Punct('!')));
        assert_eq!(tokenize("0x1f").unwrap(), vec![Token::Int(31)]);
        assert_eq!(tokenize("1.5").unwrap(), vec![Token::Float(1.5)]);
        assert_eq!(tokenize("{r4}").unwrap()[0], Token::Punct('{'));
        assert!(tokenize("mov \"x\"").is_err());
    }

    #[test]
    fn reads_labels_and_mnemonics() {
        let t = tokenize("b.eq ->exit").unwrap();
        let mut c = Cursor::new(&t);
        assert_eq!(c.mnemonic().unwrap(), "b.eq");
        assert_eq!(c.label().unwrap(), Some(LabelRef::Global("exit".into())));
        assert!(c.at_end());
        let t = tokenize(">3").unwrap();
        assert_eq!(
            Cursor::new(&t).label().unwrap(),
            Some(LabelRef::Local {
                n: 3,
                forward: true
            })
        );
    }
}
