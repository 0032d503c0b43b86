//! What neutral code may ask about ARMv7: a 32-bit little-endian ISA with
//! 4-byte instructions and an instruction cache that must be flushed after
//! writing code (ARM caches are not coherent with data stores).

use asm_dsl_core::{Caps, Endian};

/// ARMv7-A, ARM state (A32), little-endian, VFPv3-D16.
pub static CAPS: Caps = Caps {
    name: "armv7",
    pointer_bits: 32,
    endian: Endian::Little,
    insn_align: 4,
    icache_coherent: false,
};
