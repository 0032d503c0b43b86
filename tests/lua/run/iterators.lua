-- pairs/next specialisation (ISNEXT/ITERN) and its fallback.
local t = {}
for i = 1, 10 do t[i] = i * i end
local s = 0
for k, v in pairs(t) do s = s + k * v end
print(s)
local cnt = 0
for k in pairs({1, 2, 3, 4}) do cnt = cnt + k end
print(cnt)
local mt = {__index = function() return 0 end}
local function mynext(tab, k) return next(tab, k) end
s = 0
for k, v in mynext, t do s = s + v end
print(s)
local p = pairs
for k, v in p({5, 6}) do print(k, v) end
local del = {1, 2, 3, 4, 5}
for k, v in pairs(del) do del[k] = nil end
print(next(del))
local mixed = {1, 2, 3}
mixed[4.5] = "x"
local n = 0
for k, v in pairs(mixed) do n = n + 1 end
print(n)
print(pcall(next, {}, "nokey"))
print(next({}), next({7}), next({7}, 1))
local function gen()
  local i = 0
  return function() i = i + 1; if i <= 3 then return i end end
end
for v in gen() do print("gen", v) end
for k, v in ipairs({1, nil, 3}) do print("ipairs stops", k, v) end
print(pcall(ipairs))
print(pcall(ipairs, nil))
print(pcall(pairs, 1))
