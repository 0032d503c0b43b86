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
find . -name '*.lua' | sed 's|^\./||' | LC_ALL=C sort | while read -r rel; do
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
echo "golden files: $(find "$golden" -type f | wc -l)"
