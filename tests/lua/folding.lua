-- Constant folding and branch elimination: what the parser computes at
-- compile time and what it must leave to run time.
local a = 1 + 2
local b = 10 / 4
local c = 2 ^ 0.5
local d = 7 % -3
local e = -7 % 3
local f = -(2 ^ 2)
local g = 1 / 0
local h = -1 / 0
local i = 0 / 0
local j = -0
local k = 0 * -1
local l = 2 ^ 53 + 1
local m = 3 - 3.0
local n = "10" + 1
local o = 1 .. 2
local p = not nil
local q = not 1
local r = nil and 1
local s = false or nil
local t = 1 and 2
local u = nil or "x"
if true then a = 1 end
if false then a = 2 else a = 3 end
if nil then a = 4 end
if 1 then a = 5 end
if "" then a = 6 end
while false do a = 7 end
repeat a = 8 until true
if not true then a = 9 end
local v = (1 < 2)
local w = (a < 2) == true
local x = -a ^ 2
local y = 2 ^ -a
local z = 1 + a + 2
local aa = a + 1 + 2
local bb = a * (2 * 3)
local cc = 1e300 * 1e10
local dd = -(-a)
local ee = - -1
local ff = 0x7fffffff + 1
local gg = 32767 + 1
local hh = -32768
local ii = -32769
print(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w,
  x, y, z, aa, bb, cc, dd, ee, ff, gg, hh, ii)
