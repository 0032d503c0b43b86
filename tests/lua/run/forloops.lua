-- Numeric and generic for: float steps, negative steps, huge bounds, errors.

for i = 1, 2, 0.5 do print("f", i) end
for i = 3, 1, -1 do print("n", i) end
for i = 1, 0 do print("never") end
for i = 0, 0.3, 0.1 do print("acc", i) end
for i = 1, -1, -0.75 do print("nf", i) end
local c = 0
for i = 2^52 - 2, 2^52 do c = c + 1 end
print("big", c)
for i = -2^31, -2^31 + 2 do print("neg", i) end
for i = 1e308, 1e307, -1e308 do print("huge", i) end
c = 0
for i = 1, math_huge or 1/0 do c = c + 1; if c == 5 then break end end
print("inf", c)
for i = "1", "2" do print("str", i) end
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, "x" do end end))
for i = 1, 3 do local i = i * 10; print("shadow", i) end
local n = 0
for i = 10, 1, -3 do n = n + i end
print(n)
for i = 0.1, 0.5, 0.1 do print("fs", i) end
local t = {10, 20, 30}
for i, v in ipairs(t) do print("ip", i, v) end
for k, v in next, t do print("nx", k, v) end
for k, v in pairs(t) do print("pr", k, v) end
local function range(n)
  return function(s, i) if i < n then return i + 1 end end, nil, 0
end
for i in range(3) do print("custom", i) end
for i = 1, 3, 0 + 1 do end
print(pcall(function() for k, v in 5 do end end))
