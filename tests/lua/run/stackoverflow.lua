-- Stack overflow is an error that pcall catches; C stack overflow too.
local function inf(n) return 1 + inf(n + 1) end
print(pcall(inf, 1))
local function inf2() local a, b, c = inf2() return a end
print(pcall(inf2))
local depth = 0
local function deep() depth = depth + 1; deep() end
local ok, err = pcall(deep)
print(ok, err, depth > 1000)
print(pcall(inf, 1))
local mt = {}
mt.__index = function(t, k) return t[k] end
local rec = setmetatable({}, mt)
print(pcall(function() return rec.x end))
print("still alive")
