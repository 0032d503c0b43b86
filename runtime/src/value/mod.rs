//! The value layout, declared once for every engine and every target.
//!
//! A Lua value is one 64-bit word. A number is stored as its IEEE double.
//! Every other value carries an *internal type* (`itype`) in the top 17
//! bits, stored inverted so that all tags sort above every double that Lua
//! arithmetic can produce (the one NaN those produce is the canonical
//! `0xfff8_0000_0000_0000`, whose top 17 bits read as `!15`, below every
//! tag):
//!
//! ```text
//!   63            47 46                                   0
//!  +----------------+--------------------------------------+
//!  |  itype (17 b)  |  payload: GC pointer / light pointer |   tagged value
//!  +----------------+--------------------------------------+
//!  |                 IEEE 754 double                        |   number
//!  +--------------------------------------------------------+
//! ```
//!
//! `itype` is read by an arithmetic shift (`(v as i64 >> 47) as u32`), so
//! the tag of a GC value is `!type_number`, and a value is a number exactly
//! when `itype <= ITYPE_NUMX` (unsigned). This is LuaJIT's GC64 layout.
//!
//! On 32-bit targets the same word holds the pointer in its low half and
//! the tag in its high half (pointers fit in 32 bits, so bits 32..47 are
//! zero): the type test is one compare of the high word against
//! `itype << 15`. [`TAG_WORD_OFFSET`] and [`PAYLOAD_WORD_OFFSET`] say where
//! those halves sit in memory, which depends only on byte order.
//!
//! Primitives (`nil`, `false`, `true`) have all payload bits set, so `nil`
//! is the all-ones word and a whole-word compare identifies each of them.

/// Internal type tags, as stored in the top 17 bits (sign-extended to 32).
pub mod itype {
    pub const NIL: u32 = !0;
    pub const FALSE: u32 = !1;
    pub const TRUE: u32 = !2;
    pub const LIGHTUD: u32 = !3;
    pub const STR: u32 = !4;
    pub const UPVAL: u32 = !5;
    pub const THREAD: u32 = !6;
    pub const PROTO: u32 = !7;
    pub const FUNC: u32 = !8;
    pub const TRACE: u32 = !9;
    pub const CDATA: u32 = !10;
    pub const TAB: u32 = !11;
    pub const UDATA: u32 = !12;
    /// Every itype at or below this (unsigned) is a number.
    pub const NUMX: u32 = !13;
}

/// Bits of the payload; the tag sits above them.
pub const TAG_SHIFT: u32 = 47;
/// Mask of the payload bits (a GC pointer or a light userdata address).
pub const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;

/// Byte offset of the 32-bit half holding the tag, within a value.
pub const TAG_WORD_OFFSET: usize = if cfg!(target_endian = "big") { 0 } else { 4 };
/// Byte offset of the 32-bit half holding a 32-bit pointer.
pub const PAYLOAD_WORD_OFFSET: usize = 4 - TAG_WORD_OFFSET;

/// One Lua value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(pub u64);

const fn tag_bits(itype: u32) -> u64 {
    (itype as u64) << TAG_SHIFT
}

impl Value {
    pub const NIL: Value = Value(!0);
    pub const FALSE: Value = Value(!(1u64 << TAG_SHIFT));
    pub const TRUE: Value = Value(!(2u64 << TAG_SHIFT));

    pub const fn itype(self) -> u32 {
        ((self.0 as i64) >> TAG_SHIFT) as u32
    }

    /// A number. Every NaN is stored as the canonical quiet NaN, so that no
    /// bit pattern produced by arithmetic can be mistaken for a tag.
    pub fn number(n: f64) -> Value {
        if n.is_nan() {
            Value(0xfff8_0000_0000_0000)
        } else {
            Value(n.to_bits())
        }
    }

    pub const fn boolean(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// A tagged pointer. `itype` must be a GC type or `LIGHTUD`, and `addr`
    /// must fit the payload (user-space addresses on every supported target
    /// do: 47 bits on 64-bit targets, 32 on 32-bit ones).
    pub fn tagged(itype: u32, addr: usize) -> Value {
        debug_assert!(
            (addr as u64) <= PAYLOAD_MASK,
            "pointer does not fit the value payload"
        );
        debug_assert!(itype > itype::NUMX && itype < itype::TRUE);
        Value(tag_bits(itype) | addr as u64)
    }

    pub const fn is_number(self) -> bool {
        self.itype() <= itype::NUMX
    }

    pub const fn is_nil(self) -> bool {
        self.0 == Value::NIL.0
    }

    /// `nil` and `false` are the only false values.
    pub const fn is_falsy(self) -> bool {
        self.0 == Value::NIL.0 || self.0 == Value::FALSE.0
    }

    /// True for GC-managed values (strings, tables, functions, ...).
    pub const fn is_gc(self) -> bool {
        let t = self.itype();
        t > itype::NUMX && t < itype::LIGHTUD
    }

    pub fn as_number(self) -> Option<f64> {
        self.is_number().then(|| f64::from_bits(self.0))
    }

    /// The payload (a pointer) of a tagged value.
    pub const fn payload(self) -> usize {
        (self.0 & PAYLOAD_MASK) as usize
    }

    /// The type name Lua's `type()` reports.
    pub fn type_name(self) -> &'static str {
        match self.itype() {
            itype::NIL => "nil",
            itype::FALSE | itype::TRUE => "boolean",
            itype::LIGHTUD | itype::UDATA => "userdata",
            itype::STR => "string",
            itype::THREAD => "thread",
            itype::FUNC => "function",
            itype::TAB => "table",
            itype::PROTO => "proto",
            itype::UPVAL => "upval",
            itype::TRACE => "trace",
            itype::CDATA => "cdata",
            _ => "number",
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_number() {
            Some(n) => write!(f, "{n}"),
            None if self.is_gc() || self.itype() == itype::LIGHTUD => {
                write!(f, "{}: {:#x}", self.type_name(), self.payload())
            }
            None => f.write_str(match self.itype() {
                itype::NIL => "nil",
                itype::FALSE => "false",
                itype::TRUE => "true",
                _ => "?",
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitives_have_their_itype() {
        assert_eq!(Value::NIL.itype(), itype::NIL);
        assert_eq!(Value::FALSE.itype(), itype::FALSE);
        assert_eq!(Value::TRUE.itype(), itype::TRUE);
        assert!(Value::NIL.is_falsy() && Value::FALSE.is_falsy() && !Value::TRUE.is_falsy());
        assert!(!Value::NIL.is_number());
    }

    #[test]
    fn every_double_is_a_number() {
        let samples = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0xffff_ffff_ffff_ffff), // a NaN with every bit set
            5e-324,
        ];
        for n in samples {
            let v = Value::number(n);
            assert!(v.is_number(), "{n:?} ({:#x}) is not a number", v.0);
            assert!(!v.is_gc() && !v.is_nil());
            let back = v.as_number().unwrap();
            assert!(back == n || (n.is_nan() && back.is_nan()));
        }
    }

    #[test]
    fn tags_order_above_numbers() {
        for t in [
            itype::STR,
            itype::UPVAL,
            itype::THREAD,
            itype::PROTO,
            itype::FUNC,
            itype::TAB,
            itype::UDATA,
            itype::CDATA,
        ] {
            // A high address of this target's pointer width.
            let addr = usize::try_from(0x7fff_1234_5678_u64).unwrap_or(0xfedc_1234);
            let v = Value::tagged(t, addr);
            assert_eq!(v.itype(), t);
            assert!(v.is_gc() && !v.is_number());
            assert_eq!(v.payload(), addr);
        }
        let lud = Value::tagged(itype::LIGHTUD, 0x1000);
        assert!(!lud.is_gc() && !lud.is_number());
    }

    #[test]
    fn the_tag_word_of_a_32_bit_pointer_is_pure_tag() {
        let v = Value::tagged(itype::TAB, 0xdead_beef);
        let bytes = v.0.to_ne_bytes();
        let word = |off: usize| u32::from_ne_bytes(bytes[off..off + 4].try_into().unwrap());
        assert_eq!(word(PAYLOAD_WORD_OFFSET), 0xdead_beef);
        assert_eq!(word(TAG_WORD_OFFSET), itype::TAB << 15);
        assert_eq!((word(TAG_WORD_OFFSET) as i32 >> 15) as u32, itype::TAB);
    }
}
