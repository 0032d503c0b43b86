-- Arithmetic, folding, comparisons, concatenation and logic.
local a, b, c = ...
local x = 1 + 2 * 3 - 4 / 2
local y = 2 ^ 10 % 7
local z = -(-3)
local w = - -a
local m = 7 % 0, 0 / 0, -0, 1 / 0, -(1 / 0), 0 * -1
print(x, y, z, w, m)
print(a + 1, 1 + a, a - 1, 1 - a, a * 2, 2 * a, a / 2, 2 / a, a % 3, 3 % a)
print(a + b, a - b, a * b, a / b, a % b, a ^ b, 2 ^ a, a ^ 2)
print(a + 1.5, 2.5 * a, a + 70000, 70000 - a)
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b)
print(a == 1, 1 == a, a ~= "s", "s" ~= a, a == nil, nil == a, a ~= true, a == false)
print(a < 1, 1 < a, a <= 2, 2 >= a, a > 3.5)
print(a .. b, a .. b .. c, "x" .. a .. "y" .. 1 .. 2)
print(a and b, a or b, a and b or c, not a, not not a, not (a == b))
print(a and 1, a or "d", nil and a, false or a, true and a, 1 or a)
print(#a, -a, #"abc", not nil, not 0)
local t = { a = a }
print(t.a + t.a, t[1] * t[2], (a))
if a and b or c then print(1) end
if not a then print(2) end
if a == b and b ~= c or not c then print(3) end
if a < b then print(4) elseif a > b then print(5) else print(6) end
local v = a > b and a or b
local u = (a or b) and (c or 1)
print(v, u)
while a and not b do a = a - 1 end
