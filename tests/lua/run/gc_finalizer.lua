-- __gc finalizers of userdata (newproxy), their order, resurrection and
-- errors.
local log = {}
local function note(s) log[#log + 1] = s end
-- The notes joined; `sorted` for notes whose order is unspecified.
local function joined(sorted)
  if sorted then
    for i = 2, #log do
      local j = i
      while j > 1 and log[j - 1] > log[j] do
        log[j - 1], log[j] = log[j], log[j - 1]
        j = j - 1
      end
    end
  end
  local s = ""
  for i, v in ipairs(log) do s = s .. (i > 1 and " " or "") .. v end
  return s
end

local function proxy(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function(o) note(name) end
  return u
end

do
  local a, b, c = proxy("a"), proxy("b"), proxy("c")
end
collectgarbage()
print("order", joined())
log = {}

-- A proxy sharing a metatable.
do
  local p = newproxy(true)
  local n = 0
  getmetatable(p).__gc = function() n = n + 1; note("shared" .. n) end
  local q = newproxy(p)
  print("same mt", getmetatable(p) == getmetatable(q))
end
collectgarbage()
print("shared", joined(true))
log = {}

-- newproxy() has no metatable; newproxy(false) neither.
print(type(newproxy()), getmetatable(newproxy()), getmetatable(newproxy(false)))
print(pcall(newproxy, {}))
print(pcall(newproxy, newproxy()))

-- Resurrection: the finalizer stores the object; it is not finalized again.
local saved
do
  local u = newproxy(true)
  local mt = getmetatable(u)
  mt.__gc = function(o) saved = o; note("resurrect") end
  mt.__index = function(o, k) return "field " .. k end
end
collectgarbage()
print("resurrected", type(saved), saved and saved.x)
saved = nil
collectgarbage()
collectgarbage()
print("finalized once", joined())
log = {}

-- What a finalizer's object reaches stays alive until it has run.
do
  local u = newproxy(true)
  local payload = {value = 7}
  getmetatable(u).__gc = function() note("payload " .. payload.value) end
end
collectgarbage()
print(joined())
log = {}

-- Weak tables: a resurrected userdata leaves weak values at once but
-- stays as a weak key until it is really dead.
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() note("weak " .. tostring(wv[1] == nil)) end
  wk[u] = 1
  wv[1] = u
end
collectgarbage()
local nk = 0
for _ in pairs(wk) do nk = nk + 1 end
print("weak", wv[1], nk, joined())
collectgarbage()
nk = 0
for _ in pairs(wk) do nk = nk + 1 end
print("weak later", nk)
log = {}

-- An error in a finalizer comes out of collectgarbage; the rest still run.
do
  local u1 = proxy("before")
  local u = newproxy(true)
  getmetatable(u).__gc = function() error("finalizer failed") end
  local u2 = proxy("after")
end
local ok, err = pcall(collectgarbage)
print("error", ok, err)
collectgarbage()
print("others", joined(true))
log = {}

-- Finalizers may allocate and make new finalizable objects.
local gen = 0
local function chain(n)
  local u = newproxy(true)
  getmetatable(u).__gc = function()
    gen = gen + 1
    local t = {}
    for i = 1, 100 do t[i] = {i} end
    if n > 1 then chain(n - 1) end
  end
end
chain(5)
for i = 1, 6 do collectgarbage() end
print("chain", gen)

-- Many finalizers over automatic collection.
local count = 0
for i = 1, 2000 do
  local u = newproxy(true)
  getmetatable(u).__gc = function() count = count + 1 end
  local pad = {i, i, i, tostring(i)}
end
collectgarbage()
collectgarbage()
print("auto", count)

-- An error in a finalizer run by an automatic step comes out of the
-- allocation that triggered it.
local function churn()
  for i = 1, 100000 do local t = {} end
end
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() error("late failure") end
end
local ok, e = pcall(churn)
print("implicit", ok, e)
print("still running", pcall(churn))
