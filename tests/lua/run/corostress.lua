-- Coroutines under stress: yields through nested pcalls, iterators and
-- metamethods; nesting; errors after yields.
local function producer(n)
  return coroutine.wrap(function()
    for i = 1, n do
      local ok, err = pcall(function()
        local ok2 = pcall(function() coroutine.yield(i) end)
        if i == 2 then error("two", 0) end
      end)
      if not ok then coroutine.yield("caught " .. err) end
    end
  end)
end
for v in producer(3) do print("got", v) end
local obj = setmetatable({}, {__index = function(t, k)
  local v = coroutine.yield("need " .. k)
  rawset(t, k, v)
  return v
end})
local co = coroutine.create(function()
  local a = obj.x + obj.y
  return a, obj.x
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 20))
print(coroutine.status(co))
local function iterate()
  return coroutine.wrap(function()
    local t = setmetatable({}, {__call = function(self, s, i)
      i = i + 1
      if i > 3 then return nil end
      coroutine.yield("step")
      return i
    end})
    for i in t, nil, 0 do coroutine.yield("loop " .. i) end
  end)
end
for v in iterate() do print(v) end
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    coroutine.yield("inner 1")
    coroutine.yield("inner 2")
  end)
  coroutine.yield(inner())
  coroutine.yield("outer")
  coroutine.yield(inner())
end)
print(outer(), outer(), outer())
local late = coroutine.create(function()
  coroutine.yield(1)
  local t = nil
  return t.field
end)
print(coroutine.resume(late))
print(coroutine.resume(late))
print(coroutine.status(late))
local depth = 0
local function recurse(n)
  if n == 0 then return coroutine.yield("bottom") end
  depth = depth + 1
  return recurse(n - 1)
end
local deep = coroutine.create(function() return recurse(1000) end)
print(coroutine.resume(deep))
print(coroutine.resume(deep, "up"), depth)
local cnt = 0
local gens = {}
for i = 1, 50 do
  gens[i] = coroutine.wrap(function() for j = 1, 3 do coroutine.yield(i * j) end end)
end
for r = 1, 3 do for i = 1, 50 do cnt = cnt + gens[i]() end end
print(cnt)
local cmp = setmetatable({}, {__le = function(a, b) return coroutine.yield("le?") end})
local cc = coroutine.wrap(function() return cmp <= cmp, cmp >= cmp end)
print(cc())
print(cc(true))
print(cc(false))
local cat = setmetatable({}, {__concat = function(a, b) return coroutine.yield("cat?") end})
local ccat = coroutine.wrap(function() return "x" .. cat .. "y" end)
print(ccat())
print(ccat("M"))

local eq = {__eq = function() return coroutine.yield("eq?") end}
local e1, e2 = setmetatable({}, eq), setmetatable({}, eq)
local ceq = coroutine.wrap(function() if e1 == e2 then return "equal" else return "different" end end)
print(ceq())
print(ceq(nil))
local newi = setmetatable({}, {__newindex = function(t, k, v) coroutine.yield("set " .. k) rawset(t, k, v) end})
local cni = coroutine.wrap(function() newi.a = 1; newi.b = 2; return rawget(newi, "a") + rawget(newi, "b") end)
print(cni(), cni(), cni())
print(pcall(function()
  local c = coroutine.wrap(function() local t = setmetatable({}, {__index = function() return coroutine.yield() end}); return tostring(t.x) end)
  c()
  return c("back")
end))
local cs = coroutine.wrap(function() local ok, v = pcall(coroutine.yield, "in pcall"); return ok, v end)
print(cs())
print(cs("val"))
local xs = coroutine.wrap(function()
  return xpcall(function() coroutine.yield("in xpcall"); error("after") end, function(m) return "handled " .. m end)
end)
print(xs())
print(xs())
