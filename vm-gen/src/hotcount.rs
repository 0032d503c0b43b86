//! Hot counters, as LuaJIT keeps them: 64 16-bit counters hashed by the
//! address of the instruction where execution continues (a loop's FORL,
//! ITERL or LOOP; a function's first instruction after its header). Loop
//! heads subtract [`LOOP_COST`], function entries [`CALL_COST`]; an
//! underflow stops the interpreter with the `HOT` reason, and the hook
//! resets the counter to [`START`].

/// Number of counters (a power of two).
pub const SIZE: usize = 64;
/// LuaJIT's `hotloop` parameter: loop iterations before a loop is hot.
pub const HOTLOOP: u16 = 56;
/// Initial and reset value: `hotloop * 2 - 1`.
pub const START: u16 = HOTLOOP * 2 - 1;
/// Subtracted at each loop iteration.
pub const LOOP_COST: u16 = 2;
/// Subtracted at each call of a Lua function.
pub const CALL_COST: u16 = 1;
/// Bits of the instruction address above the 4-byte alignment used as
/// the index: `(addr >> 2) & (SIZE - 1)`.
pub const PC_SHIFT: u32 = 2;

/// The counter index for the instruction at `addr`.
pub fn slot_of(addr: usize) -> usize {
    (addr >> PC_SHIFT) & (SIZE - 1)
}
