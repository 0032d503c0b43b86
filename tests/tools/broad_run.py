#!/usr/bin/env python3
"""Runs a broad set of public Lua 5.1 programs under luajit and xlj and
compares them (issue #3).

The programs are not part of this repository. `broad_manifest.json`
records where each one comes from (repository, commit, path inside it);
this script extracts those trees into a cache directory, from a local git
mirror when there is one (`--mirror`, laid out as `<owner>+<name>/repo`)
or else from GitHub's tarball of that exact commit.
`broad_manifest_gen.py` writes the manifest.

Each program runs with stdin from /dev/null, in the cwd the manifest
gives, with the same arguments and LUA_PATH under `luajit -joff` and under
xlj. A program counts as identical when stdout, stderr and the exit code
all match after normalisation: heap addresses (`0x...`) become `0xADDR`,
and the interpreter's own name at the start of an uncaught-error line
(`luajit:` / `xlj:`) becomes `LUA:`. Programs whose luajit output differs
between two runs (times, random seeds, hash order), and those the
manifest marks with a `drop` reason, are dropped and counted as
nondeterministic. Programs that stop at `require "ffi"` under xlj count
as `needs-ffi`.

Usage: broad_run.py CACHE_DIR [--xlj PATH] [--luajit PATH] [--only SUBSTR]
                    [--jobs N] [--timeout S] [--json OUT]
"""

import argparse
import concurrent.futures
import io
import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

ADDR = re.compile(rb"0x[0-9a-fA-F]{4,16}")
PROGNAME = re.compile(rb"^(?:[^\s:]*/)?(?:luajit|xlj): ", re.M)


def extract(source, cache, mirror):
    """Puts the source's tree at its commit under cache/<id>; returns the path."""
    dest = os.path.join(cache, source["id"])
    stamp = os.path.join(dest, ".broad-commit")
    if os.path.exists(stamp) and open(stamp).read().strip() == source["commit"]:
        return dest
    os.makedirs(dest, exist_ok=True)
    gitdir = os.path.join(mirror, source["repo"].replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gitdir, ".git")):
        gitdir = os.path.join(gitdir, ".git")
    if os.path.isdir(gitdir):
        data = subprocess.run(
            ["git", "--git-dir", gitdir, "archive", "--format=tar", source["commit"]]
            # "files" names the only files to take (some repositories hold
            # large files the mirror leaves out); "tree" a folder.
            + source.get("files", [source["tree"]] if "tree" in source else []),
            check=True,
            capture_output=True,
        ).stdout
    else:
        url = "https://codeload.github.com/%s/tar.gz/%s" % (source["repo"], source["commit"])
        with urllib.request.urlopen(url, timeout=120) as resp:
            data = resp.read()
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = tar.getmembers()
        # GitHub tarballs wrap the tree in one top directory; git archive does not.
        tops = {m.name.split("/")[0] for m in members}
        strip = len(tops) == 1 and not os.path.isdir(gitdir)
        # With a "tree", only that folder is kept, as the tree's root.
        keep = source.get("tree", "").strip("/")
        for m in members:
            if strip:
                parts = m.name.split("/", 1)
                if len(parts) < 2:
                    continue
                m.name = parts[1]
            if keep:
                if not m.name.startswith(keep + "/"):
                    continue
                m.name = m.name[len(keep) + 1 :]
            if m.name.startswith("/") or ".." in m.name.split("/"):
                continue
            tar.extract(m, dest)
    with open(stamp, "w") as f:
        f.write(source["commit"] + "\n")
    return dest


def run_one(cmd, cwd, env, timeout):
    """Runs one program; returns (kind, exit code, stdout, stderr)."""
    try:
        p = subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return ("timeout", None, b"", b"")
    kind = "ok"
    if p.returncode < 0 or b"panicked at" in p.stderr:
        kind = "crash"
    return (kind, p.returncode, p.stdout, p.stderr)


def normalise(out):
    out = ADDR.sub(b"0xADDR", out)
    return PROGNAME.sub(b"LUA: ", out)


def program_env(prog):
    env = dict(os.environ)
    env.pop("LUA_INIT", None)
    # Explicit search paths, without the built-in defaults: luajit's
    # depend on where it was installed, which is no behaviour of the VM.
    env["LUA_PATH"] = prog.get("lua_path", "./?.lua")
    env["LUA_CPATH"] = "./?.so"
    return env


def fresh_tree(source, base, scratch):
    """A private copy of the extracted tree, so programs that write files
    (and luajit's and xlj's runs of them) cannot see each other's leftovers."""
    subprocess.run(["rm", "-rf", scratch], check=True)
    os.makedirs(os.path.dirname(scratch), exist_ok=True)
    subprocess.run(["cp", "-a", base, scratch], check=True)
    return scratch


def program_name(source, prog):
    """source:dir/path args, unique within the manifest."""
    path = os.path.normpath(os.path.join(prog.get("cwd", "."), prog["path"]))
    return " ".join(["%s:%s" % (source["id"], path)] + prog.get("args", []))


def compare(source, prog, base, args):
    name = program_name(source, prog)
    if "drop" in prog:
        return name, "nondeterministic", prog["drop"]
    timeout = prog.get("timeout", args.timeout)
    env = program_env(prog)
    argv = [prog["path"]] + prog.get("args", [])
    scratch = os.path.join(args.cache, ".run", re.sub(r"[^A-Za-z0-9_.-]", "_", name))
    results = []
    for exe in (args.luajit, args.luajit, args.xlj):
        tree = fresh_tree(source, base, scratch)
        cwd = os.path.join(tree, prog.get("cwd", "."))
        # xlj is an interpreter without a JIT; luajit is held to its
        # interpreter too so that both take the same paths.
        results.append(run_one([exe, "-joff"] + argv, cwd, env, timeout * (3 if exe == args.xlj else 1)))
    subprocess.run(["rm", "-rf", scratch])
    ref1, ref2, mine = results
    if ref1[0] == "timeout":
        return name, "ref-timeout", ""
    norm = lambda r: (r[1], normalise(r[2]), normalise(r[3]))
    if norm(ref1) != norm(ref2):
        return name, "nondeterministic", ""
    if mine[0] == "timeout":
        return name, "timeout", ""
    if mine[0] == "crash":
        return name, "crash", first_diff(norm(ref1), norm(mine))
    if norm(ref1) == norm(mine):
        return name, "identical", ""
    # xlj has no FFI yet: a program that needs it is its own category.
    if b"module 'ffi' not found" in mine[3]:
        return name, "needs-ffi", ""
    return name, "differs", first_diff(norm(ref1), norm(mine))


def first_diff(ref, mine):
    """A short description of where the outputs part."""
    if ref[0] != mine[0]:
        head = "exit %s vs %s" % (ref[0], mine[0])
    else:
        head = ""
    for label, a, b in (("stdout", ref[1], mine[1]), ("stderr", ref[2], mine[2])):
        if a == b:
            continue
        al = a.decode("utf-8", "replace").splitlines()
        bl = b.decode("utf-8", "replace").splitlines()
        for i in range(max(len(al), len(bl))):
            x = al[i] if i < len(al) else "<eof>"
            y = bl[i] if i < len(bl) else "<eof>"
            if x != y:
                return ("%s %s line %d: luajit %r | xlj %r" % (head, label, i + 1, x[:150], y[:150])).strip()
    return head


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cache")
    ap.add_argument("--xlj", default=os.path.join(ROOT, "target", "release", "xlj"))
    ap.add_argument("--luajit", default="luajit")
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--manifest", default=os.path.join(HERE, "broad_manifest.json"))
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--json")
    args = ap.parse_args()
    args.cache = os.path.abspath(args.cache)
    args.xlj = os.path.abspath(args.xlj)
    manifest = json.load(open(args.manifest))
    jobs = []
    for source in manifest["sources"]:
        base = extract(source, args.cache, args.mirror)
        for prog in source["programs"]:
            name = program_name(source, prog)
            if args.only and not any(s in name for s in args.only):
                continue
            jobs.append((source, prog, base))
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = [pool.submit(compare, s, p, b, args) for s, p, b in jobs]
        for fut in futs:
            name, kind, detail = fut.result()
            results.append({"program": name, "result": kind, "detail": detail})
            print("%-16s %s%s" % (kind, name, ("  " + detail) if detail else ""), flush=True)
    counts = {}
    for r in results:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    kept = len(results) - counts.get("nondeterministic", 0) - counts.get("ref-timeout", 0)
    print()
    print("programs: %d (dropped: %d nondeterministic under luajit, %d too slow under luajit)"
          % (len(results), counts.get("nondeterministic", 0), counts.get("ref-timeout", 0)))
    print("compared: %d" % kept)
    for k in ("identical", "differs", "needs-ffi", "crash", "timeout"):
        print("  %-10s %d" % (k, counts.get(k, 0)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"counts": counts, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(main())
