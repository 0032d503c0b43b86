#!/usr/bin/env python3
"""Records how LuaJIT reads string literals, for the lexer's tests.

Seeded random short and long string literals mixing every escape (\\a..\\v,
decimal, \\x, \\u{...}, \\z, escaped line breaks) and raw line breaks in
long strings. The reference `luajit` evaluates each (loadstring("return "
.. literal)) and tests/golden-frontend/strings.txt records, per line, the
literal (escaped: \\\\, \\n, \\r, \\t, \\xHH) and the value's bytes in hex,
or ERR.
Usage: tests/tools/record_frontend_strings.py [LUAJIT]
"""
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "golden-frontend", "strings.txt")

PIECES = ["a", "Z", " ", "\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v", "\\\\", "\\\"", "\\'",
          "\\0", "\\65", "\\065", "\\0651", "\\255", "\\256", "\\x41", "\\xff", "\\xg1", "\\u{41}",
          "\\u{e9}", "\\u{20AC}", "\\u{1F600}", "\\u{10FFFF}", "\\u{110000}", "\\u{D800}", "\\u{0}",
          "\\z   \n  ", "\\z", "\\\n", "\\\r\n", "\\q", "\xc3\xa9", "]]", "]=]", "[[", "\t"]
LONG = ["a", " ", "\n", "\r\n", "\n\r", "\r", "]", "]=", "]]", "[[", "\\n", "'", '"', "\t", "\xe2\x82\xac"]


def literal(rng):
    if rng.random() < 0.7:
        q = rng.choice(['"', "'"])
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
        return q + body + q
    level = "=" * rng.randint(0, 2)
    body = "".join(rng.choice(LONG) for _ in range(rng.randint(0, 10)))
    if rng.random() < 0.5:
        body = rng.choice(["\n", "\r\n", "\r"]) + body
    return "[" + level + "[" + body + "]" + level + "]"


def escape(b):
    out = []
    for ch in b:
        c = chr(ch)
        if c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ch < 0x20 or ch >= 0x7f:
            out.append("\\x%02x" % ch)
        else:
            out.append(c)
    return "".join(out)


DRIVER = r"""
local f = assert(io.open(arg[1], "rb")); local src = f:read("*a"); f:close()
for lit in src:gmatch("(.-)%z") do
  local fn = loadstring("return " .. lit)
  local out = "ERR"
  if fn then
    local v = fn()
    out = v:gsub(".", function(c) return string.format("%02x", c:byte()) end)
    if out == "" then out = "-" end
  end
  io.write(out, "\n")
end
"""


def main():
    luajit = sys.argv[1] if len(sys.argv) > 1 else "luajit"
    rng = random.Random(11)
    lits = [literal(rng).encode("utf-8", "surrogateescape") for _ in range(500)]
    tmp = tempfile.mkdtemp(prefix="xlj-str-")
    with open(os.path.join(tmp, "d.lua"), "w") as fh:
        fh.write(DRIVER)
    with open(os.path.join(tmp, "lits.bin"), "wb") as fh:
        fh.write(b"".join(l + b"\0" for l in lits))
    out = subprocess.run([luajit, os.path.join(tmp, "d.lua"), os.path.join(tmp, "lits.bin")],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(lits)
    with open(OUT, "w") as fh:
        fh.write("# String literals as read by luajit; tests/tools/record_frontend_strings.py\n")
        for lit, val in zip(lits, out):
            fh.write("%s\t%s\n" % (escape(lit), val))
    print("recorded %d literals (%d refused)" % (len(lits), out.count("ERR")))


if __name__ == "__main__":
    main()
