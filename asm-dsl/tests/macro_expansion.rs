//! The `asm!` macro against the toy `test` ISA: every statement kind must
//! assemble to exactly what the text assembler (`assemble_text`, the path
//! `xasm` uses) makes of the same statements with the splices written out
//! as constants. The text path is the reference: the macro's only job is
//! to move parsing to compile time without changing the result.

use asm_dsl::test_isa::{Reg, TEST};
use asm_dsl::{asm, assemble_text, AsmError, Assembler};

fn text(src: &str) -> Vec<u8> {
    assemble_text(&TEST, src, 0x1000).unwrap()
}

#[test]
fn instructions_and_splices() {
    let mut ops = Assembler::new(&TEST);
    let (d, a, k) = (Reg(7), Reg(2), 300i32);
    asm!(test, ops;
        nop;
        li r1, 5; li r{d}, {k}; li r{d}, -{k}; li r15, -32768;
        add r1, r{a}, r{Reg(9)};
        addi r{d}, r{a}, {k * 2}; addi r3, r4, -{k + 1};
        ld r1, [r{a}]; ld r1, [r{a} + {k}]; ld r1, [r{a} - {k}]; ld r1, [r2 - 8]
    );
    let got = ops.finish(0x1000).unwrap();
    let want = text(
        "nop; li r1, 5; li r7, 300; li r7, -300; li r15, -32768
         add r1, r2, r9
         addi r7, r2, 600; addi r3, r4, -301
         ld r1, [r2]; ld r1, [r2 + 300]; ld r1, [r2 - 300]; ld r1, [r2 - 8]",
    );
    assert_eq!(got, want);
}

#[test]
fn labels_of_all_four_kinds() {
    let mut ops = Assembler::new(&TEST);
    let exit = 12u32;
    asm!(test, ops;
        ->entry:
        1: nop;
        b >1;
        b <1;
        1: bz r1, <1;
        b ->done;
        b =>{exit};
        b =>{exit + 1};
        =>{exit}: nop;
        =>13: b ->entry;
        ->done:
        2: b <2
    );
    assert_eq!(ops.global_offset("entry"), Some(0));
    assert_eq!(ops.dynamic_offset(12), Some(28));
    let got = ops.finish(0x1000).unwrap();
    let want = text(
        "->entry:; 1: nop; b >1; b <1; 1: bz r1, <1; b ->done; b =>12; b =>13
         =>12: nop; =>13: b ->entry; ->done:; 2: b <2",
    );
    assert_eq!(got, want);
}

#[test]
fn register_lists_are_syntax_not_expressions() {
    let mut ops = Assembler::new(&TEST);
    asm!(test, ops; push {r4, r5}; push {r0, r15});
    let got = ops.finish(0).unwrap();
    assert_eq!(got, text("push {r4, r5}; push {r0, r15}"));
}

#[test]
fn directives() {
    let mut ops = Assembler::new(&TEST);
    let (x, y) = (0xabu8, 0x1122_3344_5566_7788u64);
    asm!(test, ops;
        .byte 1, -1, {x}; .align 4; .hword 0x1234, -{x}; .word 0x10u32, {y};
        .dword {y}, -2; .align 16; nop
    );
    let got = ops.finish(0).unwrap();
    let want = text(
        ".byte 1, -1, 0xab; .align 4; .hword 0x1234, -0xab; .word 0x10, 0x55667788
         .dword 0x1122334455667788, -2; .align 16; nop",
    );
    assert_eq!(got, want);
}

#[test]
fn assembler_by_reference_and_in_a_struct() {
    struct Gen {
        asm: Assembler,
    }
    fn emit(ops: &mut Assembler, r: Reg) {
        asm!(test, ops; li r{r}, 1);
    }
    let mut g = Gen {
        asm: Assembler::new(&TEST),
    };
    emit(&mut g.asm, Reg(2));
    asm!(test, g.asm; li r3, 2);
    let mut boxed = Box::new(Assembler::new(&TEST));
    asm!(test, boxed; li r2, 1; li r3, 2);
    assert_eq!(g.asm.finish(0).unwrap(), boxed.finish(0).unwrap());
}

#[test]
fn run_time_values_are_range_checked() {
    let mut ops = Assembler::new(&TEST);
    let big = 40_000;
    asm!(test, ops; li r1, {big});
    assert!(matches!(ops.finish(0), Err(AsmError::ImmRange(_))));

    let mut ops = Assembler::new(&TEST);
    let bad = Reg(16);
    asm!(test, ops; add r1, r2, r{bad});
    assert!(matches!(ops.finish(0), Err(AsmError::NoForm(_))));

    // -{k} on the most negative 16-bit value overflows the field.
    let mut ops = Assembler::new(&TEST);
    let k = -32768i64;
    asm!(test, ops; li r1, -{k});
    assert!(matches!(ops.finish(0), Err(AsmError::ImmRange(_))));
}

/// Emits `n` nops.
fn pad(ops: &mut Assembler, n: usize) {
    for _ in 0..n {
        asm!(test, ops; nop);
    }
}

#[test]
fn branches_out_of_range_are_refused() {
    // `bz` reaches -32768 ..= 32767 words from itself.
    for (nops, ok) in [(32766, true), (32767, false)] {
        let mut ops = Assembler::new(&TEST);
        asm!(test, ops; bz r1, >1);
        pad(&mut ops, nops);
        asm!(test, ops; 1: nop);
        let r = ops.finish(0);
        assert_eq!(r.is_ok(), ok, "{nops} nops: {r:?}");
        if !ok {
            assert!(matches!(r, Err(AsmError::BranchRange(_))));
        }
    }
    for (nops, ok) in [(32768, true), (32769, false)] {
        let mut ops = Assembler::new(&TEST);
        asm!(test, ops; ->top:);
        pad(&mut ops, nops);
        asm!(test, ops; bz r1, ->top);
        assert_eq!(ops.finish(0).is_ok(), ok, "{nops} nops back");
    }
    // An absolute target too far away for the 16-bit form.
    let mut ops = Assembler::new(&TEST);
    ops.insn(
        asm_dsl::FormId(6),
        &[
            asm_dsl::Operand::Imm(1),
            asm_dsl::Operand::Label(asm_dsl::Label::Absolute(0x100_0000)),
        ],
    );
    assert!(matches!(ops.finish(0), Err(AsmError::BranchRange(_))));
}

#[test]
fn label_errors() {
    let mut ops = Assembler::new(&TEST);
    asm!(test, ops; b ->nowhere);
    assert!(matches!(ops.finish(0), Err(AsmError::Label(_))));

    let mut ops = Assembler::new(&TEST);
    asm!(test, ops; =>{3}: nop; =>3: nop);
    assert!(matches!(ops.finish(0), Err(AsmError::Label(_))));

    let mut ops = Assembler::new(&TEST);
    asm!(test, ops; b >4);
    assert!(matches!(ops.finish(0), Err(AsmError::Label(_))));

    let mut ops = Assembler::new(&TEST);
    asm!(test, ops; b <4; 4: nop);
    assert!(matches!(ops.finish(0), Err(AsmError::Label(_))));
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "another ISA")]
fn the_assembler_must_be_for_the_named_isa() {
    let x64 = asm_dsl::isa_by_name("x64").unwrap();
    let mut ops = Assembler::new(x64);
    asm!(test, ops; nop);
}

/// Not a timed test: prints the run-time cost per instruction for the
/// report and asserts only on the output size.
#[test]
fn run_time_cost_per_instruction() {
    const N: usize = 20_000;
    let start = std::time::Instant::now();
    let mut ops = Assembler::new(&TEST);
    for i in 0..N / 4 {
        let r = Reg((i % 16) as u8);
        asm!(test, ops;
            li r{r}, {i & 0x7fff};
            add r1, r{r}, r2;
            ld r3, [r{r} + 8];
            bz r{r}, =>{i as u32}
        );
    }
    for i in 0..N / 4 {
        asm!(test, ops; =>{i as u32}:);
    }
    let code = ops.finish(0).unwrap();
    let ns = start.elapsed().as_nanos() as f64 / N as f64;
    assert_eq!(code.len(), 4 * N);
    println!("test ISA: {N} instructions, {ns:.1} ns/insn (incl. labels and finish)");
}

#[test]
fn text_statements_may_open_with_label_definitions() {
    // Regression: `1: nop` used to define the label and drop the `nop`.
    assert_eq!(text("1: nop; ->a: =>3: nop; b <1").len(), 12);
    assert_eq!(
        text("1: nop; ->a: =>3: nop; b <1"),
        text("1:; nop; ->a:; =>3:; nop; b <1")
    );
    assert!(assemble_text(&TEST, "nop r1", 0).is_err());
}

/// Code generators wrap `asm!` in their own `macro_rules!`: fragments
/// arrive in invisible groups, which must read like the plain tokens.
#[test]
fn works_inside_macro_rules() {
    macro_rules! load {
        ($ops:expr, $dst:expr, $k:literal, $base:ident) => {
            asm!(test, $ops; li r{$dst}, $k; ld r{$dst}, [$base + {$k * 2}])
        };
    }
    let mut ops = Assembler::new(&TEST);
    load!(ops, Reg(3), 21, r4);
    load!(&mut ops, Reg(5), -7, r6);
    let got = ops.finish(0).unwrap();
    assert_eq!(
        got,
        text("li r3, 21; ld r3, [r4 + 42]; li r5, -7; ld r5, [r6 - 14]")
    );
}
