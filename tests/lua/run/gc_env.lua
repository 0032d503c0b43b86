-- Stores the library makes into old objects on the program's behalf:
-- function environments (setfenv), metatables and upvalues set through
-- the debug library, while collections run.
collectgarbage("setstepmul", 100)
collectgarbage("setpause", 100)

local function reader() return x end
local function counter() local n = 0; return function() n = n + 1; return n end end
local c = counter()
local holder = {}
local proxy = newproxy(true)
local sum = 0

for round = 1, 300 do
  setfenv(reader, {x = {round}})
  debug.setmetatable(holder, {__index = {v = {round * 2}}})
  debug.setupvalue(c, 1, round)
  local env = getfenv(reader)
  for j = 1, 30 do local g = {j} end
  sum = sum + reader()[1] + holder.v[1] + c()
end
print("sum", sum)
print("env", reader()[1], holder.v[1], c())

-- Joined upvalues: the joined closure keeps the other's upvalue alive.
local function mk(v) local u = v; return function() return u end end
local a = mk({"a"})
for round = 1, 100 do
  local b = mk({"b" .. round})
  debug.upvaluejoin(a, 1, b, 1)
  for j = 1, 30 do local g = {j} end
end
collectgarbage()
print("joined", a()[1])
local a2 = mk({"x"})
local seen = 0
for round = 1, 50 do
  do
    local b = mk({"y" .. round})
    debug.upvaluejoin(a2, 1, b, 1)
  end
  local c = {}
  for j = 1, 200 do local g = {j} end
  if a2()[1] == "y" .. round then seen = seen + 1 end
end
print("joined again", seen)
