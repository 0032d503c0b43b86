#!/usr/bin/env python3
"""Differential fuzzing of the front end against LuaJIT.

Generates random (mostly valid) Lua programs that mix every construct the
parser specialises: constants of all kinds and sizes, folding candidates,
comparisons and logic in values and conditions, tables, calls, varargs,
closures and upvalues, loops, break and goto. Each program is compiled by
`luajit -bl` and by xlj, and compared with tests/tools/frontend_match.py
(listings, or error messages) and tests/tools/frontend_dumps.py (whole
prototypes, from `luajit -b -g`).

Usage: tests/tools/frontend_fuzz.py [COUNT] [SEED]
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

NUMS = ["0", "1", "2", "-1", "255", "256", "32767", "32768", "-32768", "-32769", "65536",
        "0.5", "1.5", "-2.5", "1e300", "1e-300", "2^53", "0x10", "0xffffffff", "3.14159",
        "1/0", "-1/0", "0/0", "-0", "0*-1", "7%3", "-7%3", "7%-3", "2^0.5", "1e308*10",
        "100000", "123456789", "4294967296", ".5", "0x1p-3", "1LL", "2ULL", "3i"]
STRS = ['"a"', '"b"', "'x'", '"hello world"', '""', '"\\n"', "[[long]]", '"pairs"', '"next"']
OPS = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.scopes = [["a", "b"]]
        self.loop = 0
        self.vararg = [True]
        self.nstr = 0
        self.labels = 0

    def names(self):
        out = []
        for s in self.scopes:
            out += s
        return out

    def name(self):
        n = self.names()
        if n and self.r.random() < 0.8:
            return self.r.choice(n)
        return self.r.choice(["g", "h", "print", "pairs", "next", "ipairs", "t", "f"])

    def fresh(self):
        self.nstr += 1
        return "v%d" % self.nstr

    def expr(self, d=0):
        r = self.r.random()
        if d > 3 or r < 0.25:
            k = self.r.random()
            if k < 0.4:
                return self.r.choice(NUMS)
            if k < 0.6:
                return self.r.choice(STRS)
            if k < 0.7:
                return self.r.choice(["nil", "true", "false"])
            if k < 0.75 and self.vararg[-1]:
                return "..."
            if k < 0.8:
                return '"s%d"' % self.r.randint(0, 400)
            return self.name()
        if r < 0.55:
            return "%s %s %s" % (self.expr(d + 1), self.r.choice(OPS), self.expr(d + 1))
        if r < 0.62:
            return "%s%s" % (self.r.choice(["-", "not ", "#", "- -", "not not "]), self.expr(d + 1))
        if r < 0.68:
            return "(%s)" % self.expr(d + 1)
        if r < 0.76:
            return self.prefix(d)
        if r < 0.84:
            return self.call(d)
        if r < 0.92:
            return self.table(d)
        return self.func(d)

    def prefix(self, d):
        base = self.name()
        for _ in range(self.r.randint(0, 2)):
            k = self.r.random()
            if k < 0.4:
                base += "." + self.r.choice(["x", "y", "n", "field"])
            elif k < 0.7:
                base += "[ %s ]" % self.r.choice(["1", "0", "255", "256", "-1", "1.5", '"k"', "true"])
            else:
                base += "[ %s ]" % self.expr(d + 2)
        return base

    def args(self, d):
        n = self.r.randint(0, 3)
        return ", ".join(self.expr(d + 2) for _ in range(n))

    def call(self, d):
        k = self.r.random()
        if k < 0.6:
            return "%s(%s)" % (self.prefix(d), self.args(d))
        if k < 0.8:
            return "%s:%s(%s)" % (self.prefix(d), self.r.choice(["m", "get", "set"]), self.args(d))
        return "%s %s" % (self.name(), self.r.choice(['"s"', "{1, 2}", "{}"]))

    def table(self, d):
        items = []
        for _ in range(self.r.randint(0, 6)):
            k = self.r.random()
            if k < 0.4:
                items.append(self.expr(d + 2))
            elif k < 0.6:
                items.append("%s = %s" % (self.r.choice(["x", "y", "z", "n"]), self.expr(d + 2)))
            elif k < 0.8:
                items.append("[ %s ] = %s" % (self.r.choice(NUMS[:12] + STRS[:3] + ["true"]), self.expr(d + 2)))
            else:
                items.append("[ %s ] = %s" % (self.expr(d + 2), self.expr(d + 2)))
        if self.r.random() < 0.2:
            items.append(self.call(d + 2))
        return "{" + self.r.choice([", ", "; "]).join(items) + "}"

    def func(self, d, name=None):
        params = [self.fresh() for _ in range(self.r.randint(0, 3))]
        va = self.r.random() < 0.4
        self.scopes.append(list(params))
        self.vararg.append(va)
        saved_loop, self.loop = self.loop, 0
        body = self.block(d + 2, 3)
        self.loop = saved_loop
        self.vararg.pop()
        self.scopes.pop()
        plist = ", ".join(params + (["..."] if va else []))
        return "function%s(%s)\n%s\nend" % (" " + name if name else "", plist, body)

    def stmt(self, d):
        r = self.r.random()
        if r < 0.18 or d > 4:
            names = [self.fresh() for _ in range(self.r.randint(1, 3))]
            vals = [self.expr(d + 1) for _ in range(self.r.randint(0, 3))]
            self.scopes[-1] += names
            return "local %s%s" % (", ".join(names), (" = " + ", ".join(vals)) if vals else "")
        if r < 0.33:
            lhs = [self.r.choice([self.name(), self.prefix(d)]) for _ in range(self.r.randint(1, 3))]
            rhs = [self.expr(d + 1) for _ in range(self.r.randint(1, 3))]
            return "%s = %s" % (", ".join(lhs), ", ".join(rhs))
        if r < 0.43:
            return self.call(d)
        if r < 0.53:
            s = "if %s then\n%s\n" % (self.expr(d + 1), self.block(d + 1))
            for _ in range(self.r.randint(0, 2)):
                s += "elseif %s then\n%s\n" % (self.expr(d + 1), self.block(d + 1))
            if self.r.random() < 0.5:
                s += "else\n%s\n" % self.block(d + 1)
            return s + "end"
        if r < 0.6:
            self.loop += 1
            s = "while %s do\n%s\nend" % (self.expr(d + 1), self.block(d + 1))
            self.loop -= 1
            return s
        if r < 0.66:
            self.loop += 1
            self.scopes.append([])
            body = self.block(d + 1, push=False)
            s = "repeat\n%s\nuntil %s" % (body, self.expr(d + 1))
            self.scopes.pop()
            self.loop -= 1
            return s
        if r < 0.73:
            v = self.fresh()
            self.loop += 1
            self.scopes.append([v])
            step = (", " + self.expr(d + 2)) if self.r.random() < 0.4 else ""
            s = "for %s = %s, %s%s do\n%s\nend" % (v, self.expr(d + 2), self.expr(d + 2), step,
                                                   self.block(d + 1, push=False))
            self.scopes.pop()
            self.loop -= 1
            return s
        if r < 0.8:
            vs = [self.fresh() for _ in range(self.r.randint(1, 3))]
            it = self.r.choice(["pairs(%s)", "next, %s", "ipairs(%s)", "%s", "pairs(%s), 1"])
            self.loop += 1
            self.scopes.append(vs)
            s = "for %s in %s do\n%s\nend" % (", ".join(vs), it % self.name(), self.block(d + 1, push=False))
            self.scopes.pop()
            self.loop -= 1
            return s
        if r < 0.84:
            return "do\n%s\nend" % self.block(d + 1)
        if r < 0.88:
            n = self.fresh()
            self.scopes[-1].append(n)
            return "local " + self.func(d, n)
        if r < 0.91:
            return self.func(d, self.r.choice(["gf", "M.f", "M.a.b", "M:meth"]))
        if r < 0.95:
            self.labels += 1
            lab = "L%d" % self.labels
            if self.r.random() < 0.5:
                return "goto %s\n%s\n::%s::" % (lab, self.stmt(d + 1), lab)
            return "::%s::\n%s\nif %s then goto %s end" % (lab, self.stmt(d + 1), self.expr(d + 1), lab)
        if self.loop and self.r.random() < 0.7:
            return "if %s then break end" % self.expr(d + 1)
        return self.call(d)

    def block(self, d, n=None, push=True):
        if push:
            self.scopes.append([])
        stmts = [self.stmt(d) for _ in range(self.r.randint(0, n or 4))]
        if self.r.random() < 0.25:
            stmts.append("return " + ", ".join(self.expr(d + 1) for _ in range(self.r.randint(0, 3))))
        if push:
            self.scopes.pop()
        return "\n".join(stmts)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="xlj-fuzz-")
    files = []
    for i in range(count):
        g = Gen(rng)
        src = "local a, b = ...\n" + g.block(0, 12)
        path = os.path.join(tmp, "p%05d.lua" % i)
        with open(path, "w") as fh:
            fh.write(src + "\n")
        files.append(path)
    for tool in ("frontend_match.py", "frontend_dumps.py"):
        res = subprocess.run([sys.executable, os.path.join(HERE, tool)] + files,
                             capture_output=True, text=True)
        if res.returncode != 0:
            print(res.stderr[-2000:])
        for line in res.stdout.splitlines():
            if "100.0%" not in line:
                print(line)
    print("programs in", tmp)


if __name__ == "__main__":
    main()
