//! Sections about metatables, coroutines and errors.

use super::{Gen, Kind};

/// Arithmetic metamethods and the operators that trigger them.
const ARITH: &[(&str, &str)] = &[
    ("__add", "+"),
    ("__sub", "-"),
    ("__mul", "*"),
    ("__div", "/"),
    ("__mod", "%"),
    ("__pow", "^"),
    ("__concat", ".."),
];

pub fn metatables(g: &mut Gen) {
    let mt = g.local(Kind::Table, "{}");
    // __index as a table (with a chain) or as a function.
    if g.rng.chance(50) {
        let v = g.any_safe(1);
        g.line(&format!(
            "{mt}.__index = setmetatable({{a = {v}, b = 2}}, {{__index = function(t, k) return \"deep:\" .. tostring(k) end}})"
        ));
    } else {
        g.line(&format!(
            "{mt}.__index = function(t, k) if type(k) == \"number\" then return k * 2 end return \"idx:\" .. tostring(k) end"
        ));
    }
    // __newindex as a table or as a function that stores elsewhere.
    let store = g.local(Kind::Table, "{}");
    if g.rng.chance(50) {
        g.line(&format!("{mt}.__newindex = {store}"));
    } else {
        g.line(&format!(
            "{mt}.__newindex = function(t, k, v) rawset({store}, k, v) if type(v) == \"number\" then rawset(t, k, v + 1000) end end"
        ));
    }
    let ops: Vec<(&str, &str)> = ARITH.iter().copied().filter(|_| g.rng.chance(60)).collect();
    for (name, _) in &ops {
        g.line(&format!(
            "{mt}.{name} = function(a, b) return \"{name}(\" .. (type(a) == \"table\" and \"T\" or tostring(a)) .. \",\" .. (type(b) == \"table\" and \"T\" or tostring(b)) .. \")\" end"
        ));
    }
    g.line(&format!(
        "{mt}.__unm = function(a) return \"unm\" end {mt}.__call = function(self, ...) return select(\"#\", ...), ... end"
    ));
    // Comparison metamethods: __eq is consulted only for two tables that
    // share it; __le falls back to not __lt.
    g.line(&format!(
        "{mt}.__eq = function(a, b) return true end {mt}.__lt = function(a, b) return rawget(a, 1) ~= nil end"
    ));
    if g.rng.chance(50) {
        g.line(&format!("{mt}.__le = function(a, b) return false end"));
    }
    if g.rng.chance(50) {
        g.line(&format!("{mt}.__len = function(a) return 42 end"));
    }
    let a = g.local(Kind::Any, &format!("setmetatable({{}}, {mt})"));
    let b = g.local(Kind::Any, &format!("setmetatable({{1}}, {mt})"));
    let plain = g.local(Kind::Table, "{1, 2}");
    for _ in 0..4 + g.rng.below(6) {
        let e = match g.rng.below(10) {
            0 => format!("{a}.foo, {a}[3], {b}.b, rawget({a}, \"foo\")"),
            1 => {
                let v = g.num(1);
                format!("(function() {a}.n = {v} {a}[1] = \"s\" return rawget({a}, \"n\"), {store}.n, {store}[1] end)()")
            }
            2 => {
                let (_, op) = *g.rng.pick(ARITH);
                let x = g.scalar(1);
                format!("{a} {op} {x}, {x} {op} {b}")
            }
            3 => format!("-{a}, #{a}, #{b}, #{plain}"),
            4 => format!("{a} == {b}, {a} ~= {b}, {a} == {plain}, {a} == {a}, rawequal({a}, {b})"),
            5 => format!("{a} < {b}, {b} < {a}, {a} <= {b}, {b} >= {a}"),
            6 => {
                let args = g.arg_list(1);
                format!("{a}({args})")
            }
            7 => format!("{a} < {plain}"),
            8 => {
                let (_, op) = *g.rng.pick(ARITH);
                format!("{plain} {op} 1")
            }
            _ => format!("getmetatable({a}) == {mt}, getmetatable(\"x\").__index == string"),
        };
        g.print_guarded(&[e]);
    }
    // A protected metatable, and __tostring through tostring.
    let tag = g.tag();
    g.line(&format!(
        "do local p = setmetatable({{}}, {{__metatable = \"locked\", __tostring = function() return \"P!\" end}}) P(\"{tag}\", getmetatable(p), tostring(p), pcall(setmetatable, p, {{}})) end"
    ));
    // Inheritance through __index chains, as classes use it.
    let tag = g.tag();
    let k = g.rng.range(1, 5);
    g.line(&format!(
        "do local Base = {{}} Base.__index = Base function Base.new(x) return setmetatable({{x = x}}, Base) end function Base:get() return self.x end local D = setmetatable({{}}, {{__index = Base}}) D.__index = D function D:get() return Base.get(self) * {k} end local o = setmetatable({{x = 3}}, D) P(\"{tag}\", o:get(), Base.new(5):get()) end"
    ));
}

pub fn coroutines(g: &mut Gen) {
    // A generator through wrap, in a loop.
    let n = g.rng.range(0, 6);
    let tag = g.tag();
    let e = g.num(1);
    g.line(&format!(
        "do local gen = coroutine.wrap(function(a) for i = 1, {n} do a = coroutine.yield(i, a) end return \"end\", a end) for i = 1, {n} + 1 do P(\"{tag}\", gen(i * {e})) end end"
    ));
    // resume/yield passing values both ways; status as it changes.
    let tag = g.tag();
    let args = g.more_args(1);
    g.line(&format!(
        "do local co = coroutine.create(function(...) P(\"{tag}in\", ...) local x, y = coroutine.yield(select(\"#\", ...)) P(\"{tag}in\", x, y) return x end) P(\"{tag}\", coroutine.status(co)) P(\"{tag}\", coroutine.resume(co{args})) P(\"{tag}\", coroutine.status(co)) P(\"{tag}\", coroutine.resume(co, 1, 2)) P(\"{tag}\", coroutine.status(co), coroutine.resume(co)) end"
    ));
    // Yielding across pcall inside the coroutine, and errors raised in
    // it reported by resume.
    let tag = g.tag();
    let err = g.any_safe(1);
    let again = *g.rng.pick(&["true", "false", "nil"]);
    g.line(&format!(
        "do local co = coroutine.create(function() local ok, v = pcall(function() local r = coroutine.yield(1) if r then error({err}) end return r end) coroutine.yield(ok, v) error(\"after\") end) P(\"{tag}\", coroutine.resume(co)) P(\"{tag}\", coroutine.resume(co, {again})) P(\"{tag}\", coroutine.resume(co)) P(\"{tag}\", coroutine.status(co)) end"
    ));
    // A coroutine resumed from inside another.
    let tag = g.tag();
    let m = g.rng.range(1, 4);
    g.line(&format!(
        "do local inner = coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i * 10) end end) local outer = coroutine.wrap(function() for i = 1, {m} do coroutine.yield(inner() + i) end end) for i = 1, {m} do P(\"{tag}\", outer()) end end"
    ));
    // What is not allowed: resuming a dead or running coroutine, yielding
    // from the main thread, wrap's errors.
    let bad = *g.rng.pick(&[
        "coroutine.resume(coroutine.create(function() end)) and coroutine.resume(coroutine.create(function() end))",
        "(function() local co co = coroutine.create(function() return coroutine.resume(co) end) return coroutine.resume(co) end)()",
        "coroutine.wrap(function() error(\"in wrap\") end)()",
        "coroutine.wrap(function() error({}) end)()",
        "coroutine.yield(1)",
        "coroutine.resume(1)",
        "(function() local f = coroutine.wrap(function() end) f() return f() end)()",
        "type(coroutine.running())",
    ]);
    g.print_guarded(&[bad.to_string()]);
}

pub fn errors(g: &mut Gen) {
    // error() with a value of every type, with and without a level.
    for _ in 0..2 + g.rng.below(4) {
        let v = match g.rng.below(8) {
            0 => "nil".to_string(),
            1 => g.boolean(1),
            2 => g.num(1),
            3 => "{code = 7}".to_string(),
            4 => "print".to_string(),
            5 => "coroutine.create(print)".to_string(),
            _ => g.str(1),
        };
        let level = *g.rng.pick(&["", ", 0", ", 1", ", 2"]);
        let tag = g.tag();
        g.line(&format!(
            "E(\"{tag}\", pcall(function() local u = 1 error({v}{level}) end))"
        ));
        let tag = g.tag();
        g.line(&format!(
            "do local ok, e = pcall(error, {v}) P(\"{tag}\", ok, type(e) == \"table\" and e.code or e) end"
        ));
    }
    // Runtime errors, whose messages name the variable involved.
    let bad = [
        "local x x = x + 1",
        "local t = {} t.a.b = 1",
        "local s = \"x\" return s.y.z",
        "undefined_global_fn()",
        "local t = {} t:nomethod()",
        "return #nil",
        "return -{}",
        "return {} .. \"x\"",
        "local u = nil return function() return u.f end",
        "return math.floor({})",
        "return (\"x\")()",
        "local t = setmetatable({}, {__index = function(t, k) error(\"idx \" .. k) end}) return t.key",
        "local t = setmetatable({}, {__newindex = function() error({}) end}) t[1] = 2",
        "return 1 < \"2\"",
        "return {} < {}",
        "return nil .. 1",
        "return ({}).x.y",
    ];
    for _ in 0..2 + g.rng.below(4) {
        let body = *g.rng.pick(&bad);
        let tag = g.tag();
        g.line(&format!("E(\"{tag}\", pcall(function() {body} end))"));
    }
    // xpcall handlers see the original value and may replace it; an
    // error inside the handler is reported too.
    let tag = g.tag();
    let v = g.any_safe(1);
    let handler = *g.rng.pick(&[
        "function(e) return \"handled: \" .. tostring(type(e)) end",
        "function(e) return e, 2 end",
        "function(e) return select(\"#\", e) end",
        "debug.traceback and function(e) return type(e) end",
    ]);
    g.line(&format!(
        "P(\"{tag}\", xpcall(function() error({v}) end, {handler}))"
    ));
    let tag = g.tag();
    g.line(&format!(
        "P(\"{tag}\", xpcall(function() return 1, 2, 3 end, print))"
    ));
    // Nested pcall: the inner error does not escape, the outer one does.
    let tag = g.tag();
    let w = g.str(1);
    g.line(&format!(
        "P(\"{tag}\", pcall(function() local ok, e = pcall(error, {w}, 0) error(tostring(ok) .. \"/\" .. tostring(e), 0) end))"
    ));
    // assert with messages of several types.
    let tag = g.tag();
    let m = g.any_safe(1);
    let cond = *g.rng.pick(&["false", "nil", "1", "0"]);
    g.line(&format!("E(\"{tag}\", pcall(assert, {cond}, {m}))"));
}
