-- String work: building strings by concatenation, table.concat and rep.
-- size: 2000 quick: 10
local rounds = tonumber(arg and arg[1]) or 2000
local total = 0
for r = 1, rounds do
  local parts = {}
  for i = 1, 1000 do parts[#parts + 1] = tostring(i * r) end
  local s = table.concat(parts, ",")
  local t = ""
  for i = 1, 200 do t = t .. string.char(65 + (i + r) % 26) end
  local u = string.rep("ab-", 100)
  total = total + #s + #t + #u + s:byte(#s) + t:byte(1)
end
print(total)
