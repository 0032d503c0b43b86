//! Prints how long the `asm!` macro takes per instruction on each ISA, for
//! a mix typical of an interpreter: a load with base, index and
//! displacement (where the ISA has one), an add, a floating-point load, a
//! zero-extending byte load, a compare, a branch to a dynamic label and a
//! branch to a global label. Every round starts from a fresh assembler and
//! includes label definitions and `finish`, as generating an interpreter
//! at start-up does.
//!
//! `cargo run --release -p asm-dsl --example encode_speed [rounds [isa]]`
//!
//! Timing is only reported here, never asserted in a test: speed depends
//! on the machine.

use asm_dsl::{asm, isa_by_name, Assembler};

/// Instructions per round.
const N: usize = 8_192;
/// Mixes sharing one dynamic branch target, defined after them.
const PER_TARGET: usize = 16;

fn x64(ops: &mut Assembler, i: usize) {
    use xlj_isa_x86::regs::{Gpr, Xmm};
    let (r, b, x) = (Gpr((i % 8) as u8), Gpr(14), Gpr(((i + 3) % 8) as u8 | 8));
    let (d, f) = ((i % 512) as i32 * 8, Xmm((i % 16) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(x64, ops;
        mov Rq{r}, [Rq{b} + Rq{x}*8 + {d}];
        add Rd{r}, {d};
        movsd xmm{f}, qword [Rq{b} + {d}];
        movzx Rd{r}, byte [Rq{b} + {d}];
        cmp Rq{r}, Rq{x};
        jne =>{t};
        jb ->vmeta;
        add Rq{b}, 8
    );
}

fn x86(ops: &mut Assembler, i: usize) {
    use xlj_isa_x86::regs::{Gpr, Xmm};
    let (r, b, x) = (Gpr((i % 4) as u8), Gpr(6), Gpr(((i + 1) % 4) as u8));
    let (d, f) = ((i % 512) as i32 * 8, Xmm((i % 8) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(x86, ops;
        mov Rd{r}, [Rd{b} + Rd{x}*8 + {d}];
        add Rd{r}, {d};
        movsd xmm{f}, qword [Rd{b} + {d}];
        movzx Rd{r}, byte [Rd{b} + {d}];
        cmp Rd{r}, Rd{x};
        jne =>{t};
        jb ->vmeta;
        add Rd{b}, 8
    );
}

fn arm64(ops: &mut Assembler, i: usize) {
    use xlj_isa_arm64::{Fpr, Gpr};
    let (r, b, x) = (Gpr((i % 16) as u8), Gpr(19), Gpr(((i + 1) % 16) as u8));
    let (d, f) = ((i % 512) as i64 * 8, Fpr((i % 32) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(arm64, ops;
        ldr x{r}, [x{b}, x{x}, lsl #3];
        add x{r}, x{r}, #{d};
        ldr d{f}, [x{b}, #{d}];
        ldrb w{r}, [x{b}, #{d}];
        cmp x{r}, x{x};
        b.ne =>{t};
        b.lo ->vmeta;
        add x{b}, x{b}, #8
    );
}

fn armv7(ops: &mut Assembler, i: usize) {
    use xlj_isa_arm::{DReg, Reg};
    let (r, b, x) = (Reg((i % 8) as u8), Reg(9), Reg(((i + 1) % 8) as u8));
    let (d, f) = ((i % 128) as i32 * 8, DReg((i % 16) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(armv7, ops;
        ldr r{r}, [r{b}, r{x}, lsl #3];
        add r{r}, r{r}, #{d};
        vldr d{f}, [r{b}, #{d}];
        ldrb r{r}, [r{b}, #{d}];
        cmp r{r}, r{x};
        bne =>{t};
        blo ->vmeta;
        add r{b}, r{b}, #8
    );
}

fn mips(ops: &mut Assembler, i: usize) {
    use xlj_isa_mips::regs::{Fpr, Gpr};
    let (r, b, x) = (
        Gpr(8 + (i % 8) as u8),
        Gpr(16),
        Gpr(8 + ((i + 1) % 8) as u8),
    );
    let (d, f) = ((i % 512) as i32 * 8, Fpr(2 * (i % 16) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(mips, ops;
        lw ${r}, {d}(${b});
        addiu ${r}, ${r}, {d};
        ldc1 $f{f}, {d}(${b});
        lbu ${r}, {d}(${b});
        bne ${r}, ${x}, =>{t};
        sltu ${r}, ${r}, ${x};
        beq ${r}, $zero, ->vmeta;
        addiu ${b}, ${b}, 8
    );
}

fn ppc(ops: &mut Assembler, i: usize) {
    use xlj_isa_ppc::{Fpr, Gpr};
    let (r, b, x) = (
        Gpr(3 + (i % 8) as u8),
        Gpr(14),
        Gpr(3 + ((i + 1) % 8) as u8),
    );
    let (d, f) = ((i % 512) as i32 * 8, Fpr((i % 32) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(ppc, ops;
        lwzx r{r}, r{b}, r{x};
        addi r{r}, r{r}, {d};
        lfd f{f}, {d}(r{b});
        lbz r{r}, {d}(r{b});
        cmplw r{r}, r{x};
        bne =>{t};
        blt ->vmeta;
        addi r{b}, r{b}, 8
    );
}

type Mix = fn(&mut Assembler, usize);

/// This thread's CPU time in nanoseconds: unlike wall time it leaves out
/// the time other processes had the CPU, which on a busy machine would
/// swamp the figures.
fn cpu_ns() -> u128 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

/// One round: nanoseconds per instruction.
fn round(name: &str, mix: Mix) -> f64 {
    let isa = isa_by_name(name).unwrap();
    let t = cpu_ns();
    let mut ops = Assembler::new(isa);
    for i in 0..N / 8 {
        mix(&mut ops, i);
        if i % PER_TARGET == PER_TARGET - 1 {
            ops.dynamic_label((i / PER_TARGET) as u32);
        }
        // Midway, so that 16-bit branches reach it from everywhere.
        if i == N / 16 {
            ops.global_label("vmeta");
        }
    }
    let code = ops.finish(0x1000_0000).unwrap();
    let ns = (cpu_ns() - t) as f64 / N as f64;
    assert!(code.len() >= N);
    ns
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(21);
    let mixes: [(&str, Mix); 7] = [
        ("x64", x64),
        ("x86", x86),
        ("arm64", arm64),
        ("armv7", armv7),
        ("mips", mips),
        ("mipsel", mips),
        ("ppc", ppc),
    ];
    let only = std::env::args().nth(2);
    for (name, mix) in mixes {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        // The mips mix names the big-endian ISA; the little-endian one
        // shares its encoder, so it reuses the mix through its own name.
        let mix: Mix = if name == "mipsel" { mipsel } else { mix };
        round(name, mix);
        let mut t: Vec<f64> = (0..rounds).map(|_| round(name, mix)).collect();
        t.sort_by(f64::total_cmp);
        println!(
            "{name:7} {:6.1} ns/insn (median of {rounds}, min {:.1})",
            t[rounds / 2],
            t[0]
        );
    }
}

fn mipsel(ops: &mut Assembler, i: usize) {
    use xlj_isa_mips::regs::{Fpr, Gpr};
    let (r, b, x) = (
        Gpr(8 + (i % 8) as u8),
        Gpr(16),
        Gpr(8 + ((i + 1) % 8) as u8),
    );
    let (d, f) = ((i % 512) as i32 * 8, Fpr(2 * (i % 16) as u8));
    let t = (i / PER_TARGET) as u32;
    asm!(mipsel, ops;
        lw ${r}, {d}(${b});
        addiu ${r}, ${r}, {d};
        ldc1 $f{f}, {d}(${b});
        lbu ${r}, {d}(${b});
        bne ${r}, ${x}, =>{t};
        sltu ${r}, ${r}, ${x};
        beq ${r}, $zero, ->vmeta;
        addiu ${b}, ${b}, 8
    );
}
