//! Code assembled by the macro for x64 runs natively on x64 hosts: small
//! functions (arithmetic, a loop with a backward branch, calls, spliced
//! constants), then patched in place and run again. Results are checked
//! by arithmetic in Rust.

#![cfg(all(unix, target_arch = "x86_64"))]

use asm_dsl::{asm, isa_by_name, AsmError, Assembler, ExecBuffer, FinishExec, Label};
use xlj_isa_x86::regs::{Gpr, RAX, RDI, RSI};

type Fn1 = extern "C" fn(i64) -> i64;
type Fn2 = extern "C" fn(i64, i64) -> i64;

fn x64() -> Assembler {
    Assembler::new(isa_by_name("x64").unwrap())
}

/// Exit stubs 1 and 2 return their number; `->f` jumps to stub 1.
fn with_exits(ops: &mut Assembler) {
    asm!(x64, ops;
        ->f:
        jmp =>1;
        .align 16;
        =>1: mov eax, 1; ret;
        =>2: mov eax, 2; ret
    );
}

fn build() -> ExecBuffer {
    let mut ops = x64();
    let (acc, a, b) = (RAX, RDI, RSI);
    let k = 1000;
    asm!(x64, ops;
        ->add:
        mov Rq{acc}, Rq{a};
        add Rq{acc}, Rq{b};
        ret;

        // sum(n) = n + (n-1) + ... + 1, counting down to zero.
        ->sum:
        xor eax, eax;
        test rdi, rdi;
        jz >2;
        1: add rax, rdi;
        sub rdi, 1;
        jnz <1;
        2: ret;

        ->addk:
        lea rax, [Rq{a} + {k}];
        ret;

        ->subk:
        lea rax, [rdi - {k}];
        ret;

        // Calls a local subroutine twice: 4 * x.
        ->quad:
        push rbx;
        mov rbx, rdi;
        call ->double;
        mov rdi, rax;
        call ->double;
        pop rbx;
        ret;
        ->double:
        lea rax, [rdi + rdi];
        ret;

        // Doubles: (a + b) * a, int -> double, double -> int (truncating),
        // and a compare that picks the larger.
        ->fma:
        movapd xmm2, xmm0;
        addsd xmm0, xmm1;
        mulsd xmm0, xmm2;
        ret;
        ->i2d:
        cvtsi2sd xmm0, rdi;
        ret;
        ->d2i:
        cvttsd2si rax, xmm0;
        ret;
        ->fmax:
        ucomisd xmm0, xmm1;
        ja >1;
        movapd xmm0, xmm1;
        1: ret;
        // A double's bits through a general register.
        ->bits:
        movq rax, xmm0;
        ret;

        // Big constants through the load-any-constant form.
        ->big:
        mov rax, {0x1234_5678_9abc_def0u64 as i64};
        ret
    );
    with_exits(&mut ops);
    ops.finish_exec().unwrap()
}

fn f1(buf: &ExecBuffer, name: &str) -> Fn1 {
    unsafe { buf.entry(name) }.unwrap()
}

#[test]
fn runs_macro_assembled_functions() {
    let buf = build();
    let add: Fn2 = unsafe { buf.entry("add") }.unwrap();
    assert_eq!(add(40, 2), 42);
    assert_eq!(add(i64::MAX, 1), i64::MIN);
    let sum = f1(&buf, "sum");
    for n in [0, 1, 2, 10, 1000] {
        assert_eq!(sum(n), n * (n + 1) / 2, "sum({n})");
    }
    assert_eq!(f1(&buf, "addk")(5), 1005);
    assert_eq!(f1(&buf, "subk")(5), -995);
    assert_eq!(f1(&buf, "quad")(21), 84);
    assert_eq!(f1(&buf, "big")(0), 0x1234_5678_9abc_def0);
    assert_eq!(f1(&buf, "f")(0), 1);

    let fma: extern "C" fn(f64, f64) -> f64 = unsafe { buf.entry("fma") }.unwrap();
    assert_eq!(fma(1.5, 2.25), (1.5 + 2.25) * 1.5);
    let i2d: extern "C" fn(i64) -> f64 = unsafe { buf.entry("i2d") }.unwrap();
    assert_eq!(i2d(-(1 << 53)), -(2f64.powi(53)));
    let d2i: extern "C" fn(f64) -> i64 = unsafe { buf.entry("d2i") }.unwrap();
    assert_eq!(d2i(-7.9), -7);
    let fmax: extern "C" fn(f64, f64) -> f64 = unsafe { buf.entry("fmax") }.unwrap();
    assert_eq!(fmax(1.0, -2.0), 1.0);
    assert_eq!(fmax(-3.0, 0.5), 0.5);
    let bits: extern "C" fn(f64) -> u64 = unsafe { buf.entry("bits") }.unwrap();
    assert_eq!(bits(1.0), 1.0f64.to_bits());
}

#[test]
fn patching_redirects_an_exit() {
    let mut buf = build();
    let f = buf.global_offset("f").unwrap();
    let exit2 = buf.dynamic_addr(2).unwrap();
    assert_eq!(f1(&buf, "f")(0), 1);
    // Re-encode the jump at ->f to reach exit 2 (same 5-byte rel32 form).
    let n = buf
        .patch_asm(f, |ops| asm!(x64, ops; jmp {Label::Absolute(exit2)}))
        .unwrap();
    assert_eq!(n, 5);
    assert_eq!(f1(&buf, "f")(0), 2);
    // And back, with the target spliced as a plain address.
    let exit1 = buf.dynamic_addr(1).unwrap();
    buf.patch_asm(f, |ops| asm!(x64, ops; jmp {exit1 as i64}))
        .unwrap();
    assert_eq!(f1(&buf, "f")(0), 1);
    // Patching a constant: `add` becomes `sub`.
    let add_at = buf.global_offset("add").unwrap();
    buf.patch_asm(add_at, |ops| asm!(x64, ops; mov rax, rdi; sub rax, rsi))
        .unwrap();
    let add: Fn2 = unsafe { buf.entry("add") }.unwrap();
    assert_eq!(add(40, 2), 38);
}

#[test]
fn bad_patches_are_errors() {
    let mut buf = build();
    let end = buf.len();
    // Too long for the space left.
    let r = buf.patch_asm(end - 2, |ops| asm!(x64, ops; jmp =>0; =>0:));
    assert!(matches!(r, Err(AsmError::Memory(_))), "{r:?}");
    // Undefined label in the patch.
    let r = buf.patch_asm(0, |ops| asm!(x64, ops; jmp ->nowhere));
    assert!(matches!(r, Err(AsmError::Label(_))), "{r:?}");
    // Code still intact.
    assert_eq!(f1(&buf, "sum")(4), 10);
}

#[test]
fn run_time_values_are_checked() {
    // A displacement that does not fit 32 bits is refused, not truncated.
    let mut ops = x64();
    let far = 1i64 << 40;
    asm!(x64, ops; lea rax, [rdi + {far}]);
    assert!(matches!(ops.finish_exec(), Err(AsmError::ImmRange(_))));
    // A register number outside the file.
    let mut ops = x64();
    asm!(x64, ops; mov Rq{Gpr(16)}, rax);
    assert!(ops.finish_exec().is_err());
    // A rel8 branch that cannot reach.
    let mut ops = x64();
    asm!(x64, ops; jmp short >1; .align 256; 1: ret);
    assert!(matches!(ops.finish_exec(), Err(AsmError::BranchRange(_))));
}

/// Not a timed test: prints x64 encoding speed for the report.
#[test]
fn run_time_cost_per_instruction() {
    const N: usize = 20_000;
    let mut ops = x64();
    let t = std::time::Instant::now();
    for i in 0..N / 4 {
        let r = Gpr((i % 16) as u8);
        asm!(x64, ops;
            mov Rq{r}, [rsp + {i as i32 * 8}];
            add Rq{r}, {i as i32};
            cmp Rq{r}, rax;
            jne =>{(i % 64) as u32}
        );
    }
    for i in 0..64 {
        asm!(x64, ops; =>{i}: nop);
    }
    let code = ops.finish(0x1000_0000).unwrap();
    let ns = t.elapsed().as_nanos() as f64 / N as f64;
    assert!(code.len() > 4 * N);
    println!("x64: {N} instructions, {ns:.1} ns/insn (incl. labels and finish)");
}

/// Trace linking across buffers: one buffer's exit is redirected into
/// another buffer. Buffers are mapped wherever the kernel chooses, so a
/// rel32 jump may not reach; then the patch must be refused, never wrong.
#[test]
fn links_one_buffer_into_another() {
    let mut a = x64();
    with_exits(&mut a);
    let mut a = a.finish_exec().unwrap();
    let mut b = x64();
    asm!(x64, b; ->g: mov eax, 42; ret);
    let b = b.finish_exec().unwrap();
    let g = b.global_addr("g").unwrap();
    let f = a.global_offset("f").unwrap();
    match a.patch_asm(f, |ops| asm!(x64, ops; jmp {Label::Absolute(g)})) {
        Ok(_) => assert_eq!(f1(&a, "f")(0), 42),
        Err(e) => assert!(matches!(e, AsmError::BranchRange(_)), "{e}"),
    }
}
