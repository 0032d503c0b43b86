//! The form table: which mnemonics exist and how a form is numbered.
//!
//! x86 has far more operand shapes than fit a 16-bit [`FormId`], so a form
//! is split in two: the `FormId` names the operation (and condition code
//! for `jcc`/`setcc`/`cmovcc`), and the first argument of every parsed
//! instruction is a constant *shape word* (see [`crate::operand`]) that
//! records the kind, size and addressing layout of each operand. The
//! encoder then picks the concrete encoding from the shape and the values.

use asm_dsl_core::FormId;

macro_rules! ops {
    ($($v:ident = $name:literal,)*) => {
        /// One operation (mnemonic family).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op { $($v,)* }

        impl Op {
            pub const ALL: &'static [Op] = &[$(Op::$v,)*];

            /// The mnemonic (for condition families, the prefix before the
            /// condition suffix).
            pub fn name(self) -> &'static str {
                match self { $(Op::$v => $name,)* }
            }
        }
    };
}

ops! {
    Add = "add", Or = "or", Adc = "adc", Sbb = "sbb", And = "and", Sub = "sub", Xor = "xor",
    Cmp = "cmp", Test = "test",
    Mov = "mov", Movabs = "movabs", Movzx = "movzx", Movsx = "movsx", Movsxd = "movsxd",
    Lea = "lea",
    Inc = "inc", Dec = "dec", Neg = "neg", Not = "not",
    Rol = "rol", Ror = "ror", Rcl = "rcl", Rcr = "rcr", Shl = "shl", Shr = "shr", Sal = "sal",
    Sar = "sar",
    Imul = "imul", Mul = "mul", Div = "div", Idiv = "idiv",
    Cbw = "cbw", Cwde = "cwde", Cdqe = "cdqe", Cwd = "cwd", Cdq = "cdq", Cqo = "cqo",
    Cmov = "cmov", Set = "set", Jcc = "j", Jmp = "jmp", Call = "call", Ret = "ret",
    Push = "push", Pop = "pop", Xchg = "xchg",
    Bt = "bt", Bts = "bts", Btr = "btr", Btc = "btc", Bswap = "bswap",
    Bsf = "bsf", Bsr = "bsr", Popcnt = "popcnt", Tzcnt = "tzcnt", Lzcnt = "lzcnt",
    Nop = "nop", Int3 = "int3", Ud2 = "ud2", Endbr64 = "endbr64", Endbr32 = "endbr32",
    Cpuid = "cpuid", Fs = "fs", Gs = "gs", Pushfd = "pushfd", Popfd = "popfd", Pushfq = "pushfq", Popfq = "popfq",
    Movsd = "movsd", Movss = "movss", Movq = "movq", Movd = "movd",
    Movapd = "movapd", Movaps = "movaps", Movupd = "movupd", Movups = "movups",
    Addsd = "addsd", Subsd = "subsd", Mulsd = "mulsd", Divsd = "divsd", Sqrtsd = "sqrtsd",
    Minsd = "minsd", Maxsd = "maxsd",
    Addss = "addss", Subss = "subss", Mulss = "mulss", Divss = "divss", Sqrtss = "sqrtss",
    Minss = "minss", Maxss = "maxss",
    Ucomisd = "ucomisd", Comisd = "comisd", Ucomiss = "ucomiss", Comiss = "comiss",
    Cvtsi2sd = "cvtsi2sd", Cvtsi2ss = "cvtsi2ss", Cvttsd2si = "cvttsd2si",
    Cvtsd2si = "cvtsd2si", Cvttss2si = "cvttss2si", Cvtss2si = "cvtss2si",
    Cvtss2sd = "cvtss2sd", Cvtsd2ss = "cvtsd2ss",
    Xorpd = "xorpd", Andpd = "andpd", Andnpd = "andnpd", Orpd = "orpd",
    Xorps = "xorps", Andps = "andps", Andnps = "andnps", Orps = "orps", Pxor = "pxor",
    Roundsd = "roundsd", Roundss = "roundss",
    Movdqa = "movdqa", Movdqu = "movdqu", Movlpd = "movlpd", Cmpsd = "cmpsd", Cmpss = "cmpss",
    Fld = "fld", Fstp = "fstp", Fild = "fild", Fistp = "fistp", Fisttp = "fisttp",
    Fadd = "fadd", Fldcw = "fldcw", Fnstcw = "fnstcw", Fld1 = "fld1", Fldz = "fldz",
    Frndint = "frndint", Fscale = "fscale", Fyl2x = "fyl2x", Fxch = "fxch", Fucomip = "fucomip",
}

/// Canonical condition-code suffixes, indexed by the hardware condition
/// number (the low nibble of `0x70+cc`, `0F 80+cc`, `0F 90+cc`, `0F 40+cc`).
pub const CC: [&str; 16] = [
    "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
];

/// Alternative spellings accepted by the parser.
const CC_ALIASES: [(&str, u8); 14] = [
    ("c", 2),
    ("nae", 2),
    ("nb", 3),
    ("nc", 3),
    ("z", 4),
    ("nz", 5),
    ("na", 6),
    ("nbe", 7),
    ("pe", 10),
    ("po", 11),
    ("nge", 12),
    ("nl", 13),
    ("ng", 14),
    ("nle", 15),
];

fn cc_of(suffix: &str) -> Option<u8> {
    CC.iter()
        .position(|&c| c == suffix)
        .map(|i| i as u8)
        .or_else(|| {
            CC_ALIASES
                .iter()
                .find(|(s, _)| *s == suffix)
                .map(|&(_, c)| c)
        })
}

/// Looks up a mnemonic: the operation and its condition code (0 when the
/// operation has none).
pub fn lookup(mnemonic: &str) -> Option<(Op, u8)> {
    let m = mnemonic.to_ascii_lowercase();
    // DynASM-x64's name for the 10-byte `mov r64, imm64`.
    if m == "mov64" {
        return Some((Op::Movabs, 0));
    }
    if let Some(&op) = Op::ALL.iter().find(|op| op.name() == m && !op.has_cc()) {
        return Some((op, 0));
    }
    for op in [Op::Cmov, Op::Set, Op::Jcc] {
        if let Some(cc) = m.strip_prefix(op.name()).and_then(cc_of) {
            return Some((op, cc));
        }
    }
    None
}

impl Op {
    pub fn has_cc(self) -> bool {
        matches!(self, Op::Cmov | Op::Set | Op::Jcc)
    }

    /// The printed mnemonic for condition code `cc`.
    pub fn mnemonic(self, cc: u8) -> String {
        if self.has_cc() {
            format!("{}{}", self.name(), CC[cc as usize & 15])
        } else {
            self.name().to_string()
        }
    }
}

pub fn form_id(op: Op, cc: u8) -> FormId {
    FormId((op as u16) << 4 | cc as u16 & 15)
}

pub fn form_op(form: FormId) -> Option<(Op, u8)> {
    Op::ALL
        .get((form.0 >> 4) as usize)
        .map(|&op| (op, (form.0 & 15) as u8))
}
