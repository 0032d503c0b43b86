//! Random expressions. `Num`, `Str` and `Bool` expressions never raise
//! errors, so they can be printed without `pcall`; `Any` expressions mix
//! types freely and are printed under `pcall`.

use super::{Gen, Kind};

/// Numbers where engines tend to disagree: signed zeros, infinities,
/// NaN, the edges of int32 and of exact doubles, tiny and huge values.
pub const EDGE_NUMS: &[&str] = &[
    "0",
    "-0",
    "(0*-1)",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "10",
    "0.5",
    "-2.5",
    "0.1",
    "1/3",
    "1e308",
    "-1e308",
    "1e-310",
    "(1/0)",
    "(-1/0)",
    "(0/0)",
    "math.huge",
    "2^53",
    "(2^53+1)",
    "-2^53",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "1e15",
    "1e16",
    "123456789012",
    "0x7fffffff",
    "0xff",
    "3.75",
    "-0.25",
    "65535",
    "1e100",
];

/// Strings, including ones that look like numbers (arithmetic coerces
/// them) and ones with bytes that need escaping.
pub const EDGE_STRS: &[&str] = &[
    "\"\"",
    "\"a\"",
    "\"abc\"",
    "\"Hello\"",
    "\"10\"",
    "\"0x10\"",
    "\" 5 \"",
    "\"1e2\"",
    "\"-0\"",
    "\"3.5\"",
    "\"nan\"",
    "\"inf\"",
    "\"a\\0b\"",
    "\"tab\\tnl\\n\"",
    "\"\\255\\128x\"",
    "\"x y z\"",
    "'quote\"s'",
    "[[long]]",
];

/// Strings arithmetic accepts.
const NUMERIC_STRS: &[&str] = &[
    "\"10\"", "\"0x10\"", "\" 5 \"", "\"1e2\"", "\"-0\"", "\"3.5\"",
];

impl Gen {
    pub(super) fn num_leaf(&mut self) -> String {
        if self.rng.chance(45) {
            if let Some(v) = self.var_of(Kind::Num) {
                return v;
            }
        }
        match self.rng.below(10) {
            0..=5 => self.rng.pick(EDGE_NUMS).to_string(),
            6 | 7 => self.rng.range(-20, 20).to_string(),
            8 => format!("{}.{}", self.rng.range(-99, 99), self.rng.range(0, 99)),
            _ => format!("{}e{}", self.rng.range(1, 9), self.rng.range(-5, 20)),
        }
    }

    /// A number-valued expression.
    pub(super) fn num(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.chance(25) {
            return self.num_leaf();
        }
        let d = depth - 1;
        match self.rng.below(16) {
            0..=5 => {
                let op = *self.rng.pick(&["+", "-", "*", "/", "%", "+", "-", "*"]);
                format!("({} {op} {})", self.num(d), self.num(d))
            }
            6 => {
                // Small exponents are exact in every libm.
                let e = *self
                    .rng
                    .pick(&["2", "3", "0", "-1", "0.5", "-2", "31", "53"]);
                format!("({} ^ {e})", self.num(d))
            }
            7 => format!("(- {})", self.num(d)),
            8 => {
                let f = *self.rng.pick(&["floor", "ceil", "abs", "sqrt"]);
                format!("math.{f}({})", self.num(d))
            }
            9 => {
                let f = *self.rng.pick(&["max", "min", "fmod"]);
                format!("math.{f}({}, {})", self.num(d), self.num(d))
            }
            10 => format!("(math.modf({}))", self.num(d)),
            11 => format!("#{}", self.str(d)),
            12 => format!("({} + {})", self.rng.pick(NUMERIC_STRS), self.num(d)),
            13 => format!("(tonumber({}) or -7)", self.str(d)),
            14 => format!("select(\"#\"{})", self.more_args(d)),
            _ => format!(
                "({} {} {} and {} or {})",
                self.num(d),
                self.rng.pick(&["<", "<=", "==", "~="]),
                self.num(d),
                self.num(d),
                self.num(d)
            ),
        }
    }

    /// A string-valued expression.
    pub(super) fn str(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.chance(30) {
            if self.rng.chance(40) {
                if let Some(v) = self.var_of(Kind::Str) {
                    return v;
                }
            }
            return self.rng.pick(EDGE_STRS).to_string();
        }
        let d = depth - 1;
        match self.rng.below(12) {
            0..=2 => format!("({} .. {})", self.str(d), self.str(d)),
            3 => format!("({} .. {})", self.str(d), self.num(d)),
            4 => format!("tostring({})", self.num(d)),
            5 => format!(
                "string.sub({}, {}, {})",
                self.str(d),
                self.rng.range(-6, 6),
                self.rng.range(-6, 8)
            ),
            6 => format!("string.rep({}, {})", self.str(d), self.rng.range(-1, 4)),
            7 => {
                let f = *self.rng.pick(&["upper", "lower", "reverse"]);
                format!("string.{f}({})", self.str(d))
            }
            8 => format!(
                "string.format(\"%g|%.3f\", {}, {})",
                self.num(d),
                self.num(d)
            ),
            9 => format!(
                "string.char({}, {})",
                self.rng.range(0, 255),
                self.rng.range(32, 126)
            ),
            10 => format!(
                "({} and {} or {})",
                self.boolean(d),
                self.str(d),
                self.str(d)
            ),
            _ => format!("(({}):rep(2, \"-\"))", self.str(d)),
        }
    }

    /// A boolean-valued expression.
    pub(super) fn boolean(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.chance(20) {
            if let Some(v) = self.var_of(Kind::Bool) {
                if self.rng.chance(50) {
                    return v;
                }
            }
            return self.rng.pick(&["true", "false"]).to_string();
        }
        let d = depth - 1;
        let cmp = *self.rng.pick(&["<", "<=", ">", ">=", "==", "~="]);
        match self.rng.below(7) {
            0..=2 => format!("({} {cmp} {})", self.num(d), self.num(d)),
            3 => format!("({} {cmp} {})", self.str(d), self.str(d)),
            4 => format!("(not {})", self.any_safe(d)),
            5 => format!("rawequal({}, {})", self.any_safe(d), self.any_safe(d)),
            _ => {
                let op = *self.rng.pick(&["and", "or"]);
                format!("({} {op} {})", self.boolean(d), self.boolean(d))
            }
        }
    }

    /// A table constructor of a few values.
    pub(super) fn table_expr(&mut self) -> String {
        if self.rng.chance(60) {
            if let Some(v) = self.var_of(Kind::Table) {
                return v;
            }
        }
        let n = self.rng.below(5);
        // No nils: `#` of a table with holes depends on its layout.
        let items: Vec<String> = (0..n)
            .map(|_| match self.rng.below(3) {
                0 => self.num(0),
                1 => self.str(0),
                _ => self.boolean(0),
            })
            .collect();
        format!("{{{}}}", items.join(", "))
    }

    /// A value of any type whose evaluation cannot fail.
    pub(super) fn any_safe(&mut self, depth: u32) -> String {
        match self.rng.below(10) {
            0..=2 => self.num(depth),
            3..=4 => self.str(depth),
            5 => self.boolean(depth),
            6 => "nil".to_string(),
            7 => "{}".to_string(),
            8 => "print".to_string(),
            _ => self.table_expr(),
        }
    }

    /// A number, string, boolean or nil: a value whose printed form does
    /// not depend on the engine (`tostring` of a table shows an address).
    pub(super) fn scalar(&mut self, depth: u32) -> String {
        match self.rng.below(8) {
            0..=2 => self.num(depth),
            3..=4 => self.str(depth),
            5 => self.boolean(depth),
            _ => "nil".to_string(),
        }
    }

    /// Anything, possibly raising an error: operators applied across
    /// types.
    pub(super) fn any(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.chance(30) {
            return self.any_safe(depth.min(1));
        }
        let d = depth - 1;
        let op = *self.rng.pick(&[
            "+", "-", "*", "/", "%", "^", "..", "<", "<=", ">", ">=", "==", "~=", "and", "or",
        ]);
        match self.rng.below(5) {
            0..=2 => format!("({} {op} {})", self.any(d), self.any(d)),
            3 => format!("(- {})", self.any(d)),
            _ => format!("#{}", self.any(d)),
        }
    }

    /// A comma-separated list of a few values, nils included.
    /// Like [`arg_list`](Self::arg_list), to follow other arguments: each
    /// value comes with its leading comma.
    pub(super) fn more_args(&mut self, depth: u32) -> String {
        let list = self.arg_list(depth);
        if list.is_empty() {
            list
        } else {
            format!(", {list}")
        }
    }

    pub(super) fn arg_list(&mut self, depth: u32) -> String {
        let n = self.rng.below(5);
        let items: Vec<String> = (0..n).map(|_| self.any_safe(depth)).collect();
        items.join(", ")
    }
}
