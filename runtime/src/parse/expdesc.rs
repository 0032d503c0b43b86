//! Expression descriptors: what the parser knows about an expression it
//! has not yet (fully) turned into code.
//!
//! Keeping an expression symbolic until its use is known is what lets a
//! single-pass parser emit the specialised forms: a constant becomes an
//! operand of ADDVN or ISEQS instead of a register load, an indexed
//! expression becomes TGETS or TSETS depending on which side of `=` it is,
//! and a comparison stays a pending jump until its value is needed.

use std::rc::Rc;

use crate::lex::NumLit;

/// The end of a jump list.
pub const NO_JMP: usize = usize::MAX;

/// What an expression is. The order matters: the constants come first, and
/// `Nil`, `False`, `True` are numbered as the primitive operand of KPRI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExpKind {
    Nil,
    False,
    True,
    /// `sval` holds the string.
    Str,
    /// `nval` holds the number.
    Num,
    /// `cdata` holds an FFI literal; not folded like the constants above.
    CData,
    /// `info` = slot, `aux` = variable stack index.
    Local,
    /// `info` = upvalue index, `aux` = variable stack index.
    Upval,
    /// `sval` holds the name.
    Global,
    /// `info` = table slot; `aux` = key: a slot (0..=255), a string
    /// constant (`!idx`, i.e. with the top bit set) or a byte (256..=511).
    Indexed,
    /// `info` = pc of the comparison's jump.
    Jmp,
    /// `info` = pc of an instruction whose A operand is still free.
    Relocable,
    /// `info` = the slot holding the value.
    NonReloc,
    /// `info` = pc of the call, `aux` = its base slot.
    Call,
    Void,
}

/// An expression descriptor.
#[derive(Clone, Debug)]
pub struct ExpDesc {
    pub k: ExpKind,
    pub info: u32,
    pub aux: u32,
    pub sval: Option<Rc<[u8]>>,
    pub nval: f64,
    pub cdata: Option<NumLit>,
    /// Jumps taken when the expression is true.
    pub t: usize,
    /// Jumps taken when the expression is false.
    pub f: usize,
}

impl ExpDesc {
    pub fn new(k: ExpKind, info: u32) -> ExpDesc {
        ExpDesc {
            k,
            info,
            aux: 0,
            sval: None,
            nval: 0.0,
            cdata: None,
            t: NO_JMP,
            f: NO_JMP,
        }
    }

    pub fn num(n: f64) -> ExpDesc {
        let mut e = ExpDesc::new(ExpKind::Num, 0);
        e.nval = n;
        e
    }

    pub fn str(s: Rc<[u8]>) -> ExpDesc {
        let mut e = ExpDesc::new(ExpKind::Str, 0);
        e.sval = Some(s);
        e
    }

    pub fn has_jump(&self) -> bool {
        self.t != self.f
    }

    /// A constant: nil, false, true, a string or a number.
    pub fn is_k(&self) -> bool {
        self.k <= ExpKind::Num
    }

    pub fn is_k_nojump(&self) -> bool {
        self.is_k() && !self.has_jump()
    }

    pub fn is_numk(&self) -> bool {
        self.k == ExpKind::Num
    }

    pub fn is_numk_nojump(&self) -> bool {
        self.is_numk() && !self.has_jump()
    }

    pub fn is_strk(&self) -> bool {
        self.k == ExpKind::Str
    }

    /// The KPRI operand of nil, false or true.
    pub fn pri(&self) -> u16 {
        self.k as u16
    }
}

/// `n` truncated to an `i32` the way a C cast on the reference builds
/// behaves for in-range values; callers compare the result back to `n`.
pub fn num2int(n: f64) -> i32 {
    n as i32
}
