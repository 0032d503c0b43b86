-- Classes with inheritance through __index chains, constructors, super calls.
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name, self.sound = name, sound
  return self
end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end
function Dog:kind() return "dog (" .. Animal.kind(self) .. ")" end
function Dog:fetch(n) return self.name .. " fetched " .. n end
local a, d = Animal.new("cat", "meow"), Dog.new("rex")
print(a:speak(), a:kind())
print(d:speak(), d:kind(), d:fetch(3))
print(getmetatable(d) == Dog, rawget(d, "speak"), d.missing)
local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({x = x, y = y}, Vec) end
Vec.__add = function(p, q) return vec(p.x + q.x, p.y + q.y) end
Vec.__sub = function(p, q) return vec(p.x - q.x, p.y - q.y) end
Vec.__mul = function(p, k) if type(p) == "number" then p, k = k, p end return vec(p.x * k, p.y * k) end
Vec.__eq = function(p, q) return p.x == q.x and p.y == q.y end
Vec.__lt = function(p, q) return p:len2() < q:len2() end
Vec.__le = function(p, q) return p:len2() <= q:len2() end
Vec.__unm = function(p) return vec(-p.x, -p.y) end
Vec.__tostring = function(p) return "(" .. p.x .. ", " .. p.y .. ")" end
Vec.__concat = function(p, q) return tostring(p) .. tostring(q) end
Vec.__len = function(p) return 2 end
Vec.__call = function(p, k) return p[k] end
function Vec:len2() return self.x * self.x + self.y * self.y end
local p, q = vec(1, 2), vec(3, 4)
print(tostring(p + q), tostring(q - p), tostring(p * 2), tostring(3 * p), tostring(-p))
print(p == vec(1, 2), p ~= q, p < q, q <= p, p .. q, #p, p("x"), p("y"))
local Stack = {}
Stack.__index = Stack
function Stack.new() return setmetatable({n = 0}, Stack) end
function Stack:push(...) for i = 1, select("#", ...) do self.n = self.n + 1; self[self.n] = (select(i, ...)) end return self end
function Stack:pop() local v = self[self.n]; self[self.n] = nil; self.n = self.n - 1; return v end
local s = Stack.new():push(1, 2, 3)
print(s:pop(), s:pop(), s.n, s:pop(), s.n)
local counter = 0
local Counted = setmetatable({}, {__call = function(cls, ...) counter = counter + 1; return setmetatable({args = select("#", ...)}, cls) end})
Counted.__index = Counted
local c1, c2 = Counted(1, 2), Counted()
print(counter, c1.args, c2.args, getmetatable(c1) == Counted)
local ro = setmetatable({}, {__index = {x = 1}, __newindex = function(t, k, v) error("read-only " .. k, 2) end})
print(ro.x, pcall(function() ro.y = 2 end))
