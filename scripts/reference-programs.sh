#!/usr/bin/env bash
# Proof with the reference's own programs (issue 13), fetched at test time from PyPI's
# argon2-cffi-bindings sdist and never committed:
#   1. src/test.c, unchanged, compiled against our libargon2.so.1: must pass;
#   2. src/run.c (the reference CLI), unchanged, linked against ours and against Debian's
#      libargon2.so.1: the same output, byte for byte, over a matrix of options (only the
#      "N.NNN seconds" timing line is left out);
#   3. the KAT files' tags recomputed with our argon2_ctx (tests/compat/kats.py);
#   4. programs built against Debian's libargon2-dev (run.c, test.c, Debian's argon2 CLI)
#      run unchanged with LD_LIBRARY_PATH at ours: the same results as with Debian's.
# Called by scripts/test.sh; reuses $BUILD_DIR's libargon2.so.1 when the CMake build has it.
source "$(dirname "$0")/tools.sh"
ensure debian libargon2-dev have_deb libargon2-dev
ensure debian argon2 command -v argon2

REF=$(reference_tree)
COMPAT=$BUILD_DIR/compat/libargon2
if [ ! -f "$COMPAT/libargon2.so.1" ]; then
  ensure_cmake
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARGON2RS_LIBARGON2_COMPAT=ON >/dev/null
  cmake --build "$BUILD_DIR" --target argon2_compat_build --parallel 2
fi
DEBIAN_LIB=$(dpkg -L libargon2-1 | grep '/libargon2\.so\.1$' | head -1)
OUT=$BUILD_DIR/reference-programs
rm -rf "$OUT" && mkdir -p "$OUT"
OUR_INC=$ROOT/compat/libargon2/include
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run.c calls clear_internal_memory from the reference's core.c, which no libargon2.so.1
# exports (Debian's neither): this one-function shim, ours, is linked into both builds.
cat >"$OUT/shim.c" <<'EOF'
#include <stddef.h>
void clear_internal_memory(void *v, size_t n);
void clear_internal_memory(void *v, size_t n) {
    volatile unsigned char *p = v;
    while (n--) *p++ = 0;
}
EOF

echo "== 1. the reference's src/test.c against our libargon2.so.1"
cc -std=c89 -O2 -w -I "$OUR_INC" "$REF/src/test.c" -o "$OUT/test_ours" -L "$COMPAT" -Wl,-rpath,"$COMPAT" -largon2
cc -std=c89 -O2 -w "$REF/src/test.c" -o "$OUT/test_debian" "$DEBIAN_LIB"
if "$OUT/test_ours" >"$OUT/test_ours.out" 2>&1; then
  echo "test.c: exit 0, $(grep -c 'PASS' "$OUT/test_ours.out") PASS lines"
else
  fail "test.c against ours exited $?"; tail -5 "$OUT/test_ours.out"
fi

echo "== 2. the reference CLI src/run.c: ours against Debian's, byte for byte"
cc -std=c89 -O2 -w -I "$OUR_INC" -I "$REF/src" "$REF/src/run.c" "$OUT/shim.c" -o "$OUT/run_ours" \
  -L "$COMPAT" -Wl,-rpath,"$COMPAT" -largon2
cc -std=c89 -O2 -w -I /usr/include -I "$REF/src" "$REF/src/run.c" "$OUT/shim.c" -o "$OUT/run_debian" "$DEBIAN_LIB"
# ldd into a string first: with pipefail, grep -q quitting early can SIGPIPE ldd and fail a match.
grep -q "$COMPAT/libargon2.so.1" <<<"$(ldd "$OUT/run_ours")" || fail "run_ours does not load our library"

# run PROGRAM PASSWORD ARGS...: its stdout, stderr and exit status, without the timing line.
run() {
  local program=$1 password=$2
  shift 2
  local status=0
  # The same argv[0] for both: the usage text prints it.
  printf '%s' "$password" | (exec -a argon2 "$program" "$@") >"$OUT/stdout" 2>"$OUT/stderr" || status=$?
  grep -v ' seconds$' "$OUT/stdout"
  cat "$OUT/stderr"
  echo "exit $status"
}

compared=0
compare() { # compare PASSWORD [SALT ARGS...]
  local password=$1
  shift
  local a b
  a=$(run "$OUT/run_ours" "$password" "$@")
  b=$(run "$OUT/run_debian" "$password" "$@")
  compared=$((compared + 1))
  [ "$a" = "$b" ] || { fail "run.c $* differs"; diff <(echo "$a") <(echo "$b") | head -6 || true; }
}
for type in -i -d -id; do
  for version in "" "-v 10" "-v 13"; do
    for costs in "-t 1 -m 4" "-t 2 -k 64 -p 2" "-t 3 -m 5 -p 4 -l 16" "-t 1 -k 32 -l 100"; do
      for mode in "" -e -r; do
        # shellcheck disable=SC2086 # the option words are meant to split
        compare password somesalt $type $version $costs $mode
      done
    done
  done
done
compare "pass word with spaces" "salt with spaces" -id -t 2 -k 16
compare "" emptypassword -i -t 1 -k 8
compare password short -id         # salt too short
compare password somesalt -p 0     # the CLI's own checks and the library's errors
compare password somesalt -t 0
compare password somesalt -m 2
compare password somesalt -l 3
compare password somesalt -v 11
compare password somesalt -k 15 -p 2
compare password
echo "run.c: $compared option sets compared"

echo "== 3. the KAT files' tags with our argon2_ctx"
python3 "$ROOT/tests/compat/kats.py" "$COMPAT/libargon2.so.1" "$REF/kats" || fail "KATs"

echo "== 4. programs built against Debian's libargon2-dev, run with LD_LIBRARY_PATH at ours"
grep -q "$COMPAT/libargon2.so.1" <<<"$(LD_LIBRARY_PATH=$COMPAT ldd "$OUT/run_debian")" \
  || fail "LD_LIBRARY_PATH did not select our libargon2.so.1"
swapped=0
for args in "-id -t 2 -k 64 -p 2" "-i -e -t 1 -m 5" "-d -r -l 48 -t 3 -k 32" "-id -v 10 -t 1 -k 8"; do
  # shellcheck disable=SC2086
  a=$(LD_LIBRARY_PATH=$COMPAT run "$OUT/run_debian" password somesalt $args)
  # shellcheck disable=SC2086
  b=$(run "$OUT/run_debian" password somesalt $args)
  swapped=$((swapped + 1))
  [ "$a" = "$b" ] || fail "run_debian $args differs with our library"
  # shellcheck disable=SC2086
  a=$(LD_LIBRARY_PATH=$COMPAT run "$(command -v argon2)" password somesalt $args)
  # shellcheck disable=SC2086
  b=$(run "$(command -v argon2)" password somesalt $args)
  swapped=$((swapped + 1))
  [ "$a" = "$b" ] || fail "Debian's argon2 CLI $args differs with our library"
done
# test.c built against Debian's header, on ours: it passes, with the output of the build
# against our header (running it on Debian's own library as well would add ~40 s).
if LD_LIBRARY_PATH=$COMPAT "$OUT/test_debian" >"$OUT/test_swapped.out" 2>&1 \
  && cmp -s "$OUT/test_swapped.out" "$OUT/test_ours.out"; then
  swapped=$((swapped + 1))
else
  fail "test.c built against Debian's library differs (or fails) with ours"
fi
echo "unchanged Debian-built programs: $swapped runs equal"

if [ "$failures" -ne 0 ]; then
  echo "reference programs: $failures failed"
  exit 1
fi
echo "reference programs: test.c passed, $compared run.c option sets equal, 6 KATs, $swapped swapped runs equal"
