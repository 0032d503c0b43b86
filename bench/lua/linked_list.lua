-- Allocation: build, reverse, filter and fold linked lists of records.
-- size: 3000 quick: 30
local function build(n)
  local head = nil
  for i = n, 1, -1 do head = { value = i, next = head } end
  return head
end

local function reverse(list)
  local out = nil
  while list do
    out = { value = list.value, next = out }
    list = list.next
  end
  return out
end

local function filter(list, pred)
  local first, last = nil, nil
  while list do
    if pred(list.value) then
      local node = { value = list.value }
      if last then last.next = node else first = node end
      last = node
    end
    list = list.next
  end
  return first
end

local function sum(list)
  local s = 0
  while list do s = s + list.value; list = list.next end
  return s
end

local rounds = tonumber(arg and arg[1]) or 3000
local total = 0
for r = 1, rounds do
  local l = build(1000 + r)
  l = reverse(l)
  l = filter(l, function(v) return v % 3 ~= 0 end)
  total = total + sum(l)
end
print(total)
