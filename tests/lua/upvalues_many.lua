-- Many locals and upvalues: closures over loop variables of every loop
-- kind, upvalues of upvalues, and values that are never reassigned.
local a1, a2, a3, a4, a5, a6, a7, a8 = 1, 2, 3, 4, 5, 6, 7, 8
local function all()
  return a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8
end
local function level1()
  local b = a1
  return function()
    local c = b + a2
    return function()
      a3 = a3 + c + b
      return a3
    end
  end
end
local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i end end
for k, v in pairs({ x = 1 }) do fs[#fs + 1] = function() return k, v end end
local n = 0
while n < 2 do
  n = n + 1
  local m = n
  fs[#fs + 1] = function() m = m + 1 return m end
end
repeat
  local z = n
  fs[#fs + 1] = function() return z end
  n = n - 1
until n == 0
local const_str = "const"
local const_num = 42
local const_tab = {}
local function readonly() return const_str, const_num, const_tab end
local mutated = 0
local function writer() mutated = mutated + 1 end
print(all(), level1()()(), fs, readonly(), writer(), mutated)
