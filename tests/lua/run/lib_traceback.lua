-- debug.traceback and debug.getinfo names, in LuaJIT's format
local function clean(s) return (s:gsub("\n\t%[C%]: at 0x%x+$", "")) end
local function inner() print(debug.traceback("msg", 1)) print(clean(debug.traceback())) end
local t = {}
function t.method() inner() end
function globalf() t.method() end
local co = coroutine.wrap(function() globalf() end)
co()
print(clean(select(2, xpcall(function() error("x") end, debug.traceback))))
print(clean(debug.traceback("m", 2)))
print(clean(debug.traceback(123)))
print(type(debug.traceback({})), debug.traceback(nil))
print(pcall(debug.traceback, "x", "y"))
local function lv() return debug.getinfo(1, "n"), debug.getinfo(2, "n") end
local a, b = lv() print(a.name, a.namewhat, b.name, b.namewhat)
local obj = {} function obj:m() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
print(obj:m())
print(debug.getinfo(print, "n").name, debug.getinfo(print, "n").namewhat)
local function deep(n) if n == 0 then return debug.traceback("deep") end return (deep(n - 1)) end
print(clean(coroutine.wrap(function() return deep(30) end)()))
local c2 = coroutine.create(function() local x = 1 coroutine.yield() end)
coroutine.resume(c2)
print(debug.traceback(c2), debug.traceback(c2, "hdr"))
print(debug.getinfo(c2, 1, "l").currentline, debug.getinfo(c2, 5))
local function cl() return debug.getinfo(1, "l").currentline end
print(cl())
local act = debug.getinfo(cl, "L").activelines local ls = {} for l in pairs(act) do ls[#ls + 1] = l end table.sort(ls) print(table.concat(ls, ","))
print(pcall(debug.getinfo, 1, ">"))
