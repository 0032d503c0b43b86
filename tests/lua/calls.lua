-- Calls in every position: statements, arguments, returns (tail and not),
-- methods, chained calls, string and table arguments, varargs.
local obj = {}
function obj:get(k) return self[k] end
function obj.static(a, b) return a, b end
local function id(...) return ... end
local function count(...) return select("#", ...) end

id()
id(1)
id(1, 2, 3)
obj:get("x")
obj.static(1)
obj:get(obj:get("y"))
id(id(id(1)))
id(id(1), id(2))
id(1, id(2, 3))
count(id(1, 2), id(3, 4))
print(("x"):rep(3))
print(#id("abc"))
local r1 = { id(1, 2) }
local r2 = { id(1, 2), 3 }
local r3 = { (id(1, 2)) }
local s = tostring(12):len()
local m = obj["get"](obj, "z")
require "string"
obj.static { 1 }
obj:get "k"
local function tail(n)
  if n > 0 then return tail(n - 1) end
  return obj:get("done")
end
local function nontail(n)
  return (tail(n))
end
local function multi(...)
  return id(...), id(...)
end
local function vafwd(...)
  print(...)
  local t = { n = count(...), ... }
  return id(1, ...)
end
local f = id
f(1)(2)
f.field = 1
print(r1, r2, r3, s, m, tail(3), nontail(1), multi(1, 2), vafwd(4, 5))
