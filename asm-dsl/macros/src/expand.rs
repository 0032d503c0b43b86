//! The expansion of one `asm!` invocation.
//!
//! Everything textual happens here, at compile time: statements are split,
//! labels and directives recognised, and instructions parsed by the named
//! ISA (found through `asm-dsl-registry`). What is left for run time is a
//! straight list of calls on `asm_dsl::Assembler` with constant form
//! numbers, so assembling costs one `encode` call per instruction.

use asm_dsl_core::{Arg, Isa, LabelRef};
use proc_macro2::{Delimiter, Literal, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use crate::convert::{convert, literal, Converted, Error};

/// Expands `isa, assembler-expr; stmt; stmt; ...`. Errors become
/// `compile_error!` invocations pointing at the faulty statements.
pub fn expand(input: TokenStream) -> TokenStream {
    let tts: Vec<TokenTree> = input.into_iter().collect();
    let (isa, name, asm_expr, body) = match header(&tts) {
        Ok(h) => h,
        Err(e) => return compile_error(&e),
    };
    let asm = quote_spanned!(Span::mixed_site()=> __xlj_asm);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for stmt in body.split(|t| is_punct(t, ';')) {
        if let Err(e) = statement(isa, &asm, stmt, &mut out) {
            errors.push(e);
        }
    }
    if !errors.is_empty() {
        let errs = errors.iter().map(compile_error);
        return quote!({ #(#errs)* });
    }
    quote!({
        #[allow(unused_imports)]
        use ::asm_dsl::__private::AsAssembler as _;
        let #asm: &mut ::asm_dsl::Assembler = (#asm_expr).__xlj_as_assembler();
        debug_assert_eq!(
            ::asm_dsl::Isa::caps(#asm.isa()).name,
            #name,
            "asm!({}, ...) used with an assembler for another ISA",
            #name
        );
        #(#out)*
    })
}

fn compile_error(e: &Error) -> TokenStream {
    let msg = &e.msg;
    quote_spanned!(e.span=> ::core::compile_error!{ #msg };)
}

fn is_punct(t: &TokenTree, c: char) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == c)
}

type Header<'a> = (&'static dyn Isa, String, TokenStream, &'a [TokenTree]);

/// Reads `isa-name , assembler-expr ;` and returns the rest.
fn header(tts: &[TokenTree]) -> Result<Header<'_>, Error> {
    let usage = "expected `asm!(<isa>, <assembler>; <statements>)`";
    let (name, span) = match tts.first() {
        Some(TokenTree::Ident(i)) => (i.to_string(), i.span()),
        Some(t) => return Err(Error::new(t.span(), usage)),
        None => return Err(Error::new(Span::call_site(), usage)),
    };
    let isa = asm_dsl_registry::isa_by_name(&name).ok_or_else(|| {
        let known: Vec<&str> = asm_dsl_registry::ISAS
            .iter()
            .map(|i| i.caps().name)
            .collect();
        Error::new(
            span,
            format!("unknown ISA `{name}` (known: {})", known.join(", ")),
        )
    })?;
    if !tts.get(1).is_some_and(|t| is_punct(t, ',')) {
        return Err(Error::new(span, usage));
    }
    let rest = &tts[2..];
    let end = rest.iter().position(|t| is_punct(t, ';'));
    let expr_tts = &rest[..end.unwrap_or(rest.len())];
    if expr_tts.is_empty() {
        return Err(Error::new(span, usage));
    }
    let body = end.map_or(&[][..], |e| &rest[e + 1..]);
    Ok((isa, name, expr_tts.iter().cloned().collect(), body))
}

/// A label definition at the start of a statement, and its length.
fn label_def(asm: &TokenStream, s: &[TokenTree]) -> Result<Option<(TokenStream, usize)>, Error> {
    let colon = |i: usize| s.get(i).is_some_and(|t| is_punct(t, ':'));
    match s {
        [TokenTree::Literal(l), ..] if colon(1) => {
            let n = label_number(l)?;
            Ok(Some((quote!(#asm.local_label(#n);), 2)))
        }
        [a, b, TokenTree::Ident(name), ..] if is_punct(a, '-') && is_punct(b, '>') && colon(3) => {
            let name = global_name(&name.to_string());
            Ok(Some((quote!(#asm.define_global(#name);), 4)))
        }
        [a, b, target, ..] if is_punct(a, '=') && is_punct(b, '>') && colon(3) => {
            let n = match target {
                TokenTree::Literal(l) => {
                    let n = label_number(l)?;
                    quote!(#n)
                }
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    let e = g.stream();
                    quote_spanned!(g.span()=> ::asm_dsl::__private::u32_of(#e))
                }
                t => return Err(Error::new(t.span(), "expected `=>N:` or `=>{expr}:`")),
            };
            Ok(Some((quote!(#asm.dynamic_label(#n);), 4)))
        }
        _ => Ok(None),
    }
}

/// A `&'static GlobalName` for `name`, hashed by the compiler: global
/// labels are then defined and referenced without touching the string.
fn global_name(name: &str) -> TokenStream {
    quote!({
        static NAME: ::asm_dsl::GlobalName = ::asm_dsl::GlobalName::new(#name);
        &NAME
    })
}

fn label_number(l: &Literal) -> Result<u32, Error> {
    let mut t = Vec::new();
    literal(l, &mut t)?;
    match t.as_slice() {
        [asm_dsl_core::Token::Int(n)] => {
            u32::try_from(*n).map_err(|_| Error::new(l.span(), "label number too large"))
        }
        _ => Err(Error::new(l.span(), "expected a label number")),
    }
}

fn statement(
    isa: &'static dyn Isa,
    asm: &TokenStream,
    mut s: &[TokenTree],
    out: &mut Vec<TokenStream>,
) -> Result<(), Error> {
    // Any number of label definitions may open a statement.
    while let Some((code, len)) = label_def(asm, s)? {
        out.push(code);
        s = &s[len..];
    }
    match s {
        [] => Ok(()),
        [dot, TokenTree::Ident(d), rest @ ..] if is_punct(dot, '.') => {
            out.push(directive(isa, asm, d, rest)?);
            Ok(())
        }
        _ => {
            out.push(instruction(isa, asm, s)?);
            Ok(())
        }
    }
}

/// One value of a directive: a constant or a `{expr}`, optionally negated.
fn directive_values(rest: &[TokenTree]) -> Result<Vec<TokenStream>, Error> {
    let mut values = Vec::new();
    for item in rest.split(|t| is_punct(t, ',')) {
        let (neg, item) = match item {
            [m, tail @ ..] if is_punct(m, '-') => (true, tail),
            _ => (false, item),
        };
        let v = match item {
            [TokenTree::Literal(l)] => {
                let mut t = Vec::new();
                literal(l, &mut t)?;
                match t.as_slice() {
                    [asm_dsl_core::Token::Int(n)] => {
                        let n = if neg { n.wrapping_neg() } else { *n };
                        quote!(#n)
                    }
                    _ => return Err(Error::new(l.span(), "expected an integer")),
                }
            }
            [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace => {
                let e = g.stream();
                if neg {
                    quote_spanned!(g.span()=> ::asm_dsl::__private::u64_of(#e).wrapping_neg())
                } else {
                    quote_spanned!(g.span()=> ::asm_dsl::__private::u64_of(#e))
                }
            }
            [t, ..] => return Err(Error::new(t.span(), "expected a number or {expr}")),
            [] => return Err(Error::new(Span::call_site(), "missing directive value")),
        };
        values.push(v);
    }
    Ok(values)
}

fn directive(
    isa: &'static dyn Isa,
    asm: &TokenStream,
    d: &proc_macro2::Ident,
    rest: &[TokenTree],
) -> Result<TokenStream, Error> {
    let size: usize = match d.to_string().as_str() {
        "align" => {
            let v = directive_values(rest)?;
            let [n] = v.as_slice() else {
                return Err(Error::new(d.span(), ".align takes one value"));
            };
            if let [TokenTree::Literal(l)] = rest {
                let mut t = Vec::new();
                literal(l, &mut t)?;
                let max = asm_dsl_core::assembler::MAX_ALIGN as u64;
                if !matches!(t.as_slice(), [asm_dsl_core::Token::Int(n)] if n.is_power_of_two() && *n <= max)
                {
                    return Err(Error::new(
                        l.span(),
                        format!(".align needs a power of two up to {max}"),
                    ));
                }
            }
            // Code is padded with the ISA's `nop`, as the text path does.
            return Ok(match asm_dsl_core::text::nop_form(isa) {
                Some((form, nop_ops)) => {
                    let form = form.0;
                    let nop_ops = nop_ops.iter().map(|o| {
                        let v = imm_literal(o.imm());
                        quote!(::asm_dsl::Operand::Imm(#v))
                    });
                    quote!(#asm.align_code(::asm_dsl::__private::usize_of(#n), ::asm_dsl::FormId(#form), &[#(#nop_ops),*]);)
                }
                None => quote!(#asm.align(::asm_dsl::__private::usize_of(#n), 0);),
            });
        }
        "byte" => 1,
        "hword" => 2,
        "word" => 4,
        "dword" => 8,
        other => return Err(Error::new(d.span(), format!("unknown directive .{other}"))),
    };
    let values = directive_values(rest)?;
    Ok(quote!(#( #asm.data(#size, #values); )*))
}

fn instruction(
    isa: &'static dyn Isa,
    asm: &TokenStream,
    s: &[TokenTree],
) -> Result<TokenStream, Error> {
    let span = s[0].span();
    let mut conv = Converted::default();
    convert(s, &mut conv)?;
    let mut cur = asm_dsl_core::Cursor::with_splices(&conv.tokens, &conv.splices);
    let insn = isa
        .parse(&mut cur)
        .and_then(|insn| cur.expect_end().map(|()| insn))
        .map_err(|e| {
            // Point at where the parser stopped, which is the offending
            // token or just past it (the statement's start if it rewound).
            let at = conv.span_at(cur.position()).unwrap_or(span);
            Error::new(at, format!("{}: {e}", isa.caps().name))
        })?;
    let ops = insn
        .args
        .iter()
        .map(|a| operand(a, &conv.exprs, span))
        .collect::<Result<Vec<_>, _>>()?;
    let form = insn.form.0;
    Ok(quote_spanned!(span=> #asm.insn(::asm_dsl::FormId(#form), &[#(#ops),*]);))
}

fn splice(exprs: &[TokenStream], index: usize, span: Span) -> Result<&TokenStream, Error> {
    exprs.get(index).ok_or_else(|| {
        Error::new(
            span,
            format!("the ISA parser listed unknown splice {index}"),
        )
    })
}

/// An `i64` constant as a typed literal (no cast for lints to flag).
fn imm_literal(v: i64) -> TokenStream {
    if v == i64::MIN {
        quote!(i64::MIN)
    } else {
        let lit = Literal::i64_suffixed(v.abs());
        if v < 0 {
            quote!(-#lit)
        } else {
            quote!(#lit)
        }
    }
}

fn operand(a: &Arg, exprs: &[TokenStream], span: Span) -> Result<TokenStream, Error> {
    Ok(match a {
        Arg::Const(v) => {
            let v = imm_literal(*v);
            quote!(::asm_dsl::Operand::Imm(#v))
        }
        Arg::Splice { index, negate } => {
            let e = splice(exprs, *index, span)?;
            let op = quote!(::asm_dsl::AsmValue::to_operand(#e));
            if *negate {
                quote!(::asm_dsl::__private::neg(#op))
            } else {
                op
            }
        }
        Arg::Label(l) => {
            let label = match l {
                LabelRef::Local { n, forward } => {
                    quote!(::asm_dsl::Label::Local { n: #n, forward: #forward })
                }
                LabelRef::Global(name) => {
                    let name = global_name(name);
                    quote!(::asm_dsl::Label::Global(#name))
                }
                LabelRef::Dynamic(arg) => match &**arg {
                    Arg::Const(n) => {
                        let n = *n as u32;
                        quote!(::asm_dsl::Label::Dynamic(#n))
                    }
                    Arg::Splice { index, .. } => {
                        let e = splice(exprs, *index, span)?;
                        quote!(::asm_dsl::Label::Dynamic(::asm_dsl::__private::u32_of(#e)))
                    }
                    Arg::Label(_) => return Err(Error::new(span, "bad dynamic label")),
                },
            };
            quote!(::asm_dsl::Operand::Label(#label))
        }
    })
}
