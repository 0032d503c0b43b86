local t = {}
local x = t.a.b
