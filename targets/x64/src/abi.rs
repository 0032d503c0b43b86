//! The x64 interpreter's ABI at a glance.
//!
//! Fixed registers while Lua code runs (all callee-saved in the System V
//! ABI, so helper calls keep them):
//!
//! | role       | reg | holds                                              |
//! |------------|-----|----------------------------------------------------|
//! | `BASE`     | rbx | address of slot 0 of the running frame             |
//! | `PC`       | r12 | address of the next instruction                    |
//! | `KBASE`    | r13 | the running prototype's GC constants (`kgc`)       |
//! | `KNUM`     | r15 | the running prototype's number constants (`knum`)  |
//! | `DISPATCH` | r14 | the dispatch table, hot counters after it          |
//! | `REGS`     | rbp | the `EngineRegs` block the entry gate received     |
//!
//! Decoding leaves the operands in fixed scratch registers: the opcode
//! fetch is `mov eax, [PC]`, then `movzx ecx, ah` takes A (the high-byte
//! register is why RA must be rcx and RD rax), and `shr eax, 16` leaves D;
//! an ABC fragment splits D into B (`movzx edx, ah`) and C (`movzx eax,
//! al`). Everything else (rsi, rdi, r8-r11, xmm0-xmm15) is scratch.
//!
//! The C stack while the interpreter runs:
//!
//! ```text
//!   [rsp+72]  return address into Rust
//!   [rsp+64]  saved rbp
//!   [rsp+56]  saved rbx
//!   [rsp+48]  saved r12
//!   [rsp+40]  saved r13
//!   [rsp+32]  saved r14
//!   [rsp+24]  saved r15
//!   [rsp+8]   TEMP: two words a helper may write results to
//!   [rsp+0]   SPILL: one word kept across a helper call
//! ```
//!
//! `rsp` is 16-byte aligned there, so helpers are called directly.
//! Lua frames are the runtime's (`xlj_runtime::vm::frame`): the function
//! at `BASE-16`, the frame link at `BASE-8`.

use xlj_isa_x86::regs::{Gpr, RAX, RBP, RBX, RCX, RDX, R12, R13, R14, R15};
use xlj_runtime::vm::frame;

pub const BASE: Gpr = RBX;
pub const PC: Gpr = R12;
pub const KBASE: Gpr = R13;
pub const KNUM: Gpr = R15;
pub const DISPATCH: Gpr = R14;
pub const REGS: Gpr = RBP;

/// Operand A after decoding.
pub const RA: Gpr = RCX;
/// Operand D (or C in an ABC fragment) after decoding.
pub const RD: Gpr = RAX;
/// Operand B in an ABC fragment.
pub const RB: Gpr = RDX;

/// The callee-saved registers the entry gate saves, in push order.
pub const SAVED: [Gpr; 6] = [RBP, RBX, R12, R13, R14, R15];
/// Offset from rsp of the spill word.
pub const SPILL: i32 = 0;
/// Offset from rsp of the two result words.
pub const TEMP: i32 = 8;
/// Bytes below the saved registers (spill and result words; with the six
/// saved registers and the return address rsp stays 16-byte aligned).
pub const FRAME_PAD: i32 = 24;

/// Bytes of one stack slot (a value).
pub const SLOT: i32 = std::mem::size_of::<xlj_runtime::value::Value>() as i32;
/// Offset of the function from BASE.
pub const FUNC_SLOT: i32 = frame::FUNC_SLOT * SLOT;
/// Offset of the frame link from BASE.
pub const LINK_SLOT: i32 = frame::LINK_SLOT * SLOT;
