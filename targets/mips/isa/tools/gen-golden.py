#!/usr/bin/env python3
"""Generates tests/golden/mips.txt, mipsel.txt and mips-errors.txt.

Builds a list of instructions in xlj's MIPS syntax (cartesian products and
sweeps over registers, immediates at and around every field boundary,
every addressing form), translates each to GNU as syntax, assembles them
all with GNU as (`mips-linux-gnu-as -march=mips32r2 -mhard-float`, big and
little endian (Debian's mipsel as defaults to inserting a `sync` before
`ll` for a Loongson erratum: -mno-fix-loongson3-llsc turns that off), with `.set noreorder`, `.set noat` and `.set nomacro` so that
as neither reorders, nor uses $at, nor expands a macro silently) and reads
each row's bytes back from the object file.

Row format: `text | hex bytes in memory order`. Every row is assembled at
BASE (0x10000000): branch and jump targets in the text are absolute
addresses as xlj's disassembler prints them; for GNU as a branch target is
written relative to the row (`.+N`), so the bytes do not depend on where as
places the row.

Rows that break an architectural rule (field ranges, the FR=0 even-register
rule for doubles, jump regions, jalr rd == rs, ext/ins field bounds) go to
mips-errors.txt: xlj must refuse them. The rule is applied here, not taken
from as, because as accepts some (it wraps `addiu ..., 65535` to -1 and
expands out-of-range offsets into macros). Rows that as rejects although
they pass the rules are dropped and counted.

Usage: python3 tools/gen-golden.py   (from targets/mips/isa)
"""

import os
import random
import re
import subprocess
import sys
import tempfile

BASE = 0x10000000
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")

GPR = ["zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5",
       "t6", "t7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1",
       "gp", "sp", "s8", "ra"]
G = ["$" + n for n in GPR]
SOME = ["$zero", "$at", "$v0", "$a3", "$t0", "$s7", "$t9", "$sp", "$s8", "$ra"]
F = ["$f%d" % i for i in range(32)]
FEVEN = F[::2]
SOMEF = ["$f0", "$f1", "$f2", "$f7", "$f12", "$f30", "$f31"]
SOMED = ["$f0", "$f2", "$f12", "$f30"]

S16 = [-32769, -32768, -32767, -256, -129, -128, -1, 0, 1, 2, 127, 128, 255, 4095, 4096,
       0x7ffe, 0x7fff, 0x8000, 65535, 65536]
U16 = [-32768, -1, 0, 1, 2, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff, 0x10000]
SH = [-1, 0, 1, 2, 15, 16, 30, 31, 32]

rows = []  # (text, gas_text, error_reason_or_None, group)


def add(text, gas=None, err=None, group="main"):
    rows.append((text, gas if gas is not None else text, err, group))


def s16_err(v):
    return None if -32768 <= v <= 32767 else "signed 16-bit range"


def u16_err(v):
    return None if 0 <= v <= 0xffff else "unsigned 16-bit range"


def uimm(v):
    return hex(v) if v >= 0 else str(v)


def fix_alias(mn, ops):
    """The canonical (printed) spelling of an instruction, as objdump's
    aliases would give it; xlj's disassembler prints these."""
    if mn == "or" and ops[2] == "$zero":
        return "move", ops[:2]
    if mn == "nor" and ops[2] == "$zero":
        return "not", ops[:2]
    if mn in ("sub", "subu") and ops[1] == "$zero":
        return ("neg" if mn == "sub" else "negu"), [ops[0], ops[2]]
    if mn == "sll" and ops == ["$zero", "$zero", "0"]:
        return "nop", []
    return mn, ops


def text(mn, ops):
    return mn + (" " + ", ".join(ops) if ops else "")


def alu3():
    for mn in ["add", "addu", "sub", "subu", "and", "or", "xor", "nor", "slt", "sltu",
               "movz", "movn", "mul"]:
        seen = set()
        combos = []
        for r in G:
            combos += [[r, "$t1", "$t2"], ["$t0", r, "$t2"], ["$t0", "$t1", r]]
        for a in SOME[:5]:
            for b in SOME[::3]:
                for c in SOME[1::3]:
                    combos.append([a, b, c])
        for ops in combos:
            m, o = fix_alias(mn, ops)
            t = text(m, o)
            if t not in seen:
                seen.add(t)
                add(t)


def aliases():
    for r in G:
        add(text("move", [r, "$t1"]))
        add(text("move", ["$t0", r]))
        add(text("not", [r, "$a0"]))
        add(text("neg", ["$v0", r]))
        add(text("negu", [r, "$a1"]))
    add("nop")


def imm_alu():
    for mn in ["addi", "addiu", "slti", "sltiu"]:
        for v in S16:
            for rt, rs in [("$t0", "$t1"), ("$sp", "$sp"), ("$zero", "$ra")]:
                add(text(mn, [rt, rs, str(v)]), err=s16_err(v))
        for r in G:
            add(text(mn, [r, "$a0", "-8"]))
            add(text(mn, ["$a0", r, "100"]))
    for mn in ["andi", "ori", "xori"]:
        for v in U16:
            for rt, rs in [("$t0", "$t1"), ("$s8", "$zero"), ("$ra", "$ra")]:
                add(text(mn, [rt, rs, uimm(v)]), err=u16_err(v))
        for r in G:
            add(text(mn, [r, "$a0", "0xff"]))
            add(text(mn, ["$a0", r, "0x8000"]))
    for v in U16:
        add(text("lui", ["$at", uimm(v)]), err=u16_err(v))
    for r in G:
        add(text("lui", [r, "0x1234"]))


def shifts():
    for mn in ["sll", "srl", "sra", "rotr"]:
        for v in SH:
            for rd, rt in [("$t0", "$t1"), ("$zero", "$zero"), ("$ra", "$v0")]:
                err = None if 0 <= v <= 31 else "shift amount range"
                m, o = fix_alias(mn, [rd, rt, str(v)])
                add(text(m, o), err=err)
        for r in G:
            add(text(mn, [r, "$a0", "3"]))
            add(text(mn, ["$a0", r, "7"]))
    for mn in ["sllv", "srlv", "srav", "rotrv"]:
        for r in G:
            add(text(mn, [r, "$t1", "$t2"]))
            add(text(mn, ["$t0", r, "$t2"]))
            add(text(mn, ["$t0", "$t1", r]))


def muldiv():
    for mn in ["mult", "multu", "div", "divu", "madd", "maddu", "msub", "msubu"]:
        for r in G:
            for ops in ([r, "$t1"], ["$t0", r]):
                t = text(mn, ops)
                gas = text(mn, ["$zero"] + ops) if mn in ("div", "divu") else t
                add(t, gas)
    for mn in ["mfhi", "mflo", "mthi", "mtlo"]:
        for r in G:
            add(text(mn, [r]))


def bits():
    for mn in ["clz", "clo", "seb", "seh", "wsbh"]:
        for r in G:
            add(text(mn, [r, "$t1"]))
            add(text(mn, ["$t0", r]))
    for mn in ["ext", "ins"]:
        for pos in range(0, 33):
            for size in range(0, 34):
                ok = 0 <= pos < 32 and 1 <= size <= 32 and pos + size <= 32
                # Every valid field, and the invalid ones next to the edge.
                if ok or size in (0, 33) or pos + size == 33 or pos == 32:
                    add(text(mn, ["$t0", "$t1", str(pos), str(size)]),
                        err=None if ok else "bit field outside 32 bits")
        for r in G:
            add(text(mn, [r, "$a0", "4", "8"]))
            add(text(mn, ["$a0", r, "0", "32"]))


def cond_moves():
    for mn in ["movf", "movt"]:
        for cc in range(8):
            add(text(mn, ["$t0", "$t1", "$fcc%d" % cc]))
        for r in G:
            add(text(mn, [r, "$a0", "$fcc3"]))
            add(text(mn, ["$a0", r, "$fcc0"]))


OFFS = [-32769, -32768, -32767, -4096, -8, -4, -1, 0, 1, 4, 8, 255, 4096, 0x7ffc, 0x7fff, 0x8000]


def loads_stores():
    for mn in ["lb", "lbu", "lh", "lhu", "lw", "lwl", "lwr", "sb", "sh", "sw", "swl", "swr",
               "ll", "sc"]:
        for off in OFFS:
            add(text(mn, ["$t0", "%d($sp)" % off]), err=s16_err(off))
        for r in G:
            add(text(mn, [r, "8($a0)"]))
            add(text(mn, ["$a0", "-4(%s)" % r]))
    for mn, regs in [("lwc1", F), ("swc1", F), ("ldc1", F), ("sdc1", F)]:
        dbl = mn in ("ldc1", "sdc1")
        for off in OFFS:
            add(text(mn, ["$f4", "%d($a1)" % off]), err=s16_err(off))
        for r in regs:
            odd = dbl and int(r[2:]) % 2 == 1
            add(text(mn, [r, "16($sp)"]), err="odd double register" if odd else None)
        for r in G:
            add(text(mn, ["$f2", "0(%s)" % r]))


BR = [-0x20004, -0x20000, -0x1fffc, -0x100, -8, -4, 0, 4, 8, 0x100, 0x1fffc, 0x20000]


def branch(mn, ops, delta, err=None):
    """A branch whose target is `delta` bytes from its delay slot."""
    target = BASE + 4 + delta
    ours = text(mn, ops + ["%#x" % target])
    gas = text(mn, ops + [".%+d" % (4 + delta)])
    if not -0x20000 <= delta < 0x20000:
        err = "branch range"
    add(ours, gas, err)


def branches():
    for d in BR:
        branch("beq", ["$t0", "$t1"], d)
        branch("bne", ["$a0", "$ra"], d)
        branch("beqz", ["$t0"], d)
        branch("bnez", ["$v1"], d)
        branch("b", [], d)
        branch("bal", [], d)
        for mn in ["blez", "bgtz", "bltz", "bgez", "bltzal", "bgezal"]:
            branch(mn, ["$s3"], d)
        for c in ["bc1t", "bc1f"]:
            branch(c, [], d)
            branch(c, ["$fcc5"], d)
    for r in G:
        for mn in ["beq", "bne"]:
            if r == "$zero" and mn == "beq":
                continue
            branch(mn, [r, "$t1"], 16)
            if r != "$zero":
                branch(mn, ["$t1", r], -16)
        if r != "$zero":  # beqz $zero is b
            branch("beqz", [r], 12)
        branch("bnez", [r], 12)
        for mn in ["blez", "bgtz", "bltz", "bgez"]:
            branch(mn, [r], 40)
        # Linking branches must not test $ra, the register they write.
        link_err = "link register as source" if r == "$ra" else None
        branch("bltzal", [r], 40, err=link_err)
        if r != "$zero":
            branch("bgezal", [r], 40, err=link_err)
    for cc in range(1, 8):
        branch("bc1t", ["$fcc%d" % cc], 20)
        branch("bc1f", ["$fcc%d" % cc], -20)
    # Jumps: the target must share the delay slot's 256 MiB region.
    for t in [0x10000000, 0x10000004, 0x10000100, 0x12345678 & ~3, 0x1ffffffc,
              0x0ffffffc, 0x20000000, 0x10000002]:
        ok = (t >> 28) == (BASE + 4) >> 28 and t % 4 == 0
        for mn in ["j", "jal"]:
            add(text(mn, ["%#x" % t]), err=None if ok else "jump region/alignment")
    for r in G:
        add(text("jr", [r]))
        add(text("jalr", [r]), err="jalr rd == rs" if r == "$ra" else None)
        if r != "$ra":
            for rd in ["$zero", "$t0", "$s8"]:
                err = "jalr rd == rs" if rd == r else None
                add(text("jalr", [rd, r]), err=err)


def system():
    add("syscall")
    add("sync")
    add("break")
    for c in [1, 7, 0x3ff, 0x400, -1]:
        add("break %d" % c, err=None if 0 <= c < 1024 else "break code range")


def fpu():
    def dbl_err(*regs):
        return "odd double register" if any(int(r[2:]) % 2 for r in regs) else None

    for mn in ["add", "sub", "mul", "div"]:
        for r in F:
            for ops in ([r, "$f2", "$f4"], ["$f0", r, "$f4"], ["$f0", "$f2", r]):
                add(text(mn + ".d", ops), err=dbl_err(*ops))
                add(text(mn + ".s", ops))
        for a in SOMED:
            for b in SOMED:
                add(text(mn + ".d", [a, b, "$f6"]))
    for mn in ["sqrt", "abs", "mov", "neg"]:
        for r in F:
            for ops in ([r, "$f2"], ["$f0", r]):
                add(text(mn + ".d", ops), err=dbl_err(*ops))
                add(text(mn + ".s", ops))
    conv = [("round.w.d", "w", "d"), ("trunc.w.d", "w", "d"), ("ceil.w.d", "w", "d"),
            ("floor.w.d", "w", "d"), ("cvt.s.d", "s", "d"), ("cvt.w.d", "w", "d"),
            ("round.w.s", "w", "s"), ("trunc.w.s", "w", "s"), ("ceil.w.s", "w", "s"),
            ("floor.w.s", "w", "s"), ("cvt.d.s", "d", "s"), ("cvt.w.s", "w", "s"),
            ("cvt.s.w", "s", "w"), ("cvt.d.w", "d", "w")]
    for mn, dst, src in conv:
        for r in F:
            for ops, kinds in (([r, "$f2"], (dst, src)), (["$f0", r], (dst, src))):
                doubles = [o for o, k in zip(ops, kinds) if k == "d"]
                add(text(mn, ops), err=dbl_err(*doubles))
    conds = ["f", "un", "eq", "ueq", "olt", "ult", "ole", "ule", "sf", "ngle", "seq", "ngl",
             "lt", "nge", "le", "ngt"]
    for c in conds:
        for fmt in ["d", "s"]:
            regs = SOMED if fmt == "d" else SOMEF
            for a in regs:
                for b in regs[:3]:
                    add(text("c.%s.%s" % (c, fmt), [a, b]))
            for cc in range(1, 8):
                add(text("c.%s.%s" % (c, fmt), ["$fcc%d" % cc, "$f2", "$f4"]))
        add(text("c.%s.d" % c, ["$f1", "$f2"]), err="odd double register")
    for fmt in ["d", "s"]:
        regs = FEVEN if fmt == "d" else F
        for mn in ["movf", "movt"]:
            for cc in range(8):
                add(text("%s.%s" % (mn, fmt), ["$f0", "$f2", "$fcc%d" % cc]))
            for r in regs:
                add(text("%s.%s" % (mn, fmt), [r, "$f4", "$fcc1"]))
        for mn in ["movz", "movn"]:
            for r in G:
                add(text("%s.%s" % (mn, fmt), ["$f0", "$f2", r]))
            for r in regs:
                add(text("%s.%s" % (mn, fmt), ["$f2", r, "$t0"]))
        add(text("movz.d", ["$f1", "$f2", "$t0"]), err="odd double register")
    for mn in ["mfc1", "mtc1"]:
        for r in G:
            add(text(mn, [r, "$f1"]))
        for r in F:
            add(text(mn, ["$t0", r]))
    for mn in ["mfhc1", "mthc1"]:
        for r in G:
            add(text(mn, [r, "$f2"]))
        for r in F:
            add(text(mn, ["$t0", r]), err=dbl_err(r))
    for mn in ["cfc1", "ctc1"]:
        for n in [0, 25, 26, 28, 31]:
            add(text(mn, ["$t0", "$%d" % n]))
        for r in G:
            add(text(mn, [r, "$31"]))


LI = [0, 1, -1, 2, 0x7fff, 0x8000, -0x8000, -0x8001, 0xffff, 0x10000, 0x10001, 0x12340000,
      0x12345678, 0x7fffffff, -0x80000000, 0x80000000, 0xffff8000, 0xffff7fff, 0xffffffff,
      0xfffeffff, 0x00ff00ff, 0x100000000, -0x80000001]


def li():
    for v in LI:
        ok = -0x80000000 <= v <= 0xffffffff
        for r in ["$t0", "$a0", "$at", "$ra"]:
            vs = "%#x" % v if v >= 0 else str(v)
            add(text("li", [r, vs]), err=None if ok else "li value outside 32 bits", group="li")


def sampled():
    """Pseudo-random operands (fixed seed) on top of the sweeps above."""
    rnd = random.Random(20261121)
    seen = set(r[0] for r in rows)

    def once(mn, ops, group="main"):
        m, o = fix_alias(mn, ops)
        t = text(m, o)
        if t not in seen:
            seen.add(t)
            add(t, group=group)

    for mn in ["addu", "subu", "and", "or", "xor", "nor", "slt", "sltu", "movz", "movn",
               "mul", "sllv", "srav", "rotrv"]:
        for _ in range(40):
            once(mn, [rnd.choice(G) for _ in range(3)])
    for mn in ["addiu", "slti", "sltiu"]:
        for _ in range(40):
            once(mn, [rnd.choice(G), rnd.choice(G), str(rnd.randint(-32768, 32767))])
    for mn in ["andi", "ori", "xori"]:
        for _ in range(40):
            once(mn, [rnd.choice(G), rnd.choice(G), hex(rnd.randint(0, 0xffff))])
    for mn in ["lw", "sw", "lbu", "sh", "lwc1", "sdc1"]:
        for _ in range(40):
            reg = rnd.choice(G) if mn[-1] != "1" else (
                rnd.choice(FEVEN) if mn == "sdc1" else rnd.choice(F))
            once(mn, [reg, "%d(%s)" % (rnd.randint(-32768, 32767), rnd.choice(G))])
    for mn in ["add.d", "mul.d", "div.d", "sub.s"]:
        regs = FEVEN if mn.endswith(".d") else F
        for _ in range(40):
            once(mn, [rnd.choice(regs) for _ in range(3)])
    for _ in range(200):
        bits = rnd.choice([8, 15, 16, 17, 24, 31, 32])
        v = rnd.getrandbits(bits)
        if rnd.random() < 0.3:
            v = -v if v else v
        if -0x80000000 <= v <= 0xffffffff:
            once("li", [rnd.choice(SOME), "%#x" % v if v >= 0 else str(v)], group="li")


def build():
    alu3()
    aliases()
    imm_alu()
    shifts()
    muldiv()
    bits()
    cond_moves()
    loads_stores()
    branches()
    system()
    fpu()
    li()
    sampled()


def run_as(tool, lines, nomacro):
    """Assembles lines (one instruction each); returns (per-line bytes,
    set of rejected line indexes)."""
    rejected = set()
    while True:
        keep = [i for i in range(len(lines)) if i not in rejected]
        head = [".set noreorder", ".set noat"] + ([".set nomacro"] if nomacro else [])
        src = head + ["r%d: %s" % (i, lines[i]) for i in keep] + ["rend:"]
        with tempfile.TemporaryDirectory() as d:
            s = os.path.join(d, "t.s")
            o = os.path.join(d, "t.o")
            b = os.path.join(d, "t.bin")
            with open(s, "w") as fh:
                fh.write("\n".join(src) + "\n")
            p = subprocess.run([tool[0], *tool[1:], "-march=mips32r2", "-mhard-float",
                                "-o", o, s], capture_output=True, text=True)
            bad = set()
            for m in re.finditer(r"t\.s:(\d+): (Error|Warning)", p.stderr):
                line = int(m.group(1)) - 1 - len(head)
                if 0 <= line < len(keep):
                    bad.add(keep[line])
            if bad:
                rejected |= bad
                continue
            if p.returncode != 0:
                sys.exit("as failed:\n" + p.stderr)
            subprocess.run([tool[0].replace("-as", "-objcopy"), "-O", "binary", "-j", ".text",
                            o, b], check=True)
            data = open(b, "rb").read()
            nm = subprocess.run([tool[0].replace("-as", "-nm"), o], capture_output=True,
                                text=True, check=True).stdout
        addr = {}
        for line in nm.splitlines():
            a, _, name = line.split()
            addr[name] = int(a, 16)
        out = {}
        for j, i in enumerate(keep):
            nxt = "r%d" % keep[j + 1] if j + 1 < len(keep) else "rend"
            out[i] = data[addr["r%d" % i]:addr[nxt]]
        return out, rejected


def main():
    build()
    good = [r for r in rows if r[2] is None]
    errs = [r for r in rows if r[2] is not None]
    results = {}
    dropped = set()
    for name, tool in [("mips", ["mips-linux-gnu-as", "-EB"]),
                       ("mipsel", ["mipsel-linux-gnu-as", "-EL", "-mno-fix-loongson3-llsc"])]:
        res = {}
        for group, nomacro in [("main", True), ("li", False)]:
            sel = [r for r in good if r[3] == group]
            got, rej = run_as(tool, [r[1] for r in sel], nomacro)
            for i, r in enumerate(sel):
                if i in rej:
                    dropped.add(r[0])
                else:
                    res[r[0]] = got[i]
        results[name] = res
    for name in ["mips", "mipsel"]:
        with open(os.path.join(OUT, name + ".txt"), "w") as fh:
            fh.write("# Generated by tools/gen-golden.py from GNU as (%s); do not edit.\n" % name)
            fh.write("# text | bytes in memory order; every row assembled at %#x.\n" % BASE)
            n = 0
            for r in good:
                if r[0] in dropped:
                    continue
                fh.write("%s | %s\n" % (r[0], results[name][r[0]].hex()))
                n += 1
        print("%s: %d rows" % (name, n))
    with open(os.path.join(OUT, "mips-errors.txt"), "w") as fh:
        fh.write("# Generated by tools/gen-golden.py; do not edit.\n")
        fh.write("# text | the rule it breaks (xlj must refuse it, at %#x).\n" % BASE)
        for r in errs:
            fh.write("%s | %s\n" % (r[0], r[2]))
    print("errors: %d rows; dropped (as rejects, rules accept): %d" % (len(errs), len(dropped)))
    for t in sorted(dropped):
        print("  dropped:", t)


if __name__ == "__main__":
    main()
