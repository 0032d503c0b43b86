//! Bad input gives the right error value: out-of-range immediates (as
//! constants and as run-time splices), branches that cannot reach, bad
//! operands and undecodable bytes. Also checks labels and splices
//! against the absolute-address and constant forms the golden table
//! verifies.

use asm_dsl_core::{assemble_text, Arg, AsmError, Assembler, Cursor, Isa, Operand, Token};
use xlj_isa_arm64::ARM64;

fn asm(text: &str) -> Result<Vec<u8>, AsmError> {
    assemble_text(&ARM64, text, 0)
}

#[test]
fn statements_gnu_as_rejects_are_refused() {
    let src = include_str!("golden/arm64-errors.txt");
    let mut accepted = Vec::new();
    let mut n = 0;
    for line in src.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        n += 1;
        if let Ok(b) = asm(line) {
            accepted.push(format!("`{line}` -> {b:02x?}"));
        }
    }
    assert!(n > 500, "only {n} error rows");
    assert!(accepted.is_empty(), "accepted:\n{}", accepted.join("\n"));
}

fn is_imm_range(r: Result<Vec<u8>, AsmError>) -> bool {
    matches!(r, Err(AsmError::ImmRange(_)))
}

fn is_branch_range(r: Result<Vec<u8>, AsmError>) -> bool {
    matches!(r, Err(AsmError::BranchRange(_)))
}

#[test]
fn immediates_out_of_range() {
    for t in [
        "add x0, x1, #0x1001",
        "add x0, x1, #0x1000000",
        "add x0, x1, #4096, lsl #12",
        "and x0, x1, #0",
        "orr w0, w1, #0xffffffff",
        "eor x0, x1, #0x1234",
        "and w0, w1, #0x100000000",
        "movz x0, #0x10000",
        "movk w0, #1, lsl #32",
        "mov w0, #0x100000000",
        "lsl x0, x1, #64",
        "asr w0, w1, #32",
        "ubfx x0, x1, #60, #5",
        "bfi w0, w1, #0, #33",
        "ldr x0, [x1, #32768]",
        "ldr x0, [x1, #-257]",
        "ldr x0, [x1, #256]!",
        "str w0, [x1], #-257",
        "ldur x0, [x1, #256]",
        "ldp x0, x1, [sp, #512]",
        "ldp x0, x1, [sp, #-520]",
        "stp w0, w1, [sp, #6]",
        "ldr x0, [x1, x2, lsl #2]",
        "ccmp x0, #32, #0, eq",
        "ccmp x0, #1, #16, eq",
        "brk #0x10000",
        "fmov d0, #0.1",
        "fmov s0, #100.0",
        "tbz w0, #32, 0x0",
        "tbnz x0, #64, 0x0",
        "add x0, x1, x2, lsl #64",
        "add x0, x1, w2, uxtw #5",
    ] {
        assert!(is_imm_range(asm(t)), "`{t}` gives {:?}", asm(t));
    }
}

#[test]
fn constants_are_checked_when_parsing() {
    // The macro parses at compile time: constant operands are range-checked
    // there, splices only when encoding.
    for (text, ok) in [
        ("add x0, x1, #0x1001", false),
        ("ldr x0, [x1, #3]", true),
        ("ldr x0, [x1, #40000]", false),
        ("and w0, w1, #0x1234", false),
        ("tbz w0, #40, >1", false),
        ("b.eq =>7", true),
        ("add x{0}, x{1}, #{2}", true),
    ] {
        let r = ARM64.parse(&mut Cursor::new(&splice_tokens(text)));
        assert_eq!(r.is_ok(), ok, "`{text}` gives {r:?}");
        if !ok {
            assert!(
                matches!(r, Err(AsmError::ImmRange(_))),
                "`{text}` gives {r:?}"
            );
        }
    }
}

#[test]
fn branches_out_of_range() {
    for (ok, bad) in [
        ("b 0x7fffffc", "b 0x8000000"),
        ("bl 0xfffffffff8000000", "bl 0xfffffffff7fffffc"),
        ("b.eq 0xffffc", "b.eq 0x100000"),
        ("cbz x0, 0xfffffffffff00000", "cbz x0, 0xffffffffffeffffc"),
        ("ldr x0, 0xffffc", "ldr x0, 0x100000"),
        ("tbz w0, #1, 0x7ffc", "tbz w0, #1, 0x8000"),
        (
            "tbnz x0, #40, 0xffffffffffff8000",
            "tbnz x0, #40, 0xffffffffffff7ffc",
        ),
        ("adr x0, 0xfffff", "adr x0, 0x100000"),
        ("adrp x0, 0xfffff000", "adrp x0, 0x100000000"),
    ] {
        assert!(asm(ok).is_ok(), "`{ok}` gives {:?}", asm(ok));
        assert!(is_branch_range(asm(bad)), "`{bad}` gives {:?}", asm(bad));
    }
    // Word-offset branches cannot reach a misaligned target.
    assert!(is_branch_range(asm("b 0x2")));
    assert!(is_branch_range(asm("cbnz w1, 0x6")));
}

#[test]
fn labels_out_of_range() {
    // tbz reaches 8191 instructions forward and 8192 back.
    let nops = "nop\n".repeat(8190);
    assert!(asm(&format!("tbz w0, #1, >1\n{nops}1:")).is_ok());
    assert!(is_branch_range(asm(&format!(
        "tbz w0, #1, >1\n{nops}nop\n1:"
    ))));
    assert!(asm(&format!("1:\n{nops}nop\nnop\ntbnz w0, #1, <1")).is_ok());
    assert!(is_branch_range(asm(&format!(
        "1:\n{nops}nop\nnop\nnop\ntbnz w0, #1, <1"
    ))));
    assert!(matches!(asm("b ->nowhere"), Err(AsmError::Label(_))));
    assert!(matches!(asm("b.ne >3"), Err(AsmError::Label(_))));
}

#[test]
fn labels_match_absolute_targets() {
    let pairs = [
        ("b >1; nop; nop; 1:", "b 0xc; nop; nop"),
        ("1: nop; b.lt <1", "nop; b.lt 0x0"),
        (
            "nop; ->entry: ; nop; cbz x3, ->entry",
            "nop; nop; cbz x3, 0x4",
        ),
        ("=>7: nop; tbnz w5, #9, =>7", "nop; tbnz w5, #9, 0x0"),
        ("adr x1, >2; nop; 2:", "adr x1, 0x8; nop"),
        ("ldr d3, >2; nop; 2: .dword 0", "ldr d3, 0x8; nop; .dword 0"),
        ("bl ->f; ->f: ret", "bl 0x4; ret"),
    ];
    for (labels, absolute) in pairs {
        assert_eq!(asm(labels), asm(absolute), "`{labels}` vs `{absolute}`");
    }
    // adrp counts pages from the instruction's own page.
    let a = assemble_text(&ARM64, "adrp x0, >1; 1:", 0xfff8).unwrap();
    let b = assemble_text(&ARM64, "adrp x0, 0xfffc", 0xfff8).unwrap();
    assert_eq!(a, b);
}

#[test]
fn bad_operands() {
    for t in [
        "add x0, w1, x2",
        "add x0, x1, sp",
        "adds sp, x1, x2",
        "sub x0, x1, x2, ror #3",
        "add x0, x1, w2",
        "mov x0, d1",
        "ldr x0, [w1]",
        "ldr x0, [x1, w2, lsl #3]",
        "ldr x0, [x1, x2, uxtw]",
        "ldrb x0, [x1]",
        "ldrsw w0, [x1]",
        "ldp x0, w1, [sp]",
        "ldur x0, [x1], #8",
        "fadd d0, d1, s2",
        "fmov x0, s1",
        "scvtf x0, d1",
        "cset x0, al",
        "cinc x0, x1, nv",
        "tst sp, #1",
        "and x0, sp, #1",
        "csel x0, x1, w2, eq",
        "mul x0, x1, w2",
        "smull x0, x1, x2",
        "ret w0",
        "br sp",
        "cbz d0, 0x0",
        "fcmp d0, #1.0",
        "sxtw w0, w1",
        "uxtb x0, w1",
    ] {
        assert!(
            matches!(asm(t), Err(AsmError::NoForm(_))),
            "`{t}` gives {:?}",
            asm(t)
        );
    }
    for t in [
        "foo x0",
        "b.xx 0x0",
        "add x0, x1, ,",
        "ldr x0, [x1",
        "add q0, x1, x2",
        "mov x0, #1 2",
    ] {
        assert!(
            matches!(asm(t), Err(AsmError::Syntax(_))),
            "`{t}` gives {:?}",
            asm(t)
        );
    }
}

#[test]
fn undecodable_bytes() {
    for word in [
        0x0000_0000u32,
        0xffff_ffff,
        0x4e20_8400,
        0x1e60_4000 | (0x3f << 15),
        0xd503_2000 | (1 << 5),
    ] {
        let r = ARM64.disassemble(&word.to_le_bytes(), 0);
        assert!(
            matches!(r, Err(AsmError::Undecodable(_))),
            "{word:#x} gives {r:?}"
        );
    }
    assert!(matches!(
        ARM64.disassemble(&[0x1f, 0x20, 0x03], 0),
        Err(AsmError::Undecodable(_))
    ));
}

/// Tokens for `text` where `{n}` stands for the macro's n-th splice.
fn splice_tokens(text: &str) -> Vec<Token> {
    let raw = asm_dsl_core::tokenize(text).unwrap();
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if let (Token::Punct('{'), Some(Token::Int(n)), Some(Token::Punct('}'))) =
            (&raw[i], raw.get(i + 1), raw.get(i + 2))
        {
            out.push(Token::Splice(*n as usize));
            i += 3;
        } else {
            out.push(raw[i].clone());
            i += 1;
        }
    }
    out
}

/// Assembles one statement with run-time values for its splices, as the
/// macro's expansion does.
fn with_splices(text: &str, values: &[i64]) -> Result<Vec<u8>, AsmError> {
    let tokens = splice_tokens(text);
    let insn = ARM64.parse(&mut Cursor::new(&tokens))?;
    let ops: Vec<Operand> = insn
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(v) => Operand::Imm(*v),
            Arg::Splice { index, negate } => {
                let v = values[*index];
                Operand::Imm(if *negate { -v } else { v })
            }
            Arg::Label(_) => panic!("no labels here"),
        })
        .collect();
    let mut a = Assembler::new(&ARM64);
    a.insn(insn.form, &ops);
    a.finish(0)
}

#[test]
fn splices_encode_like_constants() {
    let cases: &[(&str, &[i64], &str)] = &[
        ("ldr x{0}, [x{1}, #{2}]", &[3, 31, 16], "ldr x3, [sp, #16]"),
        ("ldr x{0}, [x{1}, #{2}]", &[3, 4, -8], "ldur x3, [x4, #-8]"),
        ("ldr x{0}, [x{1}, #-{2}]", &[3, 4, 8], "ldur x3, [x4, #-8]"),
        (
            "add x{0}, x{1}, #{2}",
            &[1, 2, 0x5000],
            "add x1, x2, #0x5, lsl #12",
        ),
        ("add x{0}, x{1}, #{2}", &[1, 2, -3], "sub x1, x2, #0x3"),
        ("cmp w{0}, #{1}", &[7, -1], "cmn w7, #0x1"),
        ("add x{0}, x{1}, x{2}", &[1, 2, 31], "add x1, x2, xzr"),
        (
            "and x{0}, x{1}, #{2}",
            &[1, 2, 0xff00],
            "and x1, x2, #0xff00",
        ),
        (
            "mov x{0}, #{1}",
            &[9, 0x1234_5678],
            "movz x9, #0x5678; movk x9, #0x1234, lsl #16",
        ),
        ("mov w{0}, #{1}", &[9, -2], "movn w9, #0x1"),
        ("lsl x{0}, x{1}, #{2}", &[0, 1, 5], "lsl x0, x1, #5"),
        (
            "ubfx w{0}, w{1}, #{2}, #{3}",
            &[0, 1, 3, 8],
            "ubfx w0, w1, #3, #8",
        ),
        ("fadd d{0}, d{1}, d{2}", &[0, 31, 7], "fadd d0, d31, d7"),
        (
            "stp x{0}, x{1}, [sp, #{2}]!",
            &[29, 30, -32],
            "stp x29, x30, [sp, #-32]!",
        ),
        ("tbnz x{0}, #{1}, 0x0", &[3, 40], "tbnz x3, #40, 0x0"),
    ];
    for (text, values, expect) in cases {
        assert_eq!(
            with_splices(text, values),
            asm(expect),
            "`{text}` with {values:?}"
        );
    }
    for (text, values) in [
        ("add x{0}, x{1}, #{2}", &[1, 2, 0x1001][..]),
        ("ldr w{0}, [x{1}, #{2}]", &[1, 2, 0x4001]),
        ("and x{0}, x{1}, #{2}", &[1, 2, 0]),
        ("lsl w{0}, w{1}, #{2}", &[1, 2, 32]),
        ("tbz w{0}, #{1}, 0x0", &[1, 32]),
        ("movk x{0}, #{1}, lsl #{2}", &[1, 2, 8]),
    ] {
        let r = with_splices(text, values);
        assert!(
            matches!(r, Err(AsmError::ImmRange(_))),
            "`{text}` {values:?} gives {r:?}"
        );
    }
    let r = with_splices("add x{0}, x{1}, x{2}", &[1, 2, 32]);
    assert!(matches!(r, Err(AsmError::NoForm(_))), "{r:?}");
}
