//! The form table: every mnemonic the assembler knows, as a base word and
//! the list of operands that fill it.
//!
//! One table drives everything: the parser looks a mnemonic up and reads
//! its operands in order, the encoder places each operand's field into the
//! base word, and the disassembler tries the entries in order, extracting
//! the operands from a word and accepting the first entry that re-encodes
//! to the same word. Aliases (`li`, `mr`, `slwi`, `beq`, `blr`, ...) are
//! entries like any other; they sit before the general form so that the
//! disassembler prints them, or are marked `PARSE_ONLY` when the printer
//! should prefer the general form (`sub`, `la`, `subi`, `crset`, ...).
//!
//! A [`FormId`] packs the entry index with the `o` (overflow-enable) and
//! `.` (record) suffixes and, for a 16-bit immediate written as
//! `label@l`/`@h`/`@ha`, the relocation that fills it.

use asm_dsl_core::{AsmError, FormId};

/// One operand: how it is written and which bits it fills. Shifts count
/// from the least significant bit of the instruction word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A general register, placed at each listed shift (`mr` fills two).
    Gpr(&'static [u8]),
    /// The `rA|0` field of indexed loads/stores at shift 16: 0 means the
    /// literal zero and prints as `0`.
    Gpr0,
    /// A floating-point register at each listed shift.
    Fpr(&'static [u8]),
    /// A required CR field at this shift.
    Crf(u8),
    /// An optional leading CR field at this shift (`cmpw`, `beq`): omitted
    /// means cr0 and the printer omits cr0.
    CrfOpt(u8),
    /// A CR bit number 0..=31 at each listed shift; also written
    /// `4*crN+cond` or `cond`.
    CrBit(&'static [u8]),
    /// Signed 16-bit immediate in the low half.
    Simm16,
    /// `subi` and friends: the written value is negated, then signed 16-bit.
    Simm16Neg,
    /// `addis`/`lis`: signed 16-bit, or 0x8000..=0xffff taken as its bits.
    Simm16Hi,
    /// Unsigned 16-bit immediate in the low half.
    Uimm16,
    /// `cmplwi`: unsigned 16-bit, or -0x8000..=-1 taken as its bits (GNU
    /// as accepts `cmplwi r3, -1`).
    Uimm16Lo,
    /// The displacement of `d(rA|0)`; the next operand is the base.
    Disp,
    /// The base of `d(rA|0)` at shift 16 (0 means literal zero).
    Base,
    /// An unsigned field of `bits` bits at `shift`.
    Num { shift: u8, bits: u8 },
    /// `slwi n`: rlwinm SH = n, ME = 31 - n.
    Shl,
    /// `srwi n`: rlwinm SH = 32 - n, MB = n.
    Shr,
    /// `clrrwi n`: rlwinm ME = 31 - n.
    ClrR,
    /// The 10-bit SPR number of `mfspr`/`mtspr`, halves swapped.
    Spr,
    /// The BO field of `bc`/`bclr` (shift 21): one of the architected
    /// encodings, with the reserved `z` bits clear.
    Bo,
    /// The BO field of `bcctr`: as [`Op::Bo`], and it must not decrement
    /// ctr (bit 0x4 set), since ctr is the target.
    BoCtr,
    /// A 24-bit word displacement (I-form `b`, `bl`), relocated.
    Rel24,
    /// A 14-bit word displacement (B-form `bc`), relocated.
    Rel14,
    /// A 24-bit absolute word address (`ba`, `bla`).
    Abs24,
    /// Any 32-bit constant or label address (`li32`).
    Imm32,
}

/// Entry flags.
pub const OE: u8 = 1; // has an `o` form (bit 21 = 0x400)
pub const RC: u8 = 2; // has a `.` form (bit 0)
pub const PARSE_ONLY: u8 = 4; // accepted, never printed
pub const UPD_LOAD: u8 = 8; // update load: rA != 0 and rA != rD
pub const UPD_STORE: u8 = 16; // update store: rA != 0
pub const MACRO: u8 = 32; // expands to several words (li32)
pub const LOAD_MULTIPLE: u8 = 64; // lmw: rA|0 must not be among rD..r31

/// One table entry.
#[derive(Debug)]
pub struct Def {
    pub name: &'static str,
    pub base: u32,
    pub ops: &'static [Op],
    pub flags: u8,
}

mod table;

pub use table::DEFS;

/// What a 16-bit immediate written as `label@suffix` takes from the
/// label's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Half {
    /// `@l`: the low 16 bits.
    Lo = 1,
    /// `@h`: the high 16 bits (pairs with `ori`).
    Hi = 2,
    /// `@ha`: the high 16 bits adjusted for a signed low half (pairs with
    /// `addi` and load/store displacements).
    Ha = 3,
}

/// A static branch prediction hint on a conditional branch (`beq+`,
/// `bdnz-`), in GNU as's classic (non-POWER4) meaning: the `y` bit of BO
/// reverses the default prediction (backward taken, forward not taken),
/// so `+` (predict taken) sets it for a forward target and `-` (predict
/// not taken) for a backward one. The bit is set when the displacement
/// is known, by the relocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    Taken = 1,
    NotTaken = 2,
}

/// The `y` bit of BO in a conditional branch word.
pub const Y_BIT: u32 = 1 << 21;

impl Hint {
    /// Whether the `y` bit is set for this hint and displacement.
    pub fn y(self, disp: i64) -> bool {
        match self {
            Hint::Taken => disp >= 0,
            Hint::NotTaken => disp < 0,
        }
    }

    /// The hint a word with the `y` bit set and this displacement shows.
    pub fn of_y(disp: i64) -> Hint {
        if disp >= 0 {
            Hint::Taken
        } else {
            Hint::NotTaken
        }
    }

    pub fn suffix(self) -> char {
        match self {
            Hint::Taken => '+',
            Hint::NotTaken => '-',
        }
    }
}

/// Whether an entry takes a `+`/`-` hint: the simplified conditional
/// branches to a label, whose BO has a `y` bit and no other free bits.
pub fn takes_hint(def: &Def) -> bool {
    def.ops.last() == Some(&Op::Rel14) && !def.name.starts_with("bc")
}

/// A form number that names no form (never made by the parser). Built out
/// of line, keeping formatting off the encoder's hot path.
#[cold]
#[inline(never)]
fn bad_form(id: FormId, def: Option<&Def>) -> AsmError {
    match def {
        Some(def) => AsmError::NoForm(format!("bad PowerPC form {} ({})", id.0, def.name)),
        None => AsmError::NoForm(format!("no PowerPC form {}", id.0)),
    }
}

/// A form unpacked: the entry, its suffixes, the half-address relocation
/// of its immediate if it was written with a label, and a branch hint.
#[derive(Clone, Copy, Debug)]
pub struct Form {
    pub def: &'static Def,
    pub index: usize,
    pub oe: bool,
    pub rc: bool,
    pub half: Option<Half>,
    pub hint: Option<Hint>,
}

const INDEX_BITS: u16 = 0x3ff;
const OE_BIT: u16 = 0x400;
const RC_BIT: u16 = 0x800;
const HALF_SHIFT: u16 = 12;
const HINT_SHIFT: u16 = 14;

impl Form {
    pub fn pack(&self) -> FormId {
        let mut id = self.index as u16;
        if self.oe {
            id |= OE_BIT;
        }
        if self.rc {
            id |= RC_BIT;
        }
        if let Some(h) = self.half {
            id |= (h as u16) << HALF_SHIFT;
        }
        if let Some(h) = self.hint {
            id |= (h as u16) << HINT_SHIFT;
        }
        FormId(id)
    }

    #[inline]
    pub fn unpack(id: FormId) -> Result<Form, AsmError> {
        let index = (id.0 & INDEX_BITS) as usize;
        let Some(def) = DEFS.get(index) else {
            return Err(bad_form(id, None));
        };
        let half = match (id.0 >> HALF_SHIFT) & 3 {
            0 => None,
            1 => Some(Half::Lo),
            2 => Some(Half::Hi),
            _ => Some(Half::Ha),
        };
        let hint = match (id.0 >> HINT_SHIFT) & 3 {
            0 => None,
            1 => Some(Hint::Taken),
            2 => Some(Hint::NotTaken),
            _ => return Err(bad_form(id, Some(def))),
        };
        let form = Form {
            def,
            index,
            oe: id.0 & OE_BIT != 0,
            rc: id.0 & RC_BIT != 0,
            half,
            hint,
        };
        if (form.hint.is_some() && !takes_hint(def))
            || (form.oe && def.flags & OE == 0)
            || (form.rc && def.flags & RC == 0)
        {
            return Err(bad_form(id, Some(def)));
        }
        Ok(form)
    }

    /// The mnemonic as printed, with its suffixes.
    pub fn mnemonic(&self) -> String {
        let mut m = self.def.name.to_string();
        if self.oe {
            m.push('o');
        }
        if self.rc {
            m.push('.');
        }
        if let Some(h) = self.hint {
            m.push(h.suffix());
        }
        m
    }
}

/// Looks a bare mnemonic up (no suffix handling).
pub fn lookup(name: &str) -> Option<usize> {
    DEFS.iter().position(|d| d.name.eq_ignore_ascii_case(name))
}
