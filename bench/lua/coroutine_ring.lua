-- Coroutines: a generator pipeline (producer, filter, mapper, consumer) and
-- a token passed around a ring of coroutines.
-- size: 3000000 quick: 5000
local n = tonumber(arg and arg[1]) or 3000000

local function producer(limit)
  return coroutine.wrap(function()
    for i = 1, limit do coroutine.yield(i) end
  end)
end

local function filter(src)
  return coroutine.wrap(function()
    for v in src do if v % 3 ~= 0 then coroutine.yield(v) end end
  end)
end

local function map(src)
  return coroutine.wrap(function()
    for v in src do coroutine.yield(v * 2) end
  end)
end

local sum = 0
for v in map(filter(producer(n))) do sum = sum + v end

local ring = {}
local size = 50
for i = 1, size do
  ring[i] = coroutine.create(function(token)
    while true do token = coroutine.yield(token + i) end
  end)
end
local token, passes = 0, 0
for round = 1, n / size do
  for i = 1, size do
    local ok, t = coroutine.resume(ring[i], token)
    token = t % 1000003
    passes = passes + 1
  end
end
print(sum, token, passes)
