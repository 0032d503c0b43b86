//! The bytecode instruction set: LuaJIT 2.1's 97 opcodes, declared once.
//!
//! An instruction is one 32-bit word. The low byte is the opcode, the next
//! byte is operand A, and the upper half is either D (16 bits) or C (bits
//! 16..24) and B (bits 24..32):
//!
//! ```text
//!   31      24 23      16 15       8 7        0
//!  +----------+----------+----------+----------+
//!  |    B     |    C     |    A     |    OP    |   ABC format
//!  +----------+----------+----------+----------+
//!  |         D           |    A     |    OP    |   AD format
//!  +---------------------+----------+----------+
//! ```
//!
//! Jump targets are stored in D with a bias of 0x8000. The order of the
//! table is LuaJIT's: dumps, listings and the interpreters' dispatch tables
//! all index by these numbers, and several paired opcodes are found by
//! arithmetic on them (`ISEQV ^ 1 == ISNEV`, `FORL + 1 == IFORL`, ...).

/// What an operand field holds; drives the listing and the dump checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The field is unused.
    None,
    /// A destination slot.
    Dst,
    /// The first of a range of slots.
    Base,
    /// A slot that is read.
    Var,
    /// A slot base that the listing prints only as a number.
    RBase,
    /// An upvalue index.
    Uv,
    /// An unsigned literal.
    Lit,
    /// A signed 16-bit literal.
    LitS,
    /// A primitive: 0 nil, 1 false, 2 true.
    Pri,
    /// An index into the number constants.
    Num,
    /// An index into the GC constants, counted from the end, naming a string.
    Str,
    /// A GC constant naming a template table.
    Tab,
    /// A GC constant naming a child prototype.
    Func,
    /// A biased jump offset.
    Jump,
    /// A GC constant naming a cdata value.
    CData,
}

/// Metamethods, in LuaJIT's order, declared once: the opcode table names
/// the one each opcode may fall back to, and the VM looks them up by this
/// number. The first eight have a bit in a table's negative cache
/// (`GcTab::nomm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum MetaMethod {
    Index,
    NewIndex,
    Gc,
    Mode,
    Eq,
    Len,
    Lt,
    Le,
    Concat,
    Call,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    Metatable,
    Tostring,
}

impl MetaMethod {
    /// The names, indexed by the metamethod's number.
    pub const NAMES: [&'static str; 19] = [
        "__index",
        "__newindex",
        "__gc",
        "__mode",
        "__eq",
        "__len",
        "__lt",
        "__le",
        "__concat",
        "__call",
        "__add",
        "__sub",
        "__mul",
        "__div",
        "__mod",
        "__pow",
        "__unm",
        "__metatable",
        "__tostring",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The static description of one opcode.
#[derive(Clone, Copy, Debug)]
pub struct OpInfo {
    pub name: &'static str,
    pub a: Mode,
    pub b: Mode,
    /// Mode of C, or of D when `b` is [`Mode::None`].
    pub cd: Mode,
    /// The metamethod the opcode falls back to, if any.
    pub mm: Option<MetaMethod>,
}

impl OpInfo {
    /// True for AD-format instructions (no B operand).
    pub const fn has_d(&self) -> bool {
        matches!(self.b, Mode::None)
    }
}

/// `None` in the table means no metamethod.
macro_rules! metamethod {
    (None) => {
        None
    };
    ($mm:ident) => {
        Some(MetaMethod::$mm)
    };
}

macro_rules! define_opcodes {
    ($( $name:ident $a:ident $b:ident $cd:ident $mm:ident ;)*) => {
        /// A bytecode opcode, numbered as in LuaJIT 2.1.
        #[allow(clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum Op { $($name,)* }

        /// Every opcode's description, indexed by its number.
        pub const OPS: &[OpInfo] = &[
            $(OpInfo { name: stringify!($name), a: Mode::$a, b: Mode::$b, cd: Mode::$cd, mm: metamethod!($mm) },)*
        ];

        const ALL_OPS: &[Op] = &[$(Op::$name,)*];
    };
}

define_opcodes! {
    // Comparisons; the jump follows as the next instruction.
    ISLT   Var   None Var   Lt;
    ISGE   Var   None Var   Lt;
    ISLE   Var   None Var   Le;
    ISGT   Var   None Var   Le;
    ISEQV  Var   None Var   Eq;
    ISNEV  Var   None Var   Eq;
    ISEQS  Var   None Str   Eq;
    ISNES  Var   None Str   Eq;
    ISEQN  Var   None Num   Eq;
    ISNEN  Var   None Num   Eq;
    ISEQP  Var   None Pri   Eq;
    ISNEP  Var   None Pri   Eq;
    // Unary tests, with and without copy.
    ISTC   Dst   None Var   None;
    ISFC   Dst   None Var   None;
    IST    None  None Var   None;
    ISF    None  None Var   None;
    ISTYPE Var   None Lit   None;
    ISNUM  Var   None Lit   None;
    // Unary operations.
    MOV    Dst   None Var   None;
    NOT    Dst   None Var   None;
    UNM    Dst   None Var   Unm;
    LEN    Dst   None Var   Len;
    // Binary arithmetic: VN = slot op number, NV = number op slot.
    ADDVN  Dst   Var  Num   Add;
    SUBVN  Dst   Var  Num   Sub;
    MULVN  Dst   Var  Num   Mul;
    DIVVN  Dst   Var  Num   Div;
    MODVN  Dst   Var  Num   Mod;
    ADDNV  Dst   Var  Num   Add;
    SUBNV  Dst   Var  Num   Sub;
    MULNV  Dst   Var  Num   Mul;
    DIVNV  Dst   Var  Num   Div;
    MODNV  Dst   Var  Num   Mod;
    ADDVV  Dst   Var  Var   Add;
    SUBVV  Dst   Var  Var   Sub;
    MULVV  Dst   Var  Var   Mul;
    DIVVV  Dst   Var  Var   Div;
    MODVV  Dst   Var  Var   Mod;
    POW    Dst   Var  Var   Pow;
    CAT    Dst   RBase RBase Concat;
    // Constants.
    KSTR   Dst   None Str   None;
    KCDATA Dst   None CData None;
    KSHORT Dst   None LitS  None;
    KNUM   Dst   None Num   None;
    KPRI   Dst   None Pri   None;
    KNIL   Base  None Base  None;
    // Upvalues and closures.
    UGET   Dst   None Uv    None;
    USETV  Uv    None Var   None;
    USETS  Uv    None Str   None;
    USETN  Uv    None Num   None;
    USETP  Uv    None Pri   None;
    UCLO   RBase None Jump  None;
    FNEW   Dst   None Func  Gc;
    // Tables.
    TNEW   Dst   None Lit   Gc;
    TDUP   Dst   None Tab   Gc;
    GGET   Dst   None Str   Index;
    GSET   Var   None Str   NewIndex;
    TGETV  Dst   Var  Var   Index;
    TGETS  Dst   Var  Str   Index;
    TGETB  Dst   Var  Lit   Index;
    TGETR  Dst   Var  Var   Index;
    TSETV  Var   Var  Var   NewIndex;
    TSETS  Var   Var  Str   NewIndex;
    TSETB  Var   Var  Lit   NewIndex;
    TSETM  Base  None Num   NewIndex;
    TSETR  Var   Var  Var   NewIndex;
    // Calls, iterators and varargs; T = tail call, M = multiple results.
    CALLM  Base  Lit  Lit   Call;
    CALL   Base  Lit  Lit   Call;
    CALLMT Base  None Lit   Call;
    CALLT  Base  None Lit   Call;
    ITERC  Base  Lit  Lit   Call;
    ITERN  Base  Lit  Lit   Call;
    VARG   Base  Lit  Lit   None;
    ISNEXT Base  None Jump  None;
    // Returns.
    RETM   Base  None Lit   None;
    RET    RBase None Lit   None;
    RET0   RBase None Lit   None;
    RET1   RBase None Lit   None;
    // Loops and branches: I = interpreter only, J = JIT-compiled trace.
    FORI   Base  None Jump  None;
    JFORI  Base  None Jump  None;
    FORL   Base  None Jump  None;
    IFORL  Base  None Jump  None;
    JFORL  Base  None Lit   None;
    ITERL  Base  None Jump  None;
    IITERL Base  None Jump  None;
    JITERL Base  None Lit   None;
    LOOP   RBase None Jump  None;
    ILOOP  RBase None Jump  None;
    JLOOP  RBase None Lit   None;
    JMP    RBase None Jump  None;
    // Function headers: F = fixed args, V = vararg, C = C function.
    FUNCF  RBase None None  None;
    IFUNCF RBase None None  None;
    JFUNCF RBase None Lit   None;
    FUNCV  RBase None None  None;
    IFUNCV RBase None None  None;
    JFUNCV RBase None Lit   None;
    FUNCC  RBase None None  None;
    FUNCCW RBase None None  None;
}

/// Number of opcodes.
pub const OP_COUNT: usize = OPS.len();

/// The bias added to jump offsets stored in D.
pub const JUMP_BIAS: u32 = 0x8000;

/// Operand A meaning "no register" (e.g. UCLO without closing).
pub const NO_REG: u8 = 0xff;

impl Op {
    /// The opcode with number `n`, if there is one.
    pub fn from_u8(n: u8) -> Option<Op> {
        ALL_OPS.get(n as usize).copied()
    }

    pub fn info(self) -> &'static OpInfo {
        &OPS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// True for the four return instructions.
    pub fn is_return(self) -> bool {
        matches!(self, Op::RETM | Op::RET | Op::RET0 | Op::RET1)
    }
}

/// One 32-bit bytecode instruction.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Ins(pub u32);

impl Ins {
    pub const fn abc(op: Op, a: u8, b: u8, c: u8) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (b as u32) << 24 | (c as u32) << 16)
    }

    pub const fn ad(op: Op, a: u8, d: u16) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (d as u32) << 16)
    }

    /// An AD instruction whose D is a signed jump offset relative to the
    /// instruction after this one.
    pub const fn aj(op: Op, a: u8, j: i32) -> Ins {
        Ins::ad(op, a, (j + JUMP_BIAS as i32) as u16)
    }

    /// The raw opcode byte; may not name an opcode in a malformed dump.
    pub const fn op_byte(self) -> u8 {
        self.0 as u8
    }

    /// The opcode. Instructions are only built from [`Op`] values or checked
    /// on load, so an unknown byte is an internal error.
    pub fn op(self) -> Op {
        Op::from_u8(self.op_byte()).expect("instruction with an invalid opcode")
    }

    pub const fn a(self) -> u8 {
        (self.0 >> 8) as u8
    }

    pub const fn b(self) -> u8 {
        (self.0 >> 24) as u8
    }

    pub const fn c(self) -> u8 {
        (self.0 >> 16) as u8
    }

    pub const fn d(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// The jump offset held in D.
    pub const fn j(self) -> i32 {
        self.d() as i32 - JUMP_BIAS as i32
    }

    pub fn set_op(&mut self, op: Op) {
        self.0 = (self.0 & !0xff) | op as u32;
    }

    pub fn set_a(&mut self, a: u8) {
        self.0 = (self.0 & !0xff00) | (a as u32) << 8;
    }

    pub fn set_b(&mut self, b: u8) {
        self.0 = (self.0 & !0xff00_0000) | (b as u32) << 24;
    }

    pub fn set_c(&mut self, c: u8) {
        self.0 = (self.0 & !0x00ff_0000) | (c as u32) << 16;
    }

    pub fn set_d(&mut self, d: u16) {
        self.0 = (self.0 & 0xffff) | (d as u32) << 16;
    }

    pub fn set_j(&mut self, j: i32) {
        self.set_d((j + JUMP_BIAS as i32) as u16);
    }
}

impl std::fmt::Debug for Ins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match Op::from_u8(self.op_byte()) {
            Some(op) if op.info().has_d() => write!(f, "{} {} {}", op.name(), self.a(), self.d()),
            Some(op) => write!(f, "{} {} {} {}", op.name(), self.a(), self.b(), self.c()),
            None => write!(f, "<bad opcode {:#x}>", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_luajit_numbering() {
        assert_eq!(OP_COUNT, 97);
        assert_eq!(Op::ISTYPE as u8, 16);
        assert_eq!(Op::TGETR as u8, 59);
        assert_eq!(Op::VARG as u8, 71);
        assert_eq!(Op::ISNEXT as u8, 72);
        assert_eq!(Op::FUNCCW as u8, 96);
        for (i, op) in ALL_OPS.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(op.name(), OPS[i].name);
        }
    }

    #[test]
    fn paired_opcodes_are_found_by_arithmetic() {
        assert_eq!(Op::ISEQV as u8 ^ 1, Op::ISNEV as u8);
        assert_eq!(Op::ISEQS as u8 ^ 1, Op::ISNES as u8);
        assert_eq!(Op::ISLT as u8 ^ 3, Op::ISGT as u8);
        assert_eq!(Op::FORL as u8 + 2, Op::JFORL as u8);
        assert_eq!(Op::LOOP as u8 + 2, Op::JLOOP as u8);
        assert_eq!(Op::FUNCV as u8 + 2, Op::JFUNCV as u8);
    }

    #[test]
    fn metamethods_are_named_and_attached() {
        assert_eq!(Op::ADDVN.info().mm, Some(MetaMethod::Add));
        assert_eq!(Op::TGETV.info().mm, Some(MetaMethod::Index));
        assert_eq!(Op::MOV.info().mm, None);
        assert_eq!(MetaMethod::Tostring.name(), "__tostring");
        assert_eq!(MetaMethod::Unm as u8, 16);
    }

    #[test]
    fn fields_round_trip() {
        let i = Ins::abc(Op::TGETV, 1, 2, 3);
        assert_eq!((i.op(), i.a(), i.b(), i.c()), (Op::TGETV, 1, 2, 3));
        let j = Ins::aj(Op::JMP, 4, -7);
        assert_eq!((j.op(), j.a(), j.j()), (Op::JMP, 4, -7));
    }
}
