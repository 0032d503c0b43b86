//! Bad input gives the right error value: immediates and branches out of
//! range (constants at parse time, spliced values at run time), operands
//! that fit no form, and bytes that are not an instruction.

use asm_dsl_core::{assemble_text, Arg, AsmError, Assembler, Cursor, Isa, Label, Operand, Token};
use xlj_isa_ppc::PPC;

const ADDR: u64 = 0x400_0000;

fn err(text: &str) -> AsmError {
    match assemble_text(&PPC, text, ADDR) {
        Ok(b) => panic!("`{text}` was accepted: {b:02x?}"),
        Err(e) => e,
    }
}

fn is_imm_range(text: &str) {
    assert!(
        matches!(err(text), AsmError::ImmRange(_)),
        "{text}: {:?}",
        err(text)
    );
}

fn is_branch_range(text: &str) {
    assert!(
        matches!(err(text), AsmError::BranchRange(_)),
        "{text}: {:?}",
        err(text)
    );
}

fn is_syntax(text: &str) {
    assert!(
        matches!(err(text), AsmError::Syntax(_)),
        "{text}: {:?}",
        err(text)
    );
}

fn is_no_form(text: &str) {
    assert!(
        matches!(err(text), AsmError::NoForm(_)),
        "{text}: {:?}",
        err(text)
    );
}

#[test]
fn constant_immediates_out_of_range() {
    for text in [
        "addi r3, r4, 32768",
        "addi r3, r4, -32769",
        "li r3, 0x8000",
        "lis r3, 0x10000",
        "lis r3, -32769",
        "ori r3, r4, -1",
        "andi. r3, r4, 0x10000",
        "cmplwi r3, 0x10000",
        "cmpwi r3, 32768",
        "lwz r3, 32768(r4)",
        "stfd f1, -32769(r1)",
        "subi r3, r4, -32768",
        "slwi r3, r4, 32",
        "srawi r3, r4, 32",
        "rlwinm r3, r4, 0, 0, 32",
        "mtcrf 256, r3",
        "mfspr r3, 1024",
        "crxor 32, 0, 0",
        "mtfsfi 8, 0",
        "bc 24, 2, 0x4000008",
        "bcctr 16, 0",
        "ba 0x2000000",
        "ba 0x102",
        "li32 r3, 0x100000000",
        "li32 r3, -0x80000001",
    ] {
        is_imm_range(text);
    }
}

#[test]
fn branches_out_of_range() {
    // b/bl: a signed 26-bit byte displacement.
    assert!(assemble_text(&PPC, "b 0x5fffffc", ADDR).is_ok());
    assert!(assemble_text(&PPC, "bl 0x2000000", ADDR).is_ok());
    is_branch_range("b 0x6000000");
    is_branch_range("bl 0x1fffffc");
    // Conditional branches: a signed 16-bit byte displacement.
    assert!(assemble_text(&PPC, "beq cr7, 0x4007ffc", ADDR).is_ok());
    assert!(assemble_text(&PPC, "bdnz 0x3ff8000", ADDR).is_ok());
    is_branch_range("beq cr7, 0x4008000");
    is_branch_range("bne 0x3ff7ffc");
    is_branch_range("bdnz 0x4010000");
    // Targets must be word aligned.
    is_branch_range("b 0x4000002");
    is_branch_range("beq 0x4000006");
}

/// `beq` over `n` nops to a local label, forward and backward.
fn beq_over(n: usize, forward: bool) -> Result<Vec<u8>, AsmError> {
    let nops = "nop\n".repeat(n);
    let text = if forward {
        format!("beq >1\n{nops}1:")
    } else {
        format!("1:\n{nops}beq <1")
    };
    assemble_text(&PPC, &text, ADDR)
}

#[test]
fn conditional_branch_to_labels_out_of_reach_is_refused() {
    // Forward: the displacement is 4 + 4n, at most 32764.
    assert!(beq_over(8190, true).is_ok());
    assert!(matches!(
        beq_over(8191, true),
        Err(AsmError::BranchRange(_))
    ));
    // Backward: -4n, at least -32768.
    assert!(beq_over(8192, false).is_ok());
    assert!(matches!(
        beq_over(8193, false),
        Err(AsmError::BranchRange(_))
    ));
}

#[test]
fn absolute_label_targets_out_of_reach_are_refused() {
    let toks = |t: &str| asm_dsl_core::tokenize(t).unwrap();
    let tokens = toks("bl ->f");
    let insn = PPC.parse(&mut Cursor::new(&tokens)).unwrap();
    for (target, ok) in [(ADDR + 0x1ff_fffc, true), (ADDR + 0x200_0000, false)] {
        let mut asm = Assembler::new(&PPC);
        asm.insn(insn.form, &[Operand::Label(Label::Absolute(target))]);
        let r = asm.finish(ADDR);
        assert_eq!(r.is_ok(), ok, "{target:#x}: {r:?}");
        if !ok {
            assert!(matches!(r, Err(AsmError::BranchRange(_))));
        }
    }
}

#[test]
fn bad_operands() {
    for text in [
        "add r3, r4",
        "add r3, r4, f5",
        "add r3, r4, r5, r6",
        "add r32, r4, r5",
        "fadd f1, f2, r3",
        "cmpw cr8, r3, r4",
        "lwz r3, 8(f1)",
        "lwz r3, 8 r4",
        "addi. r3, r4, 1",
        "cmpwo r3, r4",
        "frobnicate r3",
        "bc+ 12, 2, >1",
        "blr+",
        "beqlr- cr7",
        "lis r3, ->f@lo",
        "r01 r3",
        "add r01, r4, r5",
    ] {
        is_syntax(text);
    }
    for text in [
        "lwzu r3, 8(r3)",
        "lbzu r3, 8(0)",
        "stwu r3, 8(0)",
        "lfdu f1, 8(0)",
        "lwzux r3, r3, r4",
        "lmw r5, 0(r31)",
        "lmw r0, 0(0)",
    ] {
        is_no_form(text);
    }
}

#[test]
fn labels_in_the_wrong_place_are_refused() {
    assert!(matches!(err("beq >1"), AsmError::Label(_)));
    assert!(matches!(err("b ->nowhere"), AsmError::Label(_)));
}

/// Parses `text` (whose splices are given as tokens) and encodes it with
/// run-time operand values, as the macro's generated code does.
fn encode_spliced(tokens: &[Token], values: &[i64]) -> Result<Vec<u8>, AsmError> {
    let insn = PPC.parse(&mut Cursor::new(tokens))?;
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
    let mut asm = Assembler::new(&PPC);
    asm.insn(insn.form, &ops);
    asm.finish(ADDR)
}

fn ident(s: &str) -> Token {
    Token::Ident(s.into())
}

#[test]
fn spliced_values_are_checked_at_run_time() {
    use Token::{Punct, Splice};
    // addi r{0}, r{1}, {2}
    let addi = [
        ident("addi"),
        ident("r"),
        Splice(0),
        Punct(','),
        ident("r"),
        Splice(1),
        Punct(','),
        Splice(2),
    ];
    assert_eq!(
        encode_spliced(&addi, &[3, 4, -8]).unwrap(),
        assemble_text(&PPC, "addi r3, r4, -8", ADDR).unwrap()
    );
    assert!(matches!(
        encode_spliced(&addi, &[3, 4, 0x8000]),
        Err(AsmError::ImmRange(_))
    ));
    assert!(matches!(
        encode_spliced(&addi, &[32, 4, 0]),
        Err(AsmError::NoForm(_))
    ));
    // lwz r{0}, {1}(r{2})
    let lwz = [
        ident("lwz"),
        ident("r"),
        Splice(0),
        Punct(','),
        Splice(1),
        Punct('('),
        ident("r"),
        Splice(2),
        Punct(')'),
    ];
    assert_eq!(
        encode_spliced(&lwz, &[3, 8, 4]).unwrap(),
        assemble_text(&PPC, "lwz r3, 8(r4)", ADDR).unwrap()
    );
    assert!(matches!(
        encode_spliced(&lwz, &[3, -32769, 4]),
        Err(AsmError::ImmRange(_))
    ));
    // cmpwi cr{0}, r{1}, {2}
    let cmpwi = [
        ident("cmpwi"),
        ident("cr"),
        Splice(0),
        Punct(','),
        ident("r"),
        Splice(1),
        Punct(','),
        Splice(2),
    ];
    assert_eq!(
        encode_spliced(&cmpwi, &[7, 3, 0]).unwrap(),
        assemble_text(&PPC, "cmpwi cr7, r3, 0", ADDR).unwrap()
    );
    assert!(matches!(
        encode_spliced(&cmpwi, &[8, 3, 0]),
        Err(AsmError::NoForm(_))
    ));
    // li32 r{0}, {1}
    let li32 = [ident("li32"), ident("r"), Splice(0), Punct(','), Splice(1)];
    assert!(matches!(
        encode_spliced(&li32, &[3, 1 << 32]),
        Err(AsmError::ImmRange(_))
    ));
}

#[test]
fn undecodable_bytes() {
    for word in [
        0x0000_0000u32, // primary opcode 0
        0x7c60_0027,    // mfcr with the reserved bit 0 set
        0x7c64_2a16,    // add with extended opcode 267
        0x4e80_0820,    // bclr with reserved BH bits set
        0xfc22_18e8,    // fsub with a nonzero FRC field
        0x4300_0000,    // bc with BO 24 (reserved z bit)
    ] {
        let r = PPC.disassemble(&word.to_be_bytes(), ADDR);
        assert!(
            matches!(r, Err(AsmError::Undecodable(_))),
            "{word:08x}: {r:?}"
        );
    }
    assert!(matches!(
        PPC.disassemble(&[0x60, 0, 0], ADDR),
        Err(AsmError::Undecodable(_))
    ));
}
