//! LuaJIT's `math.random` generator, bit for bit.
//!
//! LuaJIT 2.1 replaced C's `rand()` with a combined Tausworthe generator of
//! period 2^223 (L'Ecuyer's maximally equidistributed LFSR113-style family,
//! four 64-bit components). Lua programs seeded with `math.randomseed(n)`
//! print the numbers they draw, so the exact sequence is observable:
//!
//! - state: four `u64` components plus a "seeded yet" flag. A fresh
//!   library state is unseeded and seeds itself with `0.0` on first use.
//! - seeding from a double `d`: for each component, `d = d * pi + e`
//!   (plain double arithmetic, no fused multiply-add) and its *bit
//!   pattern* becomes the component, bumped if it is too small to have the
//!   component's top bits set; then ten steps are discarded.
//! - each step updates every component and XORs them; the low 52 bits
//!   become the mantissa of a double in `[1, 2)`, and subtracting one
//!   gives the result in `[0, 1)`.
//! - `random(m)` is `floor(r * m) + 1` and `random(m, n)` is
//!   `floor(r * (n - m + 1)) + m`, in doubles, with no range check: an
//!   empty interval (`m > n`, `m < 1`) does not raise an error in LuaJIT
//!   2.1 but yields whatever that arithmetic gives.

/// The generator state behind `math.random` and `math.randomseed`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prng {
    state: [u64; 4],
    seeded: bool,
}

/// Per component: (k, q, s) of the LFSR recurrence. `k` is the component's
/// degree: its top `64 - k` bits are discarded by each step, which is why
/// seeding must leave a set bit among the top `k`.
const COMPONENTS: [(u32, u32, u32); 4] = [(63, 31, 18), (58, 19, 28), (55, 24, 7), (47, 21, 8)];

/// The bit x64 sets to make a NaN quiet.
const QUIET_NAN_BIT: u64 = 1 << 51;

impl Default for Prng {
    fn default() -> Self {
        Self::new()
    }
}

impl Prng {
    /// The state of a freshly opened library: not yet seeded.
    pub const fn new() -> Self {
        Prng {
            state: [0; 4],
            seeded: false,
        }
    }

    /// `math.randomseed(d)`.
    pub fn seed(&mut self, mut d: f64) {
        for (i, &(k, _, _)) in COMPONENTS.iter().enumerate() {
            let bits = if d.is_nan() {
                // x64 propagates the NaN operand, quieted, through both
                // operations; other CPUs may substitute a default NaN, so
                // that result is spelled out.
                d.to_bits() | QUIET_NAN_BIT
            } else {
                d = d * std::f64::consts::PI + std::f64::consts::E;
                d.to_bits()
            };
            let min = 1u64 << (64 - k);
            self.state[i] = if bits < min { bits + min } else { bits };
        }
        self.seeded = true;
        for _ in 0..10 {
            self.step();
        }
    }

    /// Advances all four components and returns the bit pattern of a
    /// double in `[1, 2)`.
    fn step(&mut self) -> u64 {
        let mut r = 0u64;
        for (z, &(k, q, s)) in self.state.iter_mut().zip(COMPONENTS.iter()) {
            let top = u64::MAX << (64 - k);
            *z = (((*z << q) ^ *z) >> (k - s)) ^ ((*z & top) << s);
            r ^= *z;
        }
        (r & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000
    }

    /// The next double in `[0, 1)`: `math.random()`.
    pub fn next_unit(&mut self) -> f64 {
        if !self.seeded {
            self.seed(0.0);
        }
        f64::from_bits(self.step()) - 1.0
    }

    /// `math.random(m)`: an integer in `[1, m]` when `m >= 1`.
    pub fn random_upto(&mut self, m: f64) -> f64 {
        (self.next_unit() * m).floor() + 1.0
    }

    /// `math.random(m, n)`: an integer in `[m, n]` when `m <= n` are
    /// integers.
    pub fn random_range(&mut self, m: f64, n: f64) -> f64 {
        (self.next_unit() * (n - m + 1.0)).floor() + m
    }
}
