-- Object-oriented dispatch: a one-way constraint network, re-planned and
-- propagated after every edit (in the style of incremental solvers).
-- size: 2000 quick: 20

local Variable = {}
Variable.__index = Variable
function Variable.new(name, value)
  return setmetatable({ name = name, value = value, constraints = {}, determined_by = nil, stay = true }, Variable)
end
function Variable:add(c) self.constraints[#self.constraints + 1] = c end

local Constraint = {}
Constraint.__index = Constraint

local Equal = setmetatable({}, { __index = Constraint })
Equal.__index = Equal
function Equal.new(a, b)
  local c = setmetatable({ input = a, output = b }, Equal)
  a:add(c); b:add(c)
  return c
end
function Equal:execute() self.output.value = self.input.value end

local Scale = setmetatable({}, { __index = Constraint })
Scale.__index = Scale
function Scale.new(src, scale, offset, dst)
  local c = setmetatable({ input = src, scale = scale, offset = offset, output = dst }, Scale)
  src:add(c); dst:add(c)
  return c
end
function Scale:execute()
  self.output.value = self.input.value * self.scale.value + self.offset.value
end

-- Plans an execution order by walking downstream from the edited variable.
local function plan(start)
  local order, seen = {}, {}
  local stack = { start }
  while #stack > 0 do
    local v = table.remove(stack)
    for _, c in ipairs(v.constraints) do
      if c.input == v and not seen[c] then
        seen[c] = true
        order[#order + 1] = c
        stack[#stack + 1] = c.output
      end
    end
  end
  return order
end

local function chain_test(n)
  local vars = {}
  for i = 1, n do vars[i] = Variable.new("v" .. i, 0) end
  for i = 1, n - 1 do Equal.new(vars[i], vars[i + 1]) end
  local total = 0
  for i = 1, 20 do
    vars[1].value = i
    for _, c in ipairs(plan(vars[1])) do c:execute() end
    total = total + vars[n].value
  end
  return total
end

local function projection_test(n)
  local scale, offset = Variable.new("scale", 10), Variable.new("offset", 1000)
  local src, dst = {}, {}
  for i = 1, n do
    src[i] = Variable.new("src" .. i, i)
    dst[i] = Variable.new("dst" .. i, i)
    Scale.new(src[i], scale, offset, dst[i])
  end
  local total = 0
  for i = 1, n do
    for _, c in ipairs(plan(src[i])) do c:execute() end
    total = total + dst[i].value
  end
  return total
end

local rounds = tonumber(arg and arg[1]) or 2000
local sum = 0
for _ = 1, rounds do sum = sum + chain_test(100) + projection_test(100) end
print(sum)
