#!/bin/sh
# Records the expected output of every program in tests/lua/run with the
# reference implementation (luajit, interpreter only), for
# runtime/tests/interp.rs. Programs print only deterministic output and
# catch their own errors; stdout is recorded, stderr must stay empty.
# Each program's bytecode as luajit compiles it is recorded too.
set -eu
cd "$(dirname "$0")/../lua/run"
# Usage: gen-run-golden.sh [program.lua ...]
LUAJIT=${LUAJIT:-luajit}
mkdir -p luajit-bc
# With arguments, only the named programs are recorded (other helpers'
# programs in this directory are theirs to record).
if [ "$#" -gt 0 ]; then set -- $(for a in "$@"; do basename "$a"; done); else set -- *.lua; fi
for f in "$@"; do
  # LuaJIT's own bytecode for the program (with debug info): the
  # interpreter must run it with the same output as our front end's.
  "$LUAJIT" -b -g "$f" "luajit-bc/${f%.lua}.ljbc"
  out="${f%.lua}.expected"
  if ! "$LUAJIT" -joff "$f" > "$out.tmp" 2> "$out.err"; then
    echo "warning: $f exited with an error: $(cat "$out.err")" >&2
  fi
  if [ -s "$out.err" ]; then
    echo "warning: $f wrote to stderr" >&2
  fi
  rm -f "$out.err"
  mv "$out.tmp" "$out"
done
