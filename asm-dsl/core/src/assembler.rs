//! The neutral code buffer: bytes, labels and relocations.
//!
//! Instructions are appended in order. A branch whose target is not known
//! yet leaves a placeholder and a relocation; [`Assembler::finish`] fills
//! every relocation in through the ISA's `patch`, which range-checks it, so
//! a branch that cannot reach is an error and never a wrong jump.
//!
//! Local labels follow DynASM: `1:` defines label 1, `<1` refers to the
//! latest definition before the use and `>1` to the next one after it.
//!
//! Assembling runs once per generated instruction, so its bookkeeping is
//! cheap: a reference is one pushed relocation record (a forward one is
//! chained to the others waiting for the same label), local and dynamic
//! labels are found by indexing, global ones by their precomputed hash.

use crate::error::AsmError;
use crate::global::GlobalName;
use crate::insn::{FormId, Label, Operand};
use crate::isa::{Endian, Isa, RelocKind};
use crate::labels::{NumMap, NumTable};

/// The largest alignment `.align` and [`Assembler::align`] accept.
pub const MAX_ALIGN: usize = 1 << 16;

/// "No relocation" in a forward chain.
const END: usize = usize::MAX;

#[derive(Clone, Copy, Debug)]
enum Target {
    Offset(usize),
    /// A reference to the next definition of a local label, not made yet;
    /// `prev` is the previous relocation waiting for the same label (or
    /// [`END`]), so that waiting references form a chain through the
    /// relocation list and no per-label list is allocated.
    Forward {
        prev: usize,
    },
    Global(&'static GlobalName),
    Dynamic(u32),
    Absolute(u64),
}

#[derive(Clone, Copy, Debug)]
struct Reloc {
    kind: RelocKind,
    at: usize,
    target: Target,
}

/// A code buffer for one ISA.
///
/// Per instruction it does no allocation beyond the growth of its code
/// and relocation vectors, which [`Assembler::with_capacity`] and
/// [`Assembler::reserve_labels`] can pay for up front; no label is looked
/// up by name (see [`GlobalName`]).
pub struct Assembler {
    isa: &'static dyn Isa,
    /// The ISA's byte order, kept here because every emitted word asks.
    endian: Endian,
    code: Vec<u8>,
    relocs: Vec<Reloc>,
    /// The newest relocation waiting for each local label's next
    /// definition (the head of its chain, see [`Target::Forward`]).
    pending_forward: NumTable,
    local_defs: NumTable,
    /// Global labels by the hash of their name.
    globals: NumMap<u64, (&'static GlobalName, usize)>,
    dynamics: NumTable,
    /// The first error met; later statements are still accepted so that
    /// generated code reads straight, and `finish` reports it.
    error: Option<AsmError>,
}

/// What an ISA's `encode` writes through.
pub struct Emitter<'a> {
    asm: &'a mut Assembler,
}

impl Emitter<'_> {
    pub fn endian(&self) -> Endian {
        self.asm.endian
    }

    /// Offset of the next byte.
    #[inline]
    pub fn offset(&self) -> usize {
        self.asm.code.len()
    }

    #[inline]
    pub fn put_u8(&mut self, v: u8) {
        self.asm.code.push(v);
    }

    #[inline]
    pub fn put_bytes(&mut self, v: &[u8]) {
        self.asm.code.extend_from_slice(v);
    }

    /// Lets `fill` write up to `N` bytes in place at the end of the code,
    /// and keeps as many as it returns (0 to keep none). An encoder that
    /// builds an instruction byte by byte writes it where it belongs this
    /// way; building it in a scratch array and copying that would read
    /// back as one wide load what was just stored a byte at a time, which
    /// stalls the processor's store forwarding.
    #[inline]
    pub fn put_with<const N: usize>(&mut self, fill: impl FnOnce(&mut [u8; N]) -> usize) {
        let start = self.asm.code.len();
        self.asm.code.extend_from_slice(&[0; N]);
        let kept = match self.asm.code.split_last_chunk_mut::<N>() {
            Some((_, window)) => fill(window).min(N),
            None => 0,
        };
        self.asm.code.truncate(start + kept);
    }

    #[inline]
    pub fn put_u16(&mut self, v: u16) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    #[inline]
    pub fn put_u32(&mut self, v: u32) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    #[inline]
    pub fn put_u64(&mut self, v: u64) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    /// Records that the bytes at `at` refer to `label`. The ISA decides
    /// what `at` means for each kind (start of instruction or of a field).
    #[inline]
    pub fn reloc(&mut self, kind: RelocKind, at: usize, label: &Label) {
        self.asm.add_reloc(kind, at, label);
    }
}

impl Assembler {
    pub fn new(isa: &'static dyn Isa) -> Self {
        Assembler {
            isa,
            endian: isa.caps().endian,
            code: Vec::new(),
            relocs: Vec::new(),
            pending_forward: NumTable::default(),
            local_defs: NumTable::default(),
            globals: NumMap::default(),
            dynamics: NumTable::default(),
            error: None,
        }
    }

    /// An assembler with room for `code_bytes` of code and `relocs`
    /// label references, so that assembling up to that much allocates
    /// nothing more (local labels 0 to 15 included).
    pub fn with_capacity(isa: &'static dyn Isa, code_bytes: usize, relocs: usize) -> Self {
        let mut asm = Assembler::new(isa);
        asm.reserve(code_bytes, relocs);
        asm
    }

    /// Makes room for `code_bytes` more bytes and `relocs` more label
    /// references.
    pub fn reserve(&mut self, code_bytes: usize, relocs: usize) {
        self.code.reserve(code_bytes);
        self.relocs.reserve(relocs);
        self.local_defs.reserve(16);
        self.pending_forward.reserve(16);
    }

    /// Makes room for `globals` more global labels and for dynamic labels
    /// `0..dynamics` (up to 4096 of them: larger numbers are hashed).
    pub fn reserve_labels(&mut self, globals: usize, dynamics: u32) {
        self.globals.reserve(globals);
        self.dynamics.reserve(dynamics);
    }

    pub fn isa(&self) -> &'static dyn Isa {
        self.isa
    }

    /// Offset of the next byte.
    pub fn offset(&self) -> usize {
        self.code.len()
    }

    fn fail(&mut self, e: AsmError) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// The first error recorded so far, if any.
    pub fn error(&self) -> Option<&AsmError> {
        self.error.as_ref()
    }

    /// Encodes one instruction. Errors are kept for [`Assembler::finish`].
    #[inline]
    pub fn insn(&mut self, form: FormId, ops: &[Operand]) {
        let isa = self.isa;
        let start = self.code.len();
        let result = isa.encode(form, ops, &mut Emitter { asm: self });
        if let Err(e) = result {
            self.code.truncate(start);
            self.fail(e);
        }
    }

    #[inline]
    fn add_reloc(&mut self, kind: RelocKind, at: usize, label: &Label) {
        let target = match *label {
            Label::Local { n, forward: false } => match self.local_defs.get(n) {
                Some(off) => Target::Offset(off),
                None => {
                    self.fail(AsmError::Label(format!(
                        "<{n} refers to no earlier label {n}"
                    )));
                    return;
                }
            },
            Label::Local { n, forward: true } => {
                let prev = self.pending_forward.insert(n, self.relocs.len());
                Target::Forward {
                    prev: prev.unwrap_or(END),
                }
            }
            Label::Global(name) => Target::Global(name),
            Label::Dynamic(n) => Target::Dynamic(n),
            Label::Absolute(a) => Target::Absolute(a),
        };
        self.relocs.push(Reloc { kind, at, target });
    }

    /// Defines local label `n` here.
    pub fn local_label(&mut self, n: u32) {
        let here = self.code.len();
        let mut next = self.pending_forward.remove(n).unwrap_or(END);
        while let Some(r) = self.relocs.get_mut(next) {
            next = match r.target {
                Target::Forward { prev } => prev,
                _ => END,
            };
            r.target = Target::Offset(here);
        }
        self.local_defs.insert(n, here);
    }

    /// Defines global label `name` here. Names written in `asm!` go
    /// through [`Assembler::define_global`] instead, without hashing.
    pub fn global_label(&mut self, name: &str) {
        self.define_global(GlobalName::intern(name));
    }

    /// Defines the global label `name` here.
    pub fn define_global(&mut self, name: &'static GlobalName) {
        let here = self.code.len();
        match self.globals.insert(name.key(), (name, here)) {
            None => {}
            Some((old, _)) if old == name => {
                self.fail(AsmError::Label(format!("->{} defined twice", name.name())));
            }
            Some((old, at)) => {
                // Keep the first, and refuse the pair: told apart by hash
                // only, either could be taken for the other.
                self.globals.insert(old.key(), (old, at));
                self.fail(AsmError::Label(format!(
                    "->{} and ->{} have the same hash; rename one",
                    old.name(),
                    name.name()
                )));
            }
        }
    }

    /// Defines dynamic label `n` here.
    pub fn dynamic_label(&mut self, n: u32) {
        let here = self.code.len();
        if self.dynamics.insert(n, here).is_some() {
            self.fail(AsmError::Label(format!("=>{n} defined twice")));
        }
    }

    /// Offset of a global label defined so far.
    pub fn global_offset(&self, name: &str) -> Option<usize> {
        let key = crate::global::name_hash(name);
        self.globals
            .get(&key)
            .filter(|(g, _)| g.name() == name)
            .map(|&(_, off)| off)
    }

    /// Offset of a dynamic label defined so far.
    pub fn dynamic_offset(&self, n: u32) -> Option<usize> {
        self.dynamics.get(n)
    }

    /// All global labels and their offsets.
    pub fn globals(&self) -> impl Iterator<Item = (&str, usize)> {
        self.globals.values().map(|&(g, off)| (g.name(), off))
    }

    /// All dynamic labels and their offsets.
    pub fn dynamics(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.dynamics.iter()
    }

    /// Bytes of padding needed to reach a multiple of `align`, or `None`
    /// (with the error recorded) when `align` is absurd: padding is
    /// allocated, so bad input must be refused rather than exhaust memory.
    fn padding(&mut self, align: usize) -> Option<usize> {
        if align > MAX_ALIGN {
            self.fail(AsmError::ImmRange(format!(
                "alignment {align} is larger than {MAX_ALIGN}"
            )));
            return None;
        }
        let align = align.max(1);
        Some((align - self.code.len() % align) % align)
    }

    /// Pads with `fill` bytes up to a multiple of `align` (a power of two,
    /// at most [`MAX_ALIGN`]).
    pub fn align(&mut self, align: usize, fill: u8) {
        if let Some(n) = self.padding(align) {
            self.code.resize(self.code.len() + n, fill);
        }
    }

    /// Pads code up to a multiple of `align` with the ISA's no-op, `nop`
    /// with constant operands `ops` (see [`crate::text::nop_form`]); zero
    /// bytes first bring the offset to the ISA's instruction alignment.
    /// Padding that may be executed must not be zeros (on x86 they are an
    /// `add`).
    pub fn align_code(&mut self, align: usize, nop: FormId, ops: &[Operand]) {
        let insn_align = self.isa.caps().insn_align.max(1) as usize;
        let Some(mut left) = self.padding(align) else {
            return;
        };
        while left > 0 {
            let before = self.code.len();
            if before % insn_align == 0 {
                self.insn(nop, ops);
            }
            // A nop that emits nothing, fails, or would overshoot is
            // replaced by a zero byte, so padding always ends exactly.
            let emitted = self.code.len() - before;
            if emitted == 0 || emitted > left {
                self.code.truncate(before);
                self.code.push(0);
                left -= 1;
            } else {
                left -= emitted;
            }
        }
    }

    /// Pads with a repeated word (a nop) up to a multiple of `align`; zero
    /// bytes fill what the word cannot.
    pub fn align_with(&mut self, align: usize, word: &[u8]) {
        let Some(mut left) = self.padding(align) else {
            return;
        };
        while left > 0 {
            if !word.is_empty() && left % word.len() == 0 {
                self.code.extend_from_slice(word);
                left -= word.len();
            } else {
                self.code.push(0);
                left -= 1;
            }
        }
    }

    /// Appends raw bytes (data directives).
    pub fn bytes(&mut self, v: &[u8]) {
        self.code.extend_from_slice(v);
    }

    /// Appends an integer of `size` bytes (1 to 8) in the ISA's byte order.
    pub fn data(&mut self, size: usize, v: u64) {
        if size > 8 {
            self.fail(AsmError::ImmRange(format!("{size}-byte data item")));
            return;
        }
        let le = v.to_le_bytes();
        match self.endian {
            Endian::Little => self.code.extend_from_slice(&le[..size]),
            Endian::Big => self.code.extend(le[..size].iter().rev()),
        }
    }

    /// Resolves every relocation for code that will sit at `code_addr` and
    /// returns the bytes.
    pub fn finish(mut self, code_addr: u64) -> Result<Vec<u8>, AsmError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if let Some((n, _)) = self.pending_forward.iter().next() {
            return Err(AsmError::Label(format!(
                ">{n} refers to no later label {n}"
            )));
        }
        let isa = self.isa;
        for r in &self.relocs {
            let offset = match r.target {
                Target::Offset(o) => o,
                Target::Global(name) => match self.globals.get(&name.key()) {
                    Some(&(g, o)) if g == name => o,
                    _ => {
                        return Err(AsmError::Label(format!(
                            "->{} is never defined",
                            name.name()
                        )))
                    }
                },
                Target::Dynamic(n) => match self.dynamics.get(n) {
                    Some(o) => o,
                    None => return Err(AsmError::Label(format!("=>{n} is never defined"))),
                },
                Target::Absolute(a) => {
                    isa.patch(r.kind, &mut self.code, r.at, code_addr, a)?;
                    continue;
                }
                // Every chain is resolved or reported above.
                Target::Forward { .. } => {
                    return Err(AsmError::Label("unresolved forward label".into()))
                }
            };
            let target = code_addr.wrapping_add(offset as u64);
            isa.patch(r.kind, &mut self.code, r.at, code_addr, target)?;
        }
        Ok(self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insn::Operand;
    use crate::isa::{Caps, Isa};
    use crate::token::Cursor;
    use crate::Insn;

    /// A 4-byte "branch" whose field receives the target's address.
    struct Words;

    static CAPS: Caps = Caps {
        name: "words",
        pointer_bits: 32,
        endian: Endian::Little,
        insn_align: 4,
        icache_coherent: true,
    };

    impl Isa for Words {
        fn caps(&self) -> &'static Caps {
            &CAPS
        }
        fn rust_path(&self) -> &'static str {
            "words"
        }
        fn parse(&self, cur: &mut Cursor<'_>) -> Result<Insn, AsmError> {
            Err(cur.error("no text".into()))
        }
        fn encode(
            &self,
            _: FormId,
            ops: &[Operand],
            out: &mut Emitter<'_>,
        ) -> Result<(), AsmError> {
            let at = out.offset();
            out.put_u32(0);
            if let Some(Operand::Label(l)) = ops.first() {
                out.reloc(RelocKind(0), at, l);
            }
            Ok(())
        }
        fn patch(
            &self,
            _: RelocKind,
            code: &mut [u8],
            at: usize,
            _: u64,
            target: u64,
        ) -> Result<(), AsmError> {
            code[at..at + 4].copy_from_slice(&(target as u32).to_le_bytes());
            Ok(())
        }
        fn disassemble(&self, _: &[u8], _: u64) -> Result<(usize, String), AsmError> {
            Err(AsmError::Undecodable("words".into()))
        }
    }

    static WORDS: Words = Words;

    fn branch(asm: &mut Assembler, l: Label) {
        asm.insn(FormId(0), &[Operand::Label(l)]);
    }

    #[test]
    fn names_that_hash_alike_are_refused_not_confused() {
        static A: GlobalName = GlobalName::with_key("a", 7);
        static B: GlobalName = GlobalName::with_key("b", 7);
        // Both defined: an error, whichever is referenced.
        let mut asm = Assembler::new(&WORDS);
        asm.define_global(&A);
        asm.define_global(&B);
        assert!(matches!(asm.finish(0), Err(AsmError::Label(m)) if m.contains("same hash")));
        // Only one defined: the other is not found in its place.
        let mut asm = Assembler::new(&WORDS);
        asm.define_global(&A);
        branch(&mut asm, Label::Global(&B));
        assert!(matches!(asm.finish(0), Err(AsmError::Label(m)) if m.contains("->b")));
        assert_eq!(Assembler::new(&WORDS).global_offset("a"), None);
    }

    #[test]
    fn forward_references_wait_for_the_next_definition_only() {
        let mut asm = Assembler::new(&WORDS);
        let fwd = Label::Local {
            n: 3,
            forward: true,
        };
        branch(&mut asm, fwd);
        branch(&mut asm, fwd);
        asm.local_label(3);
        branch(&mut asm, fwd);
        branch(
            &mut asm,
            Label::Local {
                n: 3,
                forward: false,
            },
        );
        asm.local_label(3);
        let code = asm.finish(0x100).unwrap();
        let words: Vec<u32> = code
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        // The definitions sit after the second and the fourth word.
        let (first, second) = (0x100 + 8, 0x100 + 16);
        assert_eq!(words, [first, first, second, first]);
    }
}
