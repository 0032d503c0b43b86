//! Compile-time behaviour of the macro, run through `expand` directly: a
//! statement the ISA refuses must become a `compile_error!` carrying the
//! ISA's message, never a panic and never code.

use crate::expand::expand;
use quote::quote;

fn errors(out: &str) -> usize {
    out.matches("compile_error").count()
}

#[test]
fn accepts_every_statement_kind() {
    let out = expand(quote!(test, ops;
        1: ; ->entry: ; =>{n}: ; =>7:
        li r1, 5; addi r{d}, r2, -{k}; ld r1, [r2 - {k}];
        b <1; b >2; b ->entry; bz r3, =>{n + 1}; b =>7;
        push {r4, r5};
        .align 8; .byte 1, -1, {x}; .word 0x10u32; .dword {y};
        2: nop))
    .to_string();
    assert_eq!(errors(&out), 0, "{out}");
    assert!(out.contains("local_label"));
    assert!(out.contains("define_global"));
    // Global names are hashed by the compiler, not at run time.
    assert!(out.contains("GlobalName :: new"), "{out}");
    assert!(out.contains("dynamic_label"));
    assert!(out.contains("neg"));
    // The register list is read as syntax, so its splice is not evaluated.
    assert!(!out.contains("r4"), "{out}");
}

#[test]
fn refuses_bad_statements_with_the_isa_message() {
    let out = expand(quote!(test, ops; li r1, 70000)).to_string();
    assert_eq!(errors(&out), 1, "{out}");
    assert!(out.contains("immediate out of range"), "{out}");

    let out = expand(quote!(test, ops; frob r1; add r1, r2; nop; .fill 3)).to_string();
    assert_eq!(errors(&out), 3, "{out}");
    assert!(out.contains("unknown mnemonic 'frob'"), "{out}");
    assert!(out.contains("unknown directive .fill"), "{out}");
    assert!(!out.contains("insn"), "no code once anything failed: {out}");
}

#[test]
fn refuses_bad_headers_and_literals() {
    let out = expand(quote!(z80, ops; nop)).to_string();
    assert!(out.contains("unknown ISA `z80`"), "{out}");
    let out = expand(quote!(test; nop)).to_string();
    assert!(out.contains("expected `asm!"), "{out}");
    let out = expand(quote!()).to_string();
    assert!(out.contains("expected `asm!"), "{out}");
    let out = expand(quote!(test, ops; li r1, "five")).to_string();
    assert!(out.contains("expected a number"), "{out}");
    let out = expand(quote!(test, ops; .align 3)).to_string();
    assert!(out.contains("power of two"), "{out}");
    let out = expand(quote!(test, ops; .align 0x100000000)).to_string();
    assert!(out.contains("power of two up to"), "{out}");
    let out = expand(quote!(test, ops; =>x:)).to_string();
    assert_eq!(errors(&out), 1, "{out}");
    let out = expand(quote!(test, ops; push {r4, {r5}})).to_string();
    assert!(out.contains("register list"), "{out}");
}

#[test]
fn reports_trailing_tokens() {
    let out = expand(quote!(test, ops; nop r1)).to_string();
    assert_eq!(errors(&out), 1, "{out}");
}
