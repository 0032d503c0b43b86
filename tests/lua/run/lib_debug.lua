-- debug library
local function f(a, b) local c = a + b return c end
local info = debug.getinfo(f)
print(info.what, info.short_src, info.linedefined, info.lastlinedefined, info.nups, info.func == f, info.source)
local pinfo = debug.getinfo(print)
print(pinfo.what, pinfo.short_src, pinfo.linedefined, pinfo.source)
local x, y = 1, 2
local function g() return x + y end
print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3))
print(debug.setupvalue(g, 1, 10), g(), x)
local function h() return y end
print(debug.upvalueid(g, 2) == debug.upvalueid(h, 1), debug.upvalueid(g, 1) == debug.upvalueid(h, 1))
debug.upvaluejoin(g, 1, h, 1) print(g())
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t), type(debug.getmetatable(t)))
debug.setmetatable(t, nil) print(getmetatable(t))
print(type(debug.getregistry()))
local function envf() return who end
debug.setfenv(envf, {who = "env"}) print(envf(), debug.getfenv(envf).who)
print(pcall(debug.getupvalue, 1, 1))
print(debug.gethook())
local function lvl() local l = debug.getinfo(1, "Sl") return l.currentline, l.what end
print(lvl())
print(debug.getinfo(100))
local function loc() local aa, bb = 5, 6 return debug.getlocal(1, 1), debug.getlocal(1, 2) end
print(loc())
