-- Table library: insert, remove, sort and concat on arrays of records.
-- size: 200 quick: 3
local rounds = tonumber(arg and arg[1]) or 200
local total = 0
for r = 1, rounds do
  local t = {}
  local seed = r
  for i = 1, 5000 do
    seed = (seed * 3877 + 29573) % 139968
    table.insert(t, { key = seed, name = "k" .. seed % 100 })
  end
  table.sort(t, function(a, b) return a.key < b.key end)
  for _ = 1, 1000 do table.remove(t) end
  for i = 1, 100 do table.insert(t, 1, { key = -i, name = "n" }) end
  local names = {}
  for i = 1, #t, 50 do names[#names + 1] = t[i].name end
  total = total + #t + t[1].key + t[#t].key + #table.concat(names, "|")
end
print(total)
