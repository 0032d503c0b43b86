//! The ARMv7 instruction set (ARM state, VFPv3-D16 hard float) for xlj's
//! assembler DSL: parser, encoder, relocations and disassembler.
//!
//! # The ISA at a glance
//!
//! * **Words**: every instruction is one 32-bit little-endian word, 4-byte
//!   aligned. ARM state (A32) only; no Thumb.
//! * **Registers**: `r0`..`r15` (aliases `sl` `fp` `ip` `sp` `lr` `pc`,
//!   printed that way as objdump does), `d0`..`d15`, `s0`..`s31`; see
//!   [`regs`]. Splices: `r{e}`, `d{e}`, `s{e}`.
//! * **Syntax**: ARM UAL as GNU as accepts it. Condition suffixes on
//!   everything that has them (`addeq`, `ldrne`, `bgt`, `vaddeq.f64`), the
//!   `s` suffix before the condition (`addseq`), `#` immediates
//!   (`#4`, `#-8`, `#{e}`), `[rn, #off]`, `[rn, ±rm, lsl #n]`, `!`
//!   writeback, post-index `[rn], #off`, register lists `{r4-r11, lr}`.
//! * **Immediates**: data processing takes an 8-bit value rotated by an
//!   even amount, chosen by value at run time; unencodable values are
//!   refused. Unlike GNU as, no instruction is silently swapped for its
//!   twin (`add`/`sub`, `cmp`/`cmn`, `mov`/`mvn`, `and`/`bic`) to make a
//!   constant fit: the code says what it emits. `mov32 rd, #value` loads
//!   any constant with `mov`, `mvn` or `movw`+`movt`, chosen by value.
//! * **Labels**: `b`/`bl` (±32 MiB), `ldr rt, label` (±4095 bytes) and
//!   `vldr dd, label` (±1020 bytes) take `->name`, `=>n`, `>n`, `<n`; all
//!   are range-checked when the code is finished. `b 0x1234` branches to
//!   an absolute address (what the disassembler prints).
//!   `b`/`bl` also take a spliced absolute address (`bl {addr}`), and
//!   `adr rd, label` becomes `add`/`sub rd, pc, #d` when the label is known.
//! * **pc**: reads as the instruction's address plus 8. Where ARM makes it
//!   unpredictable (multiplies, `clz`, extends, `movw`, a register index,
//!   a halfword/dual transfer register, a block base) it is refused, as
//!   GNU as refuses it.
//! * **Not covered**: Thumb, `blx` to a label (it switches to Thumb),
//!   NEON, `ldrex`/`strex`, `mrs`/`msr`, user-mode loads (`ldrt`),
//!   `d16`..`d31`. `sdiv`/`udiv` are encoded although base ARMv7-A lacks
//!   them (ARMv7VE and later have them). VFP immediates must be literal
//!   numbers (no splices).
//!
//! The form table is in [`forms`]; its shapes each take a base word with
//! the condition and opcode bits, so [`encode`] only fills in operands.
//!
//! Tests: `tests/golden/arm.txt` (generated from GNU as by
//! `tools/gen-golden.py`, cross-checked with objdump) is assembled and
//! disassembled row by row, through text and through splices, and
//! compared with capstone; `arm-errors.txt` lists what GNU as rejects;
//! `arm-seq.txt` covers labels, literals, aliases and `mov32`.

pub mod caps;
pub mod disasm;
mod disasm_vfp;
pub mod encode;
pub mod forms;
pub mod imms;
pub mod parse;
mod parse_mem;
mod parse_vfp;
pub mod regs;
pub mod reloc;

use asm_dsl_core::{AsmError, Caps, Cursor, Emitter, FormId, Insn, Isa, Operand, RelocKind};

pub use regs::{DReg, Reg, SReg};

/// The ARMv7 instruction set.
pub struct Armv7 {
    caps: &'static Caps,
}

/// The registered static (`armv7` in the registry).
pub static ARM: Armv7 = Armv7 { caps: &caps::CAPS };

impl Isa for Armv7 {
    fn caps(&self) -> &'static Caps {
        self.caps
    }

    fn rust_path(&self) -> &'static str {
        "::xlj_isa_arm::ARM"
    }

    fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
        parse::parse(cur)
    }

    fn encode(&self, form: FormId, ops: &[Operand], out: &mut Emitter<'_>) -> Result<(), AsmError> {
        encode::encode(form, ops, out)
    }

    fn patch(
        &self,
        kind: RelocKind,
        code: &mut [u8],
        at: usize,
        code_addr: u64,
        target: u64,
    ) -> Result<(), AsmError> {
        reloc::patch(kind, code, at, code_addr, target)
    }

    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
        disasm::disassemble(code, addr)
    }
}
