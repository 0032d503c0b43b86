-- Operand forms the other programs miss: NOT on slots, number-first
-- division and modulo, upvalue stores of constants, every KPRI/ISxxP.
local x, y, z = 4, nil, false
local a, b, c = not x, not y, not z
print(a, b, c, not not x)
print(2 / x, 9 % x, -9 % x, 2 / -x, 0 / x, 5.5 % x)
print(pcall(function() return 2 / {} end))
print(pcall(function() return 5 % "a" end))
print(2 / "4", 9 % "4")
local up1, up2, up3, up4 = 0, 0, 0, 0
local function setter()
  up1 = "str"
  up2 = 1.5
  up3 = true
  up4 = nil
end
setter()
print(up1, up2, up3, up4)
local function setter2() up1 = false; up2 = -0.25; up3 = up1 end
setter2()
print(up1, up2, up3)
local v = nil
print(v == nil, v ~= nil, z == false, z ~= false, x == true, x ~= true)
if v == nil then print("isnil") end
if z ~= false then print("never") else print("isfalse") end
local s = "k"
print(s == "k", s ~= "k", s == "j", "k" == s)
print(x == 4, x ~= 4, x == 4.5, 4 == x)
local t = {[0] = "zero", [1] = "one", [255] = "max", [256] = "big"}
print(t[0], t[1], t[255], t[256])
t[0], t[255] = "z", "m"
print(t[0], t[255])
local n = -32768
local m = 32767
print(n, m, -32769, 32768, 1e5, -1e5)
local l1, l2, l3, l4, l5 = 1
print(l1, l2, l3, l4, l5)
local f = x and y
local g = x or y
local h = y or z
local i = y and x
print(f, g, h, i)
local w = (x > 3) and "big" or "small"
print(w, (y and 1) or 2, (z or nil) == nil)
