-- Every statement kind: locals, assignments, blocks, loops, branches,
-- gotos, returns and function declarations.
local a, b, c = 1, 2
local d
x, y = a, b
a, b = b, a
do
  local inner = a + 1
  x = inner
end

while a < 10 do
  a = a + 1
  if a == 5 then break end
end

repeat
  local r = b * 2
  b = r
until r > 100 or b == nil

for i = 1, 10 do
  x = x + i
end
for i = 10, 1, -2 do
  y = y - i
end
for i = 0, 1, 0.25 do
  y = y + i
end

local t = {}
for k, v in pairs(t) do
  print(k, v)
end
for i, v in ipairs(t) do
  t[i] = v
end
for k in next, t do
  t[k] = nil
end

if a then
  print("a")
elseif b then
  print("b")
elseif c == nil then
  print("c")
else
  print("none")
end

if not a then x = 1 end
if a and b then x = 2 else x = 3 end
if a or b then x = 4 end

for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    print(i, j)
    ::continue::
  end
end

do
  local n = 0
  ::top::
  n = n + 1
  if n < 3 then goto top end
end

function globalfn(p, q) return p + q end
local function localfn(...) return ... end
local obj = { inner = {} }
function obj.method(self, v) self.v = v end
function obj:method2(v) return self.v + v end
function obj.inner.deep(v) return v end

local function returns(n)
  if n == 0 then return end
  if n == 1 then return n end
  if n == 2 then return n, n end
  if n == 3 then return returns(n - 1) end
  if n == 4 then return (returns(n - 1)) end
  return localfn(n, n + 1)
end

print(returns(3), localfn(1, 2, 3), d)
