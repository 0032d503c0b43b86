-- Shared helpers for the gen-stdlib2-*.lua generators: a deterministic
-- random source of our own (so the golden files do not depend on the
-- PRNG under test) and exact double <-> hex bit-pattern conversion.
-- Loaded with dofile() by the generators; run them from runtime/ with
-- `luajit -joff`: the interpreter is the reference, and LuaJIT's JIT
-- differs from it in corners (operand order of min/max with NaN or signed
-- zeros, the sign of zero from ceil) that would otherwise leak into the
-- golden files depending on which loops got compiled.
local ffi = require("ffi")
local M = {}

local U = ffi.typeof("union { double d; uint32_t w[2]; }")
local lo, hi = 1, 2
if ffi.abi("be") then lo, hi = 2, 1 end

-- Exact bit pattern of a double as 16 hex digits.
function M.bits(x)
  local u = U()
  u.d = x
  return string.format("%08x%08x", u.w[hi - 1], u.w[lo - 1])
end

-- The double with the given high and low 32-bit words.
function M.from_words(h, l)
  local u = U()
  u.w[hi - 1] = h
  u.w[lo - 1] = l
  return u.d
end

-- A 31-bit multiplicative congruential generator (Park-Miller).
local state = 20231121
function M.seed(s) state = s end
function M.rand31()
  state = (state * 48271) % 2147483647
  return state
end
-- Uniform integer in [0, n).
function M.rand(n) return M.rand31() % n end
function M.word()
  return (M.rand31() % 65536) * 65536 + M.rand31() % 65536
end

-- Doubles spread over every magnitude and sign, plus the special values.
function M.interesting_doubles(count)
  local out = {
    0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 1, -1,
    2^31 - 1, 2^31, -2^31, -2^31 - 1, 2^32, 2^32 - 1, 2^32 + 1, -2^32,
    2^51, 2^51 + 0.5, 2^52, 2^52 + 1, 2^53, 2^53 + 2, 2^63, -2^63, 2^64,
    1e300, -1e300, 4.9e-324, -4.9e-324, 2.2250738585072014e-308,
    1/0, -1/0, 0/0, 3.7, -3.7, 4294967295.5, -4294967295.5, 1e15, 1e16,
    1e17, 123456789.75, -987654321.25, 0x7fffffff + 0.5, 0x80000000 - 0.5,
  }
  for _ = 1, count do
    local kind = M.rand(6)
    local x
    if kind == 0 then
      x = M.from_words(M.word(), M.word())
    elseif kind == 1 then
      x = M.rand31() - 1073741824
    elseif kind == 2 then
      x = (M.rand31() - 1073741824) * 2 ^ (M.rand(40))
    elseif kind == 3 then
      x = (M.rand31() - 1073741824) / 2 ^ (M.rand(30) + 1)
    elseif kind == 4 then
      x = M.word() + M.rand(4) * 0.25
      if M.rand(2) == 0 then x = -x end
    else
      local e = M.rand(70) - 5
      x = 2 ^ e + (M.rand(3) - 1) * (M.rand(2) == 0 and 0.5 or 1)
      if M.rand(2) == 0 then x = -x end
    end
    out[#out + 1] = x
  end
  return out
end

return M
