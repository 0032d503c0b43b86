-- 64-bit integer and imaginary literals become cdata constants (KCDATA).
local a = 1LL
local b = 0xffffffffffffffffULL
local c = -42LL
local d = 2.5i
local e = 12345678901234LL
print(a, b, c, d, e)
