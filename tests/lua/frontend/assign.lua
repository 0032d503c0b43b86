-- Assignments: multiple targets, hazards, adjustments, globals, upvalues.
local a, b, c = 1, 2
local d, e = 1, 2, 3
local f
local g, h = ...
local i, j = (...)
a, b = b, a
local t = {}
t[a], a = 1, 2
t.x, t = 1, 2
a, t[a] = t[a], a
x, y, z = 1, 2
x, y = y, x
gx = gy
local u1, u2 = 1, "s"
local function up()
  u1, u2 = nil, false
  u1 = 1.5
  u2 = "s2"
  u1 = u2
  u2 = true
end
local r1, r2, r3 = up()
local q = up(), up()
t[1], t[2], t[3] = up()
a = nil
a, b = nil, nil
local n1, n2, n3, n4
local m1 = nil; local m2 = nil
print(a, b, c, d, e, f, g, h, i, j, t, r1, r2, r3, q, n1, n2, n3, n4, m1, m2)
