//! Sections that push on the machinery under the language: stack growth
//! with open upvalues, calls with many arguments, long strings and much
//! garbage, globals, and (on one host only) the C library's math.

use super::{Gen, Kind};

pub fn deep(g: &mut Gen) {
    // Each level keeps a closure over its own local and parameter; the
    // stack is reallocated while those upvalues are open, and they are
    // read after every frame is gone.
    let depth = g.rng.range(20, 400);
    let slots = g.rng.range(1, 30);
    let locals: Vec<String> = (0..slots).map(|i| format!("l{i}")).collect();
    let tag = g.tag();
    g.line(&format!(
        "do local fs = {{}} local function down(n) local {} = {} local x = n * 3 fs[#fs + 1] = function() x = x + 1 return x + l0 end if n > 0 then return down(n - 1) + 1 end return 0 end P(\"{tag}\", down({depth}), #fs) local s = 0 for i = 1, #fs, 7 do s = s + fs[i]() + fs[i]() end P(\"{tag}\", s) end",
        locals.join(", "),
        (0..slots).map(|i| format!("n + {i}")).collect::<Vec<_>>().join(", ")
    ));
    // Many arguments and results through unpack, select and varargs.
    let n = g.rng.range(0, 120);
    let tag = g.tag();
    g.line(&format!(
        "do local t = {{}} for i = 1, {n} do t[i] = i % 7 == 0 and -i or i end local function f(...) return select(\"#\", ...), select(-1, 0, ...), ... end local r = {{f(unpack(t, 1, {n}))}} local s = 0 for i = 3, #r do s = s + r[i] end P(\"{tag}\", r[1], r[2], s) end"
    ));
    // A coroutine that yields from deep inside recursion, resumed many
    // times.
    let d = g.rng.range(1, 80);
    let tag = g.tag();
    g.line(&format!(
        "do local co = coroutine.wrap(function() local function r(k) if k == 0 then for i = 1, 3 do coroutine.yield(i) end return 0 end local v = r(k - 1) return v + k end coroutine.yield(r({d})) end) P(\"{tag}\", co(), co(), co(), co()) end"
    ));
    // pcall nested deep, with an error at the bottom.
    let d = g.rng.range(1, 60);
    let tag = g.tag();
    g.line(&format!(
        "do local function p(k) if k == 0 then error(\"bottom\", 0) end local ok, e = pcall(p, k - 1) return (ok and \"ok\" or e) .. (k % 10 == 0 and \".\" or \"\") end P(\"{tag}\", p({d})) end"
    ));
}

pub fn garbage(g: &mut Gen) {
    // Strings built piece by piece, then long strings compared.
    let n = g.rng.range(1, 200);
    let piece = g.str(1);
    let tag = g.tag();
    g.line(&format!(
        "do local s = \"\" local parts = {{}} for i = 1, {n} do s = s .. i .. {piece} parts[i] = tostring(i * 3) end local c = table.concat(parts, \";\") P(\"{tag}\", #s, string.sub(s, -20), #c, string.sub(c, 1, 30), s < c, s == s .. \"\") end"
    ));
    let rep = g.rng.range(0, 3000);
    let tag = g.tag();
    g.line(&format!(
        "do local a = string.rep(\"ab\", {rep}) local b = string.rep(\"ab\", {rep}) .. \"c\" P(\"{tag}\", #a, a < b, a == b, a .. \"c\" == b, string.byte(b, -1), string.find(b, \"c\", 1, true)) end"
    ));
    // Tables allocated and dropped in a loop, with a collection in the
    // middle: nothing printed depends on when the collector runs.
    let m = g.rng.range(10, 2000);
    let tag = g.tag();
    g.line(&format!(
        "do local keep = {{}} for i = 1, {m} do local t = {{i, tostring(i), {{i}}}} if i % 97 == 0 then keep[#keep + 1] = t end if i == {} then collectgarbage() end end local s = 0 for _, t in ipairs(keep) do s = s + t[1] + #t[2] + t[3][1] end P(\"{tag}\", #keep, s) end",
        m / 2
    ));
    // Globals: stores, reads through _G and rawget, and removal.
    let v = g.num(1);
    let name = g.fresh("G_");
    let tag = g.tag();
    g.line(&format!(
        "{name} = {v} P(\"{tag}\", {name}, _G.{name}, rawget(_G, \"{name}\")) {name} = nil P(\"{tag}\", {name})"
    ));
    let k = g.local(Kind::Num, "0");
    let tag = g.tag();
    g.line(&format!(
        "for i = 1, 64 do {k} = {k} + i * i end P(\"{tag}\", {k})"
    ));
}

/// The C library's math: only where every engine runs on one host (on
/// another, `sin` or `pow` may round differently).
pub fn libm(g: &mut Gen) {
    if !g.same_host {
        return super::simple::arith(g);
    }
    for _ in 0..3 + g.rng.below(5) {
        let x = g.num(2);
        let y = g.num(1);
        let e = match g.rng.below(6) {
            0 => format!("math.sin({x}), math.cos({x}), math.tan({x})"),
            1 => format!("math.exp({x}), math.log({x}), math.log10({x})"),
            2 => format!("math.atan2({x}, {y}), math.asin({x}), math.acos({x}), math.atan({x})"),
            3 => format!("{x} ^ {y}, math.pow({x}, {y})"),
            4 => format!("math.sinh({x}), math.cosh({x}), math.tanh({x})"),
            _ => format!(
                "math.frexp({x}), math.ldexp({x}, {})",
                g.rng.range(-1100, 1100)
            ),
        };
        g.print_guarded(&[e]);
    }
}
