#!/bin/sh
# Regenerates tests/golden/** from the reference LuaJIT binary.
#
# For every tests/lua/**/NAME.lua it records, under tests/golden/ with the
# same relative path:
#   NAME.bl        `luajit -bl NAME.lua`      (the listing xlj must match)
#   NAME.raw       `luajit -b NAME.lua`       (stripped dump)
#   NAME.g.raw     `luajit -b -g NAME.lua`    (dump with debug information)
#   NAME.raw.bl    `luajit -bl NAME.raw`      (listing of the stripped dump)
#   NAME.err       luajit's error message, for files that do not compile
#                  (then none of the above)
# and, for the command-line tests, under tests/golden/cli/:
#   argtables.txt  the global `arg` table for several command lines
#   errors/N.*     arguments, stderr and exit code of failing command lines
#   hello.c/.h     `-b` output as C source and header
#   obj/*.elf      `-b` output as ELF objects for every architecture
#   obj/*.coff     `-b -o windows` output as COFF objects
#   obj/*.macho    `-b -o osx` output as Mach-O objects
#   closures.regdebug  `-b -g` of a stripped dump (no debug info to keep)
#   stdin.bl, e.bl `-bl -` and `-bl -e chunk`
# tests/golden/numfmt.txt: doubles and their text (tools/numfmt.lua),
# and tests/golden/examples/NAME.bl for every examples/NAME.lua.
# Commands run from tests/lua (and tests/golden for NAME.raw.bl) so that
# chunk names are relative and the output does not depend on the checkout.
#
# Usage: tests/tools/regen-golden.sh [LUAJIT]   (default: luajit on PATH)
set -eu
LUAJIT=${1:-luajit}
here=$(cd "$(dirname "$0")/.." && pwd)
lua="$here/lua"
golden="$here/golden"
"$LUAJIT" -v
rm -rf "$golden"
mkdir -p "$golden"
cd "$lua"
# Only programs under version control get golden files, so that work in
# progress elsewhere in the checkout is not recorded half-finished: `git add`
# a new program, then run this script.
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  list_programs() { git ls-files -- '*.lua'; }
else
  list_programs() { find . -name '*.lua' | sed 's|^\./||'; }
fi
list_programs | LC_ALL=C sort | while read -r rel; do
  base=${rel%.lua}
  dir=$(dirname "$rel")
  mkdir -p "$golden/$dir"
  if ! "$LUAJIT" -bl "$rel" > "$golden/$base.bl" 2> "$golden/$base.err"; then
    rm -f "$golden/$base.bl"
    continue
  fi
  rm -f "$golden/$base.err"
  "$LUAJIT" -b "$rel" "$golden/$base.raw"
  "$LUAJIT" -b -g "$rel" "$golden/$base.g.raw"
  (cd "$golden/$dir" && "$LUAJIT" -bl "$(basename "$base").raw" > "$(basename "$base").raw.bl")
done

# The command line. Arguments of one case are separated by \037 (unit
# separator); the printed `arg` table entries likewise.
cli="$golden/cli"
mkdir -p "$cli/errors"
print_arg='local t = {} for i = -9, 9 do if arg[i] ~= nil then t[#t + 1] = i .. "=" .. arg[i] end end io.write("ARG ", table.concat(t, "\031"), "\n")'
printf '%s\n' "$print_arg" > "$cli/argtable.lua"
cd "$cli"
argcase() {
  # $1: stdin file; the rest: arguments after the program name
  input=$1; shift
  out=$("$LUAJIT" "$@" < "$input" 2>/dev/null | grep '^ARG ' | sed 's/^ARG //')
  (IFS=$(printf '\037'); printf '%s\t%s\n' "$*" "$out") >> argtables.txt
}
: > argtables.txt
argcase /dev/null argtable.lua x y
argcase /dev/null -O3 -e "X=1" argtable.lua x
argcase /dev/null -- argtable.lua z
argcase /dev/null -e "$print_arg"
argcase argtable.lua - x
argcase /dev/null -jon -E argtable.lua -e a
argcase /dev/null -e "$print_arg" --
argcase /dev/null -eX=1 -lstring argtable.lua
argcase /dev/null -E -- argtable.lua -- -x
argcase /dev/null -v argtable.lua 1 2 3
argcase argtable.lua -O -
argcase /dev/null -l string -e "$print_arg" -- -
n=0
errcase() {
  n=$((n + 1))
  (IFS=$(printf '\037'); printf '%s' "$*") > "errors/$n.args"
  set +e
  "$LUAJIT" "$@" < /dev/null > /dev/null 2> "errors/$n.stderr"
  echo $? > "errors/$n.rc"
  set -e
}
errcase nonexist.lua
errcase -x
errcase -bl
errcase -b onlyone.lua
errcase -v -bl x
errcase -e
errcase -i-
errcase -bl nonexist.lua
errcase -b -t xyz ../hello.raw out.xyz
errcase -b -n "bad name" ../hello.raw out.c
errcase -b -a vax ../hello.raw out.o
errcase -bl ../../lua/errors/unexpected_symbol.lua
errcase -b -e "x = = 1" out.raw
errcase -b -lx ../hello.raw
errcase -bl -e "x=1" extra1 extra2
errcase -b -g -e "return" -n
errcase -bl ../../lua/hello.lua -x
errcase -b -e "return 1" -e "return 2" out.raw
errcase -b -e "return 1"
errcase -b -e "return 1" nodir/out.raw
errcase -Ofoo -bl ../hello.raw
errcase -Ohotloop -bl ../hello.raw
errcase -Ohotloop=x -bl ../hello.raw
errcase -O+fold,,-dce -bl ../hello.raw
errcase -O1, -bl ../hello.raw
errcase -O+nofold -bl ../hello.raw
errcase -O+fold,-dce,3,nocse,no-sink,hotloop=10,maxmcode= -bl ../hello.raw
errcase -O -O4 -Ofuse -bl ../hello.raw
errcase -jon -O3 -bl ../hello.raw
errcase -jfoo nonexist.lua
errcase -jstatus nonexist.lua
errcase -jon=1,2 nonexist.lua
errcase -jon= nonexist.lua
errcase -j off nonexist.lua
errcase -jflush nonexist.lua
errcase -jattach nonexist.lua
errcase -jattach=x nonexist.lua
errcase -b -a ppc -o osx ../hello.raw out.o
"$LUAJIT" -bl - < ../hello.raw > stdin.bl
"$LUAJIT" -bl -e "local t = { 1, 2 } return #t" > e.bl
"$LUAJIT" -b ../hello.raw hello.c
"$LUAJIT" -b -n mod.x-y ../hello.raw hello.h
"$LUAJIT" -b -t h -n named ../hello.raw hello.out
"$LUAJIT" -b -g ../closures.raw closures.regdebug
mkdir -p obj
for arch in x86 x64 arm arm64 arm64be ppc mips mipsel mips64 mips64el mips64r6 mips64r6el; do
  # Stored as .elf: the repository ignores *.o files.
  "$LUAJIT" -b -a "$arch" -o linux ../hello.raw "obj/hello-$arch.o"
  mv "obj/hello-$arch.o" "obj/hello-$arch.elf"
done
"$LUAJIT" -b -a x64 -o freebsd -n mod ../hello.raw obj/mod-freebsd.obj
mv obj/mod-freebsd.obj obj/mod-freebsd.elf
for arch in x86 x64 arm arm64; do
  "$LUAJIT" -b -a "$arch" -o windows ../hello.raw "obj/pe-$arch.obj"
  mv "obj/pe-$arch.obj" "obj/pe-$arch.coff"
done
for arch in x86 x64 arm arm64; do
  "$LUAJIT" -b -a "$arch" -o osx ../hello.raw "obj/macho-$arch.o"
  mv "obj/macho-$arch.o" "obj/macho-$arch.macho"
done

# Number formatting: doubles as luajit's tostring prints them.
"$LUAJIT" "$here/tools/numfmt.lua" > "$golden/numfmt.txt"

# The examples, listed from the repository root (as the README runs them).
mkdir -p "$golden/examples"
cd "$here/.."
for f in examples/*.lua; do
  "$LUAJIT" -bl "$f" > "$golden/examples/$(basename "${f%.lua}").bl"
done

echo "golden files: $(find "$golden" -type f | wc -l)"
