//! xlj's arm64 target module.
//!
//! - [`abi`]: the register roles and the C-stack frame, declared once for
//!   the interpreter template and the (future) JIT backend;
//! - [`interp`]: the interpreter template that `vm-gen` assembles at
//!   start-up: gates, subroutines and one fragment per opcode.
//!
//! The encoder and disassembler are in `targets/arm64/isa`. Generated
//! code needs the instruction cache made coherent with the data cache
//! before it runs; `asm-dsl`'s `ExecBuffer` does that when it seals the
//! code (the ISA declares `icache_coherent: false`), so nothing here
//! flushes by hand.

pub mod abi;
pub mod interp;

pub use interp::Arm64Template;

/// Generates the arm64 interpreter.
pub fn interpreter() -> Result<xlj_vm_gen::GeneratedInterp, xlj_vm_gen::GenError> {
    xlj_vm_gen::generate(&Arm64Template)
}

#[cfg(test)]
mod tests {
    /// The template assembles on any host (nothing runs here): every
    /// opcode gets a fragment, every branch is in range, and the whole
    /// code decodes with the arm64 disassembler, instruction by
    /// instruction, so no splice produced a word the ISA does not have.
    #[test]
    fn generates_on_any_host_and_disassembles() {
        let interp = super::interpreter().expect("the arm64 template assembles");
        assert_eq!(interp.target(), "arm64");
        let code = interp.code();
        assert!(!code.is_empty() && code.len() % 4 == 0);
        let isa = asm_dsl::isa_by_name("arm64").unwrap();
        let mut at = 0;
        while at < code.len() {
            let (n, text) = isa
                .disassemble(&code[at..], at as u64)
                .unwrap_or_else(|e| panic!("undecodable word at {at:#x}: {e}"));
            assert_eq!(n, 4, "{text}");
            assert!(!text.starts_with(".inst"), "{at:#x}: {text}");
            at += n;
        }
        // Every fragment starts inside the code.
        let start = code.as_ptr() as u64;
        for op in 0..xlj_runtime::bc::OP_COUNT as u8 {
            let addr = interp.fragment_addr(op);
            assert!(addr >= start && addr < start + code.len() as u64);
        }
    }
}
