-- Number arithmetic, coercion and formatting.
local a, b = 7, 3
print(a + b, a - b, a * b, a / b, a % b, a ^ b)
print(-a % b, a % -b, -a % -b, 5.5 % 2, -5.5 % 2)
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 2 ^ 0.5, 2 ^ -1)
print(10 / 4, 2^53, 2^53 + 1, 1e15, 1e16, 123456.789e3)
print(0.1 + 0.2, 1 / 3, -0.0, 100 * 1.1)
print("10" + 5, "3" * "4", "0x10" + 0, " 2 " * 3, 10 .. "")
print(-"2", - -3, 2^-1074 > 0)
local x = 5
x = x + 1; x = x - 2; x = x * 3; x = x / 4; x = x % 2
print(x)
local k = 17
print(k % 5, k % 5.5, k % -5, 5 % 0 ~= 5 % 0, 0 % 7)
print(pcall(function() return {} + 1 end))
print(pcall(function() local s = "abc"; return s * 2 end))
print(pcall(function() local t = {}; return 1 - t.field end))
print(pcall(function() return -{} end))
print(255 == 0xff, 1e2 == 100)
for _, v in ipairs({1, -1, 0.5, 1e100, 2^63, -2^63, 1/3, 100, 1e-10, 12345678901234}) do
  print(v, v * 2, v / 7)
end
