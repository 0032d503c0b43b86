#!/bin/sh
# Records the expected output of the collector's programs with the
# reference implementation (luajit, interpreter only), for
# runtime/tests/gc_stress.rs: tests/lua/run/gc_*.lua (run by the
# interpreter suite too) and tests/lua/gc/*.lua (programs whose output
# includes what finalizers print when the state closes, which only the
# collector's harness captures). Same rules as gen-run-golden.sh: only
# deterministic output, stdout recorded, stderr must stay empty.
set -eu
root="$(dirname "$0")/../lua"
LUAJIT=${LUAJIT:-luajit}
record() {
  dir=$1
  shift
  (
    cd "$root/$dir"
    for f in "$@"; do
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
  )
}
record run $(cd "$root/run" && ls gc_*.lua)
record gc $(cd "$root/gc" && ls *.lua)
