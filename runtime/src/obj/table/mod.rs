//! Tables: an array part for small non-negative integer keys and a hash
//! part of chained nodes.
//!
//! The layout and the algorithms follow LuaJIT's, so that `#`, `next` and
//! the placement of keys (and with them the iteration order of number
//! keys) come out as LuaJIT's do:
//!
//! - The array part holds keys `0..asize` (slot 0 included). A key goes
//!   there whenever it is an integer below `asize`, whatever its history.
//! - The hash part is a power-of-two array of [`Node`]s. A key's *main
//!   node* is picked by its hash; collisions chain through `next` into free
//!   nodes, found by a pointer (`freetop`, kept in the first node) that
//!   only moves down. When it hits the bottom the table is rehashed: all
//!   keys are counted and new sizes chosen so that the array part is more
//!   than half full (Brent's variation keeps chains short meanwhile).
//! - A table without a hash part points at one shared, never-written empty
//!   node (hmask 0), so lookups need no null check.
//!
//! ```text
//!  GcTab: next marked gct nomm colo | array  gclist metatable node asize hmask
//!                                     |                          |
//!             [0] [1] ... [asize-1] <-+        +-----------------+
//!                                              v
//!                                  Node[0..=hmask]: val key next (freetop in [0])
//! ```

use std::ptr::{self, NonNull};

use crate::gc::{gc_object, GcHeader, Heap, ObjType, OutOfMemory};
use crate::obj::string::GcStr;
use crate::value::{itype, Value};

/// Largest array part: 2^27 + 1 slots.
pub const MAX_ASIZE: u32 = (1 << 27) + 1;
/// Largest hash part: 2^26 nodes.
pub const MAX_HBITS: u32 = 26;
const MAX_ABITS: usize = 28;

gc_object! {
    /// A Lua table.
    pub struct GcTab : ObjType::Tab {
        /// Negative cache: bit `i` set means metamethod `i` is absent from
        /// this table (when it is used as a metatable).
        pub nomm: u8,
        /// Reserved (colocated arrays): always 0.
        pub colo: i8,
        pub array: *mut Value,
        /// Link on the collector's gray or weak list.
        pub gclist: *mut GcHeader,
        pub metatable: *mut GcTab,
        pub node: *mut Node,
        pub asize: u32,
        pub hmask: u32,
    }
}

/// One hash slot.
#[repr(C)]
pub struct Node {
    pub val: Value,
    pub key: Value,
    pub next: *mut Node,
    /// Only meaningful in node 0: the free-node search pointer.
    pub freetop: *mut Node,
}

/// Errors a table operation raises, with LuaJIT's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabError {
    NilIndex,
    NanIndex,
    Overflow,
    BadNextKey,
    OutOfMemory,
}

impl TabError {
    pub fn message(self) -> &'static str {
        match self {
            TabError::NilIndex => "table index is nil",
            TabError::NanIndex => "table index is NaN",
            TabError::Overflow => "table overflow",
            TabError::BadNextKey => "invalid key to 'next'",
            TabError::OutOfMemory => "not enough memory",
        }
    }
}

impl From<OutOfMemory> for TabError {
    fn from(_: OutOfMemory) -> Self {
        TabError::OutOfMemory
    }
}

/// The shared empty hash part of tables without one. It is never written:
/// every insertion into a table with `hmask == 0` rehashes first.
struct NilNode(Node);
// SAFETY: the node is immutable; its pointers are null.
unsafe impl Sync for NilNode {}
static NIL_NODE: NilNode = NilNode(Node {
    val: Value::NIL,
    key: Value::NIL,
    next: ptr::null_mut(),
    freetop: ptr::null_mut(),
});

fn nil_node() -> *mut Node {
    &NIL_NODE.0 as *const Node as *mut Node
}

const HASH_BIAS: u32 = 0x04c1_1db7u32.wrapping_neg();

/// Mixes two 32-bit halves into a hash (LuaJIT's rotate-and-subtract mix).
fn hash_rot(mut lo: u32, mut hi: u32) -> u32 {
    lo ^= hi;
    hi = hi.rotate_left(14);
    lo = lo.wrapping_sub(hi);
    hi = hi.rotate_left(5);
    hi ^= lo;
    hi.wrapping_sub(lo.rotate_left(13))
}

/// The hash of a key (never nil or NaN; numbers normalised by the caller).
fn key_hash(key: Value) -> u32 {
    if key.is_number() {
        hash_rot(key.0 as u32, ((key.0 >> 32) as u32) << 1)
    } else {
        match key.itype() {
            // SAFETY: a string value points at a live string.
            itype::STR => unsafe { (*(key.payload() as *const GcStr)).hash },
            itype::TRUE => 1,
            itype::FALSE => 0,
            _ => {
                let p = key.payload() as u32;
                hash_rot(p, p.wrapping_add(HASH_BIAS))
            }
        }
    }
}

/// An integer-valued number that fits an i32, as LuaJIT tests it.
fn as_int_key(n: f64) -> Option<i32> {
    let k = n as i32;
    (k as f64 == n).then_some(k)
}

/// Hash bits for `n` keys (0 for none).
fn hbits_for(n: u32) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        n => 32 - (n - 1).leading_zeros(),
    }
}

/// Index of the highest set bit.
fn fls(x: u32) -> u32 {
    31 - x.leading_zeros()
}

impl GcTab {
    /// Bytes of a hash part with `hmask + 1` nodes.
    fn node_bytes(hmask: u32) -> usize {
        (hmask as usize + 1) * std::mem::size_of::<Node>()
    }

    /// A new table with array slots `0..asize` and `2^hbits` hash nodes
    /// (none for `hbits == 0`), not yet on any GC list.
    pub fn new(
        heap: &mut Heap,
        white: u8,
        asize: u32,
        hbits: u32,
    ) -> Result<NonNull<GcTab>, TabError> {
        if asize > MAX_ASIZE || hbits > MAX_HBITS {
            return Err(TabError::Overflow);
        }
        let t = heap.alloc(std::mem::size_of::<GcTab>())?.cast::<GcTab>();
        // SAFETY: fresh block of the right size, fully initialised here.
        unsafe {
            t.as_ptr().write(GcTab {
                next: ptr::null_mut(),
                marked: white,
                gct: ObjType::Tab as u8,
                nomm: !0,
                colo: 0,
                array: ptr::null_mut(),
                gclist: ptr::null_mut(),
                metatable: ptr::null_mut(),
                node: nil_node(),
                asize: 0,
                hmask: 0,
            });
            let tab = &mut *t.as_ptr();
            let grown = tab
                .grow_array(heap, asize)
                .and_then(|_| tab.new_hash_part(heap, hbits));
            if let Err(e) = grown {
                GcTab::free(t, heap);
                return Err(e);
            }
        }
        Ok(t)
    }

    /// Frees a table and its parts.
    ///
    /// # Safety
    /// `t` must be unreachable and not freed before.
    pub unsafe fn free(t: NonNull<GcTab>, heap: &mut Heap) {
        let tab = &mut *t.as_ptr();
        tab.free_parts(heap);
        heap.free(t.cast(), std::mem::size_of::<GcTab>());
    }

    fn free_parts(&mut self, heap: &mut Heap) {
        // SAFETY: the parts were allocated by this heap with these sizes.
        unsafe {
            if self.hmask > 0 {
                heap.free(
                    NonNull::new_unchecked(self.node).cast(),
                    Self::node_bytes(self.hmask),
                );
            }
            if self.asize > 0 {
                heap.free(
                    NonNull::new_unchecked(self.array).cast(),
                    self.asize as usize * 8,
                );
            }
        }
        self.node = nil_node();
        self.hmask = 0;
        self.array = ptr::null_mut();
        self.asize = 0;
    }

    /// Bytes this table holds, for the collector's accounting.
    pub fn size_bytes(&self) -> usize {
        std::mem::size_of::<GcTab>()
            + self.asize as usize * 8
            + if self.hmask > 0 {
                Self::node_bytes(self.hmask)
            } else {
                0
            }
    }

    fn array(&self) -> &[Value] {
        if self.asize == 0 {
            return &[];
        }
        // SAFETY: `array` holds `asize` initialised values.
        unsafe { std::slice::from_raw_parts(self.array, self.asize as usize) }
    }

    fn nodes(&self) -> &[Node] {
        // SAFETY: `node` holds `hmask + 1` initialised nodes (the nil node
        // when hmask is 0).
        unsafe { std::slice::from_raw_parts(self.node, self.hmask as usize + 1) }
    }

    /// Grows the array part to `asize` slots, filling new slots with nil.
    fn grow_array(&mut self, heap: &mut Heap, asize: u32) -> Result<(), TabError> {
        if asize <= self.asize {
            return Ok(());
        }
        if asize > MAX_ASIZE {
            return Err(TabError::Overflow);
        }
        let old = self.asize as usize;
        let new_bytes = asize as usize * 8;
        let p = match NonNull::new(self.array) {
            // SAFETY: the old array came from this heap with `old * 8` bytes.
            Some(a) if old > 0 => unsafe { heap.realloc(a.cast(), old * 8, new_bytes)? },
            _ => heap.alloc(new_bytes)?,
        };
        self.array = p.as_ptr() as *mut Value;
        // SAFETY: the block now has room for `asize` values.
        unsafe {
            for i in old..asize as usize {
                self.array.add(i).write(Value::NIL);
            }
        }
        self.asize = asize;
        Ok(())
    }

    /// Replaces the hash part with an empty one of `2^hbits` nodes.
    fn new_hash_part(&mut self, heap: &mut Heap, hbits: u32) -> Result<(), TabError> {
        if hbits == 0 {
            self.node = nil_node();
            self.hmask = 0;
            return Ok(());
        }
        if hbits > MAX_HBITS {
            return Err(TabError::Overflow);
        }
        let size = 1u32 << hbits;
        let p = heap.alloc(Self::node_bytes(size - 1))?.as_ptr() as *mut Node;
        // SAFETY: room for `size` nodes, each written before use.
        unsafe {
            for i in 0..size as usize {
                p.add(i).write(Node {
                    val: Value::NIL,
                    key: Value::NIL,
                    next: ptr::null_mut(),
                    freetop: ptr::null_mut(),
                });
            }
            (*p).freetop = p.add(size as usize);
        }
        self.node = p;
        self.hmask = size - 1;
        Ok(())
    }

    fn main_node(&self, key: Value) -> *mut Node {
        // SAFETY: the index is masked into the node array.
        unsafe { self.node.add((key_hash(key) & self.hmask) as usize) }
    }

    /// Finds the node holding `key` (already normalised) in the hash part.
    fn find_node(&self, key: Value) -> Option<*mut Node> {
        let mut n = self.main_node(key);
        // SAFETY: chains link nodes of this table's node array.
        unsafe {
            while !n.is_null() {
                if keys_equal((*n).key, key) {
                    return Some(n);
                }
                n = (*n).next;
            }
        }
        None
    }

    /// Raw read of `t[key]` (nil when absent).
    pub fn get(&self, key: Value) -> Value {
        if let Some(n) = key.as_number() {
            if let Some(k) = as_int_key(n) {
                return self.get_int(k);
            }
            if n.is_nan() {
                return Value::NIL;
            }
        } else if key.is_nil() {
            return Value::NIL;
        }
        // SAFETY: find_node returns a node of this table.
        self.find_node(key)
            .map_or(Value::NIL, |n| unsafe { (*n).val })
    }

    /// Raw read of `t[k]`.
    pub fn get_int(&self, k: i32) -> Value {
        if (k as u32) < self.asize {
            return self.array()[k as usize];
        }
        // SAFETY: as in `get`.
        self.find_node(Value::number(k as f64))
            .map_or(Value::NIL, |n| unsafe { (*n).val })
    }

    /// Raw read of `t[s]` for a string key.
    pub fn get_str(&self, s: NonNull<GcStr>) -> Value {
        self.get(Value::tagged(itype::STR, s.as_ptr() as usize))
    }

    /// The slot for `key`, created (holding nil) if absent: what the
    /// interpreter stores through. Raises LuaJIT's errors for nil and NaN
    /// keys. May rehash, which moves every slot: the pointer is valid only
    /// until the next insertion.
    pub fn slot(&mut self, heap: &mut Heap, key: Value) -> Result<*mut Value, TabError> {
        self.nomm = 0;
        let key = if let Some(n) = key.as_number() {
            if let Some(k) = as_int_key(n) {
                if (k as u32) < self.asize {
                    // SAFETY: k is inside the array part.
                    return Ok(unsafe { self.array.add(k as usize) });
                }
                Value::number(k as f64) // also turns -0 into +0
            } else if n.is_nan() {
                return Err(TabError::NanIndex);
            } else {
                key
            }
        } else if key.is_nil() {
            return Err(TabError::NilIndex);
        } else {
            key
        };
        if let Some(n) = self.find_node(key) {
            // SAFETY: a node of this table.
            return Ok(unsafe { &mut (*n).val });
        }
        self.new_key(heap, key)
    }

    /// Raw `t[key] = val`.
    pub fn set(&mut self, heap: &mut Heap, key: Value, val: Value) -> Result<(), TabError> {
        let slot = self.slot(heap, key)?;
        // SAFETY: the slot was just returned and nothing has moved since.
        unsafe { *slot = val };
        Ok(())
    }

    /// Raw `t[k] = val`.
    pub fn set_int(&mut self, heap: &mut Heap, k: i32, val: Value) -> Result<(), TabError> {
        self.set(heap, Value::number(k as f64), val)
    }

    /// Inserts a key known to be absent (Brent's variation).
    fn new_key(&mut self, heap: &mut Heap, key: Value) -> Result<*mut Value, TabError> {
        let mut n = self.main_node(key);
        // SAFETY: all pointers below are nodes of this table's node array;
        // `freetop` stays within [node, node + hmask + 1].
        unsafe {
            if !(*n).val.is_nil() || self.hmask == 0 {
                let base = self.node;
                let mut free = (*base).freetop;
                loop {
                    if free == base || self.hmask == 0 {
                        self.rehash(heap, key)?;
                        return self.slot(heap, key);
                    }
                    free = free.sub(1);
                    if (*free).key.is_nil() {
                        break;
                    }
                }
                (*base).freetop = free;
                let mut collide = self.main_node((*n).key);
                if collide != n {
                    // The occupant is not in its main node: move it to the
                    // free node and give the main node to the new key.
                    while (*collide).next != n {
                        collide = (*collide).next;
                    }
                    (*collide).next = free;
                    (*free).val = (*n).val;
                    (*free).key = (*n).key;
                    (*free).next = (*n).next;
                    (*n).next = ptr::null_mut();
                    (*n).val = Value::NIL;
                } else {
                    // The occupant owns its main node: chain the new key
                    // into the free node right after it.
                    (*free).next = (*n).next;
                    (*n).next = free;
                    n = free;
                }
            }
            (*n).key = key;
            Ok(&mut (*n).val)
        }
    }

    /// Counts integer keys per power-of-two bin, as the rehash needs.
    fn count_int(key: Value, bins: &mut [u32; MAX_ABITS]) -> u32 {
        if let Some(k) = key.as_number().and_then(as_int_key) {
            if (k as u32) < MAX_ASIZE {
                let k = k as u32;
                bins[if k > 2 { fls(k - 1) as usize } else { 0 }] += 1;
                return 1;
            }
        }
        0
    }

    fn rehash(&mut self, heap: &mut Heap, extra: Value) -> Result<(), TabError> {
        let mut bins = [0u32; MAX_ABITS];
        // Non-nil array slots, binned by the power of two they fall under.
        let mut narray = 0u32;
        let array = self.array();
        if !array.is_empty() {
            let mut i = 0usize;
            for (b, bin) in bins.iter_mut().enumerate() {
                let mut top = 2usize << b;
                if top >= array.len() {
                    top = array.len() - 1;
                    if i > top {
                        break;
                    }
                }
                let n = array[i..=top].iter().filter(|v| !v.is_nil()).count() as u32;
                i = top + 1;
                *bin += n;
                narray += n;
            }
        }
        let mut total = 1 + narray;
        if self.hmask > 0 {
            for node in self.nodes() {
                if !node.val.is_nil() {
                    narray += Self::count_int(node.key, &mut bins);
                    total += 1;
                }
            }
        }
        narray += Self::count_int(extra, &mut bins);
        // The best array size: the largest power of two that would be
        // more than half full.
        let (mut asize, mut in_array, mut sum) = (0u32, 0u32, 0u32);
        let mut b = 0usize;
        while b < MAX_ABITS && 2u64 * narray as u64 > (1u64 << b) && sum != narray {
            if bins[b] > 0 {
                sum += bins[b];
                if 2u64 * sum as u64 > (1u64 << b) {
                    asize = (2u32 << b) + 1;
                    in_array = sum;
                }
            }
            b += 1;
        }
        total -= in_array;
        self.resize(heap, asize, hbits_for(total))
    }

    /// Resizes to `asize` array slots and `2^hbits` nodes, reinserting
    /// everything.
    pub fn resize(&mut self, heap: &mut Heap, asize: u32, hbits: u32) -> Result<(), TabError> {
        let old_node = self.node;
        let old_hmask = self.hmask;
        let old_asize = self.asize;
        self.grow_array(heap, asize)?;
        if let Err(e) = self.new_hash_part(heap, hbits) {
            self.node = old_node;
            self.hmask = old_hmask;
            return Err(e);
        }
        // SAFETY: the old parts stay allocated until reinsertion is done;
        // the array shrinks only after its tail moved to the hash part.
        unsafe {
            if asize < old_asize {
                self.asize = asize;
                for i in asize..old_asize {
                    let v = *self.array.add(i as usize);
                    if !v.is_nil() {
                        let slot = self.slot(heap, Value::number(i as f64))?;
                        *slot = v;
                    }
                }
                let shrunk = if asize == 0 {
                    heap.free(
                        NonNull::new_unchecked(self.array).cast(),
                        old_asize as usize * 8,
                    );
                    ptr::null_mut()
                } else {
                    heap.realloc(
                        NonNull::new_unchecked(self.array).cast(),
                        old_asize as usize * 8,
                        asize as usize * 8,
                    )?
                    .as_ptr() as *mut Value
                };
                self.array = shrunk;
            }
            if old_hmask > 0 {
                for i in 0..=old_hmask as usize {
                    let n = &*old_node.add(i);
                    if !n.val.is_nil() {
                        let slot = self.slot(heap, n.key)?;
                        *slot = n.val;
                    }
                }
                heap.free(
                    NonNull::new_unchecked(old_node).cast(),
                    Self::node_bytes(old_hmask),
                );
            }
        }
        Ok(())
    }

    /// `#t`: a border found as LuaJIT finds it.
    pub fn len(&self) -> u32 {
        let array = self.array();
        let mut j = array.len() as u32;
        if j > 1 && array[j as usize - 1].is_nil() {
            let mut i = 1;
            while j - i > 1 {
                let m = (i + j) / 2;
                if array[m as usize - 1].is_nil() {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i - 1;
        }
        j = j.saturating_sub(1);
        if self.hmask == 0 {
            return j;
        }
        self.unbound_search(j)
    }

    fn unbound_search(&self, start: u32) -> u32 {
        let present = |k: u32| !self.get_int(k as i32).is_nil();
        let mut i = start;
        let mut j = start + 1;
        while present(j) {
            i = j;
            j = j.saturating_mul(2);
            if j > i32::MAX as u32 - 2 {
                // Built to defeat the search: count linearly.
                let mut k = 1;
                while present(k) {
                    k += 1;
                }
                return k - 1;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if present(m) {
                i = m;
            } else {
                j = m;
            }
        }
        i
    }

    /// The traversal step of `next`: the entry after `key` (nil starts),
    /// array part first, then hash nodes in storage order.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, TabError> {
        let start = self.traversal_index(key)?;
        let array = self.array();
        let mut i = start;
        while (i as usize) < array.len() {
            if !array[i as usize].is_nil() {
                return Ok(Some((Value::number(i as f64), array[i as usize])));
            }
            i += 1;
        }
        let nodes = self.nodes();
        let mut h = (i - array.len() as u32) as usize;
        while h < nodes.len() {
            if !nodes[h].val.is_nil() {
                return Ok(Some((nodes[h].key, nodes[h].val)));
            }
            h += 1;
        }
        Ok(None)
    }

    /// The traversal position just after `key`.
    fn traversal_index(&self, key: Value) -> Result<u32, TabError> {
        if key.is_nil() {
            return Ok(0);
        }
        let key = match key.as_number() {
            Some(n) => match as_int_key(n) {
                Some(k) if (k as u32) < self.asize => return Ok(k as u32 + 1),
                Some(k) => Value::number(k as f64),
                None => key,
            },
            None => key,
        };
        match self.find_node(key) {
            Some(n) => Ok(self.asize
                + ((n as usize - self.node as usize) / std::mem::size_of::<Node>()) as u32
                + 1),
            None => Err(TabError::BadNextKey),
        }
    }

    /// A copy with the same sizes and the same key placement (TDUP).
    pub fn dup(&self, heap: &mut Heap, white: u8) -> Result<NonNull<GcTab>, TabError> {
        let hbits = if self.hmask > 0 {
            fls(self.hmask) + 1
        } else {
            0
        };
        let t = GcTab::new(heap, white, self.asize, hbits)?;
        // SAFETY: the copy has identical sizes; node links are rebased by
        // the distance between the two node arrays.
        unsafe {
            let copy = &mut *t.as_ptr();
            copy.nomm = 0;
            ptr::copy_nonoverlapping(self.array, copy.array, self.asize as usize);
            if self.hmask > 0 {
                let rebase = |p: *mut Node| -> *mut Node {
                    if p.is_null() {
                        p
                    } else {
                        copy.node
                            .add((p as usize - self.node as usize) / std::mem::size_of::<Node>())
                    }
                };
                for i in 0..=self.hmask as usize {
                    let src = &*self.node.add(i);
                    let dst = &mut *copy.node.add(i);
                    dst.key = src.key;
                    dst.val = src.val;
                    dst.next = rebase(src.next);
                }
                (*copy.node).freetop = rebase((*self.node).freetop);
            }
        }
        Ok(t)
    }

    /// Every key and value, for the collector's traversal.
    pub fn entries(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        let array = self
            .array()
            .iter()
            .enumerate()
            .map(|(i, v)| (Value::number(i as f64), *v));
        let hash = if self.hmask > 0 { self.nodes() } else { &[] };
        array.chain(hash.iter().map(|n| (n.key, n.val)))
    }
}

/// Key equality: numbers by value, everything else by identity.
fn keys_equal(a: Value, b: Value) -> bool {
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y,
        _ => a.0 == b.0,
    }
}

#[cfg(test)]
mod tests;
