-- String work: gsub, find, match, gmatch and format over generated text.
-- size: 600 quick: 4
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local lines = {}
for i = 1, 400 do
  lines[i] = string.format("%d: %s %s=%0.3f [%s]", i, words[i % 8 + 1], words[(i * 3) % 8 + 1], i / 7, string.rep("x", i % 13))
end
local text = table.concat(lines, "\n")

local rounds = tonumber(arg and arg[1]) or 600
local total = 0
for _ = 1, rounds do
  local upper = text:gsub("%a+", string.upper)
  local n = select(2, text:gsub("(%w+)=(%d+)%.(%d+)", "%2:%1"))
  local count = 0
  for num in text:gmatch("(%d+):") do count = count + tonumber(num) end
  local pos, found = 1, 0
  while true do
    local s, e = text:find("theta", pos, true)
    if not s then break end
    found = found + 1
    pos = e + 1
  end
  local a, b = text:match("(%d+): eta (%a+)")
  total = total + #upper + n + count + found + tonumber(a) + #b
end
print(total)
