-- Every metamethod, as functions and as tables where allowed.
local log = {}
local function L(...) print("mm", ...) end
local mt = {}
mt.__add = function(a, b) L("add") return 1 end
mt.__sub = function(a, b) L("sub") return 2 end
mt.__mul = function(a, b) L("mul") return 3 end
mt.__div = function(a, b) L("div") return 4 end
mt.__mod = function(a, b) L("mod") return 5 end
mt.__pow = function(a, b) L("pow") return 6 end
mt.__unm = function(a) L("unm") return 7 end
mt.__concat = function(a, b) L("concat", type(a), type(b)) return "cc" end
mt.__len = function(a) L("len") return 42 end
mt.__eq = function(a, b) L("eq") return true end
mt.__lt = function(a, b) L("lt") return true end
mt.__le = function(a, b) L("le") return false end
mt.__call = function(self, x, y) L("call", x, y) return x, y end
mt.__index = function(t, k) L("index", k) return k .. "?" end
mt.__newindex = function(t, k, v) L("newindex", k, v) rawset(t, k, v) end
mt.__tostring = function() return "OBJ" end
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
print(a + 1, 1 - a, a * a, a / 2, a % 3, 2 ^ a, -a)
print(a .. "s", "s" .. a, 1 .. a, a .. b)
print(#a)
print(a == b, a ~= b, a == a, a < b, a <= b, a > b, a >= b)
print(a(10, 20))
print(a.foo, a[1])
a.bar = 5
print(rawget(a, "bar"), a.bar)
print(tostring(a), tostring(a) == "OBJ")
-- __index / __newindex tables and chains
local base = {greet = "hi"}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet, top.missing)
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.x = 1
print(rawget(proxy, "x"), store.x)
-- __eq only between same-metamethod tables
local e1 = setmetatable({}, {__eq = function() return true end})
local e2 = setmetatable({}, {__eq = function() return true end})
print(e1 == e2, e1 == e1)
-- __le falls back to not __lt(b, a)
local lt_only = {__lt = function(x, y) L("lt only") return false end}
local p, q = setmetatable({}, lt_only), setmetatable({}, lt_only)
print(p <= q, p >= q)
-- __metatable protection
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), pcall(setmetatable, prot, {}))
-- __call chains through pcall
local callable = setmetatable({}, {__call = function(self, v) return v * 2 end})
print(pcall(callable, 21))
-- __concat with numbers on either side
local cat = setmetatable({}, {__concat = function(x, y)
  return (type(x) == "table" and "T" or tostring(x)) .. "+" .. (type(y) == "table" and "T" or tostring(y))
end})
print(cat .. 1, 1 .. cat, "a" .. "b" .. cat, cat .. "a" .. "b")
-- __unm and __len on tables, arithmetic metamethods with strings
print(getmetatable(a) == mt, getmetatable(1))
local idx = setmetatable({}, {__index = function(t, k) return k * 2 end})
local s = 0
for i = 1, 10 do s = s + idx[i] end
print(s)
-- loop in gettable
local loop = {}
setmetatable(loop, {__index = loop})
print(pcall(function() return loop.x end))
