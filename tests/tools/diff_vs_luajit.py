#!/usr/bin/env python3
"""Checks the differential-test program generator against the reference.

Runs generated programs (tests/src/gen, through the `xlj-gen` binary)
under `luajit -joff` and under `xlj --interp=ref`, and reports how many
agree. Every difference is either an xlj bug or output that depends on
the engine, which the generator must not print; the first differing line
of each program is shown with the source line that printed it.

With --record, writes the luajit outputs of seeds 1..COUNT to the golden
file that `tests/tests/differential.rs` compares xlj against (so the
test runs without luajit, also under qemu).

Usage:
  tests/tools/diff_vs_luajit.py [--count M] [--seed S] [--interp ref,asm] [--xlj PATH] [--gen PATH] [-v]
  tests/tools/diff_vs_luajit.py --record [--count G]

Build first: cargo build --release --bin xlj -p xlj -p xlj-tests
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(ROOT, "tests", "differential", "luajit.txt")
TIMEOUT = 20


def fnv1a(data):
    """FNV-1a 64 of the program text: the golden file names the exact
    program each output belongs to, so a changed generator is noticed."""
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def run(cmd, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("LUA_INIT", "XLJ_INTERP")}
    # A binary being rebuilt by cargo is missing for a moment.
    for attempt in range(50):
        try:
            p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=TIMEOUT, env=env)
            return p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired:
            return b"", b"timeout", -1
        except (FileNotFoundError, PermissionError, OSError):
            if attempt == 49:
                raise
            time.sleep(0.2)


def luajit_output(name, cwd):
    out, err, rc = run(["luajit", "-joff", name], cwd)
    # luajit names itself in messages; xlj names itself.
    return out, err.replace(b"luajit:", b"xlj:"), rc


def first_difference(a, b):
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else None
        y = lb[i] if i < len(lb) else None
        if x != y:
            return i, x, y
    return None


def source_line(src, line):
    """The program line that printed an output line, found by its tag."""
    if not line:
        return b""
    tag = line.split(b"\t")[0].rstrip(b"+!")
    for l in src.split(b"\n"):
        if b'"' + tag + b'"' in l:
            return l.strip()
    return b"(tag " + tag + b" not found)"


def generate(gen, seed, count, d):
    subprocess.run([gen, str(seed), str(count), d], check=True)


def compare(args):
    with tempfile.TemporaryDirectory() as d:
        generate(args.gen, args.seed, args.count, d)

        def one(seed):
            name = "%d.lua" % seed
            want = luajit_output(name, d)
            for interp in args.interp.split(","):
                got = run([args.xlj, "--interp=" + interp, name], d)
                if got != want:
                    return seed, interp, want, got
            return seed, None, want, want

        agree, differ = 0, []
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for seed, interp, want, got in pool.map(one, range(args.seed, args.seed + args.count)):
                if interp is None:
                    agree += 1
                    continue
                differ.append(seed)
                src = open(os.path.join(d, "%d.lua" % seed), "rb").read()
                print("seed %d differs on --interp=%s (exit %d vs %d)" % (seed, interp, want[2], got[2]))
                for what, x, y in (("stdout", want[0], got[0]), ("stderr", want[1], got[1])):
                    diff = first_difference(x, y)
                    if diff:
                        i, lx, ly = diff
                        print("  %s line %d\n    luajit: %r\n    xlj:    %r\n    source: %s" % (
                            what, i + 1, lx, ly, source_line(src, lx or ly).decode("latin-1")[:300]))
                        if not args.verbose:
                            break
        print("%d programs on --interp=%s: %d agree, %d differ%s" % (
            args.count, args.interp, agree, len(differ), (": seeds " + " ".join(map(str, differ[:50]))) if differ else ""))
        return 0 if not differ else 1


def record(args):
    with tempfile.TemporaryDirectory() as d:
        generate(args.gen, 1, args.count, d)
        os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
        with open(GOLDEN, "wb") as f:
            for seed in range(1, args.count + 1):
                name = "%d.lua" % seed
                src = open(os.path.join(d, name), "rb").read()
                out, err, rc = luajit_output(name, d)
                if err or rc != 0:
                    sys.exit("luajit failed on seed %d: %r" % (seed, err))
                f.write(b"=== seed %d program %016x bytes %d\n" % (seed, fnv1a(src), len(out)))
                f.write(out)
        print("recorded %d luajit runs into %s" % (args.count, os.path.relpath(GOLDEN, ROOT)))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--interp", default="ref",
                    help="xlj engines to check, comma-separated (ref,asm)")
    ap.add_argument("--xlj", default=os.path.join(ROOT, "target", "release", "xlj"))
    ap.add_argument("--gen", default=os.path.join(ROOT, "target", "release", "xlj-gen"))
    ap.add_argument("-v", "--verbose", action="store_true", help="show stderr differences too")
    args = ap.parse_args()
    if args.count is None:
        args.count = 40 if args.record else 1000
    for tool in (args.xlj, args.gen):
        if not os.access(tool, os.X_OK):
            sys.exit("%s not found; build with: cargo build --release -p xlj -p xlj-tests" % tool)
    return record(args) if args.record else compare(args)


if __name__ == "__main__":
    sys.exit(main())
