//! The registry of xlj's targets.
//!
//! Each instruction set lives in `targets/<isa>/`: its encoder and
//! disassembler in `targets/<isa>/isa` (used by `asm-dsl`), and, as they are
//! built, its interpreter template and JIT backend (`targets/x64`,
//! `targets/arm64`). This crate selects the host's target module for the
//! VM; neutral crates reach targets only through it.

use std::rc::Rc;

use xlj_runtime::interp::engine::Engine;

/// True if the host's target module has a generated interpreter.
pub const fn host_has_interpreter() -> bool {
    cfg!(any(target_arch = "x86_64", target_arch = "aarch64"))
}

/// The host's generated interpreter, if its target module has one. An
/// error is the generator's message (a template bug or a failed mapping
/// of executable memory); the caller falls back to the reference
/// interpreter or reports it.
pub fn host_interpreter() -> Option<Result<Rc<dyn Engine>, String>> {
    #[cfg(target_arch = "x86_64")]
    {
        Some(
            xlj_target_x64::interpreter()
                .map(|i| Rc::new(i) as Rc<dyn Engine>)
                .map_err(|e| e.to_string()),
        )
    }
    #[cfg(target_arch = "aarch64")]
    {
        Some(
            xlj_target_arm64::interpreter()
                .map(|i| Rc::new(i) as Rc<dyn Engine>)
                .map_err(|e| e.to_string()),
        )
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        None
    }
}

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
