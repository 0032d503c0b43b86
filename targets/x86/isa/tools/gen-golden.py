#!/usr/bin/env python3
"""Generates the x86/x64 golden files from GNU as.

Builds instruction lists (cartesian products over registers, immediates at
and around every boundary, every addressing mode) in xlj's canonical
syntax, translates each to GNU as Intel syntax, assembles all of them with
`as --32` / `as --64`, and reads every row's bytes back through a label per
row (nm) and the raw section (objcopy -O binary). Rows GNU as rejects are
dropped and reported. The expected bytes therefore come from GNU as alone;
the script only writes the text, in the spelling xlj's disassembler prints
(see the crate doc of xlj-isa-x86):

  tests/golden/x86.txt, x64.txt        text | bytes   (text round-trips)
  tests/golden/x86-alias.txt, x64-alias.txt
                                       text | bytes | canonical text
                                       (alternative spellings and the
                                       load-any-constant macro)
  tests/golden/x86-labels.txt, x64-labels.txt
                                       program | bytes (at address 0)
  tests/golden/x86-errors.txt, x64-errors.txt
                                       statements GNU as rejects

The instruction lists live in golden_rows.py.

Usage: tools/gen-golden.py   (from targets/x86/isa; needs binutils)
"""
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_rows import (ADDR, ERROR_CANDIDATES, GPR, Mode, alias_rows,  # noqa: E402
                         label_programs, random_rows, rows)


def label_to_gas(m, text):
    out = []
    for stmt in text.split(";"):
        t = stmt.strip()
        # A label's address as an immediate is GNU's `OFFSET name`.
        t = re.sub(r"^(push|mov) (.*?)->(\w+)$", r"\1 \2OFFSET \3", t)
        t = re.sub(r"=>(\d+)", r"dyn_\1", t)
        t = re.sub(r"->(\w+)", r"\1", t)
        t = re.sub(r"(?<![\w])>(\d+)", r"\1f", t)
        t = re.sub(r"(?<![\w])<(\d+)", r"\1b", t)
        if m.x64:
            t = re.sub(r"\[(?!rip)(?=[a-z_]+\w*( [-+] \d+)?\]|\d+[fb]\])", "[rip + ", t)
        t = re.sub(r"^nop (\d)$", r".nops \1", t)
        t = t.replace(".dword", ".quad").replace(".word", ".long")
        out.append(to_gas(t))
    return "\n".join(out)


def error_rows(m):
    """Statements GNU as rejects (with an error, not a warning): xlj must
    reject them too."""
    b = GPR[m.ptr][3]
    out = []
    for c in ERROR_CANDIDATES:
        t = c.replace("{b}", b)
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "e.s")
            with open(src, "w") as f:
                f.write(".intel_syntax noprefix\n%s\n" % to_gas(t))
            p = subprocess.run(["as", "--%d" % m.bits, "-o", os.path.join(tmp, "e.o"), src],
                               capture_output=True, text=True)
        if p.returncode != 0 and "Error" in p.stderr:
            out.append(t)
    return out


def to_gas(text):
    text = re.sub(r"\b(byte|word|dword|qword|xmmword) \[", lambda mm: mm.group(1).upper() + " PTR [", text)
    text = re.sub(r"\bshort ", "", text)
    if re.match(r"(nop|lea) ", text):
        text = text.replace("DWORD PTR ", "DWORD PTR ", 1)
    return text


def assemble(m, pairs):
    """Assembles (gas text) list; returns bytes per row, or None for rows
    GNU as rejects."""
    results = [None] * len(pairs)
    live = list(range(len(pairs)))
    with tempfile.TemporaryDirectory() as tmp:
        src, obj, binf = (os.path.join(tmp, n) for n in ("t.s", "t.o", "t.bin"))
        while True:
            lines = [".intel_syntax noprefix", ".text"]
            line_of = {}
            for i in live:
                lines.append("row%d:" % i)
                line_of[len(lines) + 1] = i
                lines.append(pairs[i])
            lines.append("row_end:")
            with open(src, "w") as f:
                f.write("\n".join(lines) + "\n")
            p = subprocess.run(["as", "--%d" % m.bits, "-o", obj, src], capture_output=True, text=True)
            bad = set()
            for l in p.stderr.splitlines():
                mm = re.match(r".*?:(\d+): (Error|Warning)", l)
                if mm and int(mm.group(1)) in line_of:
                    bad.add(line_of[int(mm.group(1))])
            if p.returncode != 0 and not bad:
                sys.exit(p.stderr)
            if bad:
                for i in sorted(bad):
                    print("dropped (GNU as rejects): %s" % pairs[i], file=sys.stderr)
                live = [i for i in live if i not in bad]
                continue
            break
        subprocess.run(["objcopy", "-O", "binary", "-j", ".text", obj, binf], check=True)
        code = open(binf, "rb").read()
        syms = {}
        for l in subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout.splitlines():
            addr, _, name = l.split()
            syms[name] = int(addr, 16)
        order = live + ["end"]
        for k, i in enumerate(live):
            nxt = order[k + 1]
            a, b = syms["row%d" % i], syms["row%s" % ("_end" if nxt == "end" else nxt)]
            results[i] = code[a:b]
    return results


def write(path, header, rows):
    with open(path, "w") as f:
        f.write(header)
        for r in rows:
            f.write(" | ".join(r) + "\n")


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden")
    for bits, name in ((32, "x86"), (64, "x64")):
        m = Mode(bits)
        seen, plain = set(), []
        for t, g in rows(m) + random_rows(m, 6000, bits):
            if t not in seen:
                seen.add(t)
                plain.append((t, g or to_gas(t)))
        got = assemble(m, [g for _, g in plain])
        kept = [(t, " ".join("%02x" % x for x in b)) for (t, _), b in zip(plain, got) if b]
        hdr = ("# Generated by tools/gen-golden.py from GNU as --%d; do not edit.\n"
               "# text | bytes (assembled at 0x%x)\n" % (bits, ADDR))
        write(os.path.join(out, "%s.txt" % name), hdr, kept)
        al = alias_rows(m)
        got = assemble(m, [to_gas(g or t) for t, g, _ in al])
        kept_al = [(t, " ".join("%02x" % x for x in b), c) for (t, _, c), b in zip(al, got) if b]
        write(os.path.join(out, "%s-alias.txt" % name),
              hdr.replace("text | bytes", "text | bytes | canonical text"), kept_al)
        progs = label_programs(m)
        got = [assemble(m, [label_to_gas(m, p)])[0] for p in progs]
        kept_lb = [(p, " ".join("%02x" % x for x in b)) for p, b in zip(progs, got) if b]
        write(os.path.join(out, "%s-labels.txt" % name),
              hdr.replace("(assembled at 0x%x)" % ADDR, "(programs assembled at 0)"), kept_lb)
        errs = error_rows(m)
        with open(os.path.join(out, "%s-errors.txt" % name), "w") as f:
            f.write("# Generated by tools/gen-golden.py: statements GNU as --%d rejects;\n"
                    "# xlj must reject them too.\n" % bits)
            for t in errs:
                f.write(t + "\n")
        print("%s: %d rows, %d alias rows, %d label programs, %d rejected statements"
              % (name, len(kept), len(kept_al), len(kept_lb), len(errs)))


if __name__ == "__main__":
    main()
