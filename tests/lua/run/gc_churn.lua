-- Allocation churn: many short-lived tables, closures, strings and
-- coroutines with a few long-lived survivors, checked by checksums.
local keep = {}
local sum = 0
for i = 1, 30000 do
  local t = {i, i * 2, name = "n" .. (i % 100)}
  local f = function(x) return x + t[1] end
  sum = sum + f(1) + #t.name
  if i % 1000 == 0 then keep[#keep + 1] = t end
end
print("sum", sum, #keep)

local check = 0
for _, t in ipairs(keep) do check = check + t[2] end
print("survivors", check)

-- Strings: built, dropped and interned again.
local function rep(c, n)
  local s = ""
  for _ = 1, n do s = s .. c end
  return s
end
local parts = {}
for i = 1, 5000 do
  local s = rep("x", i % 50) .. i
  if i % 500 == 0 then parts[#parts + 1] = s end
end
print("strings", #parts, parts[1], parts[#parts])
local again = 0
for i = 1, 5000 do
  local s = rep("x", i % 50) .. i
  for _, p in ipairs(parts) do if p == s then again = again + 1 end end
end
print("reinterned", again)

-- Closures over upvalues that outlive their frames.
local counters = {}
for i = 1, 200 do
  local n = i
  counters[i] = function() n = n + 1; return n end
end
local total = 0
for r = 1, 50 do
  for i = 1, 200 do total = total + counters[i]() end
  local garbage = {}
  for j = 1, 100 do garbage[j] = {r, j} end
end
print("counters", total)

-- Upvalues shared between closures, stored into after a collection.
local function pair()
  local v = {}
  return function(x) v = x end, function() return v end
end
local set, get = pair()
collectgarbage()
set({"stored"})
for i = 1, 2000 do local g = {i} end
collectgarbage()
print("upvalue", get()[1])

-- Coroutines, finished and abandoned.
local co_sum = 0
for i = 1, 300 do
  local co = coroutine.wrap(function(a)
    local t = {a}
    local b = coroutine.yield(a + 1)
    t[2] = b
    return t[1] + t[2]
  end)
  co_sum = co_sum + co(i)
  if i % 2 == 0 then co_sum = co_sum + co(1) end
end
print("coroutines", co_sum)

-- An abandoned coroutine whose closure outlives it keeps its upvalue.
local getter
do
  local co = coroutine.create(function()
    local x = {"inside"}
    getter = function() return x[1] end
    coroutine.yield()
  end)
  coroutine.resume(co)
end
for i = 1, 3 do collectgarbage() end
for i = 1, 1000 do local g = {i} end
print("abandoned", getter())

-- A deep structure, rebuilt many times.
local function tree(d)
  if d == 0 then return {} end
  return {tree(d - 1), tree(d - 1)}
end
local function size(t)
  local n = 1
  for _, c in ipairs(t) do n = n + size(c) end
  return n
end
local nodes = 0
for i = 1, 10 do nodes = nodes + size(tree(10)) end
print("tree nodes", nodes)
