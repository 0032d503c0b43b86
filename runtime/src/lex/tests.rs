//! Lexer tests.

use super::*;

fn tokens(src: &str) -> Vec<(Tok, TokVal)> {
    let mut lx = Lexer::new(src.as_bytes(), "=t");
    let mut out = Vec::new();
    loop {
        lx.next().expect("lexes");
        if lx.tok == Tok::Eof {
            return out;
        }
        out.push((lx.tok, lx.val.clone()));
    }
}

#[test]
fn smoke() {
    let t = tokens("local x = 1");
    assert_eq!(t.len(), 4);
}
