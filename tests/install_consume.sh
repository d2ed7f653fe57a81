#!/usr/bin/env bash
# Installs the build to a temporary prefix, moves the prefix (so any absolute path
# baked into an installed file breaks the build), then builds and runs
# examples-c/consumer against it with find_package (shared and static) and with
# pkg-config (shared and --static).
#   install_consume.sh CMAKE BUILD_DIR SOURCE_DIR C_COMPILER WORK_DIR
set -euo pipefail
cmake=$1 build=$2 src=$3 cc=$4 work=$5
passed=0
pass() { echo "ok - $*"; passed=$((passed + 1)); }
fail() { echo "FAIL - $*"; exit 1; }
run() { echo "+ $*"; "$@"; }

rm -rf "$work"
mkdir -p "$work"
run "$cmake" --install "$build" --prefix "$work/staging" >/dev/null
mv "$work/staging" "$work/prefix"
prefix=$work/prefix
echo "installed files (prefix moved from $work/staging to $prefix):"
(cd "$prefix" && find . \( -type f -o -type l \) | sort | while read -r f; do
  if [ -L "$f" ]; then echo "  $f -> $(readlink "$f")"; else echo "  $f"; fi
done)

# Layout: the real file carries the full version; the links lead to it.
libdir=$(dirname "$(find "$prefix" -name 'libargon2rs.so.*.*.*' -type f)")
version=$(basename "$(find "$libdir" -name 'libargon2rs.so.*.*.*' -type f)" | sed 's/libargon2rs\.so\.//')
major=${version%%.*}
[ -f "$libdir/libargon2rs.so.$version" ] && [ ! -L "$libdir/libargon2rs.so.$version" ] \
  || fail "libargon2rs.so.$version is a regular file"
[ "$(readlink "$libdir/libargon2rs.so.$major")" = "libargon2rs.so.$version" ] || fail ".so.$major link"
[ "$(readlink "$libdir/libargon2rs.so")" = "libargon2rs.so.$major" ] || fail ".so link"
pass "libargon2rs.so.$version with links libargon2rs.so.$major and libargon2rs.so"
soname=$(readelf -d "$libdir/libargon2rs.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libargon2rs.so.$major" ] || fail "SONAME is '$soname'"
if readelf -d "$libdir/libargon2rs.so.$version" | grep -Eq 'RPATH|RUNPATH'; then fail "installed .so has an RPATH"; fi
pass "SONAME $soname, no RPATH"
for f in "$libdir/libargon2rs.a" "$prefix/include/argon2rs.h" "$prefix/include/argon2rs.hpp" \
         "$libdir/pkgconfig/argon2rs.pc" "$libdir/cmake/argon2rs/argon2rsConfig.cmake" \
         "$libdir/cmake/argon2rs/argon2rsConfigVersion.cmake" "$prefix/bin/argon2rs"; do
  [ -f "$f" ] || fail "missing ${f#"$prefix"/}"
done
pass "static library, headers, CLI, pkg-config file and CMake package installed"
text_files=$(find "$prefix" -type f \( -name '*.pc' -o -name '*.cmake' -o -name '*.h' -o -name '*.hpp' \))
if grep -l -e "$build" -e "$src" -e "$work/staging" $text_files; then
  fail "build-tree or install-time paths inside installed files (above)"
fi
pass "no build-tree or prefix paths inside installed text files"

# The installed CLI runs from the moved prefix.
run "$prefix/bin/argon2rs" --version
encoded=$(printf 'pw' | "$prefix/bin/argon2rs" hash --profile insecure-test-only)
echo "+ argon2rs hash --profile insecure-test-only <<< pw: $encoded"
printf 'pw' | "$prefix/bin/argon2rs" verify "$encoded" >/dev/null || fail "installed argon2rs verify"
pass "installed argon2rs hashes and verifies"

# find_package, from a separate CMake project.
run "$cmake" -S "$src/examples-c/consumer" -B "$work/consumer-build" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release
run "$cmake" --build "$work/consumer-build"
for kind in shared static; do
  exe=$work/consumer-build/consumer_$kind
  run "$exe" || fail "find_package consumer_$kind"
  needed=$(readelf -d "$exe" | grep NEEDED || true)
  if [ "$kind" = shared ]; then
    grep -q "libargon2rs.so.$major" <<<"$needed" || fail "consumer_shared does not need libargon2rs.so.$major"
  else
    if grep -q libargon2rs <<<"$needed"; then fail "consumer_static needs the shared library"; fi
  fi
  pass "find_package(argon2rs): consumer_$kind builds, links the $kind library and runs"
done

# pkg-config, by hand, as a Makefile would.
export PKG_CONFIG_PATH=$libdir/pkgconfig
run pkg-config --modversion argon2rs
[ "$(pkg-config --modversion argon2rs)" = "$version" ] || fail "pkg-config version"
run pkg-config --cflags --libs argon2rs
run pkg-config --static --libs argon2rs
pc_libdir=$(pkg-config --variable=libdir argon2rs)
# shellcheck disable=SC2046
run "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -o "$work/pc_shared" \
  "$src/examples-c/consumer/consumer.c" $(pkg-config --cflags --libs argon2rs)
LD_LIBRARY_PATH=$pc_libdir run "$work/pc_shared" || fail "pkg-config shared consumer"
readelf -d "$work/pc_shared" | grep -q "libargon2rs.so.$major" || fail "pc_shared does not need libargon2rs.so.$major"
pass "pkg-config --cflags --libs argon2rs: builds and runs against the shared library"
# Both libraries sit in one directory, where -largon2rs means the .so; -l:libargon2rs.a
# (GNU ld) picks the archive while keeping pkg-config's private flags.
static_libs=$(pkg-config --static --libs argon2rs | sed 's/-largon2rs\b/-l:libargon2rs.a/')
# shellcheck disable=SC2046,SC2086
run "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -o "$work/pc_static" \
  "$src/examples-c/consumer/consumer.c" $(pkg-config --cflags argon2rs) $static_libs
run "$work/pc_static" || fail "pkg-config static consumer"
if readelf -d "$work/pc_static" | grep NEEDED | grep -q libargon2rs; then fail "pc_static needs the shared library"; fi
pass "pkg-config --static --libs argon2rs: builds and runs with libargon2rs.a linked in"

echo "$passed passed, 0 failed"
