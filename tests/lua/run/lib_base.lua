-- load, loadstring, loadfile, dofile, getfenv, setfenv, newproxy, string.dump
print(loadstring("x = "))
print(loadstring("return 1 + 1")())
print(loadstring("return ...", "=name")(7, 8))
print(select(2, loadstring("error('e')", "=chunk"))) print(pcall(loadstring("error('e')", "=chunk")))
print(loadfile("/nonexistent.lua"))
print(pcall(dofile, "/nonexistent.lua"))
local parts = {"return ", "1 + ", "2"} local i = 0
print(load(function() i = i + 1 return parts[i] end)())
print(load("syntax error here"))
print(pcall(load))
print(getfenv(0) == _G, getfenv(1) == _G, getfenv() == _G, getfenv(print) == _G)
print(pcall(getfenv, 100))
print(pcall(setfenv, 100, {}))
print(pcall(setfenv, print, {}))
local function f() return x end
print(pcall(setfenv, f, 1))
setfenv(f, {x = 1}) print(f())
local function g() setfenv(1, {print = print, y = 5}) print(y) end g()
print(type(newproxy()), type(newproxy(true)), getmetatable(newproxy(true)) ~= nil)
local name = os.tmpname()
local fh = io.open(name, "w") fh:write("#!/shebang line\nreturn 40 + 2, ...") fh:close()
print(dofile(name), loadfile(name)("arg"))
os.remove(name)
-- string.dump round trips
local function add(a, b) local t = {1, 2, 3, n = "x"} return a + b + #t, t.n, 1.5, "str" end
local d = string.dump(add)
print(type(d), d:sub(1, 3) == "\27LJ")
local add2 = loadstring(d)
print(add2(1, 2))
print(loadstring(string.dump(add, true))(3, 4))
local function nested() local function inner(x) return x * 2 end return inner(21) end
print(loadstring(string.dump(nested))())
local up = 5 local function withup() return up end
print(loadstring(string.dump(withup))())
print(pcall(string.dump, print))
print(pcall(string.dump))
print(pcall(string.dump, {}))
