-- collectgarbage's options and results (figures vary: only types and
-- relations are printed).
print(collectgarbage())
print(collectgarbage("collect"))
local kb = collectgarbage("count")
print(type(kb), kb > 0, select("#", collectgarbage("count")))
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 300), collectgarbage("setstepmul", 200))
print(collectgarbage("isrunning"))
print(collectgarbage("stop"), collectgarbage("isrunning"))
print(collectgarbage("restart"), collectgarbage("isrunning"))
collectgarbage("stop")
collectgarbage()
print("collect restarts", collectgarbage("isrunning"))
print(type(collectgarbage("step")))
local cycles = 0
for i = 1, 1000 do
  if collectgarbage("step") then cycles = cycles + 1 end
end
print("step finishes cycles", cycles > 0)
print("big step", collectgarbage("step", 100000))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, "step", "x"))
print(collectgarbage("step", "10") ~= nil)
print(pcall(collectgarbage, {}))

-- Memory goes back after garbage is collected.
collectgarbage()
local base = collectgarbage("count")
local peak
local function grow()
  local t = {}
  for i = 1, 20000 do t[i] = {i, tostring(i)} end
  peak = collectgarbage("count")
  print("grew", peak > base + 1000)
end
grow()
collectgarbage()
print("shrank", collectgarbage("count") < base + (peak - base) / 4)

-- With the collector stopped, garbage accumulates.
collectgarbage()
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 5000 do local t = {i} end
print("stopped grows", collectgarbage("count") > before + 50)
collectgarbage("restart")
collectgarbage()
print("restart frees", collectgarbage("count") < before + 50)

-- Parameters are stored as given (negative and fractional ones too).
print(collectgarbage("setpause", -1), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", -5), collectgarbage("setstepmul", 0), collectgarbage("setstepmul", 200))
print(collectgarbage("setpause", 3.7), collectgarbage("setpause", 200))
local t = {} for i = 1, 1000 do t[i] = {} end
print(collectgarbage("step", -3) ~= nil)
