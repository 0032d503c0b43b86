//! Encoding allocates nothing. Generating an interpreter at VM start-up
//! runs thousands of `asm!` instructions, so the per-instruction path
//! must not touch the heap: once an assembler has reserved room for its
//! code, relocations and labels, encoding a representative mix on every
//! ISA — registers and immediates spliced in, memory operands, local,
//! global, dynamic and absolute labels, label definitions, alignment,
//! data — and finishing it must not allocate at all.
//!
//! A counting global allocator (per thread, so that tests running in
//! parallel do not disturb each other) checks it. This is a correctness
//! test: it counts allocations, it does not time anything.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use asm_dsl::{asm, isa_by_name, Assembler, GlobalName, Label};

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: a thread being torn down has no counter left to bump.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: `ptr` came from this allocator, which is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, which is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Allocations made on this thread while `f` runs.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCS.with(Cell::get);
    let r = f();
    (ALLOCS.with(Cell::get) - before, r)
}

/// Rounds of each mix: enough that a per-instruction allocation could
/// not hide, few enough for the reserved room.
const ROUNDS: usize = 64;

/// Reserves room, runs `mix` for every round inside the count, defines
/// the labels the mixes use and finishes.
fn check(isa: &str, mix: fn(&mut Assembler, usize)) {
    let mut ops = Assembler::with_capacity(isa_by_name(isa).unwrap(), 64 * 1024, 1024);
    ops.reserve_labels(4, ROUNDS as u32);
    static ENTRY: GlobalName = GlobalName::new("entry");
    let (n, code) = allocations(move || {
        ops.define_global(&ENTRY);
        for i in 0..ROUNDS {
            mix(&mut ops, i);
            ops.dynamic_label(i as u32);
        }
        ops.finish(0x1000_0000)
    });
    let code = code.unwrap_or_else(|e| panic!("{isa}: {e}"));
    assert!(code.len() > ROUNDS * 8, "{isa}: {} bytes", code.len());
    assert_eq!(n, 0, "{isa}: {n} allocations while assembling");
}

#[test]
fn x64_encoding_does_not_allocate() {
    use xlj_isa_x86::regs::{Gpr, Xmm};
    check("x64", |ops, i| {
        let (r, b, x) = (Gpr((i % 16) as u8), Gpr(3), Gpr(8 + (i % 4) as u8));
        let (d, f, k) = (i as i32 * 8, Xmm((i % 16) as u8), 1000 * i as i64);
        asm!(x64, ops;
            1:
            mov Rq{r}, [Rq{b} + Rq{x}*8 + {d}];
            mov qword [Rq{b} + {d}], Rq{r};
            add Rd{r}, {d};
            sub Rq{r}, Rq{x};
            cmp dword [Rq{b} + 16], {k as i32};
            test Rd{r}, Rd{r};
            lea Rq{r}, [Rq{b} + Rq{x}*4 - 8];
            movzx Rd{r}, byte [Rq{b} + {d}];
            movsx Rd{r}, word [Rq{b} + Rq{x}*2];
            movsd xmm{f}, qword [Rq{b} + {d}];
            addsd xmm{f}, xmm1;
            ucomisd xmm0, qword [rsp + 8];
            cvtsi2sd xmm{f}, Rq{r};
            mov rax, {k};
            shl Rq{r}, 3;
            imul Rd{r}, Rd{x}, 24;
            setne al;
            cmovl Rq{r}, Rq{x};
            mov rcx, {Label::Dynamic(i as u32)};
            lea rdx, [->entry];
            jne =>{i as u32};
            jb ->entry;
            jmp short >2;
            call {Label::Absolute(0x1000_0000)};
            2: jmp <1;
            push Rq{b}; pop Rq{b};
            .align 16;
            .dword {k};
            ret
        );
    });
}

#[test]
fn x86_encoding_does_not_allocate() {
    use xlj_isa_x86::regs::{Gpr, Xmm};
    check("x86", |ops, i| {
        let (r, b, x) = (Gpr((i % 8) as u8), Gpr(3), Gpr((i % 4) as u8));
        let (d, f) = (i as i32 * 8, Xmm((i % 8) as u8));
        asm!(x86, ops;
            1:
            mov Rd{r}, [Rd{b} + Rd{x}*8 + {d}];
            add Rd{r}, {d};
            movzx Rd{r}, byte [Rd{b} + {d}];
            movsd xmm{f}, qword [Rd{b} + {d}];
            fld qword [esp + 8];
            mov eax, {Label::Dynamic(i as u32)};
            jne =>{i as u32};
            jb ->entry;
            2: jmp <1;
            ret
        );
    });
}

#[test]
fn arm64_encoding_does_not_allocate() {
    use xlj_isa_arm64::{Fpr, Gpr};
    check("arm64", |ops, i| {
        let (r, b, x) = (Gpr((i % 16) as u8), Gpr(19), Gpr(((i + 1) % 16) as u8));
        let (d, f) = (i as i64 * 8, Fpr((i % 32) as u8));
        asm!(arm64, ops;
            1:
            ldr x{r}, [x{b}, x{x}, lsl #3];
            add x{r}, x{r}, #{d};
            ldr d{f}, [x{b}, #{d}];
            ldrb w{r}, [x{b}, #{d}];
            mov x0, #{0x1234_5678u64 + d as u64};
            cmp x{r}, x{x};
            b.ne =>{i as u32};
            cbz x{r}, >2;
            b.lo ->entry;
            bl {Label::Absolute(0x1000_0000)};
            2: b <1;
            ret x30
        );
    });
}

#[test]
fn armv7_encoding_does_not_allocate() {
    use xlj_isa_arm::{DReg, Reg};
    check("armv7", |ops, i| {
        let (r, b, x) = (Reg((i % 8) as u8), Reg(9), Reg(((i + 1) % 8) as u8));
        let (d, f) = ((i % 128) as i32 * 8, DReg((i % 16) as u8));
        asm!(armv7, ops;
            1:
            ldr r{r}, [r{b}, r{x}, lsl #3];
            add r{r}, r{r}, #{d};
            vldr d{f}, [r{b}, #{d}];
            ldrb r{r}, [r{b}, #{d}];
            push {r4, r5, lr};
            cmp r{r}, r{x};
            bne =>{i as u32};
            blo ->entry;
            beq >2;
            2: b <1;
            bx lr
        );
    });
}

#[test]
fn mips_encoding_does_not_allocate() {
    use xlj_isa_mips::regs::{Fpr, Gpr};
    for (isa, mix) in [
        ("mips", mips_mix as fn(&mut Assembler, usize)),
        ("mipsel", mipsel_mix),
    ] {
        check(isa, mix);
    }

    fn mips_mix(ops: &mut Assembler, i: usize) {
        let (r, b, x) = (
            Gpr(8 + (i % 8) as u8),
            Gpr(16),
            Gpr(8 + ((i + 1) % 8) as u8),
        );
        let (d, f) = (i as i32 * 8, Fpr(2 * (i % 16) as u8));
        asm!(mips, ops;
            1:
            lw ${r}, {d}(${b});
            addiu ${r}, ${r}, {d};
            ldc1 $f{f}, {d}(${b});
            li ${r}, {0x12345 * i as i32};
            bne ${r}, ${x}, =>{i as u32};
            nop;
            beq ${r}, $zero, ->entry;
            nop;
            beq ${r}, ${x}, >2;
            nop;
            2: b <1;
            nop;
            jr $ra;
            nop
        );
    }

    fn mipsel_mix(ops: &mut Assembler, i: usize) {
        let (r, b) = (Gpr(8 + (i % 8) as u8), Gpr(16));
        let d = i as i32 * 8;
        asm!(mipsel, ops;
            1:
            lw ${r}, {d}(${b});
            addiu ${r}, ${r}, {d};
            bne ${r}, $zero, =>{i as u32};
            nop;
            beq ${r}, $zero, ->entry;
            nop;
            b <1;
            nop
        );
    }
}

#[test]
fn ppc_encoding_does_not_allocate() {
    use xlj_isa_ppc::{Fpr, Gpr};
    check("ppc", |ops, i| {
        let (r, b, x) = (
            Gpr(3 + (i % 8) as u8),
            Gpr(14),
            Gpr(3 + ((i + 1) % 8) as u8),
        );
        let (d, f) = (i as i32 * 8, Fpr((i % 32) as u8));
        asm!(ppc, ops;
            1:
            lwzx r{r}, r{b}, r{x};
            addi r{r}, r{r}, {d};
            lfd f{f}, {d}(r{b});
            lbz r{r}, {d}(r{b});
            cmplw r{r}, r{x};
            bne =>{i as u32};
            blt ->entry;
            beq cr7, >2;
            2: b <1;
            blr
        );
    });
}

/// The counter is live: an allocation inside the measured code is seen,
/// so the tests above could fail.
#[test]
fn the_counter_sees_allocations() {
    let (n, v) = allocations(|| vec![1u8; 100]);
    assert_eq!(v.len(), 100);
    assert!(n >= 1);
}
