//! What neutral code may ask about PowerPC32: 32-bit pointers, big-endian
//! words, 4-byte instructions, and an instruction cache that must be
//! flushed (`dcbst`/`sync`/`icbi`/`isync`) after code is written.

use asm_dsl_core::{Caps, Endian};

pub static PPC_CAPS: Caps = Caps {
    name: "ppc",
    pointer_bits: 32,
    endian: Endian::Big,
    insn_align: 4,
    icache_coherent: false,
};
