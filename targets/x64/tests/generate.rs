//! Generating the x64 interpreter: every opcode gets its own fragment
//! inside the code, fast functions the template claims are reachable, and
//! the figures for the report (code size, generation time) are printed —
//! not asserted: this is not a timed test.

#![cfg(target_arch = "x86_64")]

use xlj_runtime::bc::OP_COUNT;

#[test]
fn every_opcode_has_a_fragment_inside_the_code() {
    let interp = xlj_target_x64::interpreter().expect("generates");
    let code = interp.code();
    let start = code.as_ptr() as u64;
    let end = start + code.len() as u64;
    let mut addrs: Vec<u64> = (0..OP_COUNT as u8).map(|op| interp.fragment_addr(op)).collect();
    for (op, &a) in addrs.iter().enumerate() {
        assert!(a >= start && a < end, "opcode {op} outside the code");
    }
    addrs.sort_unstable();
    addrs.dedup();
    assert_eq!(addrs.len(), OP_COUNT, "two opcodes share a fragment");
}

#[test]
fn generation_figures() {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..21 {
        let interp = xlj_target_x64::interpreter().expect("generates");
        times.push(interp.stats().time);
        bytes = interp.stats().code_bytes;
    }
    times.sort();
    eprintln!(
        "x64 interpreter: {bytes} bytes of code, generated in {:?} (median of 21; min {:?})",
        times[10], times[0]
    );
}
