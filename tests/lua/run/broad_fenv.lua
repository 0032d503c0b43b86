-- Chunks loaded while setfenv(0, t) is in force, and coroutines created
-- then, start with t as their environment (the Lua 5.1 test suite's
-- calls.lua and locals.lua rely on it).
local G = _G
local env = setmetatable({tag = "env"}, {__index = G})

local function probe(label, f)
  G.print(label, G.getfenv(f) == env, G.getfenv(f) == G)
end

G.setfenv(0, env)
probe("loadstring", G.loadstring("return tag"))
local f = G.loadstring("return tag")
G.print("loadstring result", f())
probe("load", G.load(function() return nil end))
local co = G.coroutine.create(function() return G.getfenv(0) == env end)
G.print("coroutine", G.coroutine.resume(co))
G.print("thread env", G.debug.getfenv(co) == env)
G.setfenv(0, G)

probe("after reset", loadstring("return tag"))
print("after reset result", loadstring("return tag")())
local co2 = coroutine.create(function() return getfenv(0) == _G end)
print("coroutine after reset", coroutine.resume(co2))

-- A function's own environment does not leak into what it loads.
local function loader() return loadstring("return tag") end
setfenv(loader, env)
print("setfenv(f) only", loader()())
