//! What neutral code may ask about ARM64: a 64-bit little-endian ISA with
//! fixed 4-byte instructions whose instruction cache is not coherent with
//! data stores, so code written at run time needs an explicit flush
//! (`asm-dsl` does it when it maps code executable).

use asm_dsl_core::{Caps, Endian};

pub static CAPS: Caps = Caps {
    name: "arm64",
    pointer_bits: 64,
    endian: Endian::Little,
    insn_align: 4,
    icache_coherent: false,
};
