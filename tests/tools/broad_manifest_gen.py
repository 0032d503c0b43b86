#!/usr/bin/env python3
"""Writes `broad_manifest.json`, the program set `broad_run.py` runs.

It lists each source repository's files in a local git mirror (laid out as
`<owner>+<name>/repo`, as the project's fetch tool leaves them), pins the
commit, and says how each program is run: path, cwd, arguments, LUA_PATH.
The choices here (which files are programs, which arguments keep a
benchmark short, which programs are dropped and why) are the set's
definition; rerunning it against newer mirrors picks up newer commits.

Usage: broad_manifest_gen.py [--mirror DIR] [--out FILE]
"""

import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))


class Mirror:
    def __init__(self, root):
        self.root = root

    def gitdir(self, repo):
        d = os.path.join(self.root, repo.replace("/", "+"), "repo")
        return os.path.join(d, ".git") if os.path.isdir(os.path.join(d, ".git")) else d

    def git(self, repo, *args):
        return subprocess.run(
            ["git", "--git-dir", self.gitdir(repo)] + list(args),
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def rev(self, repo, ref):
        return self.git(repo, "rev-parse", ref + "^{commit}").strip()

    def ls(self, repo, commit, prefix=""):
        names = self.git(repo, "ls-tree", "-r", "--name-only", commit).split("\n")
        return [p for p in names if p and p.startswith(prefix)]


# Arguments that keep each benchmark to a few seconds under `luajit -joff`.
LUAJIT_BENCH_ARGS = {
    "array3d": ["20"], "binary-trees": ["10"], "chameneos": ["2000"],
    "coroutine-ring": ["20000"], "euler14-bit": ["20000"], "fannkuch": ["8"],
    "fasta": ["5000"], "life": [], "mandelbrot-bit": ["200"], "mandelbrot": ["200"],
    "md5": ["20"], "meteor": ["100"], "nbody": ["20000"], "nsieve-bit-fp": ["6"],
    "nsieve-bit": ["6"], "nsieve": ["5"], "partialsums": ["20000"],
    "pidigits-nogmp": ["200"], "ray": ["6"], "recursive-ack": ["6"],
    "recursive-fib": ["22"], "scimark-fft": ["200"], "scimark-lu": ["20"],
    "scimark-sor": ["200"], "scimark-sparse": ["2000"], "series": ["200"],
    "spectral-norm": ["100"],
}
PLB_ARGS = {
    "binarytrees": ["10"], "coro-prime-sieve": ["300"], "helloworld": ["xlj"],
    "merkletrees": ["10"], "nbody": ["20000"], "spectral-norm": ["100"],
}
LUA_BENCHMARKS_ARGS = {
    "ack": ["3", "6"], "binary-trees": ["10"], "fannkuch-redux": ["8"], "fasta": ["5000"],
    "fixpoint-fact": ["100"], "heapsort": ["2", "5000"], "mandel": ["64"],
    "n-body": ["20000"], "queen": ["8"], "sieve": ["10", "8192"], "spectral-norm": ["100"],
}
# Programs whose output is not a function of the VM's behaviour, by
# source and path from the source's root.
DROPS = {
    ("lua51-tests", "sort.lua"): "prints its own timings",
    ("algorithms", "Memoization/Lua/Yonaba/memoize_test.lua"): "passes or fails by comparing os.time() durations",
    # Both print in pairs() order over keys whose order changes from one
    # luajit run to the next (seen in two of three runs of the set).
    ("lua51-tests", "attrib.lua"): "pairs() order varies between luajit runs",
    ("penlight", "examples/test-pretty.lua"): "pairs() order varies between luajit runs",
}
SLOW = ("pi_test.lua", "sha2_test.lua", "ray.lua")


def sources(m):
    out = []

    def add(id_, repo, commit, programs, **extra):
        out.append(dict(id=id_, repo=repo, commit=commit, programs=programs, **extra))

    # The official Lua 5.1 test suite (main.lua starts `lua` itself;
    # checktable.lua is a helper).
    r = "lua/tests"
    c = m.rev(r, "v5-1-3")
    progs = [
        {"path": p, "cwd": "."}
        for p in m.ls(r, c)
        if p.endswith(".lua") and p not in ("all.lua", "main.lua", "checktable.lua")
    ]
    progs.append({"path": "all.lua", "cwd": ".", "timeout": 120})
    add("lua51-tests", r, c, progs)

    # LuaJIT's test suite: each file alone, the whole suite through its
    # runner, and the runner without the FFI tests (xlj has no FFI yet).
    r = "LuaJIT/LuaJIT-test-cleanup"
    c = m.rev(r, "HEAD")
    progs = [
        {"path": p[5:], "cwd": "test", "lua_path": "./?.lua"}
        for p in m.ls(r, c, "test/")
        if p.endswith(".lua") and not p.startswith("test/common/") and p != "test/test.lua"
    ]
    progs.append({"path": "test.lua", "cwd": "test", "timeout": 300})
    for sub in ([], ["lang"], ["lib"], ["bc"], ["computations.lua"]):
        progs.append({"path": "test.lua", "cwd": "test", "args": ["-ffi"] + sub, "timeout": 300})
    for name, args in LUAJIT_BENCH_ARGS.items():
        progs.append({"path": name + ".lua", "cwd": "bench", "args": args})
    add("luajit-tests", r, c, progs)

    r = "pkulchenko/serpent"
    add("serpent", r, m.rev(r, "HEAD"), [{"path": "t/test.lua", "cwd": ".", "lua_path": "./src/?.lua"}])
    r = "LuaDist/dkjson"
    add("dkjson", r, m.rev(r, "HEAD"),
        [{"path": "jsontest.lua", "cwd": ".", "lua_path": "./?.lua", "args": ["dkjson-nopeg"]}])
    r = "grafi-tt/lunajson"
    add("lunajson", r, m.rev(r, "HEAD"),
        [{"path": "test/test.lua", "cwd": "test", "lua_path": "./?.lua;../src/?.lua"}])

    # Penlight 1.5.4, the last release whose tests run without busted.
    r = "lunarmodules/Penlight"
    c = m.rev(r, "1.5.4")
    progs = [
        {"path": p[6:], "cwd": "tests", "lua_path": "../lua/?.lua;./lua/?.lua;../lua/?/init.lua"}
        for p in m.ls(r, c, "tests/test-")
        if p.endswith(".lua")
    ]
    progs += [
        {"path": p[9:], "cwd": "examples", "lua_path": "../lua/?.lua;../lua/?/init.lua;./?.lua"}
        for p in m.ls(r, c, "examples/")
        if p.endswith(".lua")
    ]
    add("penlight", r, c, progs)

    # lua-TestMore: its Lua 5.1 language and library tests, and its own.
    r = "ewmailing/lua-TestMore"
    c = m.rev(r, "HEAD")
    progs = [
        {"path": p[11:], "cwd": "test_lua51", "lua_path": "../src/?.lua"}
        for p in m.ls(r, c, "test_lua51/")
        if p.endswith(".t")
    ]
    progs += [
        {"path": p[5:], "cwd": "test", "lua_path": "../src/?.lua"}
        for p in m.ls(r, c, "test/")
        if p.endswith(".t")
    ]
    add("lua-testmore", r, c, progs)

    r = "rxi/json.lua"
    add("rxi-json", r, m.rev(r, "HEAD"), [{"path": "test.lua", "cwd": "test"}])
    r = "luafun/luafun"
    c = m.rev(r, "HEAD")
    add("luafun", r, c, [
        {"path": "runtest", "args": [p[6:]], "cwd": "tests"}
        for p in m.ls(r, c, "tests/")
        if p.endswith(".lua")
    ])
    r = "rxi/lume"
    add("lume", r, m.rev(r, "HEAD"),
        [{"path": "test.lua", "cwd": "test", "lua_path": "./?.lua;../?.lua"}])
    r = "stevedonovan/Microlight"
    add("microlight", r, m.rev(r, "HEAD"), [{"path": "examples/test.lua", "cwd": "."}])
    # Written for Lua 5.3: under Lua 5.1 most stop at a syntax error,
    # which compares the parsers' messages.
    r = "philanc/plc"
    c = m.rev(r, "HEAD")
    add("plc", r, c, [{"path": p, "cwd": "."} for p in m.ls(r, c, "test/") if p.endswith(".lua")])

    r = "hanabi1224/Programming-Language-Benchmarks"
    c = m.rev(r, "HEAD")
    progs = [
        {"path": p[16:], "cwd": ".", "args": PLB_ARGS[p.split("/")[2]]}
        for p in m.ls(r, c, "bench/algorithm/")
        if p.endswith(".lua")
    ]
    add("plb", r, c, progs, tree="bench/algorithm",
        files=["bench/algorithm/" + p["path"] for p in progs])

    r = "kennyledet/Algorithm-Implementations"
    c = m.rev(r, "HEAD")
    progs, dirs = [], set()
    for p in m.ls(r, c):
        if "/Lua/" in p and p.endswith("_test.lua"):
            d, f = p.rsplit("/", 1)
            dirs.add(d)
            progs.append({"path": f, "cwd": d})
    add("algorithms", r, c, progs, files=sorted(dirs))

    r = "gligneul/Lua-Benchmarks"
    add("lua-benchmarks", r, m.rev(r, "HEAD"),
        [{"path": k + ".lua", "cwd": ".", "args": v} for k, v in LUA_BENCHMARKS_ARGS.items()])
    r = "Egor-Skriptunoff/pure_lua_SHA"
    add("pure-lua-sha", r, m.rev(r, "HEAD"), [{"path": "sha2_test.lua", "cwd": "."}])
    r = "stravant/LuaMinify"
    c = m.rev(r, "HEAD")
    add("luaminify", r, c, [
        {"path": p[6:], "cwd": "tests", "lua_path": "../?.lua"}
        for p in m.ls(r, c, "tests/")
        if p.endswith(".lua")
    ])

    for s in out:
        for p in s["programs"]:
            where = os.path.normpath(os.path.join(p["cwd"], p["path"]))
            why = DROPS.get((s["id"], where))
            if why:
                p["drop"] = why
            if p["path"] in SLOW:
                p["timeout"] = 90
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--out", default=os.path.join(HERE, "broad_manifest.json"))
    args = ap.parse_args()
    srcs = sources(Mirror(args.mirror))
    with open(args.out, "w") as f:
        json.dump({"sources": srcs}, f, indent=1)
    print("%d programs from %d repositories" % (sum(len(s["programs"]) for s in srcs), len(srcs)))


if __name__ == "__main__":
    main()
