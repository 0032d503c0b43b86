//! The registry of instruction sets: the one place an ISA is added.
//!
//! The `asm!` macro looks ISAs up here at compile time (to parse
//! statements) and `xasm` at run time, so registering an ISA is one line in
//! [`ISAS`] plus the dependency on its crate.

use asm_dsl_core::Isa;

pub mod test_isa;

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

/// Looks an ISA up by name. Besides [`ISAS`] this finds `test`, the toy
/// ISA of [`test_isa`] that the DSL's own tests use.
pub fn isa_by_name(name: &str) -> Option<&'static dyn Isa> {
    ISAS.iter()
        .copied()
        .find(|i| i.caps().name == name)
        .or_else(|| (name == "test").then_some(&test_isa::TEST as &dyn Isa))
}
