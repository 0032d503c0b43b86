//! Sections about data and control: tables, closures and upvalues,
//! varargs and multiple returns, calls and recursion, loops.

use super::{Gen, Kind};

pub fn tables(g: &mut Gen) {
    // A constructor mixing positional items (nil holes too), explicit
    // integer keys, float and string keys.
    let mut items = Vec::new();
    for _ in 0..g.rng.below(8) {
        items.push(match g.rng.below(6) {
            0 => "nil".to_string(),
            1 => format!("[{}] = {}", g.rng.range(-2, 12), g.num(1)),
            2 => format!(
                "[{}] = {}",
                g.rng.pick(&["0.5", "-0", "2^31", "1e300", "-1"]),
                g.str(1)
            ),
            3 => format!(
                "{} = {}",
                g.rng.pick(&["x", "y", "name", "n"]),
                g.any_safe(1)
            ),
            _ => g.any_safe(1),
        });
    }
    // Declared as `Any` so that other expressions do not take `#` of it.
    let t = g.local(Kind::Any, &format!("{{{}}}", items.join(", ")));
    let tag = g.tag();
    g.line(&format!("P(\"{tag}\", len({t}), keys({t}), dump({t}))"));
    // Stores that grow the array part, make holes, and move keys between
    // the array and the hash part.
    for _ in 0..3 + g.rng.below(6) {
        let k = match g.rng.below(5) {
            // Where `#` of a table with holes differs, later stores would
            // go elsewhere.
            0 if g.same_host => format!("#{t} + 1"),
            0 => g.rng.range(1, 9).to_string(),
            1 => g.rng.range(1, 20).to_string(),
            2 => g.rng.range(-3, 40).to_string(),
            3 => format!("\"{}\"", g.rng.pick(&["x", "k", "n", "10"])),
            _ => g.rng.pick(&["1.5", "2^40", "-0.0", "true"]).to_string(),
        };
        let v = if g.rng.chance(20) {
            "nil".to_string()
        } else {
            g.any_safe(1)
        };
        g.line(&format!("{t}[{k}] = {v}"));
    }
    let tag = g.tag();
    g.line(&format!("P(\"{tag}\", len({t}), keys({t}), dump({t}))"));
    // A loop fill and removals, then the library functions on arrays.
    let n = g.rng.range(0, 30);
    let step = if g.same_host { g.rng.range(1, 3) } else { 1 };
    let a = g.local(Kind::Any, "{}");
    g.line(&format!("for i = 1, {n}, {step} do {a}[i] = i * i end"));
    let tag = g.tag();
    g.line(&format!("P(\"{tag}\", #{a}, keys({a}))"));
    match g.rng.below(4) {
        0 => {
            let v = g.num(1);
            g.line(&format!("table.insert({a}, {v}) table.insert({a}, 1, -1)"));
        }
        1 => g.line(&format!(
            "P(\"{tag}r\", table.remove({a}), table.remove({a}, 1))"
        )),
        2 => g.line(&format!("table.sort({a}, function(x, y) return x > y end)")),
        _ => g.line(&format!("P(\"{tag}c\", table.concat({a}, \",\", 2, 5))")),
    }
    let tag = g.tag();
    g.line(&format!(
        "P(\"{tag}\", #{a}, keys({a}), table.concat({a}, \" \"), unpack({a}, 1, 4))"
    ));
    // Iteration: ipairs stops at the first nil, next visits in order.
    let tag = g.tag();
    g.line(&format!(
        "for i, v in ipairs({t}) do P(\"{tag}\", i, v) end"
    ));
    let tag = g.tag();
    g.line(&format!(
        "do local c, s = 0, 0 for k, v in pairs({a}) do c = c + 1 s = s + k end P(\"{tag}\", c, s) end"
    ));
    // Indexing errors.
    let bad = *g.rng.pick(&["nil", "1", "true", "\"s\""]);
    let tag = g.tag();
    g.line(&format!(
        "E(\"{tag}\", pcall(function() local q = {bad} return q.x end))"
    ));
    g.print_guarded(&[format!("rawset({t}, 0/0, 1)")]);
    g.print_guarded(&[format!(
        "rawget({t}, 1), rawget({t}, \"x\"), rawequal({t}, {t})"
    )]);
}

pub fn closures(g: &mut Gen) {
    let n = g.rng.range(1, 6);
    let fs = g.local(Kind::Table, "{}");
    let init = g.rng.range(0, 9).to_string();
    let shared = g.local(Kind::Num, &init);
    // A fresh upvalue per iteration, one shared by all.
    let tag = g.tag();
    g.block(&format!("for i = 1, {n} do"), |g| {
        let own = g.local(Kind::Num, "i * 10");
        let op = *g.rng.pick(&["+", "*", "-"]);
        g.line(&format!(
            "{fs}[i] = function(x) {own} = {own} {op} x {shared} = {shared} + 1 return {own}, {shared}, i end"
        ));
    });
    g.block(&format!("for j = 1, #{fs} do"), |g| {
        let x = g.num(1);
        g.line(&format!("P(\"{tag}\", {fs}[j]({x}))"));
        g.line(&format!("P(\"{tag}\", {fs}[j](1))"));
    });
    // Counters and nested closures three deep, closed after the scope
    // that declared them ends.
    let mk = g.fresh("mk");
    let step = g.num(1);
    g.line(&format!(
        "local function {mk}(start) local c = start return function(d) c = c + (d or {step}) return function() return c end end end"
    ));
    let tag = g.tag();
    let s = g.num(1);
    g.line(&format!(
        "do local a = {mk}({s}) local b = {mk}(100) local ra = a(1) local rb = b() P(\"{tag}\", ra(), rb(), a(2)(), ra()) end"
    ));
    // A while loop creating closures, with break.
    let tag = g.tag();
    let limit = g.rng.range(1, 8);
    g.line(&format!(
        "do local k, fs2 = 0, {{}} while true do k = k + 1 local kk = k * 2 fs2[k] = function() kk = kk + 1 return kk end if k >= {limit} then break end end for i = 1, #fs2 do P(\"{tag}\", i, fs2[i](), fs2[i]()) end end"
    ));
}

pub fn varargs(g: &mut Gen) {
    let f = g.fresh("va");
    g.line(&format!(
        "local function {f}(...) local n = select(\"#\", ...) return n, ..., select(-1, 0, ...) end"
    ));
    for _ in 0..2 + g.rng.below(4) {
        let args = g.arg_list(1);
        let tag = g.tag();
        match g.rng.below(6) {
            0 => g.line(&format!("P(\"{tag}\", {f}({args}))")),
            1 => g.line(&format!("P(\"{tag}\", ({f}({args})))")),
            2 => g.line(&format!("P(\"{tag}\", {f}({args}), {f}({args}))")),
            3 => g.line(&format!(
                "do local t = {{{f}({args})}} P(\"{tag}\", len(t), keys(t)) end"
            )),
            4 => {
                let (i, j) = (g.rng.range(-1, 2), g.rng.range(0, 5));
                g.line(&format!("P(\"{tag}\", unpack({{{args}}}, {i}, {j}))"))
            }
            _ => {
                let i = g.rng.range(1, 4);
                g.line(&format!("P(\"{tag}\", select({i}, {f}({args})))"))
            }
        }
    }
    // Multiple assignment adjusts counts both ways.
    let tag = g.tag();
    let args = g.arg_list(1);
    g.line(&format!(
        "do local a, b, c, d = {f}({args}) P(\"{tag}\", a, b, c, d) end"
    ));
    let tag = g.tag();
    g.line(&format!(
        "do local function pass(...) return ... end local a, b = pass(1), pass(2, 3) P(\"{tag}\", a, b, pass()) end"
    ));
    let i = *g.rng.pick(&["-3", "0", "\"x\""]);
    g.print_guarded(&[format!("select({i}, 1, 2)")]);
}

pub fn recursion(g: &mut Gen) {
    let fib = g.fresh("fib");
    g.line(&format!(
        "local function {fib}(n) if n < 2 then return n end return {fib}(n - 1) + {fib}(n - 2) end"
    ));
    let tag = g.tag();
    let n = g.rng.range(0, 18);
    g.line(&format!("P(\"{tag}\", {fib}({n}))"));
    // Tail calls run in constant stack, so deep ones must not overflow.
    let tl = g.fresh("tl");
    let depth = g.rng.range(10, 5000);
    let op = *g.rng.pick(&["+", "-", "*"]);
    g.line(&format!(
        "local function {tl}(n, acc) if n == 0 then return acc, n end return {tl}(n - 1, (acc {op} n) % 1000003) end"
    ));
    let tag = g.tag();
    g.line(&format!("P(\"{tag}\", {tl}({depth}, 1))"));
    // Mutual recursion through upvalues.
    let tag = g.tag();
    let m = g.rng.range(0, 40);
    g.line(&format!(
        "do local even, odd function even(n) if n == 0 then return true end return odd(n - 1) end function odd(n) if n == 0 then return false end return even(n - 1) end P(\"{tag}\", even({m}), odd({m})) end"
    ));
    // Recursion through a table field and a method call.
    let tag = g.tag();
    let k = g.rng.range(0, 12);
    g.line(&format!(
        "do local o = {{n = 0}} function o:down(k) self.n = self.n + k if k > 0 then return self:down(k - 1) end return self.n end P(\"{tag}\", o:down({k}), o.n) end"
    ));
    // Unbounded recursion ends in a stack overflow error.
    if g.rng.chance(15) {
        g.print_guarded(&[
            "(function() local function r(n) return 1 + r(n + 1) end return r(1) end)() ~= nil"
                .to_string(),
        ]);
    }
}

pub fn loops(g: &mut Gen) {
    // Numeric loops with float, negative and empty ranges.
    let (start, stop, step) = *g.rng.pick(&[
        ("1", "3", "0.5"),
        ("0", "1", "0.1"),
        ("10", "1", "-3"),
        ("1", "0", "1"),
        ("-1", "-2", "-0.25"),
        ("2147483645", "2147483649", "1"),
        ("-2147483650", "-2147483645", "2"),
        ("1", "2", "1e300"),
        ("2^53-2", "2^53+2", "1"),
        ("1", "5", "1"),
        ("5", "5", "-1"),
        ("0.1", "0.35", "0.05"),
    ]);
    let tag = g.tag();
    g.line(&format!(
        "do local c = 0 for i = {start}, {stop}, {step} do c = c + 1 P(\"{tag}\", i) if c > 20 then break end end P(\"{tag}\", c) end"
    ));
    let bound = *g.rng.pick(&["\"x\"", "nil", "{}", "\"10\""]);
    g.print_guarded(&[format!(
        "(function() for i = 1, {bound} do end return 1 end)()"
    )]);
    // while with a counter, repeat whose condition sees the body's locals.
    let n = g.rng.range(0, 10);
    let tag = g.tag();
    let e = g.num(1);
    g.line(&format!(
        "do local i, s = 0, 0 while i < {n} do i = i + 1 s = s + i * {e} end P(\"{tag}\", i, s) end"
    ));
    let tag = g.tag();
    g.line(&format!(
        "do local i = 0 repeat local j = i * 2 i = i + 1 until j >= {n} P(\"{tag}\", i) end"
    ));
    // goto as continue, nested breaks.
    let tag = g.tag();
    let m = g.rng.range(1, 12);
    let d = g.rng.range(2, 4);
    g.line(&format!(
        "do local out = {{}} for i = 1, {m} do if i % {d} == 0 then goto continue end out[#out + 1] = i ::continue:: end P(\"{tag}\", unpack(out)) end"
    ));
    let tag = g.tag();
    g.line(&format!(
        "do local c = 0 for i = 1, 4 do for j = 1, 4 do if j > i then break end c = c + j end end P(\"{tag}\", c) end"
    ));
    // Generic for over a custom stateless iterator and over ipairs.
    let tag = g.tag();
    let lim = g.rng.range(0, 6);
    g.line(&format!(
        "do local function it(s, i) if i < s then return i + 1, i * i end end for i, sq in it, {lim}, 0 do P(\"{tag}\", i, sq) end end"
    ));
    let tag = g.tag();
    let items = g.arg_list(1);
    g.line(&format!(
        "do local t = {{{items}}} for i, v in ipairs(t) do P(\"{tag}\", i, v) end end"
    ));
    // A backward goto loop.
    let tag = g.tag();
    g.line(&format!(
        "do local i = 0 ::top:: i = i + 1 if i < {n} then goto top end P(\"{tag}\", i) end"
    ));
}
