//! xlj's assembler DSL, our DynASM: assembly written inline in Rust, in
//! each instruction set's own conventional syntax, parsed at compile time
//! and encoded at run time with Rust values spliced in.
//!
//! This facade gathers the pieces:
//! - the neutral core ([`asm_dsl_core`], re-exported here): tokens, the
//!   [`Isa`] seam, [`Assembler`] with labels and relocations, the text
//!   statement grammar ([`assemble_text`]);
//! - the [`asm!`] macro;
//! - the registry of instruction sets ([`isa_by_name`], [`ISAS`]);
//! - executable memory ([`ExecBuffer`], [`FinishExec::finish_exec`]);
//! - the `xasm` command (`src/bin/xasm.rs`), which assembles and
//!   disassembles text with the same parsers.
//!
//! # The seam: adding an ISA
//!
//! An instruction set is a crate `targets/<isa>/isa` with a static that
//! implements [`Isa`]: `parse` (statement tokens → a form and its
//! arguments, at compile time), `encode` (a form and run-time operands →
//! bytes, with relocations for labels), `patch` (fill a relocation,
//! range-checked) and `disassemble`. Registering it is one line in
//! `asm-dsl/registry/src/lib.rs` (`ISAS`) plus the dependency on its
//! crate; the macro, `xasm`, labels, relocations, directives and
//! executable memory then work for it unchanged.
//!
//! # The `asm!` syntax
//!
//! `asm!(<isa>, <assembler>; <statement>; <statement>; ...)` where
//! `<isa>` is a registered name (`x86`, `x64`, `armv7`, `arm64`, `mips`,
//! `mipsel`, `ppc`; `test` is a toy ISA for the DSL's own tests) and
//! `<assembler>` is an expression of type [`Assembler`] or `&mut
//! Assembler` (or anything that dereferences to one). Statements are
//! separated by `;`:
//!
//! - instructions, in the ISA's syntax (see each ISA crate's doc);
//! - `{expr}` splices a Rust expression: an immediate or displacement
//!   (`{off}`, `-{off}`, with the ISA's prefix such as `#{off}`), or a
//!   register after its class prefix (`Rq{BASE}` on x64, `x{BASE}` on
//!   ARM64, `${BASE}` on MIPS, `r{BASE}` on ARM/PPC). Registers are
//!   values of the ISA crate's register types; immediates are integers;
//! - label definitions: `1:` (local), `->name:` (global), `=>5:` or
//!   `=>{expr}:` (dynamic, numbered at run time); a definition may be
//!   followed by a statement without `;`;
//! - label references in branches: `<1` / `>1` (the nearest local label 1
//!   before / after), `->name`, `=>5`, `=>{expr}`;
//! - directives: `.align 16`, `.byte 1, -1, {x}`, `.hword`, `.word`,
//!   `.dword` (integers or splices, in the ISA's byte order).
//!
//! The statements are Rust tokens, which shapes a few details: numbers are
//! Rust literals (`16`, `0x10`, `0b1010`, `1.5`; a type suffix such as
//! `8u32` is ignored), comments are `//` or `/* */`, and spacing does not
//! matter (`b.eq`, `add.d` and `add.` read as in text). Generated code
//! names `::asm_dsl`, so depend on this crate under its own name.
//!
//! A statement the ISA refuses is a compile error pointing at it, with the
//! ISA's message. At run time each instruction costs one call of the ISA's
//! `encode` with constant form numbers: nothing is parsed or looked up by
//! name (a global label is a `static` [`GlobalName`] whose hash the
//! compiler computed), and nothing is allocated once the assembler has
//! room for the code and its label references
//! ([`Assembler::with_capacity`], [`Assembler::reserve_labels`];
//! `tests/no_alloc.rs` checks every ISA). `examples/encode_speed.rs`
//! prints the cost per instruction. Errors found at run time (an immediate
//! out of range, a branch that cannot reach, an undefined label) are kept
//! by the assembler and returned by [`Assembler::finish`].
//!
//! ```
//! use asm_dsl::{asm, test_isa::{Reg, TEST}, Assembler};
//!
//! let mut ops = Assembler::new(&TEST);
//! let (dst, k) = (Reg(3), 40);
//! asm!(test, ops;
//!     ->entry:
//!     li r{dst}, {k};
//!     1: addi r{dst}, r{dst}, -1;
//!     bz r{dst}, >2;
//!     b <1;
//!     2: push {r4, r5};
//!     .align 8
//! );
//! let code = ops.finish(0x1000).unwrap();
//! assert_eq!(code.len(), 24);
//! ```
//!
//! Statements the ISA refuses do not compile:
//!
//! ```compile_fail
//! # use asm_dsl::{asm, test_isa::TEST, Assembler};
//! let mut ops = Assembler::new(&TEST);
//! asm!(test, ops; li r1, 70000); // immediate out of range: 70000 does not fit 16 signed bits
//! ```
//!
//! ```compile_fail
//! # use asm_dsl::{asm, test_isa::TEST, Assembler};
//! let mut ops = Assembler::new(&TEST);
//! asm!(test, ops; frob r1); // invalid operands: unknown mnemonic 'frob'
//! ```
//!
//! ```compile_fail
//! # use asm_dsl::{asm, Assembler};
//! # fn f(ops: &mut Assembler) {
//! asm!(z80, ops; nop); // unknown ISA `z80`
//! # }
//! ```
//!
//! Executable memory (on a host running the same ISA):
//!
//! ```no_run
//! use asm_dsl::{Assembler, FinishExec};
//! # fn demo(isa: &'static dyn asm_dsl::Isa) -> Result<(), asm_dsl::AsmError> {
//! let mut ops = Assembler::new(isa);
//! // ... asm!(x64, ops; ->add: ...) ...
//! let buf = ops.finish_exec()?;
//! let add: extern "C" fn(i64, i64) -> i64 = unsafe { buf.entry("add") }.unwrap();
//! # let _ = add; Ok(()) }
//! ```

// Lets `asm!` (whose expansion names `::asm_dsl`) be used in this crate too.
extern crate self as asm_dsl;

pub use asm_dsl_core::*;
pub use asm_dsl_macros::asm;
pub use asm_dsl_registry::{isa_by_name, test_isa, ISAS};

#[cfg(unix)]
pub mod exec;
#[cfg(unix)]
pub use exec::{ExecBuffer, FinishExec};

/// Support for code generated by [`asm!`]; not a public API.
#[doc(hidden)]
pub mod __private {
    use asm_dsl_core::{Assembler, Operand};

    /// Lets the macro take `Assembler`, `&mut Assembler` or a smart
    /// pointer alike, through method-call auto-referencing.
    pub trait AsAssembler {
        fn __xlj_as_assembler(&mut self) -> &mut Assembler;
    }

    impl AsAssembler for Assembler {
        #[inline(always)]
        fn __xlj_as_assembler(&mut self) -> &mut Assembler {
            self
        }
    }

    /// The integer types a directive value or dynamic label may have;
    /// conversions go through here so generated code holds no `as` casts
    /// for lints to flag in the caller's crate.
    pub trait Int: Copy {
        fn to_u64(self) -> u64;
    }

    macro_rules! int {
        ($($t:ty)*) => { $(impl Int for $t {
            #[inline(always)]
            fn to_u64(self) -> u64 { self as u64 }
        })* };
    }
    int!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

    #[inline(always)]
    pub fn u64_of<T: Int>(v: T) -> u64 {
        v.to_u64()
    }

    /// Dynamic label numbers are 32 bits; wider values wrap, as DynASM's.
    #[inline(always)]
    pub fn u32_of<T: Int>(v: T) -> u32 {
        v.to_u64() as u32
    }

    #[inline(always)]
    pub fn usize_of<T: Int>(v: T) -> usize {
        // Saturates, so an absurd `.align {n}` is refused, not truncated.
        usize::try_from(v.to_u64()).unwrap_or(usize::MAX)
    }

    /// `-{expr}`: negates an immediate.
    #[inline(always)]
    pub fn neg(op: Operand) -> Operand {
        match op {
            Operand::Imm(v) => Operand::Imm(v.wrapping_neg()),
            other => other,
        }
    }
}
