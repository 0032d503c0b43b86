//! The registry of xlj's targets.
//!
//! Each instruction set lives in `targets/<isa>/`: its encoder and
//! disassembler in `targets/<isa>/isa` (used by `asm-dsl`), and, as they are
//! built, its interpreter template and JIT backend. This crate will select
//! the host's target module for the VM; neutral crates reach targets only
//! through it.

/// The host's architecture as LuaJIT names it in `jit.arch`.
pub const fn host_arch_name() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "x64"
    } else if cfg!(target_arch = "x86") {
        "x86"
    } else if cfg!(all(target_arch = "arm", target_endian = "big")) {
        "armeb"
    } else if cfg!(target_arch = "arm") {
        "arm"
    } else if cfg!(all(target_arch = "aarch64", target_endian = "big")) {
        "arm64be"
    } else if cfg!(target_arch = "aarch64") {
        "arm64"
    } else if cfg!(all(target_arch = "mips", target_endian = "little")) {
        "mipsel"
    } else if cfg!(target_arch = "mips") {
        "mips"
    } else if cfg!(target_arch = "powerpc") {
        "ppc"
    } else {
        "unknown"
    }
}
