//! What neutral code may ask about the two x86 modes.
//!
//! Both are little-endian, byte-aligned and icache-coherent (x86 snoops
//! stores to code, so patching needs no flush, only the W^X discipline).

use asm_dsl_core::{Caps, Endian};

pub static X86_CAPS: Caps = Caps {
    name: "x86",
    pointer_bits: 32,
    endian: Endian::Little,
    insn_align: 1,
    icache_coherent: true,
};

pub static X64_CAPS: Caps = Caps {
    name: "x64",
    pointer_bits: 64,
    endian: Endian::Little,
    insn_align: 1,
    icache_coherent: true,
};
