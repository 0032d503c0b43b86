local function inner(x)
  error("boom " .. x)
end
local function outer() inner(1) end
print("before")
outer()
print("not reached")
