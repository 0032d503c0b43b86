//! The neutral code buffer: bytes, labels and relocations.
//!
//! Instructions are appended in order. A branch whose target is not known
//! yet leaves a placeholder and a relocation; [`Assembler::finish`] fills
//! every relocation in through the ISA's `patch`, which range-checks it, so
//! a branch that cannot reach is an error and never a wrong jump.
//!
//! Local labels follow DynASM: `1:` defines label 1, `<1` refers to the
//! latest definition before the use and `>1` to the next one after it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::AsmError;
use crate::insn::{FormId, Label, Operand};
use crate::isa::{Endian, Isa, RelocKind};

/// The largest alignment `.align` and [`Assembler::align`] accept.
pub const MAX_ALIGN: usize = 1 << 16;

/// A multiplicative hash for label numbers. Labels are defined and
/// looked up once per branch, so SipHash's cost showed in assembly speed;
/// the keys come from our own code generators, so flooding is no concern.
#[derive(Default, Clone, Copy)]
struct NumHasher(u64);

impl Hasher for NumHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type NumMap<V> = HashMap<u32, V, BuildHasherDefault<NumHasher>>;

#[derive(Clone, Debug)]
enum Target {
    Offset(usize),
    Global(String),
    Dynamic(u32),
    Absolute(u64),
}

#[derive(Clone, Debug)]
struct Reloc {
    kind: RelocKind,
    at: usize,
    target: Target,
}

/// A code buffer for one ISA.
pub struct Assembler {
    isa: &'static dyn Isa,
    /// The ISA's byte order, kept here because every emitted word asks.
    endian: Endian,
    code: Vec<u8>,
    relocs: Vec<Reloc>,
    /// Relocations waiting for the next definition of a local label.
    pending_forward: NumMap<Vec<(RelocKind, usize)>>,
    local_defs: NumMap<usize>,
    globals: HashMap<String, usize>,
    dynamics: NumMap<usize>,
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
    pub fn offset(&self) -> usize {
        self.asm.code.len()
    }

    pub fn put_u8(&mut self, v: u8) {
        self.asm.code.push(v);
    }

    pub fn put_bytes(&mut self, v: &[u8]) {
        self.asm.code.extend_from_slice(v);
    }

    pub fn put_u16(&mut self, v: u16) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    pub fn put_u32(&mut self, v: u32) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    pub fn put_u64(&mut self, v: u64) {
        match self.endian() {
            Endian::Little => self.put_bytes(&v.to_le_bytes()),
            Endian::Big => self.put_bytes(&v.to_be_bytes()),
        }
    }

    /// Records that the bytes at `at` refer to `label`. The ISA decides
    /// what `at` means for each kind (start of instruction or of a field).
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
            pending_forward: NumMap::default(),
            local_defs: NumMap::default(),
            globals: HashMap::new(),
            dynamics: NumMap::default(),
            error: None,
        }
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
    pub fn insn(&mut self, form: FormId, ops: &[Operand]) {
        let isa = self.isa;
        let start = self.code.len();
        let result = isa.encode(form, ops, &mut Emitter { asm: self });
        if let Err(e) = result {
            self.code.truncate(start);
            self.fail(e);
        }
    }

    fn add_reloc(&mut self, kind: RelocKind, at: usize, label: &Label) {
        let target = match label {
            Label::Local { n, forward: false } => match self.local_defs.get(n) {
                Some(&off) => Target::Offset(off),
                None => {
                    self.fail(AsmError::Label(format!(
                        "<{n} refers to no earlier label {n}"
                    )));
                    return;
                }
            },
            Label::Local { n, forward: true } => {
                self.pending_forward.entry(*n).or_default().push((kind, at));
                return;
            }
            Label::Global(name) => Target::Global(name.clone()),
            Label::Dynamic(n) => Target::Dynamic(*n),
            Label::Absolute(a) => Target::Absolute(*a),
        };
        self.relocs.push(Reloc { kind, at, target });
    }

    /// Defines local label `n` here.
    pub fn local_label(&mut self, n: u32) {
        let here = self.code.len();
        if let Some(waiting) = self.pending_forward.remove(&n) {
            for (kind, at) in waiting {
                self.relocs.push(Reloc {
                    kind,
                    at,
                    target: Target::Offset(here),
                });
            }
        }
        self.local_defs.insert(n, here);
    }

    /// Defines global label `name` here.
    pub fn global_label(&mut self, name: &str) {
        let here = self.code.len();
        if self.globals.insert(name.to_string(), here).is_some() {
            self.fail(AsmError::Label(format!("->{name} defined twice")));
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
        self.globals.get(name).copied()
    }

    /// Offset of a dynamic label defined so far.
    pub fn dynamic_offset(&self, n: u32) -> Option<usize> {
        self.dynamics.get(&n).copied()
    }

    /// All global labels and their offsets.
    pub fn globals(&self) -> impl Iterator<Item = (&str, usize)> {
        self.globals.iter().map(|(k, v)| (k.as_str(), *v))
    }

    /// All dynamic labels and their offsets.
    pub fn dynamics(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        self.dynamics.iter().map(|(k, v)| (*k, *v))
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
        for r in std::mem::take(&mut self.relocs) {
            let target = match &r.target {
                Target::Offset(o) => code_addr + *o as u64,
                Target::Global(name) => match self.globals.get(name) {
                    Some(&o) => code_addr + o as u64,
                    None => return Err(AsmError::Label(format!("->{name} is never defined"))),
                },
                Target::Dynamic(n) => match self.dynamics.get(n) {
                    Some(&o) => code_addr + o as u64,
                    None => return Err(AsmError::Label(format!("=>{n} is never defined"))),
                },
                Target::Absolute(a) => *a,
            };
            self.isa
                .patch(r.kind, &mut self.code, r.at, code_addr, target)?;
        }
        Ok(self.code)
    }
}
