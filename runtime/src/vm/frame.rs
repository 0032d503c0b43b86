//! The frame encoding, declared once for every engine.
//!
//! Frames use LuaJIT's two-slot (FR2) layout. `base` is slot 0 of the
//! running function; the two slots below it hold the function and the
//! *frame link*, which says how to get back to the caller:
//!
//! ```text
//!   base-2   function
//!   base-1   link: return pc (Lua caller)  | delta << 3 | type (others)
//!   base+0   slot 0 (first parameter)
//!   ...
//! ```
//!
//! A link whose low two bits are zero is the address of the instruction
//! after the caller's CALL (instructions are 4-byte aligned): a Lua
//! caller, whose base is found from the CALL's A operand. Otherwise the low
//! three bits are the type and the rest the distance in slots down to the
//! caller's base. All links have a clear top word, so they read as small
//! numbers and the collector can scan stacks without knowing frames.
//!
//! A continuation frame (a metamethod called by an instruction) has two
//! more slots below its function: the continuation (what to do with the
//! result) and the pc to resume at:
//!
//! ```text
//!   base-4   continuation: kind | extra << 8
//!   base-3   resume pc
//!   base-2   metamethod
//!   base-1   delta << 3 | CONT
//! ```
//!
//! A vararg function's frame is a copy of its call frame placed above the
//! arguments (link `VARG`), so the extra arguments stay below it.

use crate::bc::Ins;
use crate::value::Value;

/// Where the function sits, in slots relative to `base`.
pub const FUNC_SLOT: i32 = -2;
/// Where the frame link sits, in slots relative to `base`.
pub const LINK_SLOT: i32 = -1;

/// A Lua caller (return pc in the link).
pub const LUA: u64 = 0;
/// Called from Rust (an entry into the interpreter).
pub const C: u64 = 1;
/// A metamethod called by an instruction.
pub const CONT: u64 = 2;
/// The fixed part of a vararg function, above its arguments.
pub const VARG: u64 = 3;
/// Called by `pcall`.
pub const PCALL: u64 = 6;
/// Called by `xpcall` (the handler sits at the pcall frame's slot 0).
pub const PCALLH: u64 = 7;

/// Slots used by a continuation frame below the metamethod's base.
pub const CONT_SLOTS: u32 = 4;

/// The kind of a link.
pub fn kind(link: Value) -> u64 {
    if link.0 & 3 == 0 {
        LUA
    } else {
        link.0 & 7
    }
}

pub fn lua_link(pc: *const Ins) -> Value {
    debug_assert!(pc as usize & 3 == 0);
    Value(pc as usize as u64)
}

pub fn delta_link(delta: u32, ty: u64) -> Value {
    Value(((delta as u64) << 3) | ty)
}

/// The return pc of a Lua link.
pub fn pc(link: Value) -> *const Ins {
    link.0 as usize as *const Ins
}

/// The slot distance of a non-Lua link.
pub fn delta(link: Value) -> u32 {
    (link.0 >> 3) as u32
}

/// Continuation kinds.
pub mod cont {
    /// Store the result in the A slot of the instruction before the pc.
    pub const RA: u64 = 1;
    /// Drop the result (stores through `__newindex`).
    pub const NOP: u64 = 2;
    /// Jump if the result is true (and not inverted by `extra`).
    pub const COND: u64 = 3;
    /// Store into slot `extra` and go on concatenating.
    pub const CAT: u64 = 4;
    /// `__call` result of a native-called entry: unused by the interpreter.
    pub const CALL: u64 = 5;
}

pub fn cont_value(kind: u64, extra: u32) -> Value {
    Value(kind | (extra as u64) << 8)
}

pub fn cont_kind(v: Value) -> u64 {
    v.0 & 0xff
}

pub fn cont_extra(v: Value) -> u32 {
    (v.0 >> 8) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_decode_to_what_was_encoded() {
        let code = [Ins::default(); 4];
        for i in 0..4 {
            let l = lua_link(&code[i]);
            assert_eq!(kind(l), LUA);
            assert_eq!(pc(l), &code[i] as *const Ins);
            assert!(
                l.is_number(),
                "a link must look like a number to the collector"
            );
        }
        for ty in [C, CONT, VARG, PCALL, PCALLH] {
            for d in [1u32, 2, 3, 250, 65535, 1 << 20] {
                let l = delta_link(d, ty);
                assert_eq!((kind(l), delta(l)), (ty, d));
                assert!(l.is_number());
            }
        }
        let c = cont_value(cont::CAT, 77);
        assert_eq!((cont_kind(c), cont_extra(c)), (cont::CAT, 77));
        assert!(c.is_number());
    }
}
