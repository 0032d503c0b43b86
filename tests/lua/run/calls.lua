-- Calls: methods, nested multiple results, recursion, argument adjustment.
local obj = {n = 0}
function obj:inc(by) self.n = self.n + (by or 1); return self end
obj:inc():inc(5):inc()
print(obj.n)
local function three() return 1, 2, 3 end
local function count(...) return select("#", ...) end
print(count(three()), count(three(), three()), count((three())), count(three(), nil))
local function id(...) return ... end
print(id(id(id(1, 2, 3))))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(20), fact(170) > 1e300)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
local function args(a, b, c) return a, b, c end
print(args(1), args(1, 2, 3, 4))
local t = {f = function(...) return select("#", ...) end}
print(t.f(), t:f(), t.f(nil, nil))
local s = 0
for i = 1, 100 do s = s + (function(x) return x * 2 end)(i) end
print(s)
local function ret_in_middle(x)
  if x then return "early" end
  local y = "late"
  return y
end
print(ret_in_middle(true), ret_in_middle(false))
local a, b, c = (function() return 1, 2 end)()
print(a, b, c)
local r = {(function() return 1, 2, 3 end)(), (function() return 4, 5 end)()}
print(#r, r[1], r[2], r[3])
local fns = {}
local ns = {sub = {}}
function ns.sub.deep(x) return x + 1 end
function ns.sub:meth(x) return self == ns.sub, x end
print(ns.sub.deep(1), ns.sub:meth(9))
local i = 1
local arr = {}
i, arr[i] = i + 1, 20
print(i, arr[1], arr[2])
local x, y = 1, 2
x, y = y, x
print(x, y)
local big = {}
for k = 1, 200 do big[k] = k end
print(select("#", unpack(big)), (select(200, unpack(big))))
print(count(unpack(big, 1, 250)))
