-- Regenerates tests/golden/stdlib2/math.txt: LuaJIT's math functions over
-- special and random doubles, recorded from the reference luajit.
--
-- Run from runtime/:
--   luajit -joff tools/gen-stdlib2-math.lua > tests/golden/stdlib2/math.txt
--
-- Line format (all numbers are exact bit patterns in hex; a NaN result is
-- written `nan` because its sign and payload are not observable in Lua):
--   <func> <arg>[,<arg>...] <result>[,<result>]
local C = dofile("tools/gen-stdlib2-common.lua")
C.seed(777)

local function enc(x)
  if x ~= x then return "nan" end
  return C.bits(x)
end
local function out(name, args, ...)
  local a, r = {}, {}
  for i = 1, #args do a[i] = C.bits(args[i]) end
  local res = { ... }
  for i = 1, select("#", ...) do r[i] = enc(res[i]) end
  print(name .. " " .. table.concat(a, ",") .. " " .. table.concat(r, ","))
end

print("# math library results from luajit; see tools/gen-stdlib2-math.lua")
print("const pi " .. C.bits(math.pi))
print("const huge " .. C.bits(math.huge))

local xs = C.interesting_doubles(600)
for _, extra in ipairs({ 0.1, -0.1, 0.25, 0.75, -0.75, 1e-310, 2, 10, 100,
  0.5 + 2^-53, -0.5 - 2^-53, 4503599627370495.5, -4503599627370495.5,
  math.pi, -math.pi, math.pi / 2, 1e22, 1e-5, 710, -745, 7e-300 }) do
  xs[#xs + 1] = extra
end
local function pick() return xs[C.rand(#xs) + 1] end

local unary = { "abs", "floor", "ceil", "sqrt", "log", "log10", "exp", "sin",
  "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "deg", "rad",
  "frexp", "modf" }
for _, name in ipairs(unary) do
  local f = math[name]
  for _, x in ipairs(xs) do out(name, { x }, f(x)) end
end

-- Small arguments matter for the trigonometric and hyperbolic functions.
for i = 1, 400 do
  local x = (C.rand31() - 1073741824) / 2 ^ (C.rand(28) + 2)
  local name = unary[i % #unary + 1]
  out(name, { x }, math[name](x))
end

local function pow_op(x, y) return x ^ y end
local binary = {
  { "fmod", math.fmod }, { "pow", math.pow }, { "powop", pow_op },
  { "atan2", math.atan2 }, { "ldexp", math.ldexp }, { "logb", math.log },
  { "min", math.min }, { "max", math.max },
}
local small = { 0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, 10, -3, 1/0, -1/0, 0/0,
  1e300, -1e300, 2^31, 1e10, -1e10, 1024, -1075, 2.7, -2.7 }
for _, b in ipairs(binary) do
  local name, f = b[1], b[2]
  for _, x in ipairs(small) do
    for _, y in ipairs(small) do out(name, { x, y }, f(x, y)) end
  end
  for _ = 1, 700 do
    local x, y = pick(), pick()
    local r = C.rand(4)
    if r == 0 then y = C.rand(41) - 20 end
    if r == 1 then x = (C.rand31() - 1073741824) / 2 ^ 24 end
    out(name, { x, y }, f(x, y))
  end
end

-- Integer and half-integer powers, where repeated squaring and pow()
-- would round differently.
for _ = 1, 600 do
  local x = (C.rand31() - 1073741824) / 2 ^ (C.rand(30))
  local y = C.rand(129) - 64
  if C.rand(3) == 0 then y = y + 0.5 end
  out("pow", { x, y }, math.pow(x, y))
  out("powop", { x, y }, x ^ y)
end

-- min and max over 1 to 5 arguments, with NaNs and signed zeros mixed in.
local mm = { 0, -0, 0/0, 1, -1, 1/0, -1/0, 2.5 }
for i = 1, 1500 do
  local args = {}
  for k = 1, C.rand(5) + 1 do
    args[k] = C.rand(2) == 0 and mm[C.rand(#mm) + 1] or pick()
  end
  local name = (i % 2 == 0) and "min" or "max"
  out(name, args, math[name](unpack(args)))
end
