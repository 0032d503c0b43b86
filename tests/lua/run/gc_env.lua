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
