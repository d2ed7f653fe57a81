#!/usr/bin/env bash
# The shared library must export only lh_argon2_* symbols and carry its SONAME.
set -euo pipefail
lib=$1
soname=$2
symbols=$(nm -D --defined-only "$lib" | awk '{print $3}')
stray=$(grep -v '^lh_argon2_' <<<"$symbols" || true)
count=$(wc -l <<<"$symbols")
echo "exported symbols: $count"
echo "$symbols" | sed 's/^/  /'
if [ -n "$stray" ]; then
  echo "FAIL: symbols outside lh_argon2_*:"; echo "$stray"; exit 1
fi
actual=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [ "$actual" != "$soname" ]; then
  echo "FAIL: SONAME is '$actual', expected '$soname'"; exit 1
fi
echo "SONAME: $actual"
echo "2 passed, 0 failed"
