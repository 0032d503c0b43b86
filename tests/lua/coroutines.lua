-- Coroutines: generators, producer/consumer pipes, wrap, status checks,
-- passing values both ways through yield and resume.
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i) end
  end)
end

local function filter(pred, gen)
  return coroutine.wrap(function()
    for v in gen do
      if pred(v) then coroutine.yield(v) end
    end
  end)
end

local function map(f, gen)
  return coroutine.wrap(function()
    for v in gen do coroutine.yield(f(v)) end
  end)
end

local function collect(gen)
  local t = {}
  for v in gen do t[#t + 1] = v end
  return t
end

local acc = coroutine.create(function(a)
  local sum = a
  while true do
    local x = coroutine.yield(sum)
    if x == nil then break end
    sum = sum + x
  end
  return "done", sum
end)

local results = {}
results[#results + 1] = select(2, coroutine.resume(acc, 1))
results[#results + 1] = select(2, coroutine.resume(acc, 2))
results[#results + 1] = select(2, coroutine.resume(acc, 3))
local ok, tag, total = coroutine.resume(acc)
local dead = coroutine.status(acc)
local evens = collect(map(function(v) return v * v end,
  filter(function(v) return v % 2 == 0 end, range(10))))
local errco = coroutine.create(function() error("boom") end)
print(results[1], results[2], results[3], ok, tag, total, dead, #evens,
  coroutine.resume(errco), coroutine.running())
