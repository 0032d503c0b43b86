-- Method calls: a small vector class exercised through method syntax.
-- size: 3000000 quick: 10000
local Vec = {}
Vec.__index = Vec

function Vec.new(x, y, z) return setmetatable({ x = x, y = y, z = z }, Vec) end
function Vec:add(o) return Vec.new(self.x + o.x, self.y + o.y, self.z + o.z) end
function Vec:scale(k) return Vec.new(self.x * k, self.y * k, self.z * k) end
function Vec:dot(o) return self.x * o.x + self.y * o.y + self.z * o.z end
function Vec:len2() return self:dot(self) end
function Vec:set(x, y, z) self.x, self.y, self.z = x, y, z; return self end

local Particle = {}
Particle.__index = Particle
function Particle.new(i) return setmetatable({ pos = Vec.new(i, 0, 0), vel = Vec.new(0, 1, i % 3) }, Particle) end
function Particle:step(dt)
  self.pos = self.pos:add(self.vel:scale(dt))
  if self.pos:len2() > 1e6 then self.pos:set(0, 0, 0) end
end
function Particle:energy() return 0.5 * self.vel:len2() end

local n = tonumber(arg and arg[1]) or 3000000
local ps = {}
for i = 1, 100 do ps[i] = Particle.new(i) end
local e = 0
for s = 1, n / 100 do
  for i = 1, 100 do
    local p = ps[i]
    p:step(0.01)
    e = e + p:energy()
  end
end
local sx = 0
for i = 1, 100 do sx = sx + ps[i].pos.x + ps[i].pos.y end
print(string.format("%0.6f %0.6f", e, sx))
