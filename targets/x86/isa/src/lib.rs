//! The x86 family for xlj's assembler DSL: one encoder and disassembler
//! serving 32-bit x86 ([`X86`]) and x64 ([`X64`]), as LuaJIT's single x86
//! backend does.
//!
//! # The ISA at a glance
//! - **Registers**: `rax..r15`, `eax..r15d`, `ax..r15w`, `al..r15b`
//!   (`spl bpl sil dil` need REX), `ah ch dh bh` (never with REX), and
//!   `xmm0..xmm15`, and the x87 stack `st0..st7` (also `st(N)`, `st`). In
//!   32-bit mode only the first eight of each exist and
//!   there are no 64-bit registers or operands; `ah..bh` are byte
//!   registers 4..7. See [`regs`] for special roles.
//! - **Syntax**: Intel, as DynASM-x64 writes it: destination first,
//!   `mov rax, qword [rbx + rcx*8 + 16]`; size keywords `byte word dword
//!   qword xmmword` before memory (needed only when no register gives the
//!   size; GNU's `ptr` is accepted after them); `rip`-relative
//!   `[rip + ->label]`, and on x64 `[->label]` means the same; on x86
//!   `[->label]` is an absolute address. `short` before a branch target
//!   asks for rel8. Segment overrides are statements of their own, as in
//!   DynASM: `fs; mov eax, dword [0]`. `mov r64, imm` is the load-any-constant macro
//!   (`mov r32, imm32`, `mov r64, simm32` or `movabs`, by value).
//! - **Splices**: `Rq{e}` `Rd{e}` `Rw{e}` `Rb{e}` (GPRs of 8/4/2/1 bytes),
//!   `Ra{e}` (pointer-sized GPR), `xmm{e}`; immediates and displacements
//!   `{e}`; memory `[Ra{base} + Ra{idx}*8 + {disp}]`. Spliced register
//!   values are [`regs::Gpr`]/[`regs::Xmm`] or plain integers.
//! - **Encoding**: little-endian, variable length, byte-aligned; encodings
//!   are chosen by value at run time (disp0/8/32, imm8/imm32, REX only
//!   when needed).
//! - **Disassembly** prints exactly what the parser reads, one canonical
//!   spelling: every memory operand (except `lea`'s) with its size keyword
//!   and without `ptr`; numbers in decimal from -9 to 9 and hex otherwise;
//!   immediates as signed values at the operand width; `[base + index*scale
//!   + disp]` with `*1` omitted when there is a base; branch targets as
//!   absolute addresses (rel8 ones after `short`); the nine recommended
//!   multi-byte nops as `nop N`.

mod caps;
pub mod disasm;
mod encode;
pub mod forms;
pub mod imms;
pub mod operand;
mod parse;
pub mod regs;
pub mod reloc;

use asm_dsl_core::{AsmError, Caps, Cursor, Emitter, FormId, Insn, Isa, Operand, RelocKind};

/// The processor mode an instruction is encoded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    X86,
    X64,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::X86 => "32-bit",
            Mode::X64 => "64-bit",
        }
    }

    /// Size of a pointer (and of address registers) in bytes.
    pub fn ptr_size(self) -> u8 {
        match self {
            Mode::X86 => 4,
            Mode::X64 => 8,
        }
    }

    /// How many GPRs and XMM registers exist.
    pub fn reg_count(self) -> u8 {
        match self {
            Mode::X86 => 8,
            Mode::X64 => 16,
        }
    }
}

/// One x86 mode behind the [`Isa`] seam.
pub struct X86Family {
    caps: &'static Caps,
    mode: Mode,
    path: &'static str,
}

pub static X86: X86Family = X86Family {
    caps: &caps::X86_CAPS,
    mode: Mode::X86,
    path: "::xlj_isa_x86::X86",
};

pub static X64: X86Family = X86Family {
    caps: &caps::X64_CAPS,
    mode: Mode::X64,
    path: "::xlj_isa_x86::X64",
};

impl X86Family {
    pub fn mode(&self) -> Mode {
        self.mode
    }
}

impl Isa for X86Family {
    fn caps(&self) -> &'static Caps {
        self.caps
    }

    fn rust_path(&self) -> &'static str {
        self.path
    }

    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        parse::parse(self.mode, cur)
    }

    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
        let mut insn = encode::Out::new();
        encode::encode(self.mode, form, ops, &mut insn)?;
        let start = out.offset();
        out.put_bytes(insn.bytes());
        if let Some((kind, at, label)) = &insn.reloc {
            out.reloc(*kind, start + at, label);
        }
        Ok(())
    }

    fn patch(
        &self,
        kind: RelocKind,
        code: &mut [u8],
        at: usize,
        code_addr: u64,
        target: u64,
    ) -> Result<(), AsmError> {
        reloc::patch(self.mode, kind, code, at, code_addr, target)
    }

    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
        disasm::disassemble(self.mode, code, addr)
    }
}
