//! Refusals: out-of-range immediates (as text constants and as run-time
//! splices), branches and jumps that cannot reach, addresses that do not
//! fit, bad operands, and bytes that do not decode. Each must be the right
//! `AsmError`, never a panic or a silently truncated field.

use asm_dsl_core::{assemble_text, Arg, AsmError, Assembler, Cursor, Isa, Label, Operand, Token};
use xlj_isa_mips::{MIPS, MIPSEL};

fn err(text: &str) -> AsmError {
    assemble_text(&MIPS, text, 0x1000_0000).expect_err(text)
}

fn ok(text: &str, addr: u64) -> Vec<u8> {
    assemble_text(&MIPS, text, addr).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn constant_immediates_out_of_range() {
    for t in [
        "addiu $t0, $t1, 32768",
        "addiu $t0, $t1, -32769",
        "addiu $t0, $t1, 65535",
        "ori $t0, $t1, -1",
        "andi $t0, $t1, 65536",
        "lui $t0, 0x10000",
        "sll $t0, $t1, 32",
        "lw $t0, 32768($sp)",
        "sdc1 $f2, -32769($sp)",
        "ext $t0, $t1, 31, 2",
        "ins $t0, $t1, 0, 0",
        "break 1024",
        "li $t0, 0x100000000",
        "li $t0, -0x80000001",
        "j -4",
    ] {
        assert!(matches!(err(t), AsmError::ImmRange(_)), "{t}: {:?}", err(t));
    }
}

#[test]
fn bad_operands() {
    for t in [
        "addu $t0, $t1",
        "addu $t0, $t1, 5",
        "addiu $t0, $t1, $t2",
        "lw $t0, 8($f0)",
        "lw $t0, 8",
        "add.d $f0, $t0, $f2",
        "addu $32, $t0, $t1",
        "mfc1 $t0, $f32",
        "c.lt.d $fcc8, $f0, $f2",
        "frobnicate $t0",
        "jr $ra, $t0",
        "nop $t0",
    ] {
        assert!(matches!(err(t), AsmError::Syntax(_)), "{t}: {:?}", err(t));
    }
    // Operand shapes that parse but break an ISA rule.
    for t in [
        "add.d $f1, $f2, $f4",
        "ldc1 $f3, 0($sp)",
        "mfhc1 $t0, $f1",
        "jalr $t0, $t0",
        "jalr $ra",
        "bgezal $ra, 0x10000010",
    ] {
        assert!(matches!(err(t), AsmError::NoForm(_)), "{t}: {:?}", err(t));
    }
}

/// Parses a statement with splices, as the macro does, and encodes it with
/// `ops[i]` as the value of splice `i`.
fn spliced(tokens: Vec<Token>, ops: Vec<Operand>) -> Result<Vec<u8>, AsmError> {
    let insn = MIPS.parse(&mut Cursor::new(&tokens))?;
    let args: Vec<Operand> = insn
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(v) => Operand::Imm(*v),
            Arg::Splice { index, negate } => match (&ops[*index], negate) {
                (Operand::Imm(v), true) => Operand::Imm(-v),
                (op, _) => op.clone(),
            },
            Arg::Label(_) => panic!("no labels here"),
        })
        .collect();
    let mut asm = Assembler::new(&MIPS);
    asm.insn(insn.form, &args);
    asm.finish(0x1000_0000)
}

fn p(c: char) -> Token {
    Token::Punct(c)
}

fn id(s: &str) -> Token {
    Token::Ident(s.into())
}

#[test]
fn spliced_values_are_checked_at_run_time() {
    // addiu ${0}, $sp, {1}
    let addiu = || {
        vec![
            id("addiu"),
            p('$'),
            Token::Splice(0),
            p(','),
            p('$'),
            id("sp"),
            p(','),
            Token::Splice(1),
        ]
    };
    let good = spliced(addiu(), vec![Operand::Imm(8), Operand::Imm(-16)]).unwrap();
    assert_eq!(good, ok("addiu $t0, $sp, -16", 0));
    assert!(matches!(
        spliced(addiu(), vec![Operand::Imm(8), Operand::Imm(40000)]),
        Err(AsmError::ImmRange(_))
    ));
    assert!(matches!(
        spliced(addiu(), vec![Operand::Imm(32), Operand::Imm(0)]),
        Err(AsmError::NoForm(_))
    ));
    // ldc1 $f{0}, {1}(${2})
    let ldc1 = || {
        vec![
            id("ldc1"),
            p('$'),
            id("f"),
            Token::Splice(0),
            p(','),
            Token::Splice(1),
            p('('),
            p('$'),
            Token::Splice(2),
            p(')'),
        ]
    };
    let good = spliced(
        ldc1(),
        vec![Operand::Imm(2), Operand::Imm(8), Operand::Imm(4)],
    )
    .unwrap();
    assert_eq!(good, ok("ldc1 $f2, 8($a0)", 0));
    for ops in [[3, 8, 4], [2, 0x8000, 4], [2, 8, 40]] {
        assert!(spliced(ldc1(), ops.iter().map(|&v| Operand::Imm(v)).collect()).is_err());
    }
    // sll ${0}, ${1}, {2}: shift amounts 0..31 only.
    let sll = vec![
        id("sll"),
        p('$'),
        Token::Splice(0),
        p(','),
        p('$'),
        Token::Splice(1),
        p(','),
        Token::Splice(2),
    ];
    let r = spliced(
        sll,
        vec![Operand::Imm(8), Operand::Imm(9), Operand::Imm(32)],
    );
    assert!(matches!(r, Err(AsmError::ImmRange(_))));
}

#[test]
fn li_picks_its_length_by_value_at_run_time() {
    let li = vec![id("li"), p('$'), id("t0"), p(','), Token::Splice(0)];
    let len = |v: i64| spliced(li.clone(), vec![Operand::Imm(v)]).map(|b| b.len());
    assert_eq!(len(-1), Ok(4));
    assert_eq!(len(0xffff), Ok(4));
    assert_eq!(len(0x7fff_0000), Ok(4));
    assert_eq!(len(0x7fff_0001), Ok(8));
    assert!(matches!(len(1 << 32), Err(AsmError::ImmRange(_))));
    assert_eq!(
        spliced(li.clone(), vec![Operand::Imm(0x1234_5678)]).unwrap(),
        ok("lui $t0, 0x1234; ori $t0, $t0, 0x5678", 0)
    );
}

#[test]
fn branches_reach_128k_from_the_delay_slot() {
    let branch = |words: usize| {
        let mut asm = Assembler::new(&MIPS);
        let tokens = asm_dsl_core::tokenize("bne $t0, $zero, >1").unwrap();
        asm_dsl_core::assemble_statement(&mut asm, &tokens).unwrap();
        asm.bytes(&vec![0; 4 * words]);
        asm.local_label(1);
        asm.finish(0x1000_0000)
    };
    // The label sits 4*words bytes after the delay slot.
    assert!(branch(0x7fff).is_ok());
    assert!(matches!(branch(0x8000), Err(AsmError::BranchRange(_))));
    let back = |words: usize| {
        let mut asm = Assembler::new(&MIPSEL);
        asm.local_label(1);
        asm.bytes(&vec![0; 4 * words]);
        let tokens = asm_dsl_core::tokenize("bc1t $fcc2, <1").unwrap();
        asm_dsl_core::assemble_statement(&mut asm, &tokens).unwrap();
        asm.finish(0x1000_0000)
    };
    assert!(back(0x7fff).is_ok());
    assert!(matches!(back(0x8000), Err(AsmError::BranchRange(_))));
    assert!(matches!(
        assemble_text(&MIPS, "b 0x10000002", 0x1000_0000),
        Err(AsmError::BranchRange(_))
    ));
}

#[test]
fn jumps_stay_in_the_delay_slots_256m_region() {
    // The jump is the last word of a region: its delay slot is in the next.
    assert!(assemble_text(&MIPS, "j ->f; ->f:", 0x0fff_fffc).is_ok());
    assert!(matches!(
        assemble_text(&MIPS, "j 0x0ffffff0", 0x0fff_fffc),
        Err(AsmError::BranchRange(_))
    ));
    assert!(matches!(
        assemble_text(&MIPS, "jal ->f; nop; ->f:", 0x0fff_fff8),
        Err(AsmError::BranchRange(_))
    ));
    assert_eq!(
        ok("jal ->f; nop; ->f:", 0x1000_0000),
        ok("jal 0x10000008; nop", 0x1000_0000)
    );
}

#[test]
fn label_addresses_load_as_hi_lo_pairs() {
    let text = "li $a0, ->data; nop; ->data:";
    assert_eq!(
        ok(text, 0x1234_0000),
        ok("lui $a0, 0x1234; ori $a0, $a0, 0xc; nop", 0)
    );
    assert_eq!(
        assemble_text(&MIPSEL, text, 0x7fff_fff0).unwrap(),
        assemble_text(&MIPSEL, "lui $a0, 0x7fff; ori $a0, $a0, 0xfffc; nop", 0).unwrap()
    );
    assert!(matches!(
        assemble_text(&MIPS, text, 0xffff_fff8),
        Err(AsmError::BranchRange(_))
    ));
    let mut asm = Assembler::new(&MIPS);
    let tokens = asm_dsl_core::tokenize("li $t9, =>7").unwrap();
    asm_dsl_core::assemble_statement(&mut asm, &tokens).unwrap();
    asm.dynamic_label(7);
    assert_eq!(
        asm.finish(0x40_0000).unwrap(),
        ok("lui $t9, 0x40; ori $t9, $t9, 0x8", 0)
    );
    assert_eq!(
        ok("la $a0, ->d; nop; ->d:", 0x1234_0000),
        ok(text, 0x1234_0000)
    );
    // An absolute label operand is an address too.
    let li = vec![id("li"), p('$'), id("t9"), p(','), Token::Splice(0)];
    let b = spliced(li, vec![Operand::Label(Label::Absolute(0xdead_beec))]).unwrap();
    assert_eq!(b, ok("lui $t9, 0xdead; ori $t9, $t9, 0xbeec", 0));
}

#[test]
fn undecodable_bytes() {
    for isa in [&MIPS, &MIPSEL] {
        let und = |b: &[u8]| matches!(isa.disassemble(b, 0), Err(AsmError::Undecodable(_)));
        assert!(und(&[]));
        assert!(und(&[0, 0, 0]));
        assert!(und(&[0xff; 4]));
        // add.d $f1, $f2, $f4: an odd double register (FR=0 has none).
        let w: u32 = 0x4624_1040;
        let bytes = if isa.caps().name == "mips" {
            w.to_be_bytes()
        } else {
            w.to_le_bytes()
        };
        assert!(und(&bytes));
        // jalr $t0, $t0 (rd == rs).
        let w: u32 = (8 << 21) | (8 << 11) | 9;
        let bytes = if isa.caps().name == "mips" {
            w.to_be_bytes()
        } else {
            w.to_le_bytes()
        };
        assert!(und(&bytes));
    }
}

#[test]
fn registers_by_number_and_name() {
    assert_eq!(ok("addu $8, $9, $10", 0), ok("addu $t0, $t1, $t2", 0));
    assert_eq!(ok("move $fp, $ra", 0), ok("move $s8, $31", 0));
    assert_eq!(ok("lw $t0, ($sp)", 0), ok("lw $t0, 0($sp)", 0));
    assert_eq!(ok("c.olt.d $fcc0, $f0, $f2", 0), ok("c.olt.d $f0, $f2", 0));
    assert_eq!(ok("bc1t $fcc0, 0x8", 0), ok("bc1t 0x8", 0));
}
