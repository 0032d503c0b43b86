-- Closures and upvalues: counters, shared upvalues, loops creating closures.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
local function pair()
  local v = 0
  return function() return v end, function(x) v = x end
end
local get, set = pair()
set(10); print(get()); set(20); print(get())
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
print(fs[1](), fs[3](), fs[5]())
local gs = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j * 10
  gs[j] = function() k = k + 1; return k end
end
print(gs[1](), gs[1](), gs[2](), gs[3]())
local hs = {}
for _, name in ipairs({"a", "b", "c"}) do
  hs[#hs + 1] = function() return name end
end
print(hs[1](), hs[2](), hs[3]())
local function outer()
  local x = 1
  local function mid()
    local function inner() x = x * 2; return x end
    return inner
  end
  return mid(), function() return x end
end
local inc, peek = outer()
inc(); inc()
print(peek())
local shared
do
  local s = "first"
  shared = {function() return s end, function(v) s = v end}
end
shared[2]("second")
print(shared[1]())
local function rec(n) if n == 0 then return 0 end return n + rec(n - 1) end
print(rec(100))
local acc = {}
for i = 1, 3 do
  local x = i
  acc[i] = function() x = x + 100; return x end
  if i == 2 then break end
end
print(#acc, acc[1](), acc[2](), acc[1]())
repeat
  local r = 5
  acc.r = function() return r end
until true
print(acc.r())
