-- Comparisons of every kind, including errors.
print(1 < 2, 2 < 1, 1 <= 1, 2 >= 3, 1 > 0, 1 == 1.0, 1 ~= 1)
print("a" < "b", "abc" < "abd", "" < "a", "a" < "", "Z" < "a", "a\0b" < "a\0c", "ab" <= "ab")
print(0/0 == 0/0, 0/0 < 1, 0/0 >= 1, not (0/0 < 1))
print(nil == false, 1 == "1", "1" == "1", {} == {})
local t = {}
print(t == t, t ~= t, print == print)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
print(pcall(function() return true < false end))
print(pcall(function() return "a" >= 1 end))
local function cmp(a, b) return a < b, a <= b, a > b, a >= b end
print(cmp(1, 2)) print(cmp(2, 2)) print(cmp("b", "a"))
local x = 5
if x > 3 and x < 10 then print("in range") end
if not (x == 5) then print("no") else print("yes") end
print(x == 5 and "five" or "other", x ~= 5 and 1 or 2)
