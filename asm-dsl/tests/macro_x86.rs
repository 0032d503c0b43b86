//! The `asm!` macro on x86/x64, with splices in every operand kind, and
//! what all ISAs share: run-time constant loaders and `.align` padding.
//!
//! Straight-line blocks are checked against the ISA's golden file (bytes
//! recorded from GNU as by the ISA's `tools/gen-golden.py`): the macro's
//! bytes must equal the golden bytes of the same statements written out
//! with constants. Blocks with labels are checked against `assemble_text`
//! of the same text (whose rows the golden tests tie to GNU as).

mod common;

use asm_dsl::{asm, assemble_text, Assembler};
use common::{check_rows, constant_rows, golden_bytes, isa};

mod x86 {
    use super::*;
    use xlj_isa_x86::regs::{Gpr, Xmm, RAX, RBP, RBX, RCX, RSP};

    const ROWS64: &[&str] = &[
        "mov rax, qword [rbx + 8]",
        "add rax, rbx",
        "add r8b, 0xa",
        "add rsp, 0x80",
        "movsd xmm0, qword [rax]",
        "addsd xmm13, xmm15",
        "cvtsi2sd xmm1, rbp",
        "imul rsi",
        "shl byte [rdx - 0x80], cl",
        "cmp dword [rbx + rcx*8 + 0x10], -0xa",
        "mov qword [rbx + r11*2], rcx",
        "mov qword [r8 + 0x80], r15",
        "mov qword [rbp + r11*8 + 0x10], r15",
        "mov rsp, -0x81",
        "mov qword [rsi + 0x1000], -0x81",
        "mov r12d, -0x80000000",
        "lea cx, [r8 + 0x80]",
        "movzx eax, byte [rax]",
        "push rax",
        "xor eax, eax",
        "ret",
    ];

    #[test]
    fn x64_straight_line_matches_gnu_as() {
        let mut ops = Assembler::new(isa("x64"));
        let (base, idx, d) = (RBX, RCX, 0x10);
        let r11 = Gpr(11);
        asm!(x64, ops;
            mov Rq{RAX}, qword [Rq{base} + 8];
            add rax, Rq{base};
            add Rb{Gpr(8)}, {10};
            add Rq{RSP}, {0x80};
            movsd xmm{Xmm(0)}, qword [rax];
            addsd xmm13, xmm{Xmm(15)};
            cvtsi2sd xmm1, Rq{RBP};
            imul rsi;
            shl byte [rdx - {0x80}], cl;
            cmp dword [Rq{base} + Rq{idx}*8 + {d}], -{10};
            mov qword [rbx + Rq{r11}*2], Rq{RCX};
            mov qword [r8 + {0x80}], r15;
            mov qword [rbp + r11*8 + {d}], Rq{Gpr(15)};
            mov rsp, {-0x81};
            mov qword [rsi + 0x1000], -{0x81};
            mov Rd{Gpr(12)}, {i32::MIN};
            lea Rw{RCX}, [r8 + 0x80];
            movzx eax, byte [rax];
            push Rq{RAX};
            xor eax, eax;
            ret
        );
        let got = ops.finish(0x10000).unwrap();
        check_rows("x64", "x86/isa/tests/golden/x64.txt", 0x10000, ROWS64, &got);
    }

    #[test]
    fn x86_straight_line_matches_gnu_as() {
        let mut ops = Assembler::new(isa("x86"));
        asm!(x86, ops; add Rd{RAX}, eax; mov eax, dword [Rd{RBP}]; ret);
        let got = ops.finish(0x10000).unwrap();
        let rows = ["add eax, eax", "mov eax, dword [ebp]", "ret"];
        check_rows("x86", "x86/isa/tests/golden/x86.txt", 0x10000, &rows, &got);
    }

    #[test]
    fn labels_match_the_text_assembler() {
        let mut ops = Assembler::new(isa("x64"));
        let n = 4u32;
        asm!(x64, ops;
            ->entry:
            1: sub rdi, 1;
            jnz <1;
            jz short >2;
            call ->entry;
            jmp =>{n};
            lea rax, [->entry];
            mov rcx, qword [rip + >2];
            2: =>{n}: ret
        );
        let got = ops.finish(0x10000).unwrap();
        let want = assemble_text(
            isa("x64"),
            "->entry: 1: sub rdi, 1; jnz <1; jz short >2; call ->entry; jmp =>4
             lea rax, [->entry]; mov rcx, qword [rip + >2]; 2: =>4: ret",
            0x10000,
        )
        .unwrap();
        assert_eq!(got, want);
    }
}

/// The constant loaders pick their sequence by the spliced value at run
/// time; every golden row's value must give GNU as's bytes.
#[test]
fn constant_loaders_choose_by_value() {
    let mut n = 0;
    for (v, want) in constant_rows("arm64/isa/tests/golden/arm64.txt", "mov x9, #") {
        let mut ops = Assembler::new(isa("arm64"));
        asm!(arm64, ops; mov x9, #{v});
        assert_eq!(ops.finish(0).unwrap(), want, "mov x9, #{v:#x}");
        n += 1;
    }
    for (v, want) in constant_rows("arm64/isa/tests/golden/arm64.txt", "mov w15, #") {
        let mut ops = Assembler::new(isa("arm64"));
        asm!(arm64, ops; mov w{xlj_isa_arm64::Gpr(15)}, #{v});
        assert_eq!(ops.finish(0).unwrap(), want, "mov w15, #{v:#x}");
        n += 1;
    }
    for (v, want) in constant_rows("arm/isa/tests/golden/arm-seq.txt", "mov32 r0, #") {
        let mut ops = Assembler::new(isa("armv7"));
        asm!(armv7, ops; mov32 r0, #{v});
        assert_eq!(ops.finish(0).unwrap(), want, "mov32 r0, #{v:#x}");
        n += 1;
    }
    for (v, want) in constant_rows("mips/isa/tests/golden/mips.txt", "li $at, ") {
        let mut ops = Assembler::new(isa("mips"));
        asm!(mips, ops; li $at, {v});
        assert_eq!(ops.finish(0).unwrap(), want, "li $at, {v:#x}");
        n += 1;
    }
    for (v, want) in constant_rows("x86/isa/tests/golden/x64-alias.txt", "mov rax, ") {
        let mut ops = Assembler::new(isa("x64"));
        asm!(x64, ops; mov Rq{xlj_isa_x86::regs::RAX}, {v});
        assert_eq!(ops.finish(0).unwrap(), want, "mov rax, {v:#x}");
        n += 1;
    }
    println!("{n} constant loads checked");
}

/// `.align` pads code with the ISA's `nop` (zeros only up to the
/// instruction alignment), in the macro and in text alike.
#[test]
fn align_pads_with_nops() {
    for (name, file) in [
        ("ppc", "ppc/isa/tests/golden/ppc.txt"),
        ("mips", "mips/isa/tests/golden/mips.txt"),
        ("armv7", "arm/isa/tests/golden/arm.txt"),
    ] {
        let nop = golden_bytes(file, &["nop"]);
        let mut want = vec![1, 0, 0, 0];
        for _ in 0..3 {
            want.extend_from_slice(&nop);
        }
        let text = assemble_text(isa(name), ".byte 1; .align 16", 0).unwrap();
        assert_eq!(text, want, "{name}");
    }
    // x86's nop is one byte, so padding is all nops.
    let nop = golden_bytes("x86/isa/tests/golden/x64.txt", &["nop"]);
    let mut want = vec![0xc3];
    for _ in 0..7 {
        want.extend_from_slice(&nop);
    }
    let mut ops = Assembler::new(isa("x64"));
    asm!(x64, ops; ret; .align 8);
    assert_eq!(ops.finish(0).unwrap(), want);

    let mut ops = Assembler::new(isa("ppc"));
    asm!(ppc, ops; .byte 1; .align 16);
    assert_eq!(
        ops.finish(0).unwrap(),
        assemble_text(isa("ppc"), ".byte 1; .align 16", 0).unwrap()
    );
    let mut ops = Assembler::new(isa("mips"));
    asm!(mips, ops; nop; .align 16);
    assert_eq!(
        ops.finish(0).unwrap(),
        golden_bytes("mips/isa/tests/golden/mips.txt", &["nop"; 4])
    );
}
