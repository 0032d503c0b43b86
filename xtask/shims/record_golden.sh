#!/bin/sh
# Records the golden files the QEMU preload shims are checked against,
# from references independent of the shims:
#
#   libm_check.golden  libm_check.c built and run natively on x64 (glibc
#                      2.36, the version of Debian 12's ppc cross sysroot)
#   forms.golden       forms.S run by qemu-ppc64 -cpu power9 (see below)
#
# Run on an x86_64 Debian 12 host with gcc, binutils-powerpc-linux-gnu and
# qemu-user; commit the results.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ "$(uname -m)" = x86_64 ] || { echo "record on an x86_64 host" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Same flags as xtask's shim::check uses for the target build.
gcc -O2 -std=c99 -ffp-contract=off -frounding-math -fno-builtin \
    -o "$tmp/libm_check" "$here/libm_check.c" -lm
"$tmp/libm_check" > "$here/libm_check.golden"
echo "libm_check.golden: $(wc -l < "$here/libm_check.golden") lines, $(ldd --version | head -1)"

# forms.golden: forms.S as a freestanding 64-bit program under qemu-ppc64
# -cpu power9, which implements the ISA 3.0 forms the shim emulates. Each
# line is one case, 16 bytes in hex: FRT, then the FPSCR (low word only).
command -v qemu-ppc64 >/dev/null || { echo "needs qemu-ppc64 (qemu-user)" >&2; exit 1; }
powerpc-linux-gnu-as -a64 -mpower9 --defsym FORMS64=1 -o "$tmp/forms64.o" "$here/forms.S"
powerpc-linux-gnu-ld -m elf64ppc -o "$tmp/forms64" "$tmp/forms64.o"
qemu-ppc64 -cpu power9 "$tmp/forms64" > "$tmp/forms64.bin"
od -An -tx1 -v -w16 "$tmp/forms64.bin" | tr -d ' ' > "$here/forms.golden"
echo "forms.golden: $(wc -l < "$here/forms.golden") cases, $(qemu-ppc64 --version | head -1)"
