-- Thread stacks grown by deep recursion are given back by the collector
-- once the recursion has unwound, and frames, locals and open upvalues
-- survive the shrinking (counts are compared, not printed: object sizes
-- differ between implementations).

local function rec(n)
  if n == 0 then return 0 end
  return 1 + rec(n - 1)
end

local function grow_then_collect(depth)
  collectgarbage()
  local base = collectgarbage("count")
  local r = rec(depth)
  local grown = collectgarbage("count") - base
  for _ = 1, 8 do collectgarbage() end
  return r, grown > 100, collectgarbage("count") - base < grown / 8
end

print("main", grow_then_collect(10000))

-- A suspended coroutine at a shallow depth gives its stack back too; its
-- locals and the upvalues closures hold into its frame stay intact.
local get, set
local co = coroutine.wrap(function(depth)
  local a, b, c = "a", "b", "c"
  get = function() return a .. b .. c end
  set = function(v) b = v end
  print("inside", rec(depth))
  local mark = collectgarbage("count")
  coroutine.yield(mark)
  print("resumed", a, b, c, get())
  print("again", rec(math.floor(depth / 2) + 1))
  set("y")
  coroutine.yield(get())
  return a .. b .. c
end)
collectgarbage()
local before = collectgarbage("count")
local mark = co(6000)
for _ = 1, 8 do collectgarbage() end
local after = collectgarbage("count")
print("coroutine shrank", after < mark - (mark - before) / 2)
set("x")
print(get())
print(co())
for _ = 1, 8 do collectgarbage() end
print(co(), get())

-- Growing again after a shrink works, and deep errors still report.
print("regrow", rec(20000))
for _ = 1, 4 do collectgarbage() end
print("again", rec(20000))
local ok, err = pcall(function() local function inf(n) return 1 + inf(n) end return inf(1) end)
print(ok, err:match("stack overflow") ~= nil)
for _ = 1, 4 do collectgarbage() end
print("after overflow", rec(100))

-- Right after a shrink, frames still reach their full headroom: many
-- call arguments and results.
local big = {}
for i = 1, 250 do big[i] = i end
local function many() return unpack(big) end
local function count(...) return select("#", ...) end
rec(20000)
for _ = 1, 4 do collectgarbage() end
print("headroom", select("#", many()), count(many()), count(unpack(big)))
local co2 = coroutine.wrap(function()
  rec(8000)
  coroutine.yield(1)
  return count(many())
end)
co2()
for _ = 1, 4 do collectgarbage() end
print("coroutine headroom", co2())
