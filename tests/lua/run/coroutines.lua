-- Coroutines: generators, status, wrap, yields across pcall and metamethods.
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end return "end" end)
end
local g = gen(3)
print(g(), g(), g(), g())
print(pcall(g))
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("resumed with", c)
  local d, e = coroutine.yield(c * 2)
  print("again", d, e)
  return "fin", 99
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, "x", "y"))
print(coroutine.status(co))
print(coroutine.resume(co))
-- yield across pcall
local pc = coroutine.create(function()
  local ok, v = pcall(function()
    local got = coroutine.yield("inside pcall")
    error("after " .. got, 0)
  end)
  coroutine.yield(ok, v)
  return "done"
end)
print(coroutine.resume(pc))
print(coroutine.resume(pc, "resume"))
print(coroutine.resume(pc))
-- yield inside __index and __add metamethods
local lazy = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end})
local mco = coroutine.wrap(function() return lazy.alpha, lazy.beta end)
print(mco())
print(mco(1))
print(mco(2))
local arith = setmetatable({}, {__add = function(a, b) return coroutine.yield("adding") end})
local aco = coroutine.wrap(function() return arith + 1 end)
print(aco())
print(aco(41))
-- yield in a comparison metamethod and in a for iterator
local cmp = setmetatable({}, {__lt = function() return coroutine.yield("comparing") end})
local cco = coroutine.wrap(function() if cmp < cmp then return "less" else return "not less" end end)
print(cco())
print(cco(false))
local function iter() return coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i, i * i) end end) end
for i, sq in iter() do print("iter", i, sq) end
-- errors inside coroutines
local bad = coroutine.create(function() error("co fail") end)
print(coroutine.resume(bad))
print(coroutine.status(bad))
print(coroutine.resume(bad))
local badt = coroutine.create(function() error({}) end)
local ok, e = coroutine.resume(badt)
print(ok, type(e))
print(pcall(coroutine.wrap(function() error("wrapped") end)))
print(pcall(coroutine.wrap(function() error(7) end)))
-- status from inside, running, nesting
local outer
outer = coroutine.create(function()
  print("inside status", coroutine.status(outer), coroutine.running() == outer)
  local inner = coroutine.create(function()
    print("outer is", coroutine.status(outer))
    coroutine.yield()
  end)
  coroutine.resume(inner)
  print("inner is", coroutine.status(inner))
end)
coroutine.resume(outer)
print(coroutine.running(), coroutine.isyieldable())
print(coroutine.wrap(function() return coroutine.isyieldable() end)())
print(pcall(coroutine.yield, 1))
print(coroutine.resume(coroutine.create(function() return coroutine.resume(coroutine.running()) end)))
-- many values through yield/resume
local many = coroutine.create(function(...) local n = select("#", ...); local r = {coroutine.yield(n, ...)}; return #r end)
print(coroutine.resume(many, 1, 2, 3, 4, 5))
print(coroutine.resume(many, "a", "b"))
-- producer/consumer
local function producer() return coroutine.create(function() for _, v in ipairs({"a", "b", "c"}) do coroutine.yield(v) end end) end
local p = producer()
local out = {}
while true do
  local _, v = coroutine.resume(p)
  if v == nil then break end
  out[#out + 1] = v
end
print(#out, out[1], out[3])
print(pcall(coroutine.create, 1))
print(pcall(coroutine.resume, 1))
