-- Recursive calls: naive Fibonacci.
-- size: 36 quick: 24
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local n = tonumber(arg and arg[1]) or 36
print(fib(n))
