-- Functions: parameters, varargs, returns, tail calls, closures, upvalues.
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
local function va(...) return ... end
local function va2(a, ...) local b, c = ... return a, b, c, select("#", ...) end
local function ret0() return end
local function ret1(x) return x end
local function retm(x) return x, 1, "s" end
local function retcall(f, x) return f(x) end
local function retcallm(f, ...) return f(...) end
local function retparen(f) return (f()) end
local function retmulti(f) return 1, f() end
local function noret() end
local counter = 0
local function inc() counter = counter + 1 return counter end
local fixed = 42
local function get() return fixed end
local function set(v) fixed = v end
local s = "up"
local function setk() s = "str"; counter = 1; fixed = true end
local function outer()
  local a = 1
  return function()
    local b = 2
    return function() a = a + b return a end
  end
end
local early = function(x)
  if x then return x end
  local y = x
  local g = function() return y end
  return g
end
local function many(a1, a2, a3, a4, a5, a6, a7, a8) return a8, a7, a6, a5, a4, a3, a2, a1 end
function global_fn(x) return x end
M = {}
function M.f(x) return x end
function M.sub.g(x) return x end
function M:h(x) return self, x end
print(fact(5), va(1, 2), va2(1, 2, 3), ret0(), ret1(1), retm(1), retcall(print, 1),
  retcallm(print, 1, 2), retparen(print), retmulti(print), noret(), inc(), get(), set(1),
  setk(), outer()()(), early(1), many(1, 2, 3, 4, 5, 6, 7, 8))
local a, b, c = va(1)
local d, e = va(1, 2, 3), 4
print(a, b, c, d, e)
print((va(1, 2)))
