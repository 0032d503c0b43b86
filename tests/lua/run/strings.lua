-- String operations via the VM: concatenation, length, coercion.
local s = "hello"
print(s .. " " .. "world", #s, #"", s .. 1 .. 2.5)
print(1 .. 2, 1.5 .. "", -0.0 .. "", 1e100 .. "|", 2^63 .. "")
local parts = {}
for i = 1, 5 do parts[#parts + 1] = i .. ":" .. i * i end
print(parts[1], parts[5], #parts)
local long = ""
for i = 1, 100 do long = long .. "ab" end
print(#long)
print(pcall(function() return "x" .. nil end))
print(pcall(function() return "x" .. {} end))
print(pcall(function() local t = {}; return t.a .. "x" end))
print(pcall(function() return true .. "x" end))
print("a\0b" == "a\0b", #"a\0b")
local a, b, c = "x", "y", "z"
print(a .. b .. c .. a .. b .. c)
