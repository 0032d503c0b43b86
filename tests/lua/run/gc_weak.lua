-- Weak tables: entries whose weak part died are cleared by a full
-- collection; strings, numbers and booleans are never cleared.
local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local wkv = setmetatable({}, {__mode = "kv"})
local keep = {}
for i = 1, 10 do
  local t = {}
  wk[t] = i
  wv[i] = t
  wkv[t] = t
  if i % 2 == 0 then keep[#keep + 1] = t end
end
wk["s"] = {}          -- string key: strong in a weak-key table
wv["s"] = "string"    -- string value: never cleared
wv.n = 42
wv[true] = false
wkv["a" .. "b"] = "c" .. "d"
wkv[1] = {}           -- dies
wk[1] = {}            -- value is strong
collectgarbage()
print("wk", count(wk), "wv", count(wv), "wkv", count(wkv))
print(type(wk.s), wv.s, wv.n, wv[true], wkv.ab, wkv[1], type(wk[1]))
local sum = 0
for k, v in pairs(wk) do if type(k) == "table" then sum = sum + v end end
print("sum of live keys", sum)
local marks = ""
for i = 1, 10 do marks = marks .. (wv[i] and "x" or ".") end
print(marks)

-- Weak arrays.
local arr = setmetatable({}, {__mode = "v"})
for i = 1, 100 do arr[i] = (i % 10 == 0) and keep[1] or {} end
collectgarbage()
local live = 0
for i = 1, 100 do if arr[i] then live = live + 1 end end
print("weak array live", live)

-- Functions and coroutines as weak values.
local fv = setmetatable({}, {__mode = "v"})
local function mk(x) return function() return x end end
fv[1] = mk(1)
fv[2] = coroutine.create(function() end)
fv[3] = print
local f4 = mk(4)
fv[4] = f4
collectgarbage()
print("fv", fv[1], fv[2], fv[3] == print, fv[4] == f4, f4())

-- The mode is read from the metatable at each collection.
local mt = {}
local late = setmetatable({}, mt)
late[{}] = 1
collectgarbage()
print("before mode", count(late))
mt.__mode = "k"
collectgarbage()
print("after mode", count(late))

-- Entries of a weak table survive while reachable from elsewhere, also
-- through other weak tables.
local a = setmetatable({}, {__mode = "k"})
local b = setmetatable({}, {__mode = "v"})
do
  local o = {}
  a[o] = "o"
  b[1] = o
  keep.o = o
end
collectgarbage()
print("shared", count(a), b[1] == keep.o)
keep.o = nil
collectgarbage()
print("shared dropped", count(a), b[1])

-- Many collections over a growing weak cache.
local cache = setmetatable({}, {__mode = "v"})
local hits = 0
for round = 1, 20 do
  for i = 1, 50 do
    local v = cache[i]
    if v then hits = hits + 1 else cache[i] = {i} end
  end
  if round % 5 == 0 then collectgarbage() end
end
print("cache entries", count(cache) <= 50, hits <= 950)
collectgarbage()
print("cache after", count(cache))
