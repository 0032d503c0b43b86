-- Integer work and recursion: count the solutions of the N-queens problem.
-- size: 12 quick: 7
local n = tonumber(arg and arg[1]) or 12
local cols, diag1, diag2 = {}, {}, {}
local function place(row)
  if row > n then return 1 end
  local found = 0
  for c = 1, n do
    local d1, d2 = row + c, row - c + n
    if not cols[c] and not diag1[d1] and not diag2[d2] then
      cols[c], diag1[d1], diag2[d2] = true, true, true
      found = found + place(row + 1)
      cols[c], diag1[d1], diag2[d2] = false, false, false
    end
  end
  return found
end
local total = 0
for _ = 1, 3 do total = total + place(1) end
print(total)
