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
