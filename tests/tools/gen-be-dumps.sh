#!/bin/sh
# Writes golden/portable/: big-endian forms of luajit's x64 dumps, made by
# our dump writer (luajit on this machine writes little-endian only). The
# portable_bytecode suite loads them on every target and checks that a
# big-endian host writes the same bytes. Rerun after regen-golden.sh or
# gen-run-golden.sh changed the little-endian dumps.
set -eu
cd "$(dirname "$0")/.."
rm -rf golden/portable
XLJ_WRITE_BE_DUMPS=1 cargo test -q -p xlj-tests --test portable_bytecode
