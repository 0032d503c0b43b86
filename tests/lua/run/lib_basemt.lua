-- Per-type base metatables: debug.setmetatable on values that are not
-- tables or userdata, and metamethods through them.
local function try(label, f, ...)
  local r = {pcall(f, ...)}
  for i = 1, #r do
    local v = r[i]
    r[i] = (type(v) == "table" or type(v) == "function" or type(v) == "thread" or type(v) == "userdata") and type(v) or tostring(v)
  end
  print(label, table.concat(r, " "))
end
local function same(a, b) return rawequal(a, b) end

-- getmetatable for every type before anything is set
for _, v in ipairs({0, true, false, print, coroutine.create(print)}) do
  print(type(v), getmetatable(v), debug.getmetatable(v))
end
print("nil", getmetatable(nil), debug.getmetatable(nil))
print("string", same(getmetatable(""), debug.getmetatable("x")), getmetatable("").__index == string)

-- numbers
local nmt = {__index = math}
print("setmt num", same(debug.setmetatable(0, nmt), 0))
print(same(getmetatable(1.5), nmt), same(debug.getmetatable(-7), nmt))
try("num method", function() return (5.7):floor() end)
try("num field", function() return (2).pi end)
nmt.__call = function(self, x) return self * x end
try("num call", function() return (6)(7) end)
nmt.__concat = function(a, b) return "cat(" .. type(a) .. "," .. type(b) .. ")" end
try("num concat", function() return {} .. 5 end)
try("num concat2", function() return 1 .. 2 end)
nmt.__len = function(x) return x * 2 end
try("num len", function() return #21 end)
nmt.__unm = function(x) return "unm" end
try("num unm", function() return -(5) end)
nmt.__newindex = function(t, k, v) print("newindex", t, k, v) end
try("num newindex", function() local x = 3 x.y = 4 end)
nmt.__eq = function() return true end
try("num eq", function() return 1 == 2 end)
nmt.__lt = function() return true end
try("num lt", function() return 2 < 1 end)
try("num arith", function() return 1 + {} end)
nmt.__add = function(a, b) return "add" end
try("num arith2", function() return {} + 1 end)
nmt.__tostring = function() return "NUM" end
try("num tostring", tostring, 5)
print("print num", 5)
debug.setmetatable(0, nil)
print("cleared", getmetatable(0))
try("num method gone", function() return (5):floor() end)

-- booleans share one metatable
local bmt = {__index = function(b, k) return k .. "/" .. tostring(b) end}
debug.setmetatable(true, bmt)
print("bool", same(getmetatable(false), bmt), same(getmetatable(true), bmt))
try("bool index", function() return (true).x, (false).y end)
bmt.__call = function(b, ...) return "called", b, ... end
try("bool call", function() return (false)(1, 2) end)
bmt.__len = function() return 42 end
try("bool len", function() return #true end)
debug.setmetatable(false, nil)
print("bool cleared", getmetatable(true))

-- nil
local zmt = {__index = function(_, k) return "nil." .. k end, __call = function() return "nilcall" end}
debug.setmetatable(nil, zmt)
print("nil mt", same(getmetatable(nil), zmt))
try("nil index", function() local x return x.foo end)
try("nil call", function() local x return x() end)
try("nil newindex", function() local x x.foo = 1 end)
zmt.__concat = function() return "nilcat" end
try("nil concat", function() local x return x .. "s" end)
debug.setmetatable(nil, nil)
try("nil index after", function() local x return x.foo end)

-- functions
local fmt = {__index = {name = "fn"}, __len = function() return 7 end,
  __concat = function(a, b) return "fcat" end}
debug.setmetatable(print, fmt)
print("func", same(getmetatable(function() end), fmt))
try("func index", function() return print.name, (function() end).name end)
try("func len", function() return #print end)
try("func concat", function() return print .. "x" end)
fmt.__call = function() return "never" end
try("func call", function() return type(print), select("#", print()) end)
debug.setmetatable(print, nil)

-- threads
local co = coroutine.create(function() end)
local tmt = {__index = coroutine}
debug.setmetatable(co, tmt)
print("thread", same(getmetatable(coroutine.running() or co), tmt))
try("thread method", function() return co:status() end)
debug.setmetatable(co, nil)

-- __metatable protection applies to getmetatable on base types too
debug.setmetatable(1, {__metatable = "locked"})
print("locked", getmetatable(1), type(debug.getmetatable(1)))
try("setmetatable num", setmetatable, 1, {})
debug.setmetatable(1, nil)

-- debug.setmetatable returns its first argument; bad second arguments
print(debug.setmetatable(true, nil))
try("setmt bad", debug.setmetatable, 1, 2)
try("setmt none", debug.setmetatable)
try("getmt none", getmetatable)
try("dgetmt none", debug.getmetatable)
try("setmt onearg", debug.setmetatable, 1)
print(debug.setmetatable(1, nil), debug.setmetatable({}, nil))

-- light userdata (debug.upvalueid gives one) share a metatable too
local function f() return f end
local lud = debug.upvalueid(f, 1)
print("lud", type(lud), getmetatable(lud))
local lmt = {__index = function(_, k) return "lud." .. k end}
debug.setmetatable(lud, lmt)
print("lud mt", same(getmetatable(debug.upvalueid(f, 1)), lmt))
try("lud index", function() return lud.x end)
debug.setmetatable(lud, nil)

-- metamethods from base metatables seen by library functions
debug.setmetatable(0, {__index = string, __tostring = function(n) return "<" .. n .. ">" end})
try("num tostring lib", function() return tostring(1), string.format("%s", 2) end)
print("print", 3, 4.5)
try("num rep", function() return (5):rep(3) end)
debug.setmetatable(0, nil)
collectgarbage()
print("after gc", getmetatable(0))
local keep = {__index = {k = "kept"}}
debug.setmetatable(true, keep)
keep = nil
collectgarbage() collectgarbage()
print("survives gc", (true).k)
debug.setmetatable(true, nil)
