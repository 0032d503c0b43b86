#!/usr/bin/env python3
"""Generates tests/golden/ppc.txt and tests/golden/ppc-errors.txt.

The expected bytes come from GNU as (`powerpc-linux-gnu-as -mppc
-mregnames`), never from xlj's own encoder. The script builds a list of
instructions in xlj's syntax (cartesian products over registers, every
immediate at and around its boundaries, every addressing mode), translates
each to GNU as syntax where the two differ, assembles them all, and reads
the bytes of each row back through a symbol placed before it.

Rows GNU as rejects go to ppc-errors.txt: xlj must reject them too.

Row format in ppc.txt:  `text | hex bytes in memory order`
A row starting with `~ ` is an alias input: it assembles to those bytes,
but the disassembler prints a different (preferred) spelling, so the test
checks that the printed text re-assembles to the same bytes instead of
comparing text. Which spellings are preferred is the syntax specification
written out below (the printer's rules, restated independently).

Every row is assembled at ADDR; branch targets are written in xlj syntax as
absolute addresses and in GNU as syntax as `.+offset`.

Usage: tools/gen-golden.py   (from targets/ppc/isa)
"""

import itertools
import os
import re
import subprocess
import sys
import tempfile

ADDR = 0x4000000
AS = "powerpc-linux-gnu-as"
OBJCOPY = "powerpc-linux-gnu-objcopy"
NM = "powerpc-linux-gnu-nm"

rows = []  # (text, gas_text, alias)


def row(text, gas=None, alias=False):
    rows.append((text, gas if gas is not None else text, alias))


def r(n):
    return f"r{n}"


def f(n):
    return f"f{n}"


def base(n):
    return "0" if n == 0 else r(n)


SIMM = [-32768, -32767, -256, -1, 0, 1, 255, 32766, 32767]
SIMM_BAD = [-32769, 32768]
UIMM = [0, 1, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF]
UIMM_BAD = [-1, 0x10000]
R3 = [0, 1, 17, 31]
R2 = [0, 1, 2, 13, 31]
SUFFIXES_OE_RC = ["", ".", "o", "o."]
SUFFIXES_RC = ["", "."]


def target(disp):
    """A branch at ADDR to ADDR + disp, in both syntaxes."""
    mine = f"{(ADDR + disp) & 0xFFFFFFFF:#x}"
    gas = f".+{disp}" if disp >= 0 else f".-{-disp}"
    return mine, gas


def integer_arith():
    for m in ["add", "addc", "adde", "subf", "subfc", "subfe", "mullw", "divw", "divwu"]:
        for s in SUFFIXES_OE_RC:
            for d, a, b in itertools.product(R3, R3, R3):
                row(f"{m}{s} {r(d)}, {r(a)}, {r(b)}")
    for m in ["mulhw", "mulhwu"]:
        for s in SUFFIXES_RC:
            for d, a, b in itertools.product(R3, R3, R3):
                row(f"{m}{s} {r(d)}, {r(a)}, {r(b)}")
    for m in ["addze", "addme", "subfze", "subfme", "neg"]:
        for s in SUFFIXES_OE_RC:
            for d, a in itertools.product(R2, R2):
                row(f"{m}{s} {r(d)}, {r(a)}")
    for m in ["sub", "subc"]:
        for s in SUFFIXES_OE_RC:
            row(f"{m}{s} r3, r4, r5", alias=True)
    # Immediate arithmetic. addi/addis with rA = 0 print as li/lis.
    for d, v in itertools.product([0, 5, 31], SIMM + SIMM_BAD):
        row(f"li {r(d)}, {v}")
        row(f"addi {r(d)}, 0, {v}", alias=True)
        for a in [1, 31]:
            row(f"addi {r(d)}, {r(a)}, {v}")
            row(f"subi {r(d)}, {r(a)}, {-v}", alias=True)
    for d, v in itertools.product([0, 5, 31], SIMM + SIMM_BAD + [0x8000, 0xFFFF, 0x10000]):
        alias = v > 0x7FFF
        row(f"lis {r(d)}, {v}", alias=alias)
        for a in [1, 31]:
            row(f"addis {r(d)}, {r(a)}, {v}", alias=alias)
    for m in ["addic", "addic.", "subfic", "mulli"]:
        for d, a, v in itertools.product([0, 31], [0, 1, 31], SIMM + SIMM_BAD):
            row(f"{m} {r(d)}, {r(a)}, {v}")
    for m in ["subic", "subic."]:
        for v in [-32767, 0, 32768, -32768]:
            row(f"{m} r3, r4, {v}", alias=True)
    for d, a, v in itertools.product([3], [0, 4], [-8, 0, 32767]):
        row(f"la {r(d)}, {v}({base(a)})", alias=True)
    for v in [-32768, 32767]:
        row(f"mulli r3, sp, {v}", alias=True)


def logical():
    row("nop")
    for m in ["andi.", "andis.", "ori", "oris", "xori", "xoris"]:
        for a, s, v in itertools.product([0, 1, 31], [0, 1, 31], UIMM + UIMM_BAD):
            alias = m == "ori" and a == 0 and s == 0 and v == 0
            row(f"{m} {r(a)}, {r(s)}, {v}", alias=alias)
    for m in ["and", "or", "xor", "nand", "nor", "andc", "orc", "eqv", "slw", "srw", "sraw"]:
        for sfx in SUFFIXES_RC:
            for a, s, b in itertools.product(R3, R3, R3):
                alias = m in ("or", "nor") and s == b
                row(f"{m}{sfx} {r(a)}, {r(s)}, {r(b)}", alias=alias)
    for m in ["mr", "not", "extsb", "extsh", "cntlzw"]:
        for sfx in SUFFIXES_RC:
            for a, s in itertools.product(R2, R2):
                row(f"{m}{sfx} {r(a)}, {r(s)}")
    for sfx in SUFFIXES_RC:
        for a, s, sh in itertools.product([0, 3, 31], [0, 4, 31], [0, 1, 15, 31, 32]):
            row(f"srawi{sfx} {r(a)}, {r(s)}, {sh}")


def rlw_print(m, a, s, sh, mb, me):
    """The spelling the printer prefers for rlwinm (the syntax rule)."""
    if mb == 0 and me == 31:
        return f"rotlwi{m} {a}, {s}, {sh}"
    if mb == 0 and sh != 0 and me == 31 - sh:
        return f"slwi{m} {a}, {s}, {sh}"
    if me == 31 and mb != 0 and sh == 32 - mb:
        return f"srwi{m} {a}, {s}, {mb}"
    if sh == 0 and me == 31:
        return f"clrlwi{m} {a}, {s}, {mb}"
    return f"rlwinm{m} {a}, {s}, {sh}, {mb}, {me}"


def rotates():
    fields = [0, 1, 16, 31]
    for sfx in SUFFIXES_RC:
        for (a, s), sh, mb, me in itertools.product([(3, 4), (0, 31)], fields, fields, fields + [32]):
            text = f"rlwinm{sfx} {r(a)}, {r(s)}, {sh}, {mb}, {me}"
            row(text, alias=rlw_print(sfx, r(a), r(s), sh, mb, me) != text)
            row(f"rlwimi{sfx} {r(a)}, {r(s)}, {sh}, {mb}, {me}")
        for sh in range(0, 33):
            for m, (rsh, rmb, rme) in [
                ("slwi", (sh, 0, 31 - sh)),
                ("srwi", ((32 - sh) & 31, sh, 31)),
                ("clrlwi", (0, sh, 31)),
                ("rotlwi", (sh, 0, 31)),
                ("clrrwi", (0, 0, 31 - sh)),
            ]:
                text = f"{m}{sfx} r3, r4, {sh}"
                ok = 0 <= sh <= 31
                alias = ok and rlw_print(sfx, "r3", "r4", rsh, rmb, rme) != text
                gas = text
                if m == "srwi" and sh == 0:
                    # GNU as takes srwi 0 as rlwinm with SH = 32 & 31 = 0.
                    alias = True
                row(text, gas, alias)
        for (a, s, b), mb, me in itertools.product([(3, 4, 5), (31, 0, 17)], fields, fields):
            text = f"rlwnm{sfx} {r(a)}, {r(s)}, {r(b)}, {mb}, {me}"
            row(text, alias=(mb == 0 and me == 31))
        row(f"rotlw{sfx} r3, r4, r5")


def compares():
    crs = [None, 1, 7]

    def cr(c):
        return "" if c is None else f"cr{c}, "

    for m in ["cmpw", "cmplw"]:
        for c, a, b in itertools.product(crs, R2, R2):
            row(f"{m} {cr(c)}{r(a)}, {r(b)}")
        row(f"{m} cr0, r3, r4", alias=True)
    for c, a, v in itertools.product(crs, [0, 3, 31], SIMM + SIMM_BAD):
        row(f"cmpwi {cr(c)}{r(a)}, {v}")
    for c, a, v in itertools.product(crs, [0, 3, 31], UIMM + UIMM_BAD + [-32768, -32769]):
        # GNU as takes a negative cmplwi immediate as its 16 bits.
        row(f"cmplwi {cr(c)}{r(a)}, {v}", alias=v < 0)
    row("cmpwi cr0, r3, 0", alias=True)
    row("cmpw cr{}, r3, r4".format(8))


def memory():
    disps = [-32768, -32767, -8, 0, 4, 32764, 32767] + SIMM_BAD
    for m in ["lbz", "lbzu", "lhz", "lhzu", "lha", "lhau", "lwz", "lwzu",
              "stb", "stbu", "sth", "sthu", "stw", "stwu", "lmw", "stmw"]:
        for d, a, v in itertools.product([0, 5, 31], [0, 1, 5, 31], disps):
            row(f"{m} {r(d)}, {v}({base(a)})")
    for m in ["lfs", "lfsu", "lfd", "lfdu", "stfs", "stfsu", "stfd", "stfdu"]:
        for d, a, v in itertools.product([0, 5, 31], [0, 1, 31], disps):
            row(f"{m} {f(d)}, {v}({base(a)})")
    for m in ["lbzx", "lbzux", "lhzx", "lhzux", "lhax", "lhaux", "lwzx", "lwzux",
              "stbx", "stbux", "sthx", "sthux", "stwx", "stwux",
              "lhbrx", "lwbrx", "sthbrx", "stwbrx", "lwarx", "stwcx."]:
        for d, a, b in itertools.product([0, 5, 31], [0, 1, 5, 31], [0, 2, 31]):
            row(f"{m} {r(d)}, {base(a)}, {r(b)}")
    for m in ["lfsx", "lfsux", "lfdx", "lfdux", "stfsx", "stfsux", "stfdx", "stfdux", "stfiwx"]:
        for d, a, b in itertools.product([0, 5, 31], [0, 1, 31], [0, 2, 31]):
            row(f"{m} {f(d)}, {base(a)}, {r(b)}")
    row("lwz r3, 8(r0)", alias=True)
    row("lwz r3, 8(sp)", alias=True)
    row("lwzx r3, r0, r5", alias=True)


COND = {"lt": (12, 0), "gt": (12, 1), "eq": (12, 2), "so": (12, 3),
        "ge": (4, 0), "le": (4, 1), "ne": (4, 2), "ns": (4, 3)}
VALID_BO = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20]


def branches():
    rel24 = [-(1 << 25), -(1 << 25) + 4, -4, 0, 4, 0x1234, (1 << 25) - 4, 1 << 25, -(1 << 25) - 4, 2]
    rel14 = [-32768, -32764, -4, 0, 4, 32764, 32768, -32772, 6]
    for m in ["b", "bl"]:
        for disp in rel24:
            mine, gas = target(disp)
            row(f"{m} {mine}", f"{m} {gas}")
    for m in ["ba", "bla"]:
        for a in [0, 4, 0x100, 0x1FFFFFC, 0xFE000000, 0xFFFFFFFC, 0x2000000, 2]:
            row(f"{m} {a:#x}")
    for m in ["bdnz", "bdz"]:
        for disp in rel14:
            mine, gas = target(disp)
            row(f"{m} {mine}", f"{m} {gas}")
    for cond, c in itertools.product(COND, [None, 1, 7]):
        crp = "" if c is None else f"cr{c}, "
        crs = "" if c is None else f" cr{c}"
        for disp in rel14:
            mine, gas = target(disp)
            row(f"b{cond} {crp}{mine}", f"b{cond} {crp}{gas}")
        for disp in [-32768, -4, 8, 32764, 32768]:
            mine, gas = target(disp)
            row(f"b{cond}l {crp}{mine}", f"b{cond}l {crp}{gas}")
        row(f"b{cond}lr{crs}")
        row(f"b{cond}ctr{crs}")
    # Prediction hints: the y bit follows the direction of the target.
    for m, hint, c, disp in itertools.product(
            [f"b{c}" for c in COND] + [f"b{c}l" for c in COND] + ["bdnz", "bdz"],
            "+-", [None, 7], [-32768, -8, 0, 8, 32764]):
        if m.startswith("bd") and c is not None:
            continue
        crp = "" if c is None else f"cr{c}, "
        mine, gas = target(disp)
        # A hint that agrees with the default prediction leaves y clear
        # and prints as the plain branch.
        y = (disp >= 0) if hint == "+" else (disp < 0)
        row(f"{m}{hint} {crp}{mine}", f"{m}{hint} {crp}{gas}", alias=not y)
    for alias in ["nl", "ng", "un", "nu"]:
        mine, gas = target(8)
        row(f"b{alias} cr6, {mine}", f"b{alias} cr6, {gas}", alias=True)
    mine, gas = target(8)
    row(f"beq cr0, {mine}", f"beq cr0, {gas}", alias=True)
    row("beqlr cr0", alias=True)
    for bo, bi, disp in itertools.product(list(range(0, 32)), [0, 2, 30, 31], [-8, 8]):
        mine, gas = target(disp)
        simplified = bo in (12, 13, 4, 5) or (bo in (16, 17, 18, 19) and bi == 0)
        row(f"bc {bo}, {bi}, {mine}", f"bc {bo}, {bi}, {gas}", alias=simplified)
    for bo, bi, disp in itertools.product([0, 4, 12, 13, 16, 20, 24], [0, 2, 31], [-8, 8]):
        mine, gas = target(disp)
        row(f"bcl {bo}, {bi}, {mine}", f"bcl {bo}, {bi}, {gas}", alias=bo in (12, 13, 4, 5))
    for m, lk, xo in [("bclr", "", "lr"), ("bclrl", "l", "lr"), ("bcctr", "", "ctr"), ("bcctrl", "l", "ctr")]:
        for bo, bi in itertools.product(list(range(0, 32)), [0, 2, 31]):
            simplified = (bo == 20 and bi == 0) or (lk == "" and bo in (12, 4))
            row(f"{m} {bo}, {bi}", alias=simplified)
    for m in ["blr", "blrl", "bctr", "bctrl"]:
        row(m)
    mine, gas = target(8)
    row(f"bc 12, 4*cr7+eq, {mine}", f"bc 12, 4*cr7+eq, {gas}", alias=True)
    row(f"bc 4, gt, {mine}", f"bc 4, gt, {gas}", alias=True)


def cr_and_system():
    bits = [0, 6, 31]
    for m in ["crand", "cror", "crxor", "crnand", "crnor", "creqv", "crandc", "crorc"]:
        for a, b, c in itertools.product(bits, bits, bits):
            row(f"{m} {a}, {b}, {c}")
        row(f"{m} 32, 0, 0")
    for b in bits:
        row(f"crset {b}", alias=True)
        row(f"crclr {b}", alias=True)
        row(f"crmove {b}, 1", alias=True)
        row(f"crnot {b}, 1", alias=True)
    row("crxor 4*cr1+eq, 4*cr1+eq, 4*cr1+eq", alias=True)
    for a, b in itertools.product(range(8), [0, 5, 7]):
        row(f"mcrf cr{a}, cr{b}")
    for a in range(8):
        row(f"mcrxr cr{a}")
    for m in ["dcbst", "dcbf", "dcbt", "dcbz", "icbi"]:
        for a, b in itertools.product([0, 1, 31], [0, 2, 31]):
            row(f"{m} {base(a)}, {r(b)}")
    for m in ["mflr", "mtlr", "mfctr", "mtctr", "mfxer", "mtxer", "mfcr"]:
        for d in R2:
            row(f"{m} {r(d)}")
    for d, spr in itertools.product([0, 3, 31], [0, 1, 8, 9, 256, 272, 287, 1023, 1024]):
        alias = spr in (1, 8, 9)
        row(f"mfspr {r(d)}, {spr}", alias=alias)
        row(f"mtspr {spr}, {r(d)}", alias=alias)
    for fxm, s in itertools.product([0, 1, 0x80, 0xFF, 0x100], [0, 3, 31]):
        row(f"mtcrf {fxm}, {r(s)}")
    row("mtcr r3", alias=True)
    for m in ["isync", "sync", "eieio", "trap"]:
        row(m)
    for to, a, b in itertools.product([0, 4, 16, 31, 32], [0, 3], [0, 4]):
        alias = to == 31 and a == 0 and b == 0
        row(f"tw {to}, {r(a)}, {r(b)}", alias=alias)
    for to, a, v in itertools.product([0, 4, 31], [0, 3], SIMM + SIMM_BAD):
        row(f"twi {to}, {r(a)}, {v}")


def fpu():
    F3 = [0, 1, 31]
    for m in ["fadd", "fsub", "fdiv", "fadds", "fsubs", "fdivs", "fmul", "fmuls"]:
        for sfx in SUFFIXES_RC:
            for d, a, b in itertools.product(F3, F3, F3):
                row(f"{m}{sfx} {f(d)}, {f(a)}, {f(b)}")
    for m in ["fsel", "fmadd", "fmsub", "fnmadd", "fnmsub", "fmadds", "fmsubs", "fnmadds", "fnmsubs"]:
        for sfx in SUFFIXES_RC:
            for d, a, c, b in itertools.product([0, 31], [0, 2], [0, 31], [1, 31]):
                row(f"{m}{sfx} {f(d)}, {f(a)}, {f(c)}, {f(b)}")
    for m in ["fsqrt", "frsqrte", "fsqrts", "fres", "fmr", "fneg", "fabs", "fnabs",
              "frsp", "fctiw", "fctiwz"]:
        for sfx in SUFFIXES_RC:
            for d, b in itertools.product(F3, F3):
                row(f"{m}{sfx} {f(d)}, {f(b)}")
    for m in ["fcmpu", "fcmpo"]:
        for c, a, b in itertools.product([0, 1, 7], F3, F3):
            row(f"{m} cr{c}, {f(a)}, {f(b)}")
    for sfx in SUFFIXES_RC:
        for d in F3:
            row(f"mffs{sfx} {f(d)}")
        for flm, b in itertools.product([0, 1, 0xFF, 0x100], [0, 31]):
            row(f"mtfsf{sfx} {flm}, {f(b)}")
        for bf, u in itertools.product([0, 1, 7, 8], [0, 1, 15, 16]):
            row(f"mtfsfi{sfx} {bf}, {u}")
        for m in ["mtfsb0", "mtfsb1"]:
            for bit in [0, 1, 30, 31, 32]:
                row(f"{m}{sfx} {bit}")


def li32_expansion(d, v):
    """The li32 rule: li when v fits 16 signed bits, lis when its low half
    is zero, otherwise lis + ori."""
    v &= 0xFFFFFFFF
    sv = v - (1 << 32) if v & 0x80000000 else v
    if -0x8000 <= sv < 0x8000:
        return f"li {d}, {sv}"
    hi = v >> 16
    if v & 0xFFFF == 0:
        return f"lis {d}, {hi}"
    return f"lis {d}, {hi}; ori {d}, {d}, {v & 0xFFFF}"


def macros():
    values = [0, 1, -1, 0x7FFF, 0x8000, -0x8000, -0x8001, 0xFFFF, 0x10000, 0x12345678,
              0x7FFFFFFF, 0x80000000, 0xFFFF0000, 0xFFFFFFFF, 0xFFFF7FFF, 0x12340000, -0x80000000]
    for d, v in itertools.product([0, 3, 31], values):
        vs = f"{v:#x}" if v >= 0 else str(v)
        row(f"li32 {r(d)}, {vs}", li32_expansion(r(d), v).replace("; ", "\n"), alias=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.join(here, "..", "tests", "golden")
    for gen in [integer_arith, logical, rotates, compares, memory, branches, cr_and_system, fpu, macros]:
        gen()
    # Drop duplicates, keeping the first.
    seen = set()
    uniq = []
    for t in rows:
        if t[0] not in seen:
            seen.add(t[0])
            uniq.append(t)
    live = list(range(len(uniq)))
    rejected = set()
    with tempfile.TemporaryDirectory() as tmp:
        src, obj, binf = (os.path.join(tmp, n) for n in ("t.s", "t.o", "t.bin"))
        while True:
            lines = []
            line_of = {}
            for i in live:
                lines.append(f"row_{i}:")
                for part in uniq[i][1].split("\n"):
                    lines.append(part)
                    line_of[len(lines)] = i
            lines.append("row_end:")
            with open(src, "w") as fh:
                fh.write("\n".join(lines) + "\n")
            p = subprocess.run([AS, "-mppc", "-mregnames", "-o", obj, src],
                               capture_output=True, text=True)
            bad = set()
            for m in re.finditer(r"t\.s:(\d+): Error", p.stderr):
                bad.add(line_of[int(m.group(1))])
            if p.returncode == 0 and not bad:
                break
            if not bad:
                sys.exit("GNU as failed without naming a line:\n" + p.stderr)
            rejected |= bad
            live = [i for i in live if i not in bad]
        subprocess.run([OBJCOPY, "-O", "binary", "-j", ".text", obj, binf], check=True)
        code = open(binf, "rb").read()
        syms = {}
        for line in subprocess.run([NM, obj], capture_output=True, text=True, check=True).stdout.splitlines():
            addr, _, name = line.split()
            syms[name] = int(addr, 16)
    order = live + ["end"]
    with open(os.path.join(out_dir, "ppc.txt"), "w") as fh:
        fh.write("# Generated by tools/gen-golden.py from GNU as; do not edit.\n")
        fh.write(f"# text | bytes (memory order); rows assembled at {ADDR:#x}; `~` marks alias input.\n")
        for i, nxt in zip(order, order[1:]):
            start, end = syms[f"row_{i}"], syms[f"row_{nxt}"]
            hexs = " ".join(code[k:k + 4].hex() for k in range(start, end, 4))
            text, _, alias = uniq[i]
            fh.write(f"{'~ ' if alias else ''}{text} | {hexs}\n")
    with open(os.path.join(out_dir, "ppc-errors.txt"), "w") as fh:
        fh.write("# Generated by tools/gen-golden.py: statements GNU as rejects; xlj must too.\n")
        fh.write(f"# Rows assembled at {ADDR:#x}.\n")
        for i in sorted(rejected):
            fh.write(uniq[i][0] + "\n")
    print(f"{len(live)} rows, {len(rejected)} rejected")


if __name__ == "__main__":
    main()
