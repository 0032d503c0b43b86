//! Sections of straight-line code: arithmetic, comparisons, strings,
//! `string.format`, the common builtins and the `bit` library.

use super::expr::{EDGE_NUMS, EDGE_STRS};
use super::{Gen, Kind};

/// Declares a few locals of each basic kind, so that expressions read
/// variables (which the front end cannot fold) as well as constants.
fn some_locals(g: &mut Gen) {
    for _ in 0..2 + g.rng.below(3) {
        let v = g.num(1);
        g.local(Kind::Num, &v);
    }
    for _ in 0..1 + g.rng.below(2) {
        let v = g.str(1);
        g.local(Kind::Str, &v);
    }
    if g.rng.chance(50) {
        let v = g.boolean(1);
        g.local(Kind::Bool, &v);
    }
}

pub fn arith(g: &mut Gen) {
    some_locals(g);
    for _ in 0..4 + g.rng.below(6) {
        let n = 1 + g.rng.below(3);
        let exprs: Vec<String> = (0..n).map(|_| g.num(3)).collect();
        g.print_values(&exprs);
    }
    // Updating a variable in place exercises the stores as well.
    if let Some(v) = g.var_of(Kind::Num) {
        let e = g.num(2);
        let op = *g.rng.pick(&["+", "-", "*", "/", "%"]);
        g.line(&format!("{v} = {v} {op} {e}"));
        g.print_values(&[v]);
    }
}

pub fn compare(g: &mut Gen) {
    some_locals(g);
    for _ in 0..3 + g.rng.below(5) {
        let n = 1 + g.rng.below(3);
        let exprs: Vec<String> = (0..n).map(|_| g.boolean(3)).collect();
        g.print_values(&exprs);
    }
    // Mixed types: errors for ordering across types, plain results for
    // equality; the messages must match too.
    for _ in 0..2 + g.rng.below(5) {
        let e = g.any(3);
        g.print_guarded(&[e]);
    }
    // Comparisons used as conditions take other branches of the
    // interpreter than comparisons used as values.
    let a = g.num(2);
    let b = g.num(2);
    let cmp = *g.rng.pick(&["<", "<=", ">", ">=", "==", "~="]);
    let tag = g.tag();
    g.line(&format!(
        "if {a} {cmp} {b} then P(\"{tag}\", \"then\") else P(\"{tag}\", \"else\") end"
    ));
    let x = g.any(1);
    let y = g.any(1);
    let tag = g.tag();
    g.line(&format!(
        "E(\"{tag}\", pcall(function() if {x} {cmp} {y} then return 1 end return 2 end))"
    ));
}

pub fn strings(g: &mut Gen) {
    some_locals(g);
    for _ in 0..3 + g.rng.below(5) {
        let n = 1 + g.rng.below(3);
        let exprs: Vec<String> = (0..n).map(|_| g.str(3)).collect();
        g.print_values(&exprs);
    }
    let s = g.str(2);
    let i = g.rng.range(-3, 4);
    let j = g.rng.range(-2, 6);
    g.print_values(&[format!("string.byte({s}, {i}, {j})")]);
    let s = g.str(1);
    g.print_values(&[format!("string.len({s})"), format!("#{s}")]);
    // Patterns are deterministic; captures return several values.
    let pat = *g.rng.pick(&[
        "\"%d+\"",
        "\"(%a+)\"",
        "\"a.\"",
        "\"^%s*(.-)%s*$\"",
        "\"(%w)(%w?)\"",
        "\"[%p%c]\"",
        "\"%.\"",
    ]);
    let s = g.str(2);
    let init = g.rng.range(-3, 3);
    g.print_guarded(&[format!("string.find({s}, {pat}, {init})")]);
    let s = g.str(2);
    g.print_guarded(&[format!("string.match({s}, {pat})")]);
    let s = g.str(2);
    let rep = *g
        .rng
        .pick(&["\"<%0>\"", "\"%1%1\"", "\"\"", "string.upper"]);
    let n = g.rng.range(0, 3);
    g.print_guarded(&[format!("string.gsub({s}, {pat}, {rep}, {n})")]);
    // Concatenation and coercions that fail.
    for _ in 0..2 {
        let a = g.any_safe(1);
        let b = g.any_safe(1);
        let c = g.str(1);
        g.print_guarded(&[format!("{a} .. {c} .. {b}")]);
    }
}

pub fn format(g: &mut Gen) {
    const SPECS: &[&str] = &[
        "%d", "%5d", "%-5d|", "%+d", "%i", "%x", "%X", "%o", "%c", "%e", "%.3e", "%f", "%.0f",
        "%10.4f", "%g", "%.3g", "%#g", "%s", "%.2s", "%q", "%%", "%5s|", "%-5s|", "%05.1f",
    ];
    for _ in 0..4 + g.rng.below(6) {
        let spec = *g.rng.pick(SPECS);
        let arg = match g.rng.below(4) {
            0 => g.str(1),
            1 => g.rng.pick(EDGE_NUMS).to_string(),
            _ => g.num(2),
        };
        let spec2 = *g.rng.pick(SPECS);
        let arg2 = g.scalar(1);
        g.print_guarded(&[format!("string.format(\"<{spec}>\", {arg})")]);
        g.print_guarded(&[format!("string.format(\"{spec} {spec2}\", {arg}, {arg2})")]);
    }
}

pub fn builtins(g: &mut Gen) {
    some_locals(g);
    for _ in 0..3 + g.rng.below(4) {
        let v = g.any_safe(2);
        let e = match g.rng.below(10) {
            0 => format!("type({v})"),
            1 => {
                let s = g.scalar(2);
                format!("tostring({s})")
            }
            2 => {
                let s = g.rng.pick(EDGE_STRS);
                format!("tonumber({s})")
            }
            3 => {
                let base = *g.rng.pick(&["2", "8", "10", "16", "36", "7"]);
                let s = *g.rng.pick(&[
                    "\"ff\"",
                    "\"777\"",
                    "\"z\"",
                    "\"101\"",
                    "\"  12  \"",
                    "\"1.5\"",
                    "\"-11\"",
                ]);
                format!("tonumber({s}, {base})")
            }
            4 => {
                let n = g.rng.range(-3, 5);
                let args = g.more_args(1);
                format!("select({n}{args})")
            }
            5 => {
                let args = g.more_args(1);
                format!("select(\"#\"{args})")
            }
            6 => {
                let x = g.num(1);
                format!("math.floor({x}), math.ceil({x}), math.abs({x})")
            }
            7 => {
                let x = g.num(1);
                format!("math.modf({x})")
            }
            8 => {
                let a = g.num(1);
                let b = g.num(1);
                format!("rawequal({a}, {b}), {a} == {b}")
            }
            _ => {
                let x = g.num(1);
                let y = g.num(1);
                format!("math.max({x}, {y}, {v}), math.min({x}, {y})")
            }
        };
        g.print_guarded(&[e]);
    }
    // Builtins refusing bad arguments.
    let bad = *g.rng.pick(&[
        "math.floor(\"x\")",
        "string.rep()",
        "select(0, 1)",
        "tonumber(\"10\", 99)",
        "string.sub()",
        "setmetatable(1, {})",
        "math.max()",
        "string.char(256)",
        "ipairs(nil)",
        "(\"x\"):bad()",
    ]);
    g.print_guarded(&[bad.to_string()]);
}

pub fn bits(g: &mut Gen) {
    some_locals(g);
    for _ in 0..3 + g.rng.below(5) {
        let a = g.num(2);
        let b = g.num(1);
        let shift = g.rng.range(-2, 40);
        let e = match g.rng.below(8) {
            0 => format!("bit.band({a}, {b}), bit.bor({a}, {b}), bit.bxor({a}, {b})"),
            1 => format!("bit.bnot({a}), bit.tobit({a})"),
            2 => format!("bit.lshift({a}, {shift}), bit.rshift({a}, {shift})"),
            3 => format!("bit.arshift({a}, {shift}), bit.rol({a}, {shift}), bit.ror({a}, {shift})"),
            4 => format!("bit.tohex({a}), bit.tohex({a}, {})", g.rng.range(-9, 9)),
            5 => format!("bit.bswap({a})"),
            6 => format!("bit.band({a}, {b}, {}, 255)", g.num(1)),
            _ => format!("bit.tobit(\"{}\")", g.rng.range(-99, 99)),
        };
        g.print_guarded(&[e]);
    }
}

/// Constants of every type, for comparisons whose one side is constant
/// (the interpreter has separate instructions for those).
const CONSTS: &[&str] = &[
    "nil", "true", "false", "0", "-0", "1", "0.5", "1e300", "\"\"", "\"a\"", "\"10\"",
];

pub fn branches(g: &mut Gen) {
    some_locals(g);
    let vals: Vec<String> = (0..3).map(|_| g.any_safe(1)).collect();
    let x = g.local(Kind::Any, &vals[0]);
    let y = g.local(Kind::Any, &vals[1]);
    let z = g.local(Kind::Any, &vals[2]);
    for _ in 0..3 + g.rng.below(4) {
        let v = *g.rng.pick(&[&x, &y, &z]);
        let c = *g.rng.pick(CONSTS);
        let c2 = *g.rng.pick(CONSTS);
        let tag = g.tag();
        let cond = match g.rng.below(6) {
            0 => format!("{v} == {c}"),
            1 => format!("{v} ~= {c}"),
            2 => format!("not {v}"),
            3 => format!("{v} == {c} or {v} == {c2}"),
            4 => format!("{v} and {c}"),
            _ => format!("({v} or {c2}) == {c}"),
        };
        g.line(&format!(
            "if {cond} then P(\"{tag}\", 1) elseif {v} == {c2} then P(\"{tag}\", 2) else P(\"{tag}\", 3) end"
        ));
    }
    // Values and conditions from and/or chains, which compile to jumps.
    for _ in 0..2 + g.rng.below(3) {
        let a = g.any_safe(1);
        let b = g.any_safe(1);
        let c = g.any_safe(1);
        let tag = g.tag();
        g.line(&format!(
            "P(\"{tag}\", {a} and {b} or {c}, {a} or {b} and {c}, not ({a} and not {b}))"
        ));
    }
    // Upvalues set to values of every type from inside a closure.
    let tag = g.tag();
    let u = g.rng.pick(CONSTS).to_string();
    let w = g.scalar(1);
    g.line(&format!(
        "do local u, w = {u}, 0 local function set(k) if k == 1 then u = nil elseif k == 2 then u = \"s\" elseif k == 3 then u = true else u = k end w = {w} return u, w end P(\"{tag}\", set(1)) P(\"{tag}\", set(2)) P(\"{tag}\", set(3)) P(\"{tag}\", set(4.5), u) end"
    ));
}
