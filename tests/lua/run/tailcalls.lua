-- Tail calls must not grow the stack.
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
print(loop(1000000, 0))
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001), odd(100001))
local function va(n, ...) if n == 0 then return select("#", ...) end return va(n - 1, ...) end
print(va(100000, 1, 2, 3))
local obj = setmetatable({}, {__call = function(self, n) if n == 0 then return "called" end return self(n - 1) end})
local function viacall(n) return obj(n) end
print(viacall(100000))
local function tnative(t) return unpack(t) end
print(tnative({1, 2, 3}))
local function tsel(...) return select(2, ...) end
print(tsel("a", "b", "c"))
