-- Finalizers of userdata still alive run when the state closes.
local keep = {}
for i = 1, 3 do
  local u = newproxy(true)
  getmetatable(u).__gc = function() print("closing", i) end
  keep[i] = u
end
local g = newproxy(true)
getmetatable(g).__gc = function() print("global proxy") end
_G.proxy = g
print("end of chunk")
