//! The same small functions for every ISA, run natively where the host
//! is that ISA (directly or under qemu-user via `cargo xtask cross-test`):
//! add two numbers, a counted loop with a backward branch, an exit branch
//! that is redirected by patching (which on the RISC ISAs exercises the
//! instruction-cache flush). On other hosts each set is still assembled
//! and placed in executable memory, just not called. Results are checked
//! by arithmetic.

use asm_dsl::{asm, isa_by_name, Assembler, ExecBuffer, FinishExec, Label};

/// `add(a, b) = a + b`, `sum(n) = n + ... + 1`, `f() = 1` through exit 1.
struct Functions {
    buf: ExecBuffer,
    /// Re-encodes the exit branch at `->f` to jump to an address.
    redirect: fn(&mut ExecBuffer, u64),
}

fn assembler(name: &str) -> Assembler {
    Assembler::new(isa_by_name(name).unwrap())
}

fn x86() -> Functions {
    let mut ops = assembler("x86");
    // cdecl: arguments on the stack above the return address.
    asm!(x86, ops;
        ->add:
        mov eax, dword [esp + 4];
        add eax, dword [esp + 8];
        ret;
        ->sum:
        mov ecx, dword [esp + 4];
        xor eax, eax;
        test ecx, ecx;
        jz >2;
        1: add eax, ecx;
        sub ecx, 1;
        jnz <1;
        2: ret;
        ->f:
        jmp =>1;
        =>1: mov eax, 1; ret;
        =>2: mov eax, 2; ret
    );
    fn redirect(buf: &mut ExecBuffer, to: u64) {
        let at = buf.global_offset("f").unwrap();
        buf.patch_asm(at, |ops| asm!(x86, ops; jmp {Label::Absolute(to)}))
            .unwrap();
    }
    Functions {
        buf: ops.finish_exec().unwrap(),
        redirect,
    }
}

fn arm64() -> Functions {
    let mut ops = assembler("arm64");
    asm!(arm64, ops;
        ->add:
        add x0, x0, x1;
        ret;
        ->sum:
        mov x2, x0;
        mov x0, #0;
        cbz x2, >2;
        1: add x0, x0, x2;
        subs x2, x2, #1;
        b.ne <1;
        2: ret;
        ->f:
        b =>1;
        =>1: mov x0, #1; ret;
        =>2: mov x0, #2; ret
    );
    fn redirect(buf: &mut ExecBuffer, to: u64) {
        let at = buf.global_offset("f").unwrap();
        buf.patch_asm(at, |ops| asm!(arm64, ops; b {Label::Absolute(to)}))
            .unwrap();
    }
    Functions {
        buf: ops.finish_exec().unwrap(),
        redirect,
    }
}

fn armv7() -> Functions {
    let mut ops = assembler("armv7");
    asm!(armv7, ops;
        ->add:
        add r0, r0, r1;
        bx lr;
        ->sum:
        mov r2, r0;
        mov r0, #0;
        cmp r2, #0;
        beq >2;
        1: add r0, r0, r2;
        subs r2, r2, #1;
        bne <1;
        2: bx lr;
        ->f:
        b =>1;
        =>1: mov r0, #1; bx lr;
        =>2: mov r0, #2; bx lr
    );
    fn redirect(buf: &mut ExecBuffer, to: u64) {
        let at = buf.global_offset("f").unwrap();
        // ARM takes an absolute branch target as a plain number.
        let to = to as i64;
        buf.patch_asm(at, |ops| asm!(armv7, ops; b {to})).unwrap();
    }
    Functions {
        buf: ops.finish_exec().unwrap(),
        redirect,
    }
}

macro_rules! mips_functions {
    ($isa:ident, $name:literal) => {{
        let mut ops = assembler($name);
        // Branch delay slots are written out: every branch is followed by
        // the instruction that runs with it.
        asm!($isa, ops;
            ->add:
            jr $ra;
            addu $v0, $a0, $a1;
            ->sum:
            beq $a0, $zero, >2;
            move $v0, $zero;
            1: addu $v0, $v0, $a0;
            addiu $a0, $a0, -1;
            bne $a0, $zero, <1;
            nop;
            2: jr $ra;
            nop;
            ->f:
            b =>1;
            nop;
            =>1: jr $ra; li $v0, 1;
            =>2: jr $ra; li $v0, 2
        );
        fn redirect(buf: &mut ExecBuffer, to: u64) {
            let at = buf.global_offset("f").unwrap();
            buf.patch_asm(at, |ops| asm!($isa, ops; b {Label::Absolute(to)}))
                .unwrap();
        }
        Functions {
            buf: ops.finish_exec().unwrap(),
            redirect,
        }
    }};
}

fn mips() -> Functions {
    mips_functions!(mips, "mips")
}

fn mipsel() -> Functions {
    mips_functions!(mipsel, "mipsel")
}

fn ppc() -> Functions {
    let mut ops = assembler("ppc");
    asm!(ppc, ops;
        ->add:
        add r3, r3, r4;
        blr;
        ->sum:
        li r5, 0;
        cmpwi r3, 0;
        beq >2;
        1: add r5, r5, r3;
        addi r3, r3, -1;
        cmpwi r3, 0;
        bne <1;
        2: mr r3, r5;
        blr;
        ->f:
        b =>1;
        =>1: li r3, 1; blr;
        =>2: li r3, 2; blr
    );
    fn redirect(buf: &mut ExecBuffer, to: u64) {
        let at = buf.global_offset("f").unwrap();
        buf.patch_asm(at, |ops| asm!(ppc, ops; b {Label::Absolute(to)}))
            .unwrap();
    }
    Functions {
        buf: ops.finish_exec().unwrap(),
        redirect,
    }
}

/// Runs the functions; only called for the host's own ISA.
#[allow(dead_code)]
fn run(mut fx: Functions) {
    type Fn2 = extern "C" fn(isize, isize) -> isize;
    type Fn1 = extern "C" fn(isize) -> isize;
    type Fn0 = extern "C" fn() -> isize;
    let add: Fn2 = unsafe { fx.buf.entry("add") }.unwrap();
    assert_eq!(add(40, 2), 42);
    assert_eq!(add(-7, 3), -4);
    let sum: Fn1 = unsafe { fx.buf.entry("sum") }.unwrap();
    for n in [0, 1, 2, 10, 1000] {
        assert_eq!(sum(n), n * (n + 1) / 2, "sum({n})");
    }
    let f: Fn0 = unsafe { fx.buf.entry("f") }.unwrap();
    assert_eq!(f(), 1);
    let exit2 = fx.buf.dynamic_addr(2).unwrap();
    (fx.redirect)(&mut fx.buf, exit2);
    assert_eq!(f(), 2);
    let exit1 = fx.buf.dynamic_addr(1).unwrap();
    (fx.redirect)(&mut fx.buf, exit1);
    assert_eq!(f(), 1);
}

/// Every ISA's functions assemble and map on any host; the host's own
/// ISA also runs them.
#[test]
fn functions_for_every_isa() {
    let all: [(&str, fn() -> Functions); 6] = [
        ("x86", x86),
        ("arm64", arm64),
        ("armv7", armv7),
        ("mips", mips),
        ("mipsel", mipsel),
        ("ppc", ppc),
    ];
    for (name, build) in all {
        let mut fx = build();
        assert!(fx.buf.len() >= 30, "{name}");
        // Patching works on any host whose addresses the ISA can name (a
        // 32-bit ISA cannot branch to a 64-bit host's addresses):
        // redirecting the exit and back must restore the original bytes.
        if fx.buf.isa().caps().pointer_bits as u32 >= usize::BITS {
            let before = fx.buf.code().to_vec();
            let (exit1, exit2) = (fx.buf.dynamic_addr(1), fx.buf.dynamic_addr(2));
            (fx.redirect)(&mut fx.buf, exit2.unwrap());
            assert_ne!(fx.buf.code(), &before[..], "{name}");
            (fx.redirect)(&mut fx.buf, exit1.unwrap());
            assert_eq!(fx.buf.code(), &before[..], "{name}");
        }
        let native = match name {
            "x86" => cfg!(target_arch = "x86"),
            "arm64" => cfg!(target_arch = "aarch64"),
            "armv7" => cfg!(target_arch = "arm"),
            "mips" => cfg!(all(target_arch = "mips", target_endian = "big")),
            "mipsel" => cfg!(all(target_arch = "mips", target_endian = "little")),
            "ppc" => cfg!(target_arch = "powerpc"),
            _ => false,
        };
        if native {
            run(fx);
            println!("{name}: ran natively");
        }
    }
}
