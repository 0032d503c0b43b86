-- Allocation: build and walk many short-lived binary trees.
-- size: 16 quick: 10
local function make(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { make(depth), make(depth) }
end

local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end

local maxdepth = tonumber(arg and arg[1]) or 16
local mindepth = 4
if maxdepth < mindepth + 2 then maxdepth = mindepth + 2 end
local total = check(make(maxdepth + 1))
local long_lived = make(maxdepth)
for depth = mindepth, maxdepth, 2 do
  local iterations = 2 ^ (maxdepth - depth + mindepth)
  local sum = 0
  for _ = 1, iterations do sum = sum + check(make(depth)) end
  total = total + sum
end
print(total + check(long_lived))
