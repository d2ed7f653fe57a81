#!/usr/bin/env bash
# libargon2.so.1 must export exactly the reference's functions (libargon2.map), the same
# list as Debian's libargon2.so.1 when given, and carry the SONAME libargon2.so.1.
set -euo pipefail
lib=$1
map=$2
reference=${3:-}
passed=0
fail() { echo "FAIL: $*"; exit 1; }
ours=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort)
wanted=$(grep -E '^ +argon2[a-z0-9_]*;' "$map" | tr -d ' ;' | sort)
echo "exported: $(wc -l <<<"$ours") symbols"
[ "$ours" = "$wanted" ] || fail "exports differ from $map: $(diff <(echo "$wanted") <(echo "$ours") | grep '^[<>]' | tr '\n' ' ')"
passed=$((passed + 1))
if [ -n "$reference" ]; then
  theirs=$(nm -D --defined-only "$reference" | awk '$2 == "T" {print $3}' | sort)
  [ "$ours" = "$theirs" ] || fail "exports differ from $reference's: $(diff <(echo "$theirs") <(echo "$ours") | grep '^[<>]' | tr '\n' ' ')"
  passed=$((passed + 1))
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libargon2.so.1" ] || fail "SONAME is '$soname'"
passed=$((passed + 1))
echo "$passed passed, 0 failed"
