-- Stores into old (already marked) objects while a collection is under
-- way: tables, upvalues, metatables, coroutine stacks. A store that skipped
-- its write barrier would leave a freed object behind; the checksums at
-- the end read every stored object back.
collectgarbage("setstepmul", 100)
collectgarbage("setpause", 100)

local old = {}
for i = 1, 200 do old[i] = {i} end
local hash = {}
local function fresh(i) return {i, tostring(i)} end

local up = {0}
local function set_up(v) up = v end

local mts = {}
for i = 1, 50 do mts[i] = setmetatable({}, nil) end

local co = coroutine.create(function()
  local held = {}
  while true do
    local v = coroutine.yield(#held)
    held[#held + 1] = v
  end
end)
coroutine.resume(co)

for round = 1, 200 do
  for i = 1, 200, 7 do old[i] = fresh(round + i) end
  hash["k" .. (round % 37)] = fresh(round)
  hash[fresh(round)] = round
  set_up(fresh(round))
  local mt = {__index = fresh(round)}
  setmetatable(mts[round % 50 + 1], mt)
  rawset(old, 200 + round % 10, fresh(-round))
  coroutine.resume(co, fresh(round))
  local garbage = {}
  for j = 1, 20 do garbage[j] = {j} end
end

local sum = 0
for i = 1, 209 do sum = sum + old[i][1] end
local hs, hk = 0, 0
for k, v in pairs(hash) do
  if type(k) == "string" then hs = hs + v[1] + #v[2] else hk = hk + v + k[1] end
end
local ms = 0
for i = 1, 50 do ms = ms + getmetatable(mts[i]).__index[1] end
print("old", sum)
print("hash", hs, hk)
print("upvalue", up[1], up[2])
print("metatables", ms)
print("coroutine", select(2, coroutine.resume(co, {})))
