//! The `asm!` macro on the RISC ISAs, with splices in every operand kind.
//!
//! Straight-line blocks are checked against the ISA's golden file (bytes
//! recorded from GNU as by the ISA's `tools/gen-golden.py`): the macro's
//! bytes must equal the golden bytes of the same statements written out
//! with constants. Blocks with labels are checked against `assemble_text`
//! of the same text (whose rows the golden tests tie to GNU as).

mod common;

use asm_dsl::{asm, assemble_text, Assembler};
use common::{check_rows, golden, isa};

mod mips {
    use super::*;
    use xlj_isa_mips::regs::{Fpr, A0, AT, RA, SP, T0, T1, T2};

    const ROWS: &[&str] = &[
        "addu $t0, $t1, $t2",
        "lw $t0, 8($sp)",
        "sw $ra, 8($a0)",
        "add.d $f0, $f2, $f4",
        "ldc1 $f2, 16($sp)",
        "li $t0, -1",
        "li $at, 0x10001",
        "move $t0, $t1",
        "mfc1 $at, $f1",
        "lui $at, 0x2",
        "addiu $s0, $a0, -8",
        "jr $ra",
        "nop",
    ];

    fn straight(ops: &mut Assembler) {
        let (off, k, big, f2) = (8, -1, 0x10001, Fpr(2));
        asm!(mips, ops;
            addu ${T0}, ${T1}, ${T2};
            lw ${T0}, {off}(${SP});
            sw ${RA}, {off}(${A0});
            add.d $f{Fpr(0)}, $f{f2}, $f4;
            ldc1 $f2, {off * 2}($sp);
            li ${T0}, {k};
            li ${AT}, {big};
            move ${T0}, $t1;
            mfc1 $at, $f{Fpr(1)};
            lui $at, {2};
            addiu $s0, $a0, -{off};
            jr $ra;
            nop
        );
    }

    #[test]
    fn straight_line_matches_gnu_as() {
        for (name, file) in [
            ("mips", "mips/isa/tests/golden/mips.txt"),
            ("mipsel", "mips/isa/tests/golden/mipsel.txt"),
        ] {
            let mut ops = Assembler::new(isa(name));
            if name == "mips" {
                straight(&mut ops);
            } else {
                straight_el(&mut ops);
            }
            check_rows(
                name,
                file,
                0x1000_0000,
                ROWS,
                &ops.finish(0x1000_0000).unwrap(),
            );
        }
    }

    fn straight_el(ops: &mut Assembler) {
        let (off, k, big, f2) = (8, -1, 0x10001, Fpr(2));
        asm!(mipsel, ops;
            addu ${T0}, ${T1}, ${T2};
            lw ${T0}, {off}(${SP});
            sw ${RA}, {off}(${A0});
            add.d $f{Fpr(0)}, $f{f2}, $f4;
            ldc1 $f2, {off * 2}($sp);
            li ${T0}, {k};
            li ${AT}, {big};
            move ${T0}, $t1;
            mfc1 $at, $f{Fpr(1)};
            lui $at, {2};
            addiu $s0, $a0, -{off};
            jr $ra;
            nop
        );
    }

    #[test]
    fn labels_match_the_text_assembler() {
        let mut ops = Assembler::new(isa("mips"));
        let n = 7u32;
        asm!(mips, ops;
            ->entry:
            1: addiu $t0, $t0, -1;
            bne $t0, $zero, <1;
            nop;
            beq $t0, $t1, >2;
            nop;
            j ->entry;
            nop;
            jal =>{n};
            nop;
            2: =>{n}: jr $ra;
            nop
        );
        let got = ops.finish(0x1000_0000).unwrap();
        let want = assemble_text(
            isa("mips"),
            "->entry: 1: addiu $t0, $t0, -1; bne $t0, $zero, <1; nop; beq $t0, $t1, >2; nop
             j ->entry; nop; jal =>7; nop; 2: =>7: jr $ra; nop",
            0x1000_0000,
        )
        .unwrap();
        assert_eq!(got, want);
    }
}

mod ppc {
    use super::*;
    use xlj_isa_ppc::{Crf, Fpr, Gpr, SP};

    const ROWS: &[&str] = &[
        "add r0, r0, r0",
        "subf r31, r17, r0",
        "mullw r31, r1, r0",
        "li r5, 32766",
        "ori r0, r0, 1",
        "srawi r0, r4, 31",
        "cmpwi cr7, r0, 255",
        "lwz r5, 4(r1)",
        "stw r0, -32767(r5)",
        "stwu r31, -8(r5)",
        "fadd f1, f31, f1",
        "lfd f0, -32768(r1)",
        "mr r1, r2",
        "bctrl",
        "blr",
    ];

    #[test]
    fn straight_line_matches_gnu_as() {
        let mut ops = Assembler::new(isa("ppc"));
        let (r0, r5, r31) = (Gpr(0), Gpr(5), Gpr(31));
        let (k, d) = (32766, 32767);
        asm!(ppc, ops;
            add r{r0}, r0, r{r0};
            subf r{r31}, r17, r{Gpr(0)};
            mullw r31, r{SP}, r0;
            li r{r5}, {k};
            ori r0, r0, {1};
            srawi r0, r4, {31};
            cmpwi cr{Crf(7)}, r0, {255};
            lwz r5, {4}(r{SP});
            stw r0, -{d}(r{r5});
            stwu r{r31}, -8(r5);
            fadd f1, f{Fpr(31)}, f1;
            lfd f0, {-32768}(r1);
            mr r1, r2;
            bctrl;
            blr
        );
        let got = ops.finish(0x400_0000).unwrap();
        check_rows(
            "ppc",
            "ppc/isa/tests/golden/ppc.txt",
            0x400_0000,
            ROWS,
            &got,
        );
    }

    #[test]
    fn labels_match_the_text_assembler() {
        let mut ops = Assembler::new(isa("ppc"));
        let n = 3u32;
        asm!(ppc, ops;
            ->entry:
            1: addi r3, r3, -1;
            cmpwi r3, 0;
            bne <1;
            beq cr7, >2;
            b ->entry;
            bl =>{n};
            2: =>{n}: blr
        );
        let got = ops.finish(0x400_0000).unwrap();
        let want = assemble_text(
            isa("ppc"),
            "->entry: 1: addi r3, r3, -1; cmpwi r3, 0; bne <1; beq cr7, >2; b ->entry
             bl =>3; 2: =>3: blr",
            0x400_0000,
        )
        .unwrap();
        assert_eq!(got, want);
    }
}

mod arm {
    use super::*;
    use xlj_isa_arm::{DReg, Reg};

    const FILE: &str = "arm/isa/tests/golden/arm.txt";
    const ROWS: &[&str] = &[
        "push {r4, r5, r6, r7, r8, r9, sl, fp, lr}",
        "push {r4}",
        "sub r3, r4, #1",
        "add r3, r4, #149",
        "cmp r5, #255",
        "mov r3, #44",
        "ldr r0, [r1, #256]",
        "str r7, [sp, #-256]",
        "ldr r0, [r1, -r2, lsl #2]!",
        "addeq r0, r1, r2",
        "vadd.f64 d0, d8, d0",
        "vldr d0, [r0, #-4]",
        "movw r7, #255",
        "pop {r4, r5, r6, r7, r8, r9, sl, fp}",
        "bx lr",
    ];

    #[test]
    fn straight_line_matches_gnu_as() {
        let mut ops = Assembler::new(isa("armv7"));
        let (r3, r4, k, off) = (Reg(3), Reg(4), 149, 256);
        asm!(armv7, ops;
            push {r4-r9, sl, fp, lr};
            push {r4};
            sub r{r3}, r{r4}, #{1};
            add r3, r4, #{k};
            cmp r{Reg(5)}, #255;
            mov r3, #{k - 105};
            ldr r0, [r1, #{off}];
            str r7, [sp, #-{off}];
            ldr r0, [r1, -r{Reg(2)}, lsl #2]!;
            addeq r0, r1, r2;
            vadd.f64 d{DReg(0)}, d{DReg(8)}, d0;
            vldr d0, [r0, #-{4}];
            movw r7, #{0xff};
            pop {r4, r5, r6, r7, r8, r9, sl, fp};
            bx lr
        );
        let got = ops.finish(0x400_0000).unwrap();
        check_rows("armv7", FILE, 0x400_0000, ROWS, &got);
    }

    #[test]
    fn rotated_immediates_are_chosen_and_checked_at_run_time() {
        let g = golden(FILE);
        for (k, row) in [
            (0x3fci64, "mov r3, #1020"),
            (0x1540, "mov r3, #5440"),
            (0xff00_0000, "mov r3, #0xff000000"),
        ] {
            let want = g.get(row).unwrap();
            let mut ops = Assembler::new(isa("armv7"));
            asm!(armv7, ops; mov r3, #{k});
            assert_eq!(&ops.finish(0).unwrap(), want, "{row}");
        }
        let mut ops = Assembler::new(isa("armv7"));
        let bad = 0x101;
        asm!(armv7, ops; mov r3, #{bad});
        assert!(matches!(ops.finish(0), Err(asm_dsl::AsmError::ImmRange(_))));
    }

    #[test]
    fn labels_match_the_text_assembler() {
        let mut ops = Assembler::new(isa("armv7"));
        let n = 9u32;
        asm!(armv7, ops;
            ->entry:
            1: subs r0, r0, #1;
            bne <1;
            beq >2;
            bl ->entry;
            b =>{n};
            ldr r1, >2;
            2: =>{n}: bx lr;
            .word 0x12345678
        );
        let got = ops.finish(0x8000).unwrap();
        let want = assemble_text(
            isa("armv7"),
            "->entry: 1: subs r0, r0, #1; bne <1; beq >2; bl ->entry; b =>9; ldr r1, >2
             2: =>9: bx lr; .word 0x12345678",
            0x8000,
        )
        .unwrap();
        assert_eq!(got, want);
    }
}

mod arm64 {
    use super::*;
    use xlj_isa_arm64::{Fpr, Gpr, FP, LR};

    const FILE: &str = "arm64/isa/tests/golden/arm64.txt";
    const ROWS: &[&str] = &[
        "add x0, x1, x9, lsl #1",
        "ldr x0, [x1, #64]",
        "ldr x0, [x1, #-8]!",
        "str x30, [sp, #-8]",
        "ldp x29, x30, [sp], #16",
        "stp x29, x30, [sp, #-8]",
        "add x0, x1, #0x1",
        "sub w0, w2, #0x1",
        "mov x0, #0x12345678",
        "mov w15, #0x1fe01fe",
        "csel x0, x1, x9, eq",
        "fadd d0, d1, d2",
        "fmov d0, #1.5",
        "scvtf d0, w17",
        "mov x0, x1",
        "ret x0",
    ];

    #[test]
    fn straight_line_matches_gnu_as() {
        let mut ops = Assembler::new(isa("arm64"));
        let off = 64;
        asm!(arm64, ops;
            add x{Gpr(0)}, x1, x{Gpr(9)}, lsl #{1};
            ldr x0, [x{Gpr(1)}, #{off}];
            ldr x0, [x1, #-{off / 8}]!;
            str x{LR}, [sp, #-8];
            ldp x{FP}, x{LR}, [sp], #16;
            stp x29, x30, [sp, #-8];
            add x0, x1, #{1};
            sub w{Gpr(0)}, w{Gpr(2)}, #1;
            mov x0, #{0x1234_5678u64};
            mov w15, #{0x1fe01fe};
            csel x0, x1, x9, eq;
            fadd d{Fpr(0)}, d1, d{Fpr(2)};
            fmov d0, #1.5;
            scvtf d0, w{Gpr(17)};
            mov x0, x{Gpr(1)};
            ret x0
        );
        check_rows("arm64", FILE, 0, ROWS, &ops.finish(0).unwrap());
    }

    #[test]
    fn labels_match_the_text_assembler() {
        let mut ops = Assembler::new(isa("arm64"));
        let n = 5u32;
        asm!(arm64, ops;
            ->entry:
            1: subs x0, x0, #1;
            b.ne <1;
            cbz x0, >2;
            tbnz w1, #3, <1;
            bl ->entry;
            b =>{n};
            2: =>{n}: ret x30
        );
        let got = ops.finish(0x10000).unwrap();
        let want = assemble_text(
            isa("arm64"),
            "->entry: 1: subs x0, x0, #1; b.ne <1; cbz x0, >2; tbnz w1, #3, <1; bl ->entry
             b =>5; 2: =>5: ret x30",
            0x10000,
        )
        .unwrap();
        assert_eq!(got, want);
    }
}
