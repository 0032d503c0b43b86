-- Edge cases of code generation: constant conditions, folding limits,
-- varargs in every position, closures in loops, gotos with upvalues.
local a, b, c, d = ...
local t = {}
t[#t + 1] = a
print(1 < 2, 2 <= 1, "a" == "a", nil == false, 1 == 1.0)
if nil then print(1) end
if false then print(2) else print(3) end
if 1 then print(4) end
if "s" then print(5) end
if not nil then print(6) end
while false do print(7) end
repeat print(8) until true
repeat print(9) until nil
print(a and b or c and d, (a or b) == c, not (a and b), a or b or c or d)
print("a" .. "b" .. 1, 2 ^ -1, -2 ^ 2, -(2 ^ 2), - - 2, -0, 0 / 0, -(-0), 0 * -1, 1 % 0)
print(not 1, not "s", not nil, not false, not true, not not nil)
print(2147483647, 2147483648, -2147483648, -2147483649, 4294967295, 2 ^ 31, 2 ^ 63, 1e15, 1e16)
print(t[2147483648], t[-0.5], t[256.5], t[2^53])
print((...))
print(...)
print(a, ...)
local va1, va2 = ...
local vt = { ... }
local vt2 = { ..., a }
local vt3 = { a, ... }
print(select("#", ...), va1, va2, vt, vt2, vt3)
t.x, t.y = ...
a, b = ...
a, b, c = t:f()
print(("x"):rep(3), (1):foo(), ({}).x, (function() end)())
for i = 1, 3 do
  local x = i
  if x == 2 then goto cont end
  t[i] = function() return x end
  ::cont::
end
do
  local n = 0
  ::again::
  local y = n
  t.g = function() return y end
  n = n + 1
  if n < 3 then goto again end
end
while a do
  local z = a
  t.h = function() return z end
  if z then break end
end
for k, v in pairs(t) do t[k] = function() return k, v end end
local function rec() return rec end
local s40 = "0123456789012345678901234567890123456789 and more than forty"
local esc = "tab\there\0nul\255\128 quote\" back\\slash"
print(rec, s40, esc)
local u = 1
local function mut() u = u + 1 end
local function imm() return u, a end
print(mut, imm)
return a, b, ...
