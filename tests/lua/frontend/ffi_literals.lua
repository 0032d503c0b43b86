-- FFI number literals become cdata constants.
local a = 1LL
local b = 0x10ULL
local c = 2i
local d = -3LL
local e = -1.5i
local f = 18446744073709551615ULL
print(a, b, c, d, e, f, 1LL + 2LL)
