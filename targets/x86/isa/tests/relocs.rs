//! Absolute relocations, which GNU as leaves to the linker (so the golden
//! label programs cannot show them): the field must hold the label's
//! address for code placed at a given address, plus any added offset.

use asm_dsl_core::{assemble_text, AsmError};
use xlj_isa_x86::{X86Family, X64, X86};

/// The bytes of constant-operand text (forms the golden tests check
/// against GNU as), to compare label-operand encodings with.
fn text(isa: &'static X86Family, t: &str) -> Vec<u8> {
    assemble_text(isa, t, 0).unwrap()
}

#[test]
fn movabs_of_a_label_holds_its_address() {
    let base: u64 = 0x1234_5678_9000;
    let code = assemble_text(&X64, "mov rax, ->x; mov r8, ->x; ->x: ret", base).unwrap();
    let x = base + 20;
    let want = text(&X64, &format!("movabs rax, {x:#x}; movabs r8, {x:#x}; ret"));
    assert_eq!(code, want);
}

#[test]
fn absolute_32_bit_addresses_on_x86() {
    let base: u64 = 0x0804_8000;
    let code = assemble_text(
        &X86,
        "mov ecx, ->x; mov eax, dword [->x + 4]; mov edx, dword [ebx + ->x]; ->x: ret",
        base,
    )
    .unwrap();
    let x = base + 5 + 5 + 6;
    let want = text(
        &X86,
        &format!(
            "mov ecx, {x:#x}; mov eax, dword [{:#x}]; mov edx, dword [ebx + {x:#x}]; ret",
            x + 4
        ),
    );
    assert_eq!(code, want);
}

#[test]
fn a_32_bit_absolute_field_refuses_a_high_address() {
    // `mov eax, ->x` on x64 stores a 32-bit address: code above 4 GiB
    // cannot use it.
    let r = assemble_text(&X64, "mov eax, ->x; ->x: ret", 0x1_0000_0000);
    assert!(matches!(r, Err(AsmError::BranchRange(_))), "{r:?}");
    assert!(assemble_text(&X64, "mov eax, ->x; ->x: ret", 0x1000).is_ok());
}

#[test]
fn rip_relative_reach_is_checked() {
    use asm_dsl_core::{tokenize, Arg, Assembler, Cursor, Isa, Label, Operand};
    // `lea rax, [=>{n}]` with the label's value supplied at run time as an
    // absolute address, as the macro would.
    let mut tokens = tokenize("lea rax, [=>1]").unwrap();
    let at = tokens.len() - 2;
    tokens[at] = asm_dsl_core::Token::Splice(0);
    let insn = X64.parse(&mut Cursor::new(&tokens)).unwrap();
    let lea = |target: u64| {
        let ops: Vec<Operand> = insn
            .args
            .iter()
            .map(|a| match a {
                Arg::Const(v) => Operand::Imm(*v),
                _ => Operand::Label(Label::Absolute(target)),
            })
            .collect();
        let mut asm = Assembler::new(&X64);
        asm.insn(insn.form, &ops);
        asm.finish(0x1_0000_0000)
    };
    let end = 0x1_0000_0000u64 + 7;
    assert_eq!(
        lea(end + 0x7fff_ffff).unwrap()[3..],
        0x7fff_ffffu32.to_le_bytes()
    );
    assert_eq!(
        lea(end - 0x8000_0000).unwrap()[3..],
        0x8000_0000u32.to_le_bytes()
    );
    assert!(matches!(
        lea(end + 0x8000_0000),
        Err(AsmError::BranchRange(_))
    ));
    assert!(matches!(
        lea(end - 0x8000_0001),
        Err(AsmError::BranchRange(_))
    ));
}
