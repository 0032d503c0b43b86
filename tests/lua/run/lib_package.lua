-- package, require and module
print(type(package.path), type(package.cpath), type(package.loaded), #package.loaders, package.config:sub(1, 1))
print(package.loaded.string == string, package.loaded._G == _G, package.loaded.math == math)
package.path = "/nonexistent/?.lua;/nonexistent/?/init.lua"
package.cpath = "/nonexistent/?.so"
print(pcall(require, "foo.bar"))
print(pcall(require))
package.preload.x = function(...) print("loading", ...) return nil end
print(require("x"), package.loaded.x, require("x"))
package.preload.y = function(name) return {name = name} end
print(require("y").name, require("y") == require("y"))
package.loaded.z = false
print(pcall(require, "z"))
print(package.searchpath("foo", "/nonexistent/?.lua;/nonexistent/?/x.lua"))
local dir = os.tmpname() os.remove(dir)
local f = io.open(dir .. "_m1.lua", "w") f:write("return {n = ...}") f:close()
f = io.open(dir .. "_m2.lua", "w") f:write("error('boom')") f:close()
f = io.open(dir .. "_m3.lua", "w") f:write("x = = 1") f:close()
package.path = dir .. "_?.lua"
print(require("m1").n)
local ok, e = pcall(require, "m2") print(ok, (e:gsub(dir, "DIR")))
ok, e = pcall(require, "m3") print(ok, (e:gsub(dir, "DIR")))
for _, m in ipairs{"m1", "m2", "m3"} do os.remove(dir .. "_" .. m .. ".lua") end
module("mymod", package.seeall)
print(_NAME, _M == mymod, _PACKAGE, print ~= nil)
-- loops, errors and custom loaders
local dir2 = os.tmpname() os.remove(dir2)
f = io.open(dir2 .. "_loop.lua", "w") f:write("return require('loop')") f:close()
f = io.open(dir2 .. "_bad.lua", "w") f:write("error({code = 7})") f:close()
package.path = dir2 .. "_?.lua"
ok, e = pcall(require, "loop") print(ok, (e:gsub(dir2, "DIR")))
ok, e = pcall(require, "bad") print(ok, type(e), e.code, package.loaded.bad ~= nil)
ok, e = pcall(require, "bad") print(ok, type(e))
os.remove(dir2 .. "_loop.lua") os.remove(dir2 .. "_bad.lua")
table.insert(package.loaders, 2, function(name)
  if name == "virtual" then return function(n) return "virtual module " .. n end end
  return "\n\tno virtual '" .. name .. "'"
end)
print(require("virtual"))
print((select(2, pcall(require, "missing")):gsub(dir2, "DIR")))
package.loaders = nil
print(pcall(require, "other"))
local print = print
module("a.b.c")
print(_NAME, _PACKAGE, _M ~= nil)
