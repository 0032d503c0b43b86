-- pcall, xpcall and error with every kind of value and level.
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, 42))
print(pcall(error, true))
local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
print(pcall(error, "msg", 0))
print(pcall(function() error("lvl1") end))
print(pcall(function() error("lvl0", 0) end))
local function inner() error("lvl2", 2) end
local function caller() inner() end
print(pcall(caller))
print(pcall(function() error() end))
print(pcall(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end))
print(select("#", pcall(error)))
print(pcall(function(...) return ... end, 1, 2, 3))
print(pcall(pcall))
print(pcall(pcall, error, "nested"))
print(pcall(function() local ok, err = pcall(error, "in"); error(err .. "+out", 0) end))
print(xpcall(function() error("oops") end, function(m) return "handled: " .. m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error({code = 7}) end, function(e) return e.code end))
print(pcall(xpcall))
print(pcall(xpcall, print))
print(xpcall(error, function(m) return "h:" .. tostring(m) end, "arg"))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, 1, 2, 3))
print(pcall(function() assert(false) end))
print(pcall(function() assert(false, 12) end))
print(select("#", pcall(function() assert(false, {}) end)))
local depth = 0
local function nest(n) if n == 0 then error("bottom") end local ok, e = pcall(nest, n - 1); depth = depth + 1; error(e, 0) end
print(pcall(nest, 10), depth)
local closed
do
  local v = "captured"
  closed = function() return v end
  pcall(function() local w = v; error("x") end)
end
print(closed())
print(pcall(function() local a = {}; a.b.c = 1 end))
print(pcall(nil))
print(pcall({}))
