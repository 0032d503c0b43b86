-- Prints doubles as LuaJIT's tostring formats them, one per line:
-- "<16 hex digits of the bits> <text>". Run by regen-golden.sh with luajit;
-- the values come from a fixed-seed generator so the file is reproducible.
local ffi = require("ffi")
local bit = require("bit")
local u = ffi.new("union { double d; struct { uint32_t lo, hi; } w; }")
local seed = 20241121
local function rnd32()
  seed = (seed * 69069 + 1) % 4294967296
  return seed
end
local function emit(x)
  u.d = x
  io.write(bit.tohex(u.w.hi), bit.tohex(u.w.lo), " ", tostring(x), "\n")
end
local function emit_bits(hi, lo)
  u.w.hi, u.w.lo = hi, lo
  emit(u.d)
end
for _ = 1, 4000 do emit_bits(rnd32(), rnd32()) end
for _ = 1, 3000 do emit(rnd32() * 2 ^ ((rnd32() % 120) - 60)) end
for _ = 1, 3000 do emit(rnd32() / 10 ^ (rnd32() % 20)) end
for _ = 1, 2000 do emit((rnd32() * 65536 + rnd32() % 65536) + 0.5) end
for _ = 1, 2000 do emit(-(rnd32() % 1000000) / 2 ^ (rnd32() % 30)) end
for e = -330, 310 do emit(10 ^ e) emit(5 * 10 ^ e) emit(9.99999999999995 * 10 ^ e) end
emit(0 / 0) emit(-(0 / 0)) emit(1 / 0) emit(-1 / 0) emit(0) emit(-0.0)
emit_bits(0x7ff80000, 1) emit_bits(0xfff80000, 0) emit_bits(0x7ff00000, 5)
emit_bits(0, 1) emit_bits(0x80000000, 1) emit_bits(0x7fefffff, 0xffffffff)
