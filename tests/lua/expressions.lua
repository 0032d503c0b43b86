-- Every expression kind: arithmetic against slots and constants,
-- comparisons, logic, unary operators, concatenation, calls and varargs.
local a, b = ...
local s = "str"
local r1 = a + b
local r2 = a - 1
local r3 = 2 * a
local r4 = a / 3.5
local r5 = a % 7
local r6 = a ^ 2
local r7 = 2 ^ a
local r8 = 10 - a
local r9 = 1 / a
local r10 = -a
local r11 = #s
local r12 = not a
local r13 = a .. b .. s .. "x" .. 1
local r14 = (a + b) * (a - b) / (a % b)
local r15 = 1 + 2 * 3 - 4 / 5
local r16 = -(-3)
local r17 = 2 ^ 10
local r18 = "a" .. "b"
local r19 = 7 % 3

local c1 = a < b
local c2 = a <= b
local c3 = a > b
local c4 = a >= b
local c5 = a == b
local c6 = a ~= b
local c7 = a == "x"
local c8 = a ~= "y"
local c9 = a == 1
local c10 = a ~= 2.5
local c11 = a == nil
local c12 = a ~= true
local c13 = a == false
local c14 = 1 < a
local c15 = "s" == a

local l1 = a and b
local l2 = a or b
local l3 = a and b or s
local l4 = (a or 1) and (b or 2)
local l5 = not (a and b)
local l6 = a or "default"
local l7 = a and 1 or nil

if a < b and b < 10 or not s then
  print(l1, l2)
end
while not (a == b) do a = a + 1 end

local function va(...)
  local x, y = ...
  local t = { ... }
  local n = select("#", ...)
  return n, x, y, t, ...
end

local t = {}
t.x = a
t[1] = b
t[a] = s
t["key with space"] = 1
local g1 = t.x
local g2 = t[1]
local g3 = t[a]
local g4 = t[300]
t[300] = 1
t[-1] = 2
t[1.5] = 3
t.s = "v"
t[true] = false

print(va(1, 2, 3))
print((va(1)))
s:upper()
local up = s:sub(1, 2):rep(3)
local m = t.x.y.z
print "literal"
print { 1, 2 }
print(s:len(), #t, -t.x)
local call = va(va(va()))
glob = glob or {}
glob.field = glob.field and glob.field + 1 or 0
print(r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15,
  r16, r17, r18, r19, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12,
  c13, c14, c15, l3, l4, l5, l6, l7, g1, g2, g3, g4, up, m, call)
