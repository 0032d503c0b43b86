-- type, tostring, tonumber, rawequal, rawget, select and friends.
print(type(nil), type(1), type("s"), type({}), type(print), type(true), type(coroutine.create(print)))
print(tostring(1), tostring(-0.5), tostring("s"), tostring(nil), tostring(false), tostring(1e300))
print(tonumber("10"), tonumber("0x1F"), tonumber("1e2"), tonumber("  5  "), tonumber("z"), tonumber(nil))
print(tonumber("10", 2), tonumber("ff", 16), tonumber("zz", 36), tonumber("8", 8), tonumber(" 11 ", 2))
print(tonumber(""), tonumber("-"), tonumber("1e"), tonumber("0x"), tonumber(".5"), tonumber("5."))
print(rawequal(1, 1), rawequal({}, {}), rawequal("a", "a"))
print(rawget({5}, 1), rawget({}, "x"))
local t = rawset({}, "k", "v")
print(t.k)
print(select("#"), select("#", nil, nil))
print(_G._G == _G, _G.print == print, _VERSION)
x_global = 5
print(_G.x_global, rawget(_G, "x_global"))
_G.y_global = 6
print(y_global)
print(pcall(type))
print(not nil, not 0, not "")
local a, b = 1
print(a, b)
local c = 1 and nil
print(c, false or nil, nil or false, 1 and 2, nil and 1)
print(2^31, -2^31, 2^32 + 0.5, 1e-7, 123e-2)
do local big = 0x7fffffff; print(big, big + 1) end
local real = tostring
tostring = function(v) return "<" .. real(v) .. ">" end
print(1, "two", nil)
tostring = function() return nil end
local ok, m = pcall(print, 1)
tostring = real
print(ok, m)
print("restored", 1)
