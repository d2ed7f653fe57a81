#!/usr/bin/env bash
# cmake --install (with -DARGON2RS_LIBARGON2_COMPAT=ON) puts libargon2.so.1 (a regular
# file, SONAME libargon2.so.1), the libargon2.so link, libargon2.a, argon2.h and
# libargon2.pc in the prefix; a program built with `pkg-config libargon2` links and runs.
set -euo pipefail
cmake=$1 build=$2 cc=$3 source=$4 work=$5
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name libargon2.so.1)")
passed=0
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$libdir/libargon2.so.1" ] && [ ! -L "$libdir/libargon2.so.1" ] || fail "libargon2.so.1 is not a regular file"
[ "$(readlink "$libdir/libargon2.so")" = libargon2.so.1 ] || fail "libargon2.so link"
[ -f "$libdir/libargon2.a" ] && [ -f "$prefix/include/argon2.h" ] || fail "libargon2.a or argon2.h missing"
passed=$((passed + 1))
export PKG_CONFIG_PATH=$libdir/pkgconfig
# shellcheck disable=SC2046 # pkg-config's flags are meant to split
"$cc" -std=c11 -Wall -Wextra -Werror "$source" -o "$work/consumer" $(pkg-config --cflags --libs libargon2)
readelf -d "$work/consumer" | grep -q 'NEEDED.*libargon2.so.1' || fail "consumer does not need libargon2.so.1"
LD_LIBRARY_PATH=$libdir "$work/consumer" >/dev/null || fail "consumer failed"
grep -q "$libdir/libargon2.so.1" <<<"$(LD_LIBRARY_PATH=$libdir ldd "$work/consumer")" || fail "consumer did not load ours"
passed=$((passed + 1))
echo "$passed passed, 0 failed"
