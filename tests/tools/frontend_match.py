#!/usr/bin/env python3
"""Measures how many functions xlj's front end compiles exactly as LuaJIT.

For each Lua file given (default: LuaJIT's own jit/*.lua and tests/lua/**),
the listing of `luajit -bl` is compared, function by function, with the
listing xlj prints for the same file. Prints per-file and total match
percentages; with -v, prints the first differing function of each file.

Usage: tests/tools/frontend_match.py [-v] [--cli XLJ] [files...]
With --cli, the listings come from running `XLJ -bl` itself instead of
the front end's test hook.
Needs luajit and cargo; the corpus files are copied to a scratch directory
so that both tools see the same chunk names. XLJ_ROOT names another
checkout to build xlj in.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def functions(listing):
    """Splits a listing into its functions (header line included)."""
    funcs, cur = [], None
    for line in listing.splitlines():
        if line.startswith("-- BYTECODE --"):
            cur = [line]
            funcs.append(cur)
        elif cur is not None and line.strip():
            cur.append(line)
    return ["\n".join(f) for f in funcs]


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    cli = None
    if "--cli" in args:
        i = args.index("--cli")
        cli = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    files = [a for a in args if a != "-v"]
    if not files:
        files = sorted(glob.glob("/usr/share/luajit-2.1*/jit/*.lua"))
        files += sorted(glob.glob(os.path.join(ROOT, "tests/lua/**/*.lua"), recursive=True))
    tmp = tempfile.mkdtemp(prefix="xlj-fe-")
    copies = []
    for i, f in enumerate(files):
        dst = os.path.join(tmp, "f%04d_%s" % (i, os.path.basename(f)))
        shutil.copy(f, dst)
        copies.append((f, dst))
    listfile = os.path.join(tmp, "list.txt")
    with open(listfile, "w") as fh:
        fh.write("\n".join(d for _, d in copies) + "\n")
    env = dict(os.environ, XLJ_FE_LIST=listfile)
    if cli:
        for _, dst in copies:
            r = subprocess.run([cli, "-bl", os.path.basename(dst)], cwd=tmp, capture_output=True)
            with open(dst + ".xlj", "wb") as fh:
                if r.returncode == 0:
                    fh.write(r.stdout)
                else:
                    fh.write(r.stderr.replace(b"xlj: ", b"ERROR: ", 1))
    else:
        subprocess.run(["cargo", "test", "-q", "-p", "xlj-runtime", "--lib", "list_corpus", "--",
                        "--ignored"], cwd=os.environ.get("XLJ_ROOT", ROOT), env=env, check=True,
                       stdout=subprocess.DEVNULL)
    total = same = errs = errs_same = 0
    for orig, dst in copies:
        ref = subprocess.run(["luajit", "-bl", os.path.basename(dst)], cwd=tmp,
                             capture_output=True, text=True, errors="replace")
        with open(dst + ".xlj", encoding="utf-8", errors="replace") as fh:
            mine = fh.read()
        if ref.returncode != 0:
            # Files luajit refuses must be refused with the same message.
            errs += 1
            want = ref.stderr.strip().replace("luajit: ", "ERROR: ", 1)
            if mine.strip() == want:
                errs_same += 1
            else:
                print("%-40s error differs:\n    luajit: %s\n    xlj:    %s"
                      % (os.path.relpath(orig), want, mine.strip()[:200]))
            continue
        rf, mf = functions(ref.stdout), functions(mine)
        n = len(rf)
        ok = sum(1 for i, f in enumerate(rf) if i < len(mf) and mf[i] == f)
        total += n
        same += ok
        print("%-40s %4d/%4d %6.1f%%" % (os.path.relpath(orig), ok, n, 100.0 * ok / max(n, 1)))
        if verbose and ok < n:
            if mine.startswith("ERROR"):
                print("   ", mine.strip())
                continue
            for i, f in enumerate(rf):
                if i >= len(mf) or mf[i] != f:
                    import difflib
                    other = mf[i] if i < len(mf) else ""
                    for d in difflib.unified_diff(f.splitlines(), other.splitlines(),
                                                  "luajit", "xlj", lineterm="", n=2):
                        print("   ", d)
                    break
    print("TOTAL %d/%d functions identical (%.1f%%)" % (same, total, 100.0 * same / max(total, 1)))
    if errs:
        print("ERRORS %d/%d refused files give the same message" % (errs_same, errs))
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
