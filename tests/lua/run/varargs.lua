-- Varargs, select and multiple returns.
local function count(...) return select("#", ...) end
print(count(), count(nil), count(1, nil, nil), count(nil, nil, 3))
local function pass(...) return ... end
print(pass(1, 2, 3))
print(pass())
print((pass(1, 2, 3)))
local function first(a, ...) return a, select("#", ...) end
print(first(9, 8, 7))
local function tbl(...) local t = {...}; return #t, t[1], t[#t] end
print(tbl(4, 5, 6))
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"), select(-2, "a", "b", "c"))
print(pcall(select, 0, 1))
print(pcall(select, -5, 1))
local function mr() return 1, 2, 3 end
print(mr(), mr())
local t = {mr(), mr()}
print(#t)
local x, y, z, w = mr()
print(x, y, z, w)
local p, q = (mr())
print(p, q)
local function va2(...)
  local a, b = ...
  local c = select("#", ...) > 2 and select(3, ...) or "none"
  return a, b, c
end
print(va2(1), va2(1, 2, 3))
print(unpack({1, 2, 3}), unpack({1, 2, 3}, 2), unpack({1, 2, 3}, 2, 3), unpack({}, 1, 0))
local function deep(n, ...) if n == 0 then return select("#", ...) end return deep(n - 1, n, ...) end
print(deep(50))
local function fwd(...) return pass(...) end
print(fwd(nil, 2, nil))
