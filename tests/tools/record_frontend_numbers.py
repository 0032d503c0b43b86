#!/usr/bin/env python3
"""Records how LuaJIT reads number literals, for the lexer's tests.

The literals are a fixed list of corner cases (rounding ties, denormals,
overflow, long digit strings, hex fractions and exponents, binary, the FFI
suffixes, malformed forms) plus seeded random ones. The reference `luajit`
evaluates each with loadstring("return " .. literal) and the result goes to
tests/golden-frontend/numbers.txt as `literal<TAB>value`, where value is
`%.17g` of a number (enough digits to identify the double), `I64 n`,
`U64 n`, `IMAG %.17g` (imaginary part) or `ERR`.
Usage: tests/tools/record_frontend_numbers.py [LUAJIT]
"""
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "golden-frontend", "numbers.txt")

FIXED = """0 1 00 007 1.0 1. .1 0.1 0.5 3.14159 1e0 1E10 1e+10 1e-10 1e308 1e309 1.7976931348623157e308
1.7976931348623158e308 1.7976931348623159e308 2.2250738585072014e-308 2.2250738585072011e-308
4.9e-324 4.9406564584124654e-324 2.4703282292062327e-324 2.4703282292062328e-324
2.4703282292062329e-324 1e-400 9007199254740992 9007199254740993 9007199254740994 9007199254740995
18446744073709551615 18446744073709551616 123456789012345678901234567890 2147483647 2147483648
4294967295 4294967296 0.30000000000000004 1e-5 123e-7 0x0 0x1 0xff 0XFF 0xAbCdEf 0x7fffffff 0x80000000
0xffffffff 0x100000000 0xfffffffffffff 0x1fffffffffffff 0x20000000000001 0x20000000000003
0xffffffffffffffff 0x10000000000000000 0x123456789abcdef0123 0x1p0 0x1p1 0x1p-1 0x1P+4 0x.8 0x.1p4
0x1.8 0x1.8p1 0xA.Bp-3 0x1p1023 0x1p1024 0x1.fffffffffffffp1023 0x1.fffffffffffff8p1023
0x1p-1022 0x1p-1074 0x1p-1075 0x1.8p-1075 0x1p-1076 0x0.0000000000001p-1022 0x1.0000000000001p0
0x1.00000000000008p0 0x1.00000000000018p0 0x1.000000000000081p0 0b0 0b1 0b101 0B11
0b1111111111111111111111111111111111111111111111111111111111111111 0x 0x. 0x.p1 1e 1e+ 1e- 3..2
1.2.3 0b2 0b1.1 0b1e1 1f 1u 1ul 1ull 1LL 1ll 1ULL 1llu 1LLU 0x10LL 0xffffffffffffffffULL
0x1fffffffffffffffffLL 9223372036854775807LL 9223372036854775808LL 18446744073709551615ULL
18446744073709551616ULL 1.5LL 1e3LL 1i 1I 1.5i 0x10i 1e2i 12abc 1e1000 1e-1000 08 09.5"""


def random_literals(rng, n):
    out = []
    for _ in range(n):
        k = rng.random()
        if k < 0.4:
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 30)))
            if rng.random() < 0.5:
                p = rng.randint(0, len(digits))
                digits = digits[:p] + "." + digits[p:]
            if rng.random() < 0.5:
                digits += "e" + rng.choice(["", "+", "-"]) + str(rng.randint(0, 330))
            out.append(digits)
        elif k < 0.8:
            digits = "".join(rng.choice("0123456789abcdefABCDEF") for _ in range(rng.randint(1, 24)))
            if rng.random() < 0.5:
                p = rng.randint(0, len(digits))
                digits = digits[:p] + "." + digits[p:]
            if rng.random() < 0.6:
                digits += "p" + rng.choice(["", "+", "-"]) + str(rng.randint(0, 1100))
            out.append("0x" + digits)
        else:
            out.append("%d%s" % (rng.randint(0, 2**64 + 5), rng.choice(["LL", "ULL", "i", ""])))
    return out


DRIVER = r"""
local ffi = require("ffi")
for lit in io.lines(arg[1]) do
  local f = loadstring("return " .. lit)
  local out = "ERR"
  if f then
    local v = f()
    if type(v) == "number" then
      out = string.format("%.17g", v)
    elseif ffi.istype("int64_t", v) then
      out = "I64 " .. tostring(v):sub(1, -3)
    elseif ffi.istype("uint64_t", v) then
      out = "U64 " .. tostring(v):sub(1, -4)
    else
      out = "IMAG " .. string.format("%.17g", v.im)
    end
  end
  io.write(lit, "\t", out, "\n")
end
"""


def main():
    luajit = sys.argv[1] if len(sys.argv) > 1 else "luajit"
    lits = FIXED.split() + random_literals(random.Random(7), 600)
    tmp = tempfile.mkdtemp(prefix="xlj-num-")
    with open(os.path.join(tmp, "d.lua"), "w") as fh:
        fh.write(DRIVER)
    with open(os.path.join(tmp, "lits.txt"), "w") as fh:
        fh.write("\n".join(lits) + "\n")
    out = subprocess.run([luajit, os.path.join(tmp, "d.lua"), os.path.join(tmp, "lits.txt")],
                         capture_output=True, text=True, check=True).stdout
    with open(OUT, "w") as fh:
        fh.write("# Number literals as read by %s; tests/tools/record_frontend_numbers.py\n"
                 % subprocess.run([luajit, "-v"], capture_output=True, text=True).stdout.split(" --")[0])
        fh.write(out)
    print("recorded %d literals in %s" % (len(lits), os.path.relpath(OUT, ROOT)))


if __name__ == "__main__":
    main()
