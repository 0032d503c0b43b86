-- Deep recursion: the Ackermann function A(3, n), repeated.
-- size: 9 quick: 6
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
local n = tonumber(arg and arg[1]) or 9
local sum = 0
for i = 1, 5 do sum = sum + ack(3, n) + ack(2, i) end
print(sum)
