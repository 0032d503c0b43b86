//! MIPS32 (o32, hard float) for xlj's assembler DSL: parser, encoder,
//! relocations and disassembler, for both byte orders.
//!
//! # The ISA at a glance
//!
//! - **Target.** MIPS32 release 2 as LuaJIT's MIPS port assumes: 32
//!   general registers, an FPU with 32 registers in FR=0 mode (a double is
//!   an even/odd register pair named by the even one, so double operands
//!   and `ldc1`/`sdc1`/`mfhc1`/`mthc1` must name even registers), eight
//!   condition flags `$fcc0..7`. Release-2 instructions (`rotr`, `ext`,
//!   `ins`, `seb`, `seh`, `wsbh`, `mfhc1`, `mthc1`) are included; release 6
//!   is not.
//! - **Byte order.** [`MIPS`] is big-endian, [`MIPSEL`] little-endian. The
//!   instruction words are the same; only their byte order in memory
//!   differs (written through `Emitter::put_u32`).
//! - **Syntax.** GNU as: `addu $t0, $t1, $t2`, `addiu $sp, $sp, -16`,
//!   `lw $t0, 8($sp)`, `lui $at, 0x1234`, `beq $t0, $zero, >1`,
//!   `jal ->f`, `jr $ra`, `add.d $f0, $f2, $f4`, `c.lt.d $f0, $f2`,
//!   `c.lt.d $fcc1, $f0, $f2`, `bc1t >1`, `mfc1 $t0, $f1`. Registers by
//!   number (`$8`) or o32 ABI name (`$t0`; `$fp` = `$s8`); the disassembler
//!   prints ABI names as objdump does. `div`/`divu` take two operands (the
//!   hardware form: GNU as spells it `div $zero, $a0, $a1`). Aliases:
//!   `nop`, `move` (`or rd, rs, $zero`, as GNU as encodes it), `not`,
//!   `neg`, `negu`, `b`, `beqz`, `bnez`, `bal`, `jalr rs` (links `$ra`).
//! - **Splices.** `${expr}` is a general register, `$f{expr}` an FPU
//!   register, `$fcc{expr}` a flag, `{expr}` / `-{expr}` an immediate,
//!   `{off}(${base})` a memory operand, `=>{n}` a dynamic label. Register
//!   values are [`regs::Gpr`], [`regs::Fpr`], [`regs::Fcc`] or plain
//!   integers; all are range-checked when the code is assembled.
//! - **Branch delay slots are not filled.** Every branch and jump executes
//!   the instruction after it; the DSL emits exactly what is written (as
//!   DynASM's MIPS mode does), so the writer puts something useful or a
//!   `nop` in the slot. Nothing is ever reordered and `$at` is never used
//!   behind the writer's back.
//! - **Targets.** Branches reach ±128 KiB from the delay slot; `j`/`jal`
//!   reach the delay slot's 256 MiB region; both are checked when labels
//!   are resolved. A number as target is an absolute address.
//! - **Constants.** `li $t0, value` loads any 32-bit value with the
//!   shortest of `addiu`/`ori`/`lui`/`lui`+`ori`, chosen at run time for a
//!   spliced value; `li $t0, ->label` (or `la $t0, ->label`) is always
//!   `lui`+`ori` of the label's absolute address (`ori`, unlike GNU as's
//!   `la` with `addiu`, needs no carry adjustment of the high half).
//!
//! The modules: [`caps`], [`regs`] (register file), [`forms`] (the form
//! table every direction reads), `parse`, [`imms`] (immediate ranges),
//! `encode`, [`reloc`], `disasm`.

pub mod caps;
mod disasm;
mod encode;
pub mod forms;
pub mod imms;
mod parse;
pub mod regs;
pub mod reloc;

use asm_dsl_core::{AsmError, Caps, Cursor, Emitter, FormId, Insn, Isa, Operand, RelocKind};

/// MIPS32 in one byte order.
pub struct Mips32 {
    caps: &'static Caps,
    path: &'static str,
}

/// Big-endian MIPS32.
pub static MIPS: Mips32 = Mips32 {
    caps: &caps::CAPS_BE,
    path: "::xlj_isa_mips::MIPS",
};

/// Little-endian MIPS32.
pub static MIPSEL: Mips32 = Mips32 {
    caps: &caps::CAPS_LE,
    path: "::xlj_isa_mips::MIPSEL",
};

impl Isa for Mips32 {
    fn caps(&self) -> &'static Caps {
        self.caps
    }

    fn rust_path(&self) -> &'static str {
        self.path
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
        reloc::patch(self.caps.endian, kind, code, at, code_addr, target)
    }

    fn disassemble(&self, code: &[u8], addr: u64) -> Result<(usize, String), AsmError> {
        disasm::disassemble(self.caps.endian, code, addr)
    }
}
