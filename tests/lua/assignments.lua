-- Assignment forms: multiple targets with fields and indices, swaps,
-- fewer or more values than targets, calls and varargs on the right.
local t = { a = {}, list = {} }
local i, j, k = 1, 2
local x, y = 1, 2, 3
t.a.b, t.list[i], k = i, j, t
i, j = j, i
t[i], t[j] = t[j], t[i]
local function pair() return 1, 2 end
local function none() end
local p, q, r = pair()
local s, u = pair(), 10
local v, w = none()
x, y = pair()
x, y, i = 0, pair()
t.a, t.b = pair(), pair()
local function va(...)
  local m, n = ...
  t.x, t.y = ...
  m, n = 1, ...
  return m, n
end
g1, g2 = 1, 2
g1, t.z, g2 = g2, g1
local a1 = t.a.b.c
t.a.b.c = a1
local s1 = "k"
t[s1] = t[s1 .. "x"]
t[1], t[2], t[3] = 3, 2, 1
t[i + 1] = t[i - 1]
local n1 = #t + 1
t[#t + 1] = n1
print(i, j, k, x, y, p, q, r, s, u, v, w, va(1, 2), g1, g2)
