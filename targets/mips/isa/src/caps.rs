//! The capabilities neutral code may ask about: one MIPS32 ISA stored in
//! either byte order. Instruction words are identical in both; only the
//! order of their four bytes in memory differs.

use asm_dsl_core::{Caps, Endian};

/// Big-endian MIPS32 (`mips-linux-gnu`).
pub static CAPS_BE: Caps = Caps {
    name: "mips",
    pointer_bits: 32,
    endian: Endian::Big,
    insn_align: 4,
    // MIPS keeps separate instruction and data caches: code written as data
    // needs `synci`/cacheflush before it runs.
    icache_coherent: false,
};

/// Little-endian MIPS32 (`mipsel-linux-gnu`).
pub static CAPS_LE: Caps = Caps {
    name: "mipsel",
    pointer_bits: 32,
    endian: Endian::Little,
    insn_align: 4,
    icache_coherent: false,
};
