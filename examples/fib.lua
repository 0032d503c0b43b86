-- Naive and memoized Fibonacci: recursion, tables as caches, closures.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function memoize(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then
      v = f(n)
      cache[n] = v
    end
    return v
  end
end

local fast
fast = memoize(function(n)
  if n < 2 then return n end
  return fast(n - 1) + fast(n - 2)
end)

for i = 0, 10 do
  io.write(fib(i), " ")
end
print()
print("fib(80) =", fast(80))
