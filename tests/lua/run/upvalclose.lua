-- Upvalues are closed on break, goto, errors, returns and coroutine death.
local fs = {}
for i = 1, 10 do
  local v = i
  fs[#fs + 1] = function() return v end
  if i == 3 then break end
end
print(fs[1](), fs[2](), fs[3]())
local ws = {}
local n = 0
while true do
  n = n + 1
  local m = n * 10
  ws[n] = function() m = m + 1; return m end
  if n >= 2 then break end
end
print(ws[1](), ws[1](), ws[2]())
local caught
local ok = pcall(function()
  local secret = "kept"
  caught = function() return secret end
  error("boom")
end)
print(ok, caught())
local gen = coroutine.wrap(function()
  local state = 0
  local f = function() state = state + 1; return state end
  coroutine.yield(f)
  return f
end)
local f1 = gen()
print(f1(), f1())
local f2 = gen()
print(f2(), f1 == f2)
local function maker()
  local a = 1
  local function g() return a end
  a = 2
  return g
end
print(maker()())
local shared = {}
for i = 1, 3 do
  local x = i
  shared[i] = {get = function() return x end, set = function(v) x = v end}
end
shared[2].set(99)
print(shared[1].get(), shared[2].get(), shared[3].get())
local function nested()
  local outer = 0
  local fs2 = {}
  for i = 1, 3 do
    local inner = i
    fs2[i] = function() outer = outer + inner; return outer end
  end
  return fs2
end
local ns = nested()
print(ns[1](), ns[2](), ns[3](), ns[1]())
local co = coroutine.create(function()
  local v = "in coroutine"
  return function() return v end
end)
local _, getter = coroutine.resume(co)
print(getter(), coroutine.status(co))
local errfn
local co2 = coroutine.create(function()
  local w = "dead coroutine"
  errfn = function() return w end
  error("die")
end)
print(coroutine.resume(co2))
print(errfn())
