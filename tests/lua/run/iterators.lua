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
-- A `pairs` that is not the builtin: the specialised loop must fall back
-- (and keep working for the real one afterwards).
local realpairs = pairs
local function loop(t)
  local n = 0
  for k, v in pairs(t) do n = n + v end
  return n
end
print(loop({1, 2, 3}))
pairs = function(t)
  return function(tt, k)
    k = (k or 0) + 1
    if tt[k] then return k, tt[k] * 10 end
  end, t, nil
end
print(loop({1, 2, 3}))
pairs = realpairs
print(loop({1, 2, 3}))
pairs = function(t) return next, t, 1 end
print(loop({1, 2, 3}))
pairs = realpairs
local co = coroutine.wrap(function()
  for k, v in pairs({10, 20}) do coroutine.yield(k + v) end
end)
print(co(), co())
