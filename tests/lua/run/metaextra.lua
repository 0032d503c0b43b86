-- More metamethod corners: first result only, erroring metamethods,
-- __newindex chains, __call with varargs, __concat runs.
local mt = {__index = function(t, k) return k, "extra" end}
local t = setmetatable({}, mt)
print(t.a, select("#", t.a))
local multi = setmetatable({}, {__add = function() return 1, 2, 3 end})
print(multi + 1)
local bad = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return bad.zz end))
local log = {}
local chain_end = {}
local chain = setmetatable({}, {__newindex = setmetatable({}, {__newindex = chain_end})})
chain.x = 5
print(rawget(chain, "x"), chain_end.x)
local vc = setmetatable({}, {__call = function(self, ...) return select("#", ...), ... end})
print(vc(), vc(1, nil, 3))
local c = setmetatable({}, {__concat = function(a, b)
  local function s(v) return type(v) == "table" and "<t>" or v end
  return s(a) .. s(b)
end})
print("a" .. "b" .. c .. "d" .. "e")
print(c .. c .. c)
print(1 .. 2 .. c)
local eqa = setmetatable({}, {__eq = function() print("eq called") return true end})
print(eqa == 1, eqa == "x", eqa == nil)
local lt = {__lt = function(a, b) return rawget(a, "v") < rawget(b, "v") end}
local x, y = setmetatable({v = 1}, lt), setmetatable({v = 2}, lt)
print(x < y, y < x, x > y, pcall(function() return x <= y end))
print(pcall(function() return x < 1 end))
local ud = setmetatable({}, {__unm = function(a) return "neg" end, __len = function() return "len" end})
print(-ud, #ud)
local idx = setmetatable({}, {__index = {a = 1, b = 2}})
local s = 0
for _, k in ipairs({"a", "b", "c"}) do s = s + (idx[k] or 0) end
print(s)
local prot = setmetatable({}, {__metatable = false})
print(getmetatable(prot))
local ts = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(tostring, ts))
print(pcall(print, ts))
local gidx = setmetatable({}, {__index = function(t, k) return k * 2 end})
print(gidx[21], gidx[0.5])
local newidx_count = 0
local counter = setmetatable({}, {__newindex = function(t, k, v) newidx_count = newidx_count + 1; rawset(t, k, v) end})
counter.a = 1; counter.a = 2; counter.b = 3
print(newidx_count, counter.a)
local arith = setmetatable({}, {__sub = function(a, b) return type(a) .. "-" .. type(b) end,
  __div = function(a, b) return type(a) .. "/" .. type(b) end,
  __mod = function(a, b) return "mod" end, __pow = function(a, b) return "pow" end,
  __mul = function(a, b) return "mul" end})
print(arith - 1, 1 - arith, "2" / arith, arith % 2, 2 ^ arith, arith * arith)
print(pcall(function() return "abc" + arith end))
print(pcall(function() return arith + 1 end))
