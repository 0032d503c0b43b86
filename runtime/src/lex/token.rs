//! Lexical tokens and their printed names.
//!
//! The printed names are the ones LuaJIT uses in its error messages
//! (`'end' expected near '<eof>'`), so they are part of the error format.

use std::rc::Rc;

/// One lexical token. Single-character operators keep their byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Char(u8),
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    Concat,
    Dots,
    Eq,
    Ge,
    Le,
    Ne,
    Label,
    Number,
    Name,
    String,
    Eof,
}

const RESERVED: &[(&[u8], Tok)] = &[
    (b"and", Tok::And),
    (b"break", Tok::Break),
    (b"do", Tok::Do),
    (b"else", Tok::Else),
    (b"elseif", Tok::Elseif),
    (b"end", Tok::End),
    (b"false", Tok::False),
    (b"for", Tok::For),
    (b"function", Tok::Function),
    (b"goto", Tok::Goto),
    (b"if", Tok::If),
    (b"in", Tok::In),
    (b"local", Tok::Local),
    (b"nil", Tok::Nil),
    (b"not", Tok::Not),
    (b"or", Tok::Or),
    (b"repeat", Tok::Repeat),
    (b"return", Tok::Return),
    (b"then", Tok::Then),
    (b"true", Tok::True),
    (b"until", Tok::Until),
    (b"while", Tok::While),
];

impl Tok {
    /// The reserved word spelled by `word`, if any.
    pub fn reserved(word: &[u8]) -> Option<Tok> {
        RESERVED.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
    }

    /// The token's name as LuaJIT prints it in messages.
    pub fn name(self) -> String {
        let fixed = match self {
            Tok::Char(c) if c < 0x20 || c == 0x7f => return format!("char({c})"),
            Tok::Char(c) => return (c as char).to_string(),
            Tok::Concat => "..",
            Tok::Dots => "...",
            Tok::Eq => "==",
            Tok::Ge => ">=",
            Tok::Le => "<=",
            Tok::Ne => "~=",
            Tok::Label => "::",
            Tok::Number => "<number>",
            Tok::Name => "<name>",
            Tok::String => "<string>",
            Tok::Eof => "<eof>",
            word => {
                let (w, _) = RESERVED
                    .iter()
                    .find(|(_, t)| *t == word)
                    .expect("reserved word");
                return String::from_utf8_lossy(w).into_owned();
            }
        };
        fixed.to_string()
    }

    /// True for the tokens that end a block.
    pub fn ends_block(self) -> bool {
        matches!(
            self,
            Tok::Else | Tok::Elseif | Tok::End | Tok::Until | Tok::Eof
        )
    }
}

/// A number literal's value. The FFI suffixes give 64-bit integers and
/// imaginary numbers, which become cdata constants rather than numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumLit {
    Num(f64),
    I64(i64),
    U64(u64),
    /// `<x>i`: the complex number 0 + x·i.
    Imag(f64),
}

/// The value carried by a name, string or number token.
#[derive(Clone, Debug, PartialEq)]
pub enum TokVal {
    None,
    Str(Rc<[u8]>),
    Num(NumLit),
}
