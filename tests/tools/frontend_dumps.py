#!/usr/bin/env python3
"""Compares xlj's prototypes with LuaJIT's beyond what the listing shows.

For each Lua file, `luajit -b -g` writes a dump with debug information;
xlj's test `compare_corpus_dumps` reads it back and compares it field by
field with what xlj's front end produces for the same source: code, line
numbers, constants (template tables as sets of entries), upvalue flags and
names, variable live ranges, flags and frame sizes.

Usage: tests/tools/frontend_dumps.py files...
(XLJ_ROOT names another checkout to build xlj in.)
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    tmp = tempfile.mkdtemp(prefix="xlj-fed-")
    copies = []
    for i, f in enumerate(sys.argv[1:]):
        dst = os.path.join(tmp, "f%04d_%s" % (i, os.path.basename(f)))
        shutil.copy(f, dst)
        r = subprocess.run(["luajit", "-b", "-g", os.path.basename(dst), dst + ".gdump"], cwd=tmp,
                           capture_output=True)
        if r.returncode == 0:
            copies.append((f, dst))
    listfile = os.path.join(tmp, "list.txt")
    with open(listfile, "w") as fh:
        fh.write("\n".join(d for _, d in copies) + "\n")
    env = dict(os.environ, XLJ_FE_DUMPS=listfile)
    out = subprocess.run(["cargo", "test", "-q", "-p", "xlj-runtime", "--lib",
                          "compare_corpus_dumps", "--", "--ignored", "--nocapture"],
                         cwd=os.environ.get("XLJ_ROOT", ROOT), env=env, check=True, capture_output=True, text=True).stdout
    names = {d: f for f, d in copies}
    same = total = 0
    for line in out.splitlines():
        path, _, rest = line.partition(": ")
        if path not in names:
            continue
        total += 1
        if rest == "SAME":
            same += 1
        else:
            print(os.path.relpath(names[path]), rest)
    print("TOTAL %d/%d files with identical prototypes" % (same, total))
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
