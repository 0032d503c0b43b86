-- Integer and array work: the sieve of Eratosthenes, repeated.
-- size: 2000000 quick: 100000
local n = tonumber(arg and arg[1]) or 2000000
local total = 0
for _ = 1, 10 do
  local composite = {}
  for i = 1, n do composite[i] = false end
  local count = 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do composite[j] = true end
    end
  end
  total = total + count
end
print(total)
