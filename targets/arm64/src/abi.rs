//! The arm64 interpreter's ABI at a glance.
//!
//! Fixed registers while Lua code runs (all callee-saved in AAPCS64, so
//! helper calls keep them):
//!
//! | role       | reg | holds                                              |
//! |------------|-----|----------------------------------------------------|
//! | `BASE`     | x19 | address of slot 0 of the running frame             |
//! | `PC`       | x20 | address of the next instruction                    |
//! | `KBASE`    | x21 | the running prototype's GC constants (`kgc`)       |
//! | `KNUM`     | x22 | the running prototype's number constants (`knum`)  |
//! | `DISPATCH` | x23 | the dispatch table, hot counters after it          |
//! | `REGS`     | x24 | the `EngineRegs` block the entry gate received     |
//!
//! x25-x28 are left for the JIT backend. Decoding leaves the operands in
//! fixed caller-saved registers: the instruction word is loaded into
//! w16 with a post-increment of PC, then `ubfx` takes A into w9 (RA) and
//! `lsr` takes D into w10 (RD); an ABC fragment splits D into B (w11,
//! RB) and C (w10). Every 32-bit write clears the upper half, so RA, RB
//! and RD index slots as whole x registers (`[BASE, x9, lsl #3]`).
//! x16/x17 (IP0/IP1) are the short-lived temporaries (no veneers sit
//! between the interpreter and the helpers it calls, so nothing else
//! clobbers them); x0-x8, x12-x15 and d0-d7, d16-d31 are scratch. The
//! interpreter never touches d8-d15, whose low halves are callee-saved.
//!
//! The C stack while the interpreter runs (16-byte aligned, so helpers
//! are called directly with `blr`):
//!
//! ```text
//!   [sp+88]   (padding to 16 bytes)
//!   [sp+72]   TEMP: two words a helper may write results to
//!   [sp+64]   SPILL: one word kept across a helper call
//!   [sp+48]   saved x23, x24
//!   [sp+32]   saved x21, x22
//!   [sp+16]   saved x19, x20
//!   [sp+0]    saved x29, x30: a frame record (x29 = sp), so debuggers
//!             and profilers can walk out of generated code
//! ```
//!
//! Lua frames are the runtime's (`xlj_runtime::vm::frame`): the function
//! at `BASE-16`, the frame link at `BASE-8`.

use xlj_isa_arm64::Gpr;
use xlj_runtime::vm::frame;

pub const BASE: Gpr = Gpr(19);
pub const PC: Gpr = Gpr(20);
pub const KBASE: Gpr = Gpr(21);
pub const KNUM: Gpr = Gpr(22);
pub const DISPATCH: Gpr = Gpr(23);
pub const REGS: Gpr = Gpr(24);

/// Operand A after decoding.
pub const RA: Gpr = Gpr(9);
/// Operand D (or C in an ABC fragment) after decoding.
pub const RD: Gpr = Gpr(10);
/// Operand B in an ABC fragment.
pub const RB: Gpr = Gpr(11);
/// The instruction word while decoding; a temporary afterwards.
pub const INS: Gpr = Gpr(16);
/// The second short-lived temporary.
pub const TMP: Gpr = Gpr(17);

/// The callee-saved registers the entry gate saves, in pairs, at
/// `[sp + 16]`, `[sp + 32]`, ...
pub const SAVED: [(Gpr, Gpr); 3] = [(BASE, PC), (KBASE, KNUM), (DISPATCH, REGS)];
/// Offset from sp of the spill word.
pub const SPILL: i32 = 64;
/// Offset from sp of the two result words.
pub const TEMP: i32 = 72;
/// Bytes of the C frame (a multiple of 16).
pub const FRAME_SIZE: i32 = 96;

/// Bytes of one stack slot (a value).
pub const SLOT: i32 = std::mem::size_of::<xlj_runtime::value::Value>() as i32;
/// Offset of the function from BASE.
pub const FUNC_SLOT: i32 = frame::FUNC_SLOT * SLOT;
/// Offset of the frame link from BASE.
pub const LINK_SLOT: i32 = frame::LINK_SLOT * SLOT;
