//! Turning Rust tokens into the neutral tokens ISA parsers read.
//!
//! Brackets and parentheses are flattened into punctuation, as `tokenize`
//! does for text. A brace group is a spliced Rust expression: it becomes
//! `Token::Splice(i)`, its tokens are kept verbatim to be emitted as the
//! expression, and where they are plain enough they are also converted so
//! a parser may read them as syntax instead (an ARM register list).

use asm_dsl_core::token::parse_number;
use asm_dsl_core::Token;
use proc_macro2::{Delimiter, Literal, Span, TokenStream, TokenTree};

/// A compile-time error and where to point it.
pub struct Error {
    pub span: Span,
    pub msg: String,
}

impl Error {
    pub fn new(span: Span, msg: impl Into<String>) -> Self {
        Error {
            span,
            msg: msg.into(),
        }
    }
}

/// One statement converted: its tokens, the splices' contents as tokens
/// (where convertible) and the splices' Rust expressions.
#[derive(Default)]
pub struct Converted {
    pub tokens: Vec<Token>,
    pub splices: Vec<Option<Vec<Token>>>,
    pub exprs: Vec<TokenStream>,
    /// The source span of each token, to point errors at.
    pub spans: Vec<Span>,
}

impl Converted {
    fn fill_spans(&mut self, span: Span) {
        let n = self.tokens.len();
        self.spans.resize(n, span);
    }

    /// The span of token `i`, or of the last token past the end.
    pub fn span_at(&self, i: usize) -> Option<Span> {
        self.spans.get(i).or(self.spans.last()).copied()
    }
}

/// Converts an instruction's tokens, collecting splices.
pub fn convert(tts: &[TokenTree], out: &mut Converted) -> Result<(), Error> {
    for tt in tts {
        match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut plain = Vec::new();
                let contents = convert_plain(&inner, &mut plain).ok().map(|()| plain);
                out.tokens.push(Token::Splice(out.exprs.len()));
                out.exprs.push(g.stream());
                out.splices.push(contents);
                out.fill_spans(g.span());
            }
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => (Some('('), Some(')')),
                    Delimiter::Bracket => (Some('['), Some(']')),
                    // Invisible groups come from `macro_rules!` fragments.
                    _ => (None, None),
                };
                out.tokens.extend(open.map(Token::Punct));
                out.fill_spans(g.span_open());
                convert(&inner, out)?;
                out.tokens.extend(close.map(Token::Punct));
                out.fill_spans(g.span_close());
            }
            other => {
                simple(other, &mut out.tokens)?;
                out.fill_spans(other.span());
            }
        }
    }
    Ok(())
}

/// Converts tokens that contain no splices (a brace group's contents).
fn convert_plain(tts: &[TokenTree], out: &mut Vec<Token>) -> Result<(), Error> {
    for tt in tts {
        match tt {
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => (Some('('), Some(')')),
                    Delimiter::Bracket => (Some('['), Some(']')),
                    Delimiter::Brace => return Err(Error::new(g.span(), "nested braces")),
                    Delimiter::None => (None, None),
                };
                out.extend(open.map(Token::Punct));
                convert_plain(&inner, out)?;
                out.extend(close.map(Token::Punct));
            }
            other => simple(other, out)?,
        }
    }
    Ok(())
}

fn simple(tt: &TokenTree, out: &mut Vec<Token>) -> Result<(), Error> {
    match tt {
        TokenTree::Ident(i) => {
            let s = i.to_string();
            let s = s.strip_prefix("r#").unwrap_or(&s);
            out.push(Token::Ident(s.to_string()));
        }
        TokenTree::Punct(p) => out.push(Token::Punct(p.as_char())),
        TokenTree::Literal(l) => literal(l, out)?,
        TokenTree::Group(g) => return Err(Error::new(g.span(), "unexpected group")),
    }
    Ok(())
}

const INT_SUFFIXES: [&str; 12] = [
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

/// Converts a number literal, dropping any Rust type suffix.
pub fn literal(l: &Literal, out: &mut Vec<Token>) -> Result<(), Error> {
    let text = l.to_string();
    let err = || Error::new(l.span(), format!("expected a number, found `{text}`"));
    let mut s = text.as_str();
    if s.starts_with(['"', '\'', 'b', 'c', 'r']) {
        return Err(err());
    }
    if let Some(rest) = s.strip_prefix('-') {
        out.push(Token::Punct('-'));
        s = rest;
    }
    let hex = s.starts_with("0x") || s.starts_with("0X");
    let suffix = INT_SUFFIXES
        .iter()
        .chain(if hex { &[][..] } else { &["f32", "f64"][..] })
        .find(|suf| s.ends_with(*suf));
    if let Some(suf) = suffix {
        s = &s[..s.len() - suf.len()];
    }
    out.push(parse_number(s.trim_end_matches('_')).map_err(|_| err())?);
    Ok(())
}
