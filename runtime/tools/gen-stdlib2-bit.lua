-- Regenerates tests/golden/stdlib2/bit.txt: every function of LuaJIT's
-- `bit` library over thousands of doubles (all magnitudes, fractions,
-- negatives, huge values, inf, NaN), recorded from the reference luajit.
--
-- Run from runtime/:
--   luajit -joff tools/gen-stdlib2-bit.lua > tests/golden/stdlib2/bit.txt
--
-- Line format (arguments are exact double bit patterns in hex):
--   <func> <arg>[,<arg>...] <result>
-- Number results are printed with %d (they are int32); tohex results are
-- quoted.
local C = dofile("tools/gen-stdlib2-common.lua")
local bit = require("bit")

local xs = C.interesting_doubles(3000)
local function pick() return xs[C.rand(#xs) + 1] end
local function out(name, args, r)
  local parts = {}
  for i = 1, #args do parts[i] = C.bits(args[i]) end
  if type(r) == "string" then r = '"' .. r .. '"' else r = string.format("%d", r) end
  print(name .. " " .. table.concat(parts, ",") .. " " .. r)
end

print("# bit library results from luajit; see tools/gen-stdlib2-bit.lua")
for _, x in ipairs(xs) do
  out("tobit", { x }, bit.tobit(x))
  out("bnot", { x }, bit.bnot(x))
  out("bswap", { x }, bit.bswap(x))
  out("tohex", { x }, bit.tohex(x))
end

-- Shift counts: every count in [-40, 70] and some random doubles.
local shifts = { "lshift", "rshift", "arshift", "rol", "ror" }
for i = 1, 2500 do
  local x = pick()
  local n = (i % 3 == 0) and pick() or (C.rand(111) - 40 + (C.rand(4) == 0 and 0.5 or 0))
  local name = shifts[i % #shifts + 1]
  out(name, { x, n }, bit[name](x, n))
end

-- Variadic operations with 1 to 6 arguments.
local nary = { "band", "bor", "bxor" }
for i = 1, 2400 do
  local args = {}
  for k = 1, C.rand(6) + 1 do args[k] = pick() end
  local name = nary[i % 3 + 1]
  out(name, args, bit[name](unpack(args)))
end

-- tohex with explicit digit counts, small, large, negative and huge.
local counts = { 0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 20, 30, 60, 99, 254, 255,
  256, 257, 300, 511, 1000, -1, -2, -7, -8, -9, -16, -17, -255, -256, -300,
  2^31 - 1, 2^31, -2^31, 2^32 - 1, 2^32 + 3, -2^32 - 5, 1.5, -2.5, 1/0, 0/0 }
for i = 1, 3000 do
  local x = pick()
  local n = (i <= #counts * 4) and counts[(i - 1) % #counts + 1] or (C.rand(80) - 40)
  out("tohex", { x, n }, bit.tohex(x, n))
end
