//! The registry of instruction sets: the one place an ISA is added.

use asm_dsl_core::Isa;

/// Every registered ISA, by the name the macro and `xasm --arch` use.
pub static ISAS: &[&dyn Isa] = &[
    &xlj_isa_x86::X86,
    &xlj_isa_x86::X64,
    &xlj_isa_arm::ARM,
    &xlj_isa_arm64::ARM64,
    &xlj_isa_mips::MIPS,
    &xlj_isa_mips::MIPSEL,
    &xlj_isa_ppc::PPC,
];

/// Looks an ISA up by name.
pub fn isa_by_name(name: &str) -> Option<&'static dyn Isa> {
    ISAS.iter().copied().find(|i| i.caps().name == name)
}
