//! Global label names, hashed once.
//!
//! A global label (`->name`) is written by name, but assembling must not
//! hash or compare strings per branch: an interpreter generated at start-up
//! refers to its global labels thousands of times. So a reference carries
//! a [`GlobalName`], the name together with a 64-bit hash of it. The `asm!`
//! macro builds one `static` per name it meets, whose hash the compiler
//! computes (`GlobalName::new` is a `const fn`), so a reference costs a
//! pointer copy and resolving it a map look-up by number. Names only known
//! at run time (assembly text, [`crate::Assembler::global_label`]) are
//! interned: each distinct name is stored once for the life of the process,
//! which keeps [`crate::Label`] `Copy` and bounds the memory by the number
//! of distinct names used.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

/// FNV-1a over the name's bytes: simple enough for a `const fn`, and
/// label names are our own, so hash flooding is no concern. Two names with
/// the same hash are an error when both are defined, never a wrong jump
/// (see `Assembler::finish`).
pub const fn name_hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// A global label's name and its hash.
pub struct GlobalName {
    key: u64,
    name: &'static str,
}

impl GlobalName {
    /// For names known at compile time: `static N: GlobalName =
    /// GlobalName::new("entry");` hashes while compiling.
    pub const fn new(name: &'static str) -> Self {
        GlobalName {
            key: name_hash(name),
            name,
        }
    }

    /// The name for a run-time string: the same `&'static GlobalName` for
    /// every call with equal text.
    pub fn intern(name: &str) -> &'static GlobalName {
        type Table = HashMap<&'static str, &'static GlobalName>;
        static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
        let table = TABLE.get_or_init(|| Mutex::new(HashMap::new()));
        // A panic elsewhere while holding the lock leaves the table whole
        // (insertions are single calls), so a poisoned lock is still usable.
        let mut table = table.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&g) = table.get(name) {
            return g;
        }
        let text: &'static str = Box::leak(name.to_string().into_boxed_str());
        let g: &'static GlobalName = Box::leak(Box::new(GlobalName::new(text)));
        table.insert(text, g);
        g
    }

    /// A name with a chosen hash, to test what happens when two names
    /// hash alike.
    #[cfg(test)]
    pub(crate) const fn with_key(name: &'static str, key: u64) -> Self {
        GlobalName { key, name }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The name's hash ([`name_hash`]), which labels are looked up by.
    pub fn key(&self) -> u64 {
        self.key
    }
}

/// `Label::Global("name".into())`, interning the name.
impl From<&str> for &'static GlobalName {
    fn from(name: &str) -> Self {
        GlobalName::intern(name)
    }
}

impl From<String> for &'static GlobalName {
    fn from(name: String) -> Self {
        GlobalName::intern(&name)
    }
}

impl PartialEq for GlobalName {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || (self.key == other.key && self.name == other.name)
    }
}

impl Eq for GlobalName {}

impl Hash for GlobalName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.key);
    }
}

impl fmt::Debug for GlobalName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "->{}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_returns_one_name_per_text() {
        let a = GlobalName::intern("interned_a");
        let b = GlobalName::intern(&String::from("interned_a"));
        assert!(std::ptr::eq(a, b));
        assert_eq!(a.name(), "interned_a");
        assert_ne!(a, GlobalName::intern("interned_b"));
    }

    #[test]
    fn static_and_interned_names_agree() {
        static S: GlobalName = GlobalName::new("agree");
        let i = GlobalName::intern("agree");
        assert_eq!(&S, i);
        assert_eq!(S.key(), i.key());
        assert_ne!(name_hash("a"), name_hash("b"));
    }
}
