-- Upvalues: reading, writing, closing in loops and blocks, nesting.
local count = 0
local function inc(n)
  count = count + (n or 1)
  return count
end

local function counter()
  local c = 0
  return function()
    c = c + 1
    return c
  end, function() return c end
end

local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
end

local k = 1
while k < 3 do
  local captured = k
  fns[#fns + 1] = function() return captured end
  k = k + 1
end

local function outer(a)
  local b = a * 2
  local function middle(c)
    local function innermost(d)
      a = a + d
      return a + b + c + d
    end
    return innermost
  end
  return middle
end

local fact
fact = function(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end

do
  local hidden = "h"
  function reveal() return hidden end
end

local imm = 10
local function uses_const() return imm, "s", 1.5, nil, true end
local function sets_const() imm = 5 imm = "s" imm = nil imm = 2.5 end

print(inc(), counter(), outer(1)(2)(3), fact(5), reveal(), uses_const(), sets_const())
