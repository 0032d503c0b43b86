-- Integer and array work: Conway's game of life on a wrapping grid.
-- size: 1000 quick: 10
local w, h = 64, 64
local gens = tonumber(arg and arg[1]) or 1000
local grid = {}
local seed = 7
for y = 0, h - 1 do
  local row = {}
  for x = 0, w - 1 do
    seed = (seed * 3877 + 29573) % 139968
    row[x] = seed * 3 < 139968 and 1 or 0
  end
  grid[y] = row
end
for _ = 1, gens do
  local next = {}
  for y = 0, h - 1 do
    local up, row, down = grid[(y - 1) % h], grid[y], grid[(y + 1) % h]
    local out = {}
    for x = 0, w - 1 do
      local l, r = (x - 1) % w, (x + 1) % w
      local s = up[l] + up[x] + up[r] + row[l] + row[r] + down[l] + down[x] + down[r]
      out[x] = (s == 3 or (s == 2 and row[x] == 1)) and 1 or 0
    end
    next[y] = out
  end
  grid = next
end
local alive = 0
for y = 0, h - 1 do for x = 0, w - 1 do alive = alive + grid[y][x] end end
print(alive)
