-- The collector's pacing as programs can observe it: the knobs of
-- collectgarbage, what a step does, and memory that stays bounded in
-- loops that make garbage (counts are compared with bounds, not printed:
-- object sizes differ between implementations).

-- setpause / setstepmul return the old value; a missing argument is 0.
print(collectgarbage("setpause", 150), collectgarbage("setpause", 200), collectgarbage("setpause"))
print(collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 400), collectgarbage("setstepmul", 200), collectgarbage("setstepmul"))
print(collectgarbage("setstepmul", 200))
print(collectgarbage("setpause", -5), collectgarbage("setpause", 200))
print(collectgarbage("setpause", 3.9), collectgarbage("setpause", 200))
print(collectgarbage("setpause", "7"), collectgarbage("setpause", 200))
print(pcall(collectgarbage, "setpause", "x"))
print(pcall(collectgarbage, "setstepmul", {}))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, 1))
print(pcall(collectgarbage, true))
print(select("#", collectgarbage("count")), type(collectgarbage("count")))

-- A step of at least the whole heap finishes the cycle; a step also
-- restarts a stopped collector.
print(collectgarbage("step", 1e9))
collectgarbage("stop")
print(collectgarbage("isrunning"))
print(collectgarbage("step", 1e9), collectgarbage("isrunning"))
collectgarbage("stop")
print(collectgarbage("step", 0), collectgarbage("isrunning"))
collectgarbage("restart")
print(collectgarbage("collect"), collectgarbage(), collectgarbage("restart"), collectgarbage("stop"))
collectgarbage("restart")

-- After a full collection a new cycle is incremental: it takes several
-- small steps, and a step returns true only when the cycle ends.
collectgarbage()
local keep = {}
for i = 1, 2000 do keep[i] = { i } end
collectgarbage()
local steps = 0
repeat steps = steps + 1 until collectgarbage("step", 0) or steps > 100000
print("incremental", steps > 2, steps < 100000)

-- stepmul 0 means an unlimited step: one step is a whole cycle.
collectgarbage("setstepmul", 0)
collectgarbage()
print("stepmul 0", collectgarbage("step", 0))
collectgarbage("setstepmul", 200)
keep = nil

-- The step size argument is in KiB: a large one runs more work.
collectgarbage()
print("step 1e6", collectgarbage("step", 1e6))

-- Loops making garbage stay within a few times their live data.
local function peak(f, n)
  collectgarbage()
  local base, top = collectgarbage("count"), 0
  for i = 1, n do
    f(i)
    if i % 100 == 0 then
      local c = collectgarbage("count")
      if c > top then top = c end
    end
  end
  return top - base
end
local sink
print("tables", peak(function(i) sink = { i, i + 1, x = i } end, 200000) < 512)
print("strings", peak(function(i) sink = "s" .. i end, 200000) < 512)
print("closures", peak(function(i) sink = function() return i end end, 200000) < 512)

-- ipairs returns the same iterator every time and allocates nothing, so
-- a loop calling it produces no garbage at all.
print(ipairs({}) == ipairs({ 1 }))
local t = { 1, 2, 3 }
print("ipairs", peak(function() for _ in ipairs(t) do end end, 100000) < 64)
print("pairs", peak(function() for _ in pairs(t) do end end, 100000) < 64)

-- A bigger pause lets the heap grow further before a cycle starts.
collectgarbage("setpause", 100)
local low = peak(function(i) sink = { i } end, 100000)
collectgarbage("setpause", 400)
local high = peak(function(i) sink = { i } end, 100000)
collectgarbage("setpause", 200)
print("pause", low < 256, high < 1024)
