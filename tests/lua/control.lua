-- Branches and loops in awkward combinations: conditions built from
-- and/or/not, breaks out of closures' loops, gotos leaving scopes.
local function classify(n)
  if n < 0 then
    return "negative"
  elseif n == 0 then
    return "zero"
  elseif n < 10 and n % 2 == 0 then
    return "small even"
  elseif n < 10 or n > 1000 then
    return "small odd or huge"
  end
  return "other"
end

local function search(t, want)
  for i = 1, #t do
    local v = t[i]
    if v == want then
      return i
    end
  end
  return nil
end

local function first_closure(list)
  local found
  for _, v in ipairs(list) do
    if v > 0 then
      found = function() return v end
      break
    end
  end
  return found
end

local function nested_breaks(n)
  local total = 0
  while true do
    for i = 1, n do
      if i > 5 then break end
      total = total + i
    end
    repeat
      total = total - 1
      if total < 0 then break end
    until total % 3 == 0
    if total < 100 then break end
  end
  return total
end

local function goto_out(t)
  for i = 1, #t do
    for j = 1, #t[i] do
      if t[i][j] == nil then goto done end
      local captured = t[i][j]
      t[i][j] = function() return captured end
    end
  end
  ::done::
  return t
end

local function conds(a, b, c)
  local r = {}
  r[1] = a and b or c
  r[2] = (a or b) and c
  r[3] = not a and not b
  r[4] = a == b and b ~= c
  r[5] = a < b and b <= c or a > c
  if (a and b) or (b and c) then r[6] = 1 end
  if not (a or b) then r[7] = 1 end
  if a == nil or b == false then r[8] = 1 end
  if a ~= "s" and b ~= 1 then r[9] = 1 end
  while a and not b do a = nil end
  return r
end

local function repeat_scope()
  local n = 0
  repeat
    local m = n + 1
    local f = function() return m end
    n = f()
  until m >= 3
  return n
end

local function numeric_loops(n)
  local acc = 0
  for i = n, 1, -1 do acc = acc + i end
  for i = 1, n, 2 do acc = acc - i end
  for i = 0.5, n do acc = acc * i end
  for i = -n, n, n do acc = acc + i end
  for i = 1, 0 do acc = 0 end
  return acc
end

print(classify(3), search({ 1, 2 }, 2), first_closure({ 0, 1 }),
  nested_breaks(7), goto_out({ { 1 } }), conds(1, 2, 3), repeat_scope(),
  numeric_loops(4))
