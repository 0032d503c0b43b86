-- Classes with metatables: inheritance, __index chains, operators,
-- __tostring, varargs constructors and method calls on results.
local Object = {}
Object.__index = Object

function Object:extend(name)
  local cls = setmetatable({}, self)
  cls.__index = cls
  cls.__name = name
  cls.super = self
  for k, v in pairs(self) do
    if k:find("^__") and k ~= "__index" then cls[k] = v end
  end
  return cls
end

function Object:new(...)
  local o = setmetatable({}, self)
  if o.init then o:init(...) end
  return o
end

function Object:is(cls)
  local m = getmetatable(self)
  while m do
    if m == cls then return true end
    m = m.super
  end
  return false
end

local Vector = Object:extend("Vector")
function Vector:init(x, y) self.x, self.y = x or 0, y or 0 end
function Vector.__add(a, b) return Vector:new(a.x + b.x, a.y + b.y) end
function Vector.__sub(a, b) return Vector:new(a.x - b.x, a.y - b.y) end
function Vector.__mul(a, b)
  if type(a) == "number" then return Vector:new(a * b.x, a * b.y) end
  if type(b) == "number" then return Vector:new(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
function Vector.__eq(a, b) return a.x == b.x and a.y == b.y end
function Vector.__lt(a, b) return a:len() < b:len() end
function Vector.__le(a, b) return not (b < a) end
function Vector.__unm(a) return Vector:new(-a.x, -a.y) end
function Vector.__len(a) return 2 end
function Vector.__tostring(a) return "(" .. a.x .. ", " .. a.y .. ")" end
function Vector.__concat(a, b) return tostring(a) .. tostring(b) end
function Vector.__call(a, k) return a[k] end
function Vector:len() return math.sqrt(self * self) end

local Point3 = Vector:extend("Point3")
function Point3:init(x, y, z)
  Point3.super.init(self, x, y)
  self.z = z or 0
end
function Point3:__tostring()
  return ("(%g, %g, %g)"):format(self.x, self.y, self.z)
end

local a, b = Vector:new(1, 2), Vector:new(3, 4)
local c = a + b * 2 - -a
local p = Point3:new(1, 2, 3)
print(c, a == b, a < b, a <= b, #a, a .. b, a("x"), p, p:is(Vector), p:is(Point3),
  Vector:new():len(), (a + b):len())
