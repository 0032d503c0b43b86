-- A first program: greets, sums a loop and shows a closure.
local function greeter(greeting)
  return function(name) return greeting .. ", " .. name .. "!" end
end

local hello = greeter("Hello")
print(hello("xlj"))

local sum = 0
for i = 1, 100 do sum = sum + i end
print("sum 1..100 =", sum)
