-- debug.sethook: call, return, line and count events
local function f(x)
  local y = x + 1
  return y
end
local ev = {}
debug.sethook(function(e, l) ev[#ev + 1] = e .. ":" .. tostring(l) end, "crl")
f(1)
local z = 0
for i = 1, 2 do
  z = z + i
end
debug.sethook()
print(table.concat(ev, " "))
print(debug.gethook())
local n = 0
debug.sethook(function(e) n = n + 1 end, "", 10)
for i = 1, 100 do end
debug.sethook()
print(n > 5, n < 100, debug.gethook())
local function g() return 1 end
local evs = {}
debug.sethook(function(e, l) evs[#evs + 1] = e .. ":" .. tostring(l) end, "cr")
g() print("x")
debug.sethook()
print(table.concat(evs, " "))
local f2 = function() end
debug.sethook(f2, "l", 5) print(select(2, debug.gethook())) debug.sethook()
local lines = {}
local function fact(k)
  if k <= 1 then return 1 end
  return k * fact(k - 1)
end
debug.sethook(function(e, l) lines[#lines + 1] = e:sub(1, 1) .. (l or "") end, "lcr")
local r = fact(3)
debug.sethook()
print(r, table.concat(lines, " "))
local once = false
local ok, err = pcall(function()
  debug.sethook(function() if not once then once = true error("in hook") end end, "l")
  local a = 1
  return a
end)
debug.sethook()
print(ok, err)
local co = coroutine.wrap(function()
  local t = {}
  debug.sethook(function(e, l) t[#t + 1] = l end, "l")
  local q = 1
  q = q + 1
  debug.sethook()
  return table.concat(t, ",")
end)
print(co())
-- the interrupted function's line and locals are visible from the hook
local seen = {}
local function work()
  local alpha = 1
  alpha = alpha + 1
  return alpha
end
debug.sethook(function(e, l)
  local info = debug.getinfo(2, "lS")
  local name = debug.getlocal(2, 1)
  if info.short_src == "lib_hook.lua" and l >= 59 and l <= 61 then
    seen[#seen + 1] = l .. "=" .. info.currentline .. ":" .. tostring(name)
  end
end, "l")
work()
debug.sethook()
print(table.concat(seen, " "))
local cn = 0
local function g(x) return x * 2 end
debug.sethook(function() cn = cn + 1 end, "", 1)
local s = 0
for i = 1, 10 do s = s + g(i) end
debug.sethook()
print(cn, s)
local m = 0
debug.sethook(function() m = m + 1 end, "", 7)
for i = 1, 100 do s = s + i end
debug.sethook()
print(m)
