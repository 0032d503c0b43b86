//! Writes the generated x64 interpreter to a file and prints where each
//! opcode's fragment starts, for reading it with a disassembler:
//! `cargo run --release -p xlj-target-x64 --example dump_interp -- out.bin`
//! then `objdump -D -b binary -m i386:x86-64 out.bin`.

use xlj_runtime::bc::{Op, OP_COUNT};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "interp.bin".into());
    let interp = xlj_target_x64::interpreter().expect("generates");
    let base = interp.code().as_ptr() as u64;
    std::fs::write(&path, interp.code()).expect("write");
    let mut rows: Vec<(u64, &str)> = (0..OP_COUNT as u8)
        .map(|n| (interp.fragment_addr(n) - base, Op::from_u8(n).unwrap().name()))
        .collect();
    rows.sort();
    for (off, name) in rows {
        println!("{off:#06x} {name}");
    }
    eprintln!("wrote {} bytes to {path}", interp.code().len());
}
