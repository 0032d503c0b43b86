//! A seeded generator of random Lua programs for differential testing.
//!
//! The same seed always gives the same program, and every program
//! terminates (loops have constant bounds, recursion a fixed depth) and
//! prints a great many intermediate values, so that two engines which
//! disagree anywhere are likely to print different text. The programs
//! cover number arithmetic with edge values, mixed-type comparisons and
//! branches on constants, strings and `string.format`, tables with holes,
//! closures and upvalues, varargs, tail calls, every loop form,
//! metatables, coroutines, errors of every type, the common builtins and
//! the `bit` library, and stress on the machinery: deep stacks with open
//! upvalues, many arguments, long strings, garbage, globals.
//!
//! What an engine may legitimately choose is never printed: tables and
//! functions print as their type, string keys are sorted before they are
//! printed, and nothing reads clocks. What only xlj's engines must agree
//! on (number-key order, `#` of tables with holes, libm's last bits) is
//! printed only with [`Config::same_host`]. The prelude (`prelude.lua`) holds
//! the printing helpers; each section of a program runs under `pcall`, so
//! an error ends only that section and its message is part of the output.

mod expr;
mod flow;
mod meta;
mod simple;
mod stress;

/// The helpers every program starts with.
const PRELUDE: &str = include_str!("prelude.lua");

/// A small deterministic generator (xorshift64*): the programs must not
/// depend on anything but the seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is xorshift's fixed point; mixing spreads nearby seeds.
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An integer in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
}

/// What an expression evaluates to, as far as the generator promises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Always a number; evaluating it never raises an error.
    Num,
    /// Always a string; never raises an error.
    Str,
    /// Always a boolean; never raises an error.
    Bool,
    /// A table made by the program.
    Table,
    /// Anything, and evaluating it may raise an error.
    Any,
}

/// A local variable visible where code is being generated.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    kind: Kind,
}

/// Program text under construction, with the variables in scope.
pub struct Gen {
    rng: Rng,
    out: String,
    indent: usize,
    next_id: u32,
    vars: Vec<Var>,
    sections: u32,
    /// See [`Config::same_host`].
    same_host: bool,
}

/// Sizes of a generated program.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// How many top-level sections (each a `pcall`ed function).
    pub sections: usize,
    /// The engines compared share one host and xlj's runtime: print what
    /// depends on how tables are laid out (number keys in the order
    /// `next` visits them, `#` of tables with holes, and later code that
    /// depends on those) and on the C library (`math.sin`, `x ^ 0.3`).
    /// LuaJIT lays out some tables differently, and recorded outputs are
    /// compared on other hosts, so programs checked against it leave this
    /// off.
    pub same_host: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sections: 24,
            same_host: false,
        }
    }
}

/// The program for `seed` with the default size.
pub fn program(seed: u64) -> String {
    program_with(seed, Config::default())
}

/// The program for `seed`.
pub fn program_with(seed: u64, config: Config) -> String {
    parts(seed, config).text()
}

/// A program cut at its sections, so that a failure can be minimised by
/// leaving sections out: each section runs on its own, under `pcall`.
#[derive(Clone, Debug)]
pub struct Program {
    /// The seed comment and the prelude.
    pub head: String,
    pub sections: Vec<String>,
    /// What follows the last section.
    pub tail: String,
}

impl Program {
    /// The whole program.
    pub fn text(&self) -> String {
        let mut out = self.head.clone();
        for s in &self.sections {
            out.push_str(s);
        }
        out.push_str(&self.tail);
        out
    }

    /// The program with only the sections whose `keep` entry is true.
    pub fn with_sections(&self, keep: &[bool]) -> String {
        let mut out = self.head.clone();
        for (i, s) in self.sections.iter().enumerate() {
            if keep.get(i).copied().unwrap_or(true) {
                out.push_str(s);
            }
        }
        out.push_str(&self.tail);
        out
    }
}

/// The program for `seed`, cut at its sections.
pub fn parts(seed: u64, config: Config) -> Program {
    let mut g = Gen {
        rng: Rng::new(seed),
        out: String::with_capacity(16 * 1024),
        indent: 0,
        next_id: 0,
        vars: Vec::new(),
        sections: 0,
        same_host: false,
    };
    g.line(&format!("-- generated by xlj-tests gen, seed {seed}"));
    g.line(&format!("local ORDER = {}", config.same_host));
    g.same_host = config.same_host;
    g.out.push_str(PRELUDE);
    let head = std::mem::take(&mut g.out);
    let mut sections = Vec::with_capacity(config.sections);
    for _ in 0..config.sections {
        g.section();
        sections.push(std::mem::take(&mut g.out));
    }
    g.line("print(\"done\")");
    // Sometimes the program ends in an uncaught error, so that the
    // command's traceback walks frames each engine left; only where
    // engines are compared with each other, since the traceback's last
    // line shows an address.
    if config.same_host && g.rng.chance(25) {
        let v = *g.rng.pick(&["\"boom\"", "{}", "42", "nil"]);
        let depth = g.rng.range(0, 4);
        g.line(&format!(
            "local function fail(n) if n == 0 then error({v}) end return (fail(n - 1)) end"
        ));
        g.line(&format!(
            "local t = setmetatable({{}}, {{__index = function(t, k) return fail({depth}) end}})"
        ));
        g.line("print(t.x)");
    }
    Program {
        head,
        sections,
        tail: g.out,
    }
}

type SectionFn = fn(&mut Gen);

/// The kinds of section, with their weights.
const SECTIONS: &[(SectionFn, usize)] = &[
    (simple::arith, 6),
    (simple::compare, 4),
    (simple::branches, 3),
    (simple::strings, 4),
    (simple::format, 2),
    (simple::builtins, 3),
    (simple::bits, 2),
    (flow::tables, 5),
    (flow::closures, 3),
    (flow::varargs, 3),
    (flow::recursion, 2),
    (flow::loops, 4),
    (meta::metatables, 4),
    (meta::coroutines, 3),
    (meta::errors, 4),
    (stress::deep, 2),
    (stress::garbage, 2),
    (stress::libm, 1),
];

impl Gen {
    /// One top-level section: a function run under `pcall`, its results
    /// printed.
    fn section(&mut self) {
        let total: usize = SECTIONS.iter().map(|s| s.1).sum();
        let mut at = self.rng.below(total);
        let mut chosen = SECTIONS[0].0;
        for &(f, w) in SECTIONS {
            if at < w {
                chosen = f;
                break;
            }
            at -= w;
        }
        self.sections += 1;
        let tag = format!("s{}", self.sections);
        self.line(&format!("E(\"{tag}\", pcall(function()"));
        self.indent += 1;
        let mark = self.vars.len();
        chosen(self);
        self.vars.truncate(mark);
        self.indent -= 1;
        self.line("end))");
    }

    /// Appends one line at the current indentation.
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Emits `head`, then `body` one level deeper, then `end`; variables
    /// the body declares go out of scope after it.
    fn block(&mut self, head: &str, body: impl FnOnce(&mut Gen)) {
        self.line(head);
        self.indent += 1;
        let mark = self.vars.len();
        body(self);
        self.vars.truncate(mark);
        self.indent -= 1;
        self.line("end");
    }

    /// A fresh name with `prefix`.
    fn fresh(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }

    /// Declares `local NAME = value` of `kind` and returns the name.
    fn local(&mut self, kind: Kind, value: &str) -> String {
        let name = self.fresh("v");
        self.line(&format!("local {name} = {value}"));
        self.vars.push(Var {
            name: name.clone(),
            kind,
        });
        name
    }

    /// A visible variable of `kind`, if there is one.
    fn var_of(&mut self, kind: Kind) -> Option<String> {
        let n = self.vars.iter().filter(|v| v.kind == kind).count();
        if n == 0 {
            return None;
        }
        let i = self.rng.below(n);
        self.vars
            .iter()
            .filter(|v| v.kind == kind)
            .nth(i)
            .map(|v| v.name.clone())
    }

    /// A tag for one printed line: the section number and a counter.
    fn tag(&mut self) -> String {
        self.next_id += 1;
        format!("{}.{}", self.sections, self.next_id)
    }

    /// Prints values that cannot raise errors.
    fn print_values(&mut self, exprs: &[String]) {
        let tag = self.tag();
        self.line(&format!("P(\"{tag}\", {})", exprs.join(", ")));
    }

    /// Prints what evaluating `exprs` under `pcall` gives: the values or
    /// the error.
    fn print_guarded(&mut self, exprs: &[String]) {
        let tag = self.tag();
        self.line(&format!(
            "E(\"{tag}\", pcall(function() return {} end))",
            exprs.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_program() {
        assert_eq!(program(7), program(7));
        assert_ne!(program(7), program(8));
    }

    #[test]
    fn programs_parse() {
        for seed in 0..60 {
            let config = Config {
                same_host: seed % 2 == 0,
                ..Config::default()
            };
            let src = program_with(seed, config);
            if let Err(e) = xlj_runtime::vm::Vm::new()
                .expect("a VM")
                .load(src.as_bytes(), "=gen")
            {
                panic!("seed {seed} does not compile: {e:?}\n{src}");
            }
        }
    }
}
