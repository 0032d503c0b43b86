#!/usr/bin/env python3
"""Generates tests/golden/arm64.txt: ARM64 encodings checked by GNU binutils.

The script builds an instruction list in xlj's syntax (cartesian products
over registers, immediates at and around every field boundary, every
addressing mode), translates each row to GNU as syntax where the two
differ, assembles everything with `aarch64-linux-gnu-as`, links it at
address 0 (so that adrp is resolved) and reads the bytes and GNU's own
disassembly back with `aarch64-linux-gnu-objdump -d`.

Each output row is

    text | hex bytes in memory order [| objdump's text]

where the third column, objdump's disassembly translated to xlj's syntax,
appears only when it differs from the input text (aliases such as
`ubfm` -> `lsl`, or `ldr` with a negative offset -> `ldur`). Instructions
of a multi-instruction row are joined with "; ". Each row is meant to be
assembled at address 0: branch targets in the text are absolute addresses
for a row placed at 0.

Rows that GNU as rejects are dropped, except those generated on purpose as
invalid (`BAD` below): they go to tests/golden/arm64-errors.txt, which the
error tests check xlj refuses too.

A third file, tests/golden/arm64-disasm.txt, tests the disassembler on
its own: words near valid encodings (each golden word with one or two
bits flipped, by a fixed-seed generator) with objdump's text for each, or
`?` where objdump finds no instruction. xlj must either print objdump's
text or refuse the word.

Usage: tools/gen-golden.py   (from anywhere; writes next to this script)
"""

import itertools
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "arm64.txt")
OUT_ERR = os.path.join(HERE, "..", "tests", "golden", "arm64-errors.txt")
OUT_DIS = os.path.join(HERE, "..", "tests", "golden", "arm64-disasm.txt")
AS = "aarch64-linux-gnu-as"
LD = "aarch64-linux-gnu-ld"
OBJDUMP = "aarch64-linux-gnu-objdump"
NM = "aarch64-linux-gnu-nm"
MASK64 = (1 << 64) - 1

ROWS = []  # (xlj text, GNU text lines, expected-invalid)


def row(text, gnu=None, bad=False):
    ROWS.append((text, gnu if gnu is not None else [text], bad))


XR = ["x0", "x1", "x9", "x17", "x30"]
WR = ["w0", "w2", "w15", "w30", "w7"]
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le"]


def gprs(sf):
    return XR if sf == 64 else WR


def zr(sf):
    return "xzr" if sf == 64 else "wzr"


def sp(sf):
    return "sp" if sf == 64 else "wsp"


def triples(sf):
    r = gprs(sf)
    return [(r[0], r[1], r[2]), (r[3], r[4], r[0]), (r[4], r[3], r[1])]


# ---------------------------------------------------------------- integer ALU

def alu():
    for sf in (64, 32):
        R = gprs(sf)
        z, s = zr(sf), sp(sf)
        for m in ("add", "adds", "sub", "subs"):
            for d, n, mm in triples(sf) + [(z, R[1], R[2]), (R[0], z, R[2]), (R[0], R[1], z)]:
                row(f"{m} {d}, {n}, {mm}")
                for k in ("lsl", "lsr", "asr"):
                    for a in (1, sf - 1):
                        row(f"{m} {d}, {n}, {mm}, {k} #{a}")
                row(f"{m} {d}, {n}, {mm}, lsl #{sf}", bad=True)
                row(f"{m} {d}, {n}, {mm}, ror #1", bad=True)
            for d, n in [(R[0], R[1]), (R[3], R[4]), (s, R[1]), (R[0], s), (s, s)]:
                if m.endswith("s") and d == s:
                    continue
                for v in (0, 1, 0x10, 4095, 4096, 0x7ff000, 0xfff000):
                    row(f"{m} {d}, {n}, #{v:#x}")
                for v in (1, 4095):
                    row(f"{m} {d}, {n}, #{v:#x}, lsl #12")
                row(f"{m} {d}, {n}, #0x1001", bad=True)
                row(f"{m} {d}, {n}, #0x1000000", bad=True)
            ext = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"]
            for d, n, mi in [(R[0], R[1], 2), (R[4], R[3], 3), (s, R[1], 1), (R[0], s, 0)]:
                if m.endswith("s") and d == s:
                    continue
                for i, e in enumerate(ext):
                    mreg = f"x{mi}" if (sf == 64 and i & 3 == 3) else f"w{mi}"
                    for a in (0, 1, 4):
                        amt = "" if a == 0 else f" #{a}"
                        row(f"{m} {d}, {n}, {mreg}, {e}{amt}")
                    row(f"{m} {d}, {n}, {mreg}, {e} #5", bad=True)
            if not m.endswith("s"):
                row(f"{m} {s}, {s}, {R[2]}")
                row(f"{m} {s}, {R[1]}, {R[2]}, lsl #2")
        for m in ("cmp", "cmn"):
            for n, mm in [(R[0], R[1]), (R[4], R[3]), (s, R[2])]:
                if n != s:
                    for k, a in (("lsl", 0), ("lsl", 3), ("asr", sf - 1)):
                        amt = "" if a == 0 and k == "lsl" else f", {k} #{a}"
                        row(f"{m} {n}, {mm}{amt}")
                else:
                    row(f"{m} {n}, {mm}")
                for v in (0, 1, 4095, 0x1000):
                    row(f"{m} {n}, #{v:#x}")
                row(f"{m} {n}, #0x1, lsl #12")
                row(f"{m} {n}, {R[2]}, sxtw" if sf == 32 else f"{m} {n}, w3, sxtw #2")
        for m in ("neg", "negs"):
            for d, mm in [(R[0], R[1]), (R[4], R[2])]:
                row(f"{m} {d}, {mm}")
                row(f"{m} {d}, {mm}, lsl #4")
                row(f"{m} {d}, {mm}, asr #{sf - 1}")
        for d, n in [(R[0], R[1]), (R[3], R[4]), (R[0], z), (s, R[1]), (R[1], s)]:
            row(f"mov {d}, {n}")
        for d, n in [(R[0], R[1]), (R[3], z)]:
            row(f"mvn {d}, {n}")
            row(f"mvn {d}, {n}, ror #{sf - 1}")
        # tst with registers
        row(f"tst {R[0]}, {R[1]}")
        row(f"tst {R[0]}, {R[1]}, lsr #7")


def logical_values(size_total):
    """Logical immediates built directly from their definition: a run of
    `ones` ones rotated by `rot` inside an element of `esize` bits,
    replicated to fill the register."""
    vals = []
    for esize in (2, 4, 8, 16, 32, 64):
        if esize > size_total:
            continue
        ones_choices = sorted({1, 2, esize // 2, esize - 1} & set(range(1, esize)))
        rots = sorted({0, 1, esize // 2, esize - 1})
        for ones in ones_choices:
            for rot in rots:
                if rot >= esize:
                    continue
                e = (1 << ones) - 1
                e = ((e >> rot) | (e << (esize - rot))) & ((1 << esize) - 1)
                v = 0
                for i in range(0, size_total, esize):
                    v |= e << i
                vals.append(v)
    return sorted(set(vals))


def logical():
    for sf in (64, 32):
        R = gprs(sf)
        z, s = zr(sf), sp(sf)
        vals = logical_values(sf)
        for m in ("and", "orr", "eor", "ands"):
            for d, n, mm in triples(sf) + [(R[0], z, R[1])]:
                row(f"{m} {d}, {n}, {mm}")
                for k in ("lsl", "lsr", "asr", "ror"):
                    row(f"{m} {d}, {n}, {mm}, {k} #{sf - 1}")
                    row(f"{m} {d}, {n}, {mm}, {k} #1")
            for d, n in [(R[0], R[1]), (R[4], z)] + ([] if m == "ands" else [(s, R[1])]):
                for v in vals:
                    row(f"{m} {d}, {n}, #{v:#x}")
            for v in (0, 0x1234, (1 << sf) - 1, 0x5):
                row(f"{m} {R[0]}, {R[1]}, #{v:#x}", bad=True)
        for m in ("bic", "orn", "eon", "bics"):
            for d, n, mm in triples(sf):
                row(f"{m} {d}, {n}, {mm}")
                for k in ("lsl", "ror"):
                    row(f"{m} {d}, {n}, {mm}, {k} #{sf - 1}")
        for v in vals[:: max(1, len(vals) // 40)]:
            row(f"mov {s}, #{v:#x}")
            row(f"tst {R[1]}, #{v:#x}")
            row(f"mov {R[2]}, #{v:#x}")
            row(f"orr {R[2]}, {z}, #{v:#x}")


def shifts_and_bitfields():
    for sf in (64, 32):
        R = gprs(sf)
        for m in ("lsl", "lsr", "asr", "ror"):
            for d, n, mm in triples(sf):
                row(f"{m} {d}, {n}, {mm}")
                for a in (0, 1, sf // 2, sf - 1):
                    row(f"{m} {d}, {n}, #{a}")
                row(f"{m} {d}, {n}, #{sf}", bad=True)
        for m in ("lslv", "lsrv", "asrv", "rorv"):
            row(f"{m} {R[0]}, {R[1]}, {R[2]}")
        for m in ("ubfx", "sbfx", "bfxil", "bfi", "ubfiz", "sbfiz"):
            for d, n in [(R[0], R[1]), (R[4], R[3])]:
                for lsb in (0, 1, sf // 2, sf - 1):
                    for w in sorted({1, 2, sf - lsb, max(1, (sf - lsb) // 2)}):
                        if lsb + w <= sf:
                            row(f"{m} {d}, {n}, #{lsb}, #{w}")
                row(f"{m} {d}, {n}, #{sf // 2}, #{sf // 2 + 1}", bad=True)
        for m in ("ubfm", "sbfm", "bfm"):
            for a, b in ((0, 0), (1, 7), (7, 1), (sf - 1, 0), (0, sf - 1), (5, 5), (6, 5)):
                row(f"{m} {R[0]}, {R[1]}, #{a}, #{b}")
        for d, n, mm in triples(sf):
            for a in (0, 1, sf - 1):
                row(f"extr {d}, {n}, {mm}, #{a}")
    for d, n in (("x0", "w1"), ("x30", "w17"), ("w3", "w4")):
        for m in ("sxtb", "sxth"):
            row(f"{m} {d}, {n}")
    for d, n in (("x0", "w1"), ("x30", "w17")):
        row(f"sxtw {d}, {n}")
        row(f"uxtw {d}, {n}")
    for d, n in (("w0", "w1"), ("w30", "w17")):
        row(f"uxtb {d}, {n}")
        row(f"uxth {d}, {n}")


def muldiv():
    for sf in (64, 32):
        R = gprs(sf)
        for m in ("madd", "msub"):
            row(f"{m} {R[0]}, {R[1]}, {R[2]}, {R[3]}")
            row(f"{m} {R[4]}, {R[3]}, {R[1]}, {R[0]}")
        for m in ("mul", "mneg", "sdiv", "udiv"):
            for d, n, mm in triples(sf):
                row(f"{m} {d}, {n}, {mm}")
        for m in ("adc", "adcs", "sbc", "sbcs"):
            for d, n, mm in triples(sf) + [(R[0], zr(sf), R[1])]:
                row(f"{m} {d}, {n}, {mm}")
        for m in ("ngc", "ngcs"):
            row(f"{m} {R[0]}, {R[1]}")
            row(f"{m} {R[4]}, {zr(sf)}")
        for m in ("clz", "cls", "rbit", "rev", "rev16"):
            row(f"{m} {R[0]}, {R[1]}")
            row(f"{m} {R[4]}, {R[3]}")
    row("rev32 x0, x1")
    for m in ("smaddl", "smsubl", "umaddl", "umsubl"):
        row(f"{m} x0, w1, w2, x3")
        row(f"{m} x30, w17, w9, x0")
    for m in ("smull", "umull", "smnegl", "umnegl"):
        row(f"{m} x0, w1, w2")
        row(f"{m} x30, w17, w9")
    for m in ("smulh", "umulh"):
        row(f"{m} x0, x1, x2")
        row(f"{m} x30, x17, x9")


def conditional():
    for sf in (64, 32):
        R = gprs(sf)
        z = zr(sf)
        for m in ("csel", "csinc", "csinv", "csneg"):
            for c in CONDS + ["al", "nv"]:
                row(f"{m} {R[0]}, {R[1]}, {R[2]}, {c}")
            for c in ("eq", "lt"):
                row(f"{m} {R[0]}, {R[1]}, {R[1]}, {c}")
                row(f"{m} {R[0]}, {z}, {z}, {c}")
        for c in CONDS:
            row(f"cset {R[0]}, {c}")
            row(f"csetm {R[3]}, {c}")
            row(f"cinc {R[0]}, {R[1]}, {c}")
            row(f"cinv {R[4]}, {R[2]}, {c}")
            row(f"cneg {R[1]}, {R[3]}, {c}")
        row(f"cset {R[0]}, al", bad=True)
        for m in ("ccmp", "ccmn"):
            for c in ("eq", "ne", "hi", "le", "al"):
                for nzcv in (0, 1, 4, 15):
                    row(f"{m} {R[0]}, {R[1]}, #{nzcv:#x}, {c}")
                    row(f"{m} {R[3]}, #{nzcv * 2:#x}, #{nzcv:#x}, {c}")
            row(f"{m} {R[0]}, #0x1f, #0xf, ge")
            row(f"{m} {R[0]}, #0x20, #0x0, ge", bad=True)
            row(f"{m} {R[0]}, #0x1, #0x10, ge", bad=True)


def movewide():
    for sf in (64, 32):
        R = gprs(sf)
        for m in ("movz", "movn", "movk"):
            for sh in range(0, sf, 16):
                for v in (0, 1, 0x1234, 0xffff):
                    sht = f", lsl #{sh}" if sh else ""
                    row(f"{m} {R[0]}, #{v:#x}{sht}")
                    row(f"{m} {R[4]}, #{v:#x}{sht}")
            row(f"{m} {R[0]}, #0x10000", bad=True)
            row(f"{m} {R[0]}, #0x1, lsl #{sf}", bad=True)
            row(f"{m} {R[0]}, #0x1, lsl #8", bad=True)


def mov_sequence(v, sf):
    """The shortest constant sequence, worked out independently of xlj:
    one movz/movn if possible, else one orr with a logical immediate,
    else movz or movn (whichever leaves fewer halfwords) plus movk.
    Returns None when GNU as's own one-instruction `mov` applies, else
    (register width, [(mnemonic, chunk, shift text)]). A 64-bit value
    with a zero upper half uses the 32-bit register when that is shorter."""
    seq = sequence_for(v, sf)
    if sf == 64 and v >> 32 == 0:
        narrow = sequence_for(v, 32)
        if length(narrow) < length(seq):
            return (32, narrow) if narrow is not None else (32, None)
    return None if seq is None else (sf, seq)


def length(seq):
    return 1 if seq is None else len(seq)


def sequence_for(v, sf):
    n = sf // 16
    chunks = [(v >> (16 * i)) & 0xffff for i in range(n)]
    zeros = chunks.count(0)
    ones = chunks.count(0xffff)
    if zeros >= n - 1:
        return None  # one movz: GNU as accepts `mov` directly
    if ones >= n - 1:
        return None  # one movn
    if v in set(LOGICAL[sf]):
        return None  # one orr: GNU as accepts `mov` directly
    inverted = ones > zeros
    fill = 0xffff if inverted else 0
    out = []
    for i, c in enumerate(chunks):
        if c == fill:
            continue
        sh = f", lsl #{16 * i}" if i else ""
        if not out:
            if inverted:
                out.append(("movn", (~c) & 0xffff, sh))
            else:
                out.append(("movz", c, sh))
        else:
            out.append(("movk", c, sh))
    return out


def all_logical(size):
    vals = set()
    for esize in (2, 4, 8, 16, 32, 64):
        if esize > size:
            continue
        for ones in range(1, esize):
            for rot in range(esize):
                e = (1 << ones) - 1
                e = ((e >> rot) | (e << (esize - rot))) & ((1 << esize) - 1)
                v = 0
                for i in range(0, size, esize):
                    v |= e << i
                vals.add(v)
    return vals


LOGICAL = {64: all_logical(64), 32: all_logical(32)}


def constants():
    vals64 = [0, 1, 0xffff, 0x10000, 0x12345678, 0xffffffff, 0x100000000, 0x123456789abcdef0,
              0xffff1234, 0x0f0f0f0f, 0xfffe0000, 0x8000ffff, 0x7fff1234, 0xfff0000f,
              0xffff_ffff_ffff_fffe, 0xffff_ffff_1234_ffff, 0xffff_1234_5678_ffff,
              0x1234_0000_5678_0000, 0x0000_ffff_0000_ffff, 0x5555_5555_5555_5555,
              0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff, 0xdead_beef_dead_beef,
              0x0001_0002_0003_0004, 0xfffe_fffd_fffc_fffb, 0xffff_0000_ffff_1234,
              0x4010_0000_0000_0000, 0x3ff0_0000_0000_0000, 0xfff8_0000_0000_0000,
              0xffff_8000_0000_0000, 0x0000_7fff_ffff_ffff, 0x1234, 0xabcd_0000]
    vals32 = [0, 1, 0xffff, 0x10000, 0x12345678, 0xffffffff, 0xfffffffe, 0xffff1234, 0x1234ffff,
              0x80000000, 0x7fffffff, 0x55555555, 0xdeadbeef, 0x00ff00ff, 0xffff0000]
    for sf, vals in ((64, vals64), (32, vals32)):
        for reg in gprs(sf)[:3]:
            for v in vals:
                found = mov_sequence(v, sf)
                if found is None:
                    row(f"mov {reg}, #{v:#x}")
                    continue
                width, seq = found
                r = reg if width == sf else "w" + reg[1:]
                if seq is None:
                    row(f"mov {reg}, #{v:#x}", [f"mov {r}, #{v:#x}"])
                else:
                    row(f"mov {reg}, #{v:#x}", [f"{m} {r}, #{c:#x}{sh}" for m, c, sh in seq])
    row("mov w0, #0x100000000", bad=True)


# ---------------------------------------------------------------- branches

def branches():
    for d in (0, 4, -4, 0x40, -0x40, 0x7fffffc, -0x8000000):
        row(f"b {d & MASK64:#x}", [f"b .{d:+#x}".replace("+-", "-")])
        row(f"bl {d & MASK64:#x}", [f"bl .{d:+#x}"])
    for d in (0, 8, -8, 0xffffc, -0x100000):
        for c in CONDS + ["al"]:
            row(f"b.{c} {d & MASK64:#x}", [f"b.{c} .{d:+#x}"])
        for r in ("x0", "x30", "w5", "xzr"):
            for m in ("cbz", "cbnz"):
                row(f"{m} {r}, {d & MASK64:#x}", [f"{m} {r}, .{d:+#x}"])
        for r in ("x0", "x17", "w3", "d1", "s30"):
            row(f"ldr {r}, {d & MASK64:#x}", [f"ldr {r}, .{d:+#x}"])
        row(f"ldrsw x4, {d & MASK64:#x}", [f"ldrsw x4, .{d:+#x}"])
    for d in (0, 4, -4, 0x7ffc, -0x8000):
        for r, bits in (("w0", (0, 1, 31)), ("x9", (32, 63)), ("w30", (7,))):
            for b in bits:
                for m in ("tbz", "tbnz"):
                    row(f"{m} {r}, #{b}, {d & MASK64:#x}", [f"{m} {r}, #{b}, .{d:+#x}"])
    for d in (0, 1, -1, 0x1234, 0xfffff, -0x100000):
        row(f"adr x3, {d & MASK64:#x}", [f"adr x3, .{d:+#x}"])
    for pages in (0, 1, -1, 0xfffff, -0x100000):
        d = pages * 4096
        row(f"adrp x7, {d & MASK64:#x}", [f"adrp x7, .{d:+#x}"])
    for r in ("x0", "x17", "x30"):
        row(f"br {r}")
        row(f"blr {r}")
        row(f"ret {r}")
    row("ret")
    row("nop")
    for v in (0, 1, 0x1234, 0xffff):
        for m in ("brk", "svc", "hlt"):
            row(f"{m} #{v:#x}")
    for c in CONDS + ["hs", "lo"]:
        row(f"b{c} 0x10", [f"b{c} .+0x10"])
    row("brk #0x10000", bad=True)


def to_gnu_labels(stmt, i):
    """One statement of a label program in GNU syntax: `>1` is `1f`, `<1`
    is `1b`, and `->name` is a symbol made unique per row."""
    stmt = re.sub(r"->(\w+)", lambda m: f"L{i}_{m.group(1)}", stmt)
    stmt = re.sub(r">(\d+)", r"\1f", stmt)
    return re.sub(r"<(\d+)", r"\1b", stmt)


def label_programs():
    """Short programs whose branches go to labels, in both directions."""
    uses = ["b {t}", "bl {t}", "b.ne {t}", "cbz x3, {t}", "cbnz w4, {t}",
            "tbz w5, #7, {t}", "tbnz x6, #60, {t}", "adr x7, {t}", "ldr x8, {t}",
            "ldr d9, {t}", "ldrsw x10, {t}"]
    i = 0
    for use in uses:
        for gap in (0, 1, 3):
            nops = ["nop"] * gap
            progs = [
                [use.format(t=">1")] + nops + ["1:", "ret"],
                ["1:"] + nops + ["nop", use.format(t="<1")],
                [use.format(t="->entry")] + nops + ["->entry:", "ret"],
                ["->top:", "nop"] + nops + [use.format(t="->top")],
                ["1:", use.format(t=">1")] + nops + ["1:", use.format(t="<1")],
            ]
            for prog in progs:
                text = "; ".join(prog)
                row(text, [to_gnu_labels(stmt, i) for stmt in prog])
                i += 1


# ---------------------------------------------------------------- memory

SINGLE = [
    # mnemonic, register, access size
    ("ldr", "x0", 8), ("str", "x30", 8), ("ldr", "w1", 4), ("str", "w17", 4),
    ("ldrb", "w2", 1), ("strb", "w3", 1), ("ldrh", "w4", 2), ("strh", "w5", 2),
    ("ldrsb", "x6", 1), ("ldrsb", "w7", 1), ("ldrsh", "x8", 2), ("ldrsh", "w9", 2),
    ("ldrsw", "x10", 4), ("ldr", "d0", 8), ("str", "d31", 8), ("ldr", "s1", 4),
    ("str", "s15", 4), ("ldr", "xzr", 8), ("str", "wzr", 4),
]


def memory():
    bases = ["x1", "sp", "x29"]
    for m, t, size in SINGLE:
        for b in bases:
            row(f"{m} {t}, [{b}]")
            for off in sorted({size, 8 * size, 4095 * size, -1, -256, 255, 1, 256,
                               -size, 3}):
                row(f"{m} {t}, [{b}, #{off}]")
            row(f"{m} {t}, [{b}, #{4096 * size}]", bad=True)
            row(f"{m} {t}, [{b}, #-257]", bad=True)
            # A load that writes back into its own base register is
            # unpredictable (capstone refuses it); skip those.
            if t[1:] == b[1:] and m.startswith("ld"):
                continue
            for off in (0, 1, -1, 255, -256, size, -size):
                row(f"{m} {t}, [{b}, #{off}]!")
                row(f"{m} {t}, [{b}], #{off}")
            row(f"{m} {t}, [{b}, #256]!", bad=True)
            row(f"{m} {t}, [{b}], #-257", bad=True)
        um = m[:2] + "u" + m[2:]
        for off in (0, 1, -1, 255, -256, 8):
            off_text = f", #{off}" if off else ""
            row(f"{um} {t}, [x2{off_text}]")
        row(f"{um} {t}, [x2, #256]", bad=True)
        shift = size.bit_length() - 1
        for idx in ("x2", "xzr", "x30"):
            row(f"{m} {t}, [x1, {idx}]")
            row(f"{m} {t}, [sp, {idx}, lsl #{shift}]")
            row(f"{m} {t}, [x3, {idx}, sxtx]")
            row(f"{m} {t}, [x3, {idx}, sxtx #{shift}]")
        for idx in ("w2", "wzr"):
            for e in ("uxtw", "sxtw"):
                row(f"{m} {t}, [x4, {idx}, {e}]")
                row(f"{m} {t}, [x4, {idx}, {e} #{shift}]")
        if shift:
            row(f"{m} {t}, [x1, x2, lsl #{shift + 1}]", bad=True)
    for m in ("ldp", "stp"):
        for a, b, scale in (("x0", "x1", 8), ("x29", "x30", 8), ("w2", "w3", 4),
                            ("d8", "d9", 8), ("s0", "s31", 4), ("xzr", "x5", 8)):
            for base in ("sp", "x7"):
                row(f"{m} {a}, {b}, [{base}]")
                for k in (1, -1, 63, -64, 2):
                    off = k * scale
                    row(f"{m} {a}, {b}, [{base}, #{off}]")
                    row(f"{m} {a}, {b}, [{base}, #{off}]!")
                    row(f"{m} {a}, {b}, [{base}], #{off}")
                row(f"{m} {a}, {b}, [{base}, #{64 * scale}]", bad=True)
                row(f"{m} {a}, {b}, [{base}, #{scale + 1}]", bad=True)
    for k in (1, -64, 63):
        row(f"ldpsw x0, x1, [x2, #{4 * k}]")
        row(f"ldpsw x0, x1, [sp, #{4 * k}]!")
        row(f"ldpsw x3, x4, [x5], #{4 * k}")


def register_sweeps():
    """Every register number in every field of a few instructions, with 31
    written as whatever the field makes of it."""
    def gp(n, pre, role):
        if n == 31:
            return {"x": {"sp": "sp", "zr": "xzr"}, "w": {"sp": "wsp", "zr": "wzr"}}[pre][role]
        return f"{pre}{n}"
    for n in range(32):
        for pre in ("x", "w"):
            a = gp((n + 1) % 32 if n != 30 else 0, pre, "zr")
            row(f"sub {gp(n, pre, 'zr')}, {gp(7, pre, 'zr')}, {gp(9, pre, 'zr')}, lsl #2")
            row(f"sub {gp(3, pre, 'zr')}, {gp(n, pre, 'zr')}, {gp(9, pre, 'zr')}, lsl #2")
            row(f"sub {gp(3, pre, 'zr')}, {gp(7, pre, 'zr')}, {gp(n, pre, 'zr')}, lsl #2")
            row(f"add {gp(n, pre, 'sp')}, {gp(5, pre, 'sp')}, #0x11")
            row(f"add {gp(5, pre, 'sp')}, {gp(n, pre, 'sp')}, #0x11")
            row(f"eor {gp(n, pre, 'sp')}, {a}, #0xff")
            row(f"madd {gp(n, pre, 'zr')}, {a}, {gp(2, pre, 'zr')}, {gp((n + 7) % 32, pre, 'zr')}")
            row(f"csinv {gp(n, pre, 'zr')}, {a}, {gp(2, pre, 'zr')}, ge")
        row(f"ldr {gp(n, 'x', 'zr')}, [{gp((n + 3) % 32, 'x', 'sp')}, #16]")
        row(f"str {gp(n, 'w', 'zr')}, [{gp(n, 'x', 'sp')}, {gp((n + 5) % 32, 'x', 'zr')}, lsl #2]")
        row(f"ldp {gp(n, 'x', 'zr')}, {gp((n + 1) % 32, 'x', 'zr')}, [{gp((n + 9) % 32, 'x', 'sp')}, #-32]")
        row(f"fmadd d{n}, d{(n + 1) % 32}, d{(n + 2) % 32}, d{(n + 3) % 32}")
        row(f"fsub s{n}, s{(n + 5) % 32}, s{(n + 11) % 32}")
        row(f"ldr d{n}, [{gp(n, 'x', 'sp')}, #8]")
        row(f"stp s{n}, s{(n + 1) % 32}, [{gp((n + 2) % 32, 'x', 'sp')}, #8]!")
        row(f"fmov {gp(n, 'x', 'zr')}, d{(n + 4) % 32}")
        row(f"scvtf d{n}, {gp((n + 4) % 32, 'w', 'zr')}")
        row(f"cbnz {gp(n, 'x', 'zr')}, 0x40")
        row(f"blr {gp(n, 'x', 'zr')}")
        row(f"mov {gp(n, 'x', 'zr')}, #0x1234")


# ---------------------------------------------------------------- floating point

def fp_imm_values():
    vals = []
    for imm8 in range(256):
        sign = -1.0 if imm8 & 0x80 else 1.0
        b = (imm8 >> 6) & 1
        cd = (imm8 >> 4) & 3
        exp = cd + 1 if b == 0 else cd - 3
        vals.append(sign * (16 + (imm8 & 15)) / 16 * 2.0 ** exp)
    return vals


def floating():
    for p, regs in (("d", ("d0", "d1", "d2", "d31", "d15")), ("s", ("s0", "s1", "s2", "s31", "s15"))):
        tri = [(regs[0], regs[1], regs[2]), (regs[3], regs[4], regs[0]), (regs[2], regs[3], regs[4])]
        for m in ("fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"):
            for a, b, c in tri:
                row(f"{m} {a}, {b}, {c}")
        for m in ("fmov", "fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz",
                  "frinta", "frintx", "frinti"):
            for a, b, _ in tri:
                row(f"{m} {a}, {b}")
        for m in ("fmadd", "fmsub", "fnmadd", "fnmsub"):
            row(f"{m} {regs[0]}, {regs[1]}, {regs[2]}, {regs[3]}")
            row(f"{m} {regs[3]}, {regs[4]}, {regs[0]}, {regs[1]}")
        for m in ("fcmp", "fcmpe"):
            for a, b, _ in tri:
                row(f"{m} {a}, {b}")
            row(f"{m} {regs[0]}, #0.0")
            row(f"{m} {regs[3]}, #0.0")
        for c in CONDS + ["al", "nv"]:
            row(f"fcsel {regs[0]}, {regs[1]}, {regs[2]}, {c}")
        for v in fp_imm_values():
            row(f"fmov {regs[0] if p == 'd' else regs[3]}, #{v!r}")
        row(f"fmov {regs[0]}, #0.1", bad=True)
        row(f"fmov {regs[0]}, #64.0", bad=True)
    for d, s in (("d0", "s1"), ("d31", "s15")):
        row(f"fcvt {d}, {s}")
        row(f"fcvt {s}, {d}")
    for g, f in (("x0", "d1"), ("x30", "d31"), ("xzr", "d5"), ("w2", "s3"), ("w30", "s31")):
        row(f"fmov {f}, {g}")
        row(f"fmov {g}, {f}")
    for g in ("x0", "w1", "x30", "w17"):
        for f in ("d0", "s1", "d31", "s30"):
            for m in ("scvtf", "ucvtf"):
                row(f"{m} {f}, {g}")
            for m in ("fcvtzs", "fcvtzu", "fcvtms", "fcvtps", "fcvtns", "fcvtas", "fcvtmu",
                      "fcvtpu", "fcvtnu", "fcvtau"):
                row(f"{m} {g}, {f}")


# ---------------------------------------------------------------- GNU as

def translate_objdump(line, start):
    """objdump's text for one instruction -> xlj syntax, for a row at
    address `start` re-placed at 0."""
    text = line.split("//")[0].strip()
    parts = text.split(None, 1)
    m = parts[0]
    ops = parts[1].strip() if len(parts) > 1 else ""
    t = re.match(r"^(.*?)([0-9a-f]+) <[^>]*>$", ops)
    if t:
        # adrp counts pages from the instruction's own page.
        base = start & ~0xfff if m == "adrp" else start
        addr = (int(t.group(2), 16) - base) & MASK64
        ops = f"{t.group(1)}{addr:#x}"
    f = re.search(r"#(-?[0-9.]+e[+-][0-9]+)$", ops)
    if f:
        ops = ops[: f.start()] + "#" + repr(float(f.group(1)))
    return f"{m} {ops}" if ops else m


def assemble(rows):
    """Assembles `rows` (lists of GNU lines); returns (per-row list of
    (bytes, objdump text) per instruction) or a set of failing row indexes."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "g.s")
        with open(src, "w") as f:
            lines_of = {}
            n = 1
            for i, gnu in enumerate(rows):
                if any(g.split()[0] == "adrp" for g in gnu if g.split()):
                    f.write(".balign 4096\n")
                    n += 1
                f.write(f"r{i}:\n")
                n += 1
                for g in gnu:
                    lines_of[n] = i
                    f.write(g + "\n")
                    n += 1
                f.write(".balign 4\n")
                n += 1
        p = subprocess.run([AS, "-o", os.path.join(tmp, "g.o"), src],
                           capture_output=True, text=True)
        if p.returncode != 0:
            bad = set()
            for line in p.stderr.splitlines():
                mm = re.match(r".*g\.s:(\d+): Error", line)
                if mm and int(mm.group(1)) in lines_of:
                    bad.add(lines_of[int(mm.group(1))])
            if not bad:
                sys.exit(p.stderr)
            return bad
        subprocess.run([LD, "-Ttext=0", "-e", "0", "-o", os.path.join(tmp, "g.elf"),
                        os.path.join(tmp, "g.o")], check=True)
        out = subprocess.run([OBJDUMP, "-d", os.path.join(tmp, "g.elf")],
                             capture_output=True, text=True, check=True).stdout
        syms = subprocess.run([NM, os.path.join(tmp, "g.elf")],
                              capture_output=True, text=True, check=True).stdout
    # Row boundaries from the symbol table: objdump names an address after
    # only one of the symbols there, which may be a label of the row.
    starts = {}
    for line in syms.splitlines():
        sm = re.match(r"^([0-9a-f]+) \w r(\d+)$", line)
        if sm:
            starts[int(sm.group(2))] = int(sm.group(1), 16)
    order = sorted(starts, key=lambda i: starts[i])
    result = [[] for _ in rows]
    k = 0
    for line in out.splitlines():
        ins = re.match(r"^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$", line)
        if not ins:
            continue
        addr = int(ins.group(1), 16)
        while k + 1 < len(order) and starts[order[k + 1]] <= addr:
            k += 1
        cur = order[k]
        word = int(ins.group(2), 16)
        result[cur].append((word, translate_objdump(ins.group(3), starts[cur])))
    for i, gnu in enumerate(rows):
        # Alignment padding after a row shows up as extra nops; keep the
        # row's own instructions only.
        result[i] = result[i][: sum(1 for g in gnu if not g.endswith(":"))]
    return result


def objdump_words(words):
    """objdump's text (xlj syntax) for each word placed at address 0, or
    "?" for words it calls undefined."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "w.s")
        with open(src, "w") as f:
            for w in words:
                f.write(f".inst {w:#010x}\n")
        subprocess.run([AS, "-o", os.path.join(tmp, "w.o"), src], check=True)
        out = subprocess.run([OBJDUMP, "-d", os.path.join(tmp, "w.o")],
                             capture_output=True, text=True, check=True).stdout
    texts = []
    for line in out.splitlines():
        ins = re.match(r"^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$", line)
        if not ins:
            continue
        addr = int(ins.group(1), 16)
        body = ins.group(3)
        if body.startswith(".inst") or "undefined" in body:
            texts.append("?")
        else:
            texts.append(translate_objdump(body, addr))
    assert len(texts) == len(words), (len(texts), len(words))
    return texts


def mutants(words):
    import random
    rng = random.Random(20261121)
    out = []
    seen = set(words)
    for w in words:
        for flips in (1, 1, 2):
            m = w
            for _ in range(flips):
                m ^= 1 << rng.randrange(32)
            if m not in seen:
                seen.add(m)
                out.append(m)
    return out


def main():
    for gen in (alu, logical, shifts_and_bitfields, muldiv, conditional, movewide, constants,
                branches, label_programs, memory, floating, register_sweeps):
        gen()
    rows = list(ROWS)
    dropped = []
    while True:
        res = assemble([g for _, g, _ in rows])
        if isinstance(res, set):
            dropped += [rows[i] for i in sorted(res)]
            rows = [r for i, r in enumerate(rows) if i not in res]
            continue
        break
    good = []
    seen = set()
    for (text, _, bad), insns in zip(rows, res):
        if bad:
            print(f"warning: GNU as accepts the expected-invalid row {text!r}", file=sys.stderr)
            continue
        if text in seen:
            continue
        seen.add(text)
        hexes = " ".join(
            " ".join(f"{b:02x}" for b in w.to_bytes(4, "little")) for w, _ in insns)
        dis = "; ".join(t for _, t in insns)
        good.append(f"{text} | {hexes}" + ("" if dis == text else f" | {dis}"))
    errors = sorted({text for text, _, bad in dropped if bad})
    unexpected = [text for text, _, bad in dropped if not bad]
    for t in unexpected:
        print(f"note: GNU as rejects {t!r}; row dropped", file=sys.stderr)
    with open(OUT, "w") as f:
        f.write("# ARM64 golden encodings, generated by tools/gen-golden.py from GNU binutils.\n")
        f.write("# text | bytes in memory order [| objdump's text when it differs]\n")
        f.write("\n".join(good) + "\n")
    with open(OUT_ERR, "w") as f:
        f.write("# Statements GNU as rejects, generated by tools/gen-golden.py.\n")
        f.write("\n".join(errors) + "\n")
    words = sorted({w for insns in res for w, _ in insns})
    fuzz = mutants(words)
    texts = objdump_words(fuzz)
    with open(OUT_DIS, "w") as f:
        f.write("# Words near valid encodings and objdump's text for them ('?': none),\n")
        f.write("# generated by tools/gen-golden.py. word (hex) | text at address 0\n")
        for w, t in zip(fuzz, texts):
            f.write(f"{w:08x} | {t}\n")
    print(f"{len(fuzz)} disassembler rows", file=sys.stderr)
    print(f"{len(good)} rows, {len(errors)} error rows, {len(unexpected)} dropped",
          file=sys.stderr)


if __name__ == "__main__":
    main()
