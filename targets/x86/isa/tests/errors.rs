//! Bad input gives the right error value: immediates and displacements out
//! of range, branches and relocations that cannot reach, operand
//! combinations that do not exist, unknown syntax, undecodable bytes.

use asm_dsl_core::{
    assemble_text, AsmError, Assembler, Cursor, Isa, Label, Operand, RelocKind, Token,
};
use xlj_isa_x86::{X64, X86};

fn err(isa: &'static dyn Isa, text: &str) -> AsmError {
    match assemble_text(isa, text, 0x10000) {
        Ok(b) => panic!("{text}: assembled to {b:02x?}, expected an error"),
        Err(e) => e,
    }
}

macro_rules! assert_err {
    ($isa:expr, $kind:ident, $($text:expr),+ $(,)?) => {
        $(
            let e = err(&$isa, $text);
            assert!(matches!(e, AsmError::$kind(_)), "{}: {e:?}, expected {}", $text, stringify!($kind));
        )+
    };
}

#[test]
fn immediates_out_of_range() {
    assert_err!(
        X64,
        ImmRange,
        "add al, 256",
        "add al, -129",
        "mov ax, 0x10000",
        "mov ax, -0x8001",
        "add eax, 0x100000000",
        "add eax, -0x80000001",
        "add rax, 0x80000000",
        "cmp qword [rax], -0x80000001",
        "mov qword [rax], 0x80000000",
        "imul rax, rbx, 0x80000000",
        "shl eax, 256",
        "shl eax, -1",
        "ret 0x10000",
        "ret -1",
        "bt eax, 256",
        "roundsd xmm0, xmm1, 256",
        "push 0x80000000",
        "mov eax, dword [rbx + 0x80000000]",
        "mov eax, dword [rbx - 0x80000001]",
        "mov eax, dword [0x80000000]",
        "nop 10",
        "nop 0",
    );
    // 32-bit addresses wrap, so 0xffffffff is a fine displacement there.
    assert_err!(
        X86,
        ImmRange,
        "mov eax, dword [ebx + 0x100000000]",
        "add eax, 0x100000000"
    );
    assert!(assemble_text(&X86, "mov eax, dword [ebx + 0xffffffff]", 0).is_ok());
}

#[test]
fn branches_out_of_range() {
    let far = format!("jmp short >1; {} 1: ret", "nop 9; ".repeat(15));
    assert_err!(X64, BranchRange, &far);
    let back = format!("1: {} jne short <1", "nop 9; ".repeat(15));
    assert_err!(X64, BranchRange, &back);
    // Absolute targets, from code at 0x10000.
    assert_err!(
        X64,
        BranchRange,
        "jmp short 0x10082",
        "jmp short 0xff81",
        "call 0x100000000",
        "jmp 0x7fffffff00000000",
        "je 0x80010006",
    );
    // The edges themselves reach.
    for ok in [
        "jmp short 0x10081",
        "jmp short 0xff82",
        "call 0x80010004",
        "jmp 0x7fffffff",
    ] {
        assert!(assemble_text(&X64, ok, 0x10000).is_ok(), "{ok}");
    }
    // On x86 the 4 GiB address space wraps: every rel32 reaches.
    assert!(assemble_text(&X86, "call 0xfffff000", 0x10000).is_ok());
    assert_err!(X86, BranchRange, "jmp short 0x20000");
}

#[test]
fn patch_refuses_bad_relocations() {
    let mut code = [0u8; 8];
    assert!(matches!(
        X64.patch(RelocKind(2), &mut code, 6, 0, 0),
        Err(AsmError::BranchRange(_))
    ));
    assert!(matches!(
        X64.patch(RelocKind(99), &mut code, 0, 0, 0),
        Err(AsmError::BranchRange(_))
    ));
    // An absolute 32-bit field cannot hold a 64-bit address.
    assert!(matches!(
        X64.patch(RelocKind(3), &mut code, 0, 0, 0x1_0000_0000),
        Err(AsmError::BranchRange(_))
    ));
    // rel32 from 0 to 4 GiB is out of reach on x64.
    assert!(matches!(
        X64.patch(RelocKind(2), &mut code, 0, 0, 0x1_0000_0000),
        Err(AsmError::BranchRange(_))
    ));
}

#[test]
fn operand_combinations_that_do_not_exist() {
    assert_err!(
        X64,
        NoForm,
        "mov rax, ebx",
        "add eax, bx",
        "mov dword [rax], rbx",
        "mov [rax], 1",
        "inc [rax]",
        "shl [rax], 1",
        "mov ah, r8b",
        "mov ah, sil",
        "add byte [r9], ah",
        "mov eax, dword [rsp*2]",
        "movzx eax, [rbx]",
        "movzx eax, eax",
        "movzx ax, word [rax]",
        "movsx eax, dword [rax]",
        "movsd xmm0, dword [rax]",
        "movsd xmm0, eax",
        "addsd eax, xmm0",
        "cvtsi2sd xmm0, [rax]",
        "cvtsi2sd xmm0, ax",
        "cvttsd2si ax, xmm0",
        "shl eax, ebx",
        "shl eax, cx",
        "imul al, bl",
        "imul al, bl, 3",
        "lea eax, ecx",
        "lea al, [rax]",
        "push eax",
        "pop byte [rax]",
        "call short 0x10",
        "jmp eax",
        "bswap ax",
        "xchg eax, rbx",
        "movabs eax, 1",
        "test eax, 1, 2",
        "setne eax",
        "cmove al, bl",
        "int3 eax",
        "mov rax, qword [rip + rbx]",
        "mov eax, dword [rbx + ->tab]",
        "movq xmm0, eax",
        "movd xmm0, rax",
        "ret eax",
        "nop al",
    );
    assert_err!(
        X86,
        NoForm,
        "cdqe",
        "cqo",
        "movsxd eax, ecx",
        "movabs eax, 1",
        "push ax, bx",
        "fld word [eax]",
    );
}

#[test]
fn syntax_errors() {
    assert_err!(
        X64,
        Syntax,
        "frob eax",
        "mov eax,",
        "mov eax, [rbx",
        "mov eax, [rbx * 3]",
        "mov eax, [rbx + rcx + rdx]",
        "mov eax, [ebx]",
        "mov eax, [rbx + rip]",
        "mov eax, dword ebx",
        "mov eax, [-rbx]",
        "mov eax, foo",
        "jmp short rax",
        "mov eax, ebx ebx",
        "add eax, ebx, ecx, edx",
    );
    // 64-bit registers and r8..r15 do not exist in 32-bit mode.
    assert_err!(
        X86,
        Syntax,
        "mov rax, 1",
        "mov r8d, 1",
        "mov spl, 1",
        "movsd xmm8, xmm0",
        "mov eax, [rip]"
    );
}

#[test]
fn undecodable_bytes() {
    let cases: &[&[u8]] = &[
        &[],
        &[0x0f],
        &[0xb8, 1, 2],
        &[0x8b],
        &[0x8b, 0x04],
        &[0x8b, 0x80, 0, 0],
        &[0x0f, 0x05],
        &[0x62, 0x00],
        &[0xf0, 0x01, 0xc0],
        &[0x2e, 0x8b, 0x00],
        &[0x3e, 0x8b, 0x00],
        &[0x67, 0x8b, 0x00],
        &[0x8d, 0xc0],
        &[0xc7, 0xc8, 0, 0, 0, 0],
        &[0xff, 0xff],
        &[0x48, 0x66, 0x90],
        &[0xf3, 0x01, 0xc0],
        &[0x66, 0xf2, 0x0f, 0x58, 0xc0],
    ];
    for bytes in cases {
        match X64.disassemble(bytes, 0) {
            Err(AsmError::Undecodable(_)) => {}
            other => panic!("{bytes:02x?}: {other:?}"),
        }
    }
}

/// Parses `tokens` (with splices) and encodes with `values` for the
/// splices, the way the macro's run-time code does.
fn with_splices(
    isa: &'static dyn Isa,
    tokens: &[Token],
    values: &[Operand],
) -> Result<Vec<u8>, AsmError> {
    let insn = isa.parse(&mut Cursor::new(tokens))?;
    let ops: Vec<Operand> = insn
        .args
        .iter()
        .map(|a| match a {
            asm_dsl_core::Arg::Const(v) => Operand::Imm(*v),
            asm_dsl_core::Arg::Splice { index, negate } => match (&values[*index], negate) {
                (Operand::Imm(v), true) => Operand::Imm(-v),
                (v, _) => v.clone(),
            },
            asm_dsl_core::Arg::Label(_) => panic!("no labels here"),
        })
        .collect();
    let mut asm = Assembler::new(isa);
    asm.insn(insn.form, &ops);
    asm.finish(0x10000)
}

fn id(s: &str) -> Token {
    Token::Ident(s.to_string())
}

/// GNU as's bytes for `text`, from the golden files (text column, or the
/// canonical column of an alias row).
fn golden(x64: bool, text: &str) -> Vec<u8> {
    let files = if x64 {
        [
            include_str!("golden/x64.txt"),
            include_str!("golden/x64-alias.txt"),
        ]
    } else {
        [
            include_str!("golden/x86.txt"),
            include_str!("golden/x86-alias.txt"),
        ]
    };
    for line in files.iter().flat_map(|f| f.lines()) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        if cols.len() >= 2 && (cols[0] == text || cols.get(2) == Some(&text)) {
            return cols[1]
                .split_whitespace()
                .map(|h| u8::from_str_radix(h, 16).unwrap())
                .collect();
        }
    }
    panic!("no golden row '{text}'");
}

#[test]
fn run_time_values_are_checked() {
    use Token::{Punct, Splice};
    let imm = Operand::Imm;
    // mov Rq{r}, Rq{s}
    let mov = [
        id("mov"),
        id("Rq"),
        Splice(0),
        Punct(','),
        id("Rq"),
        Splice(1),
    ];
    assert_eq!(
        with_splices(&X64, &mov, &[imm(8), imm(1)]).unwrap(),
        golden(true, "mov r8, rcx")
    );
    for bad in [16, -1, 256] {
        assert!(matches!(
            with_splices(&X64, &mov, &[imm(bad), imm(1)]),
            Err(AsmError::NoForm(_))
        ));
    }
    // Rd{r} in 32-bit mode: only eight registers.
    let mov32 = [
        id("mov"),
        id("Rd"),
        Splice(0),
        Punct(','),
        id("Rd"),
        Splice(1),
    ];
    assert!(matches!(
        with_splices(&X86, &mov32, &[imm(8), imm(1)]),
        Err(AsmError::NoForm(_))
    ));
    // Rb{4} is spl on x64 (REX) and ah on x86.
    let movb = [id("mov"), id("Rb"), Splice(0), Punct(','), id("al")];
    assert_eq!(
        with_splices(&X64, &movb, &[imm(4)]).unwrap(),
        golden(true, "mov spl, al")
    );
    assert_eq!(
        with_splices(&X86, &movb, &[imm(4)]).unwrap(),
        golden(false, "mov ah, al")
    );
    // add Rd{r}, {imm}: the encoding follows the value, the range is checked.
    let add = [id("add"), id("Rd"), Splice(0), Punct(','), Splice(1)];
    assert_eq!(
        with_splices(&X64, &add, &[imm(1), imm(9)]).unwrap(),
        golden(true, "add ecx, 9")
    );
    assert_eq!(
        with_splices(&X64, &add, &[imm(1), imm(0x100)]).unwrap(),
        golden(true, "add ecx, 0x100")
    );
    assert!(matches!(
        with_splices(&X64, &add, &[imm(1), imm(1 << 32)]),
        Err(AsmError::ImmRange(_))
    ));
    // mov eax, dword [Rq{b} + {disp}]: disp0/disp8/disp32 by value.
    let load = [
        id("mov"),
        id("eax"),
        Punct(','),
        id("dword"),
        Punct('['),
        id("Rq"),
        Splice(0),
        Punct('+'),
        Splice(1),
        Punct(']'),
    ];
    let enc = |b: i64, d: i64| with_splices(&X64, &load, &[imm(b), imm(d)]);
    for (b, d, text) in [
        (0, 0, "mov eax, dword [rax]"),
        (12, 0, "mov eax, dword [r12]"),
        (13, 8, "mov eax, dword [r13 + 8]"),
        (3, 8, "mov eax, dword [rbx + 8]"),
        (6, 0x1000, "mov eax, dword [rsi + 0x1000]"),
    ] {
        assert_eq!(enc(b, d).unwrap(), golden(true, text), "{text}");
    }
    assert!(matches!(enc(3, 1 << 31), Err(AsmError::ImmRange(_))));
    // [Rq{b} + Rq{i}] with i = rsp: swapped, since rsp cannot be an index.
    let sum = [
        id("lea"),
        id("rax"),
        Punct(','),
        Punct('['),
        id("Rq"),
        Splice(0),
        Punct('+'),
        id("Rq"),
        Splice(1),
        Punct(']'),
    ];
    assert_eq!(
        with_splices(&X64, &sum, &[imm(9), imm(4)]).unwrap(),
        golden(true, "lea rax, [rsp + r9]")
    );
    assert!(matches!(
        with_splices(&X64, &sum, &[imm(4), imm(4)]),
        Err(AsmError::NoForm(_))
    ));
    // A label value where an immediate splice stands: its absolute address
    // (golden rows are assembled at 0x10000, as `with_splices` does).
    let call = [id("call"), Splice(0)];
    assert_eq!(
        with_splices(&X64, &call, &[Operand::Label(Label::Absolute(0x10100))]).unwrap(),
        golden(true, "call 0x10100")
    );
    assert!(matches!(
        with_splices(
            &X64,
            &call,
            &[Operand::Label(Label::Absolute(0x9_0000_0000))]
        ),
        Err(AsmError::BranchRange(_))
    ));
    let movabs = [id("mov"), id("rax"), Punct(','), Splice(0)];
    let address = 0x1234_5678_9abc_def0;
    assert_eq!(
        with_splices(&X64, &movabs, &[Operand::Label(Label::Absolute(address))]).unwrap(),
        golden(true, "movabs rax, 0x123456789abcdef0")
    );
}

/// Statements GNU as rejects (`tools/gen-golden.py` asked it): we must
/// reject them as well, with an error value.
fn rejected_like_gnu_as(isa: &'static dyn Isa, file: &str, text: &str) {
    let mut accepted = Vec::new();
    let mut rows = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        rows += 1;
        if let Ok(bytes) = assemble_text(isa, line, 0x10000) {
            accepted.push(format!("{line} -> {bytes:02x?}"));
        }
    }
    assert!(rows > 0, "{file} has no rows");
    assert!(
        accepted.is_empty(),
        "{file}: accepted\n{}",
        accepted.join("\n")
    );
}

#[test]
fn statements_gnu_as_rejects_are_errors() {
    rejected_like_gnu_as(
        &X86,
        "x86-errors.txt",
        include_str!("golden/x86-errors.txt"),
    );
    rejected_like_gnu_as(
        &X64,
        "x64-errors.txt",
        include_str!("golden/x64-errors.txt"),
    );
}
