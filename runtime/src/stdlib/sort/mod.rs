//! `table.sort`'s algorithm: the quicksort of Lua 5.1 as LuaJIT 2.1 ships
//! it, generic over how elements are read, written and compared.
//!
//! Lua programs can observe far more of a sort than its sortedness: the
//! order of elements that compare equal (sorting records by one field),
//! what a comparator that is not a strict weak order produces, how many
//! times and on which pairs the comparator is called, where the error
//! `invalid order function for sorting` is raised and what the array looks
//! like at that moment. All of that is fixed by the exact sequence of
//! reads, comparisons and writes, so this module reproduces LuaJIT's:
//!
//! - each round sorts `a[l]`, `a[(l+u)/2]` and `a[u]` among themselves
//!   (median of three); two- and three-element ranges stop there;
//! - the median is the pivot: it is swapped to `a[u-1]` and a copy is held
//!   (later comparisons use that copy even if the comparator rewrites the
//!   table);
//! - `i` runs up from `l` while `a[i] < P` and `j` down from `u-1` while
//!   `P < a[j]`; running past `u` or down to `l` means the comparator is
//!   inconsistent and raises the error; crossed indices end the partition,
//!   otherwise `a[i]` and `a[j]` are swapped;
//! - the pivot is swapped into place, the smaller part is sorted
//!   recursively and the larger one by looping, so the recursion depth is
//!   logarithmic.
//!
//! Values read before a comparator call are the ones written back after
//! it, exactly as LuaJIT holds them on its stack. An accessor whose values
//! are GC references must keep the values it hands out alive until they
//! are written back or dropped (the pivot lives across many comparator
//! calls).

#[cfg(test)]
mod tests;

/// Element access for [`sort`]: 1-based reads and writes of the array
/// being sorted and the comparison (the user's comparator or `<`).
pub trait SortAccess {
    /// An element as held outside the array.
    type Value: Clone;
    /// A Lua error: raised by the comparator or by [`invalid_order`].
    ///
    /// [`invalid_order`]: SortAccess::invalid_order
    type Error;

    /// `a[i]` (raw).
    fn get(&mut self, i: i32) -> Result<Self::Value, Self::Error>;
    /// `a[i] = v` (raw).
    fn set(&mut self, i: i32, v: Self::Value) -> Result<(), Self::Error>;
    /// `a < b` under the sort's order.
    fn less(&mut self, a: &Self::Value, b: &Self::Value) -> Result<bool, Self::Error>;
    /// The error `invalid order function for sorting`.
    fn invalid_order(&mut self) -> Self::Error;
}

/// Sorts `a[1..=n]` in place, as `table.sort` does with `n = #t`.
/// Nothing happens for `n < 2`.
pub fn sort<A: SortAccess>(a: &mut A, n: i32) -> Result<(), A::Error> {
    sort_range(a, 1, i64::from(n))
}

/// Writes `x` to `a[i]` and then `y` to `a[j]`: LuaJIT's swap stores the
/// two values it holds in this order, which matters when `i == j`.
fn put2<A: SortAccess>(
    a: &mut A,
    i: i64,
    x: A::Value,
    j: i64,
    y: A::Value,
) -> Result<(), A::Error> {
    a.set(i as i32, x)?;
    a.set(j as i32, y)
}

fn get<A: SortAccess>(a: &mut A, i: i64) -> Result<A::Value, A::Error> {
    a.get(i as i32)
}

/// Sorts `a[l..=u]`. Indices are `i64` so that `(l + u) / 2` cannot
/// overflow; they always stay within `1..=n`.
fn sort_range<A: SortAccess>(a: &mut A, mut l: i64, mut u: i64) -> Result<(), A::Error> {
    while l < u {
        // Order a[l] and a[u].
        let (al, au) = (get(a, l)?, get(a, u)?);
        if a.less(&au, &al)? {
            put2(a, l, au, u, al)?;
        }
        if u - l == 1 {
            break;
        }
        // Bring the middle element between them.
        let mut i = (l + u) / 2;
        let (ai, al) = (get(a, i)?, get(a, l)?);
        if a.less(&ai, &al)? {
            put2(a, i, al, l, ai)?;
        } else {
            let au = get(a, u)?;
            if a.less(&au, &ai)? {
                put2(a, i, au, u, ai)?;
            }
        }
        if u - l == 2 {
            break;
        }
        // The median becomes the pivot and moves next to the end; now
        // a[l] <= P == a[u-1] <= a[u], so only l+1 ..= u-2 is partitioned.
        let pivot = get(a, i)?;
        let before_end = get(a, u - 1)?;
        put2(a, i, before_end, u - 1, pivot.clone())?;
        i = l;
        let mut j = u - 1;
        loop {
            let ai = loop {
                i += 1;
                let ai = get(a, i)?;
                if !a.less(&ai, &pivot)? {
                    break ai;
                }
                if i >= u {
                    return Err(a.invalid_order());
                }
            };
            let aj = loop {
                j -= 1;
                let aj = get(a, j)?;
                if !a.less(&pivot, &aj)? {
                    break aj;
                }
                if j <= l {
                    return Err(a.invalid_order());
                }
            };
            if j < i {
                break;
            }
            put2(a, i, aj, j, ai)?;
        }
        // Put the pivot between the two parts.
        let (pivot_slot, ai) = (get(a, u - 1)?, get(a, i)?);
        put2(a, u - 1, ai, i, pivot_slot)?;
        // Recurse into the smaller part, loop on the larger one.
        let (lo, hi);
        if i - l < u - i {
            (lo, hi) = (l, i - 1);
            l = i + 1;
        } else {
            (lo, hi) = (i + 1, u);
            u = i - 1;
        }
        sort_range(a, lo, hi)?;
    }
    Ok(())
}
