-- Closures and upvalues: counters, accumulators and composed functions.
-- size: 10000000 quick: 10000
local n = tonumber(arg and arg[1]) or 10000000

local function counter()
  local c = 0
  return function(step) c = c + step; return c end
end

local function compose(f, g) return function(x) return f(g(x)) end end

local function adder(k) return function(x) return x + k end end

local total = 0
local inc = counter()
local f = compose(adder(3), compose(adder(5), adder(-7)))
for i = 1, n do
  total = total + inc(1) + f(i)
  if i % 1000 == 0 then
    local local_count = counter()
    for j = 1, 10 do local_count(j) end
    total = total + local_count(0)
  end
end
print(total)
