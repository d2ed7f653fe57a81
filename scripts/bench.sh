#!/usr/bin/env bash
# Benchmarks libargon2rs (through its C ABI, release build) side by side with libsodium's
# crypto_pwhash, Debian's libargon2 (the reference implementation), the reference's opt.c
# built here with -march=native, and argon2-cffi.
#   ./scripts/bench.sh                      hash and verify table over C1, P1-P6, and ns per block
#   ./scripts/bench.sh --mode concurrent    verifications/s and p99 from 1, 2 (and --threads N) threads
#   ./scripts/bench.sh --mode callgrind     instructions per hash (m=4096 and P5, t=1, p=1)
#   ./scripts/bench.sh --mode cold          first call of 10 fresh processes each (--cold-procs N, --cold-sets P3)
#   ./scripts/bench.sh --mode limit         the machine's limits (bench/probe.c): bandwidth, latency, the dependent 1 KiB fetch beside our C1 and P3 (Argon2id, i and d), faults
#   ./scripts/bench.sh --mode flood         32 threads x 5 verifies of 64 MiB under a 64 MiB budget, 500 ms deadline and none
#   ./scripts/bench.sh --mode starve        a 128 MiB hash among 4 threads looping 19 MiB verifies (128 MiB budget)
#   ./scripts/bench.sh --mode all           all seven
#   ./scripts/bench.sh --mode ab --ab-base OLD.so --sets P2,P3   this tree's build against another
#                                           build, both in one process (bench.c's ab), both load orders
#   ./scripts/bench.sh --sets P3 --ops hash --gap-ms 3000   calls 3 s apart (a lightly used server)
# Other options: --sets P1,P3 --ops hash --rounds 5 --seconds 2 --conc-set P2 --conc-set 4096:8:1
# (see bench/run.py).
# Not part of ./scripts/test.sh: it takes minutes and its numbers need a quiet machine.
source "$(dirname "$0")/tools.sh"

ensure debian libsodium-dev have_deb libsodium-dev >&2
ensure debian libargon2-dev have_deb libargon2-dev >&2
ensure debian valgrind command -v valgrind >&2
ensure pypi argon2-cffi py_has argon2 >&2
VENV=$TOOLS_VENV
mkdir -p "$BUILD_DIR/bench"

# The reference's optimised opt.c (AVX2/AVX-512 when -march=native has them), the fastest
# C peer: built here from the argon2-cffi-bindings sdist on PyPI (extras/libargon2/),
# never committed. A shared library under its own name, linked -Bsymbolic and loaded by
# bench.c with RTLD_LOCAL, so its argon2_* symbols and Debian's libargon2 stay apart.
OPT_LIB=$BUILD_DIR/bench/libargon2opt.so
if [ ! -f "$OPT_LIB" ]; then
  REF=$(reference_tree)
  cc -std=c89 -O3 -march=native -pthread -shared -fPIC -fvisibility=hidden -DA2_VISCTL=1 -Wl,-Bsymbolic \
    -I "$REF/include" -I "$REF/src" "$REF"/src/{argon2.c,core.c,encoding.c,thread.c,opt.c,blake2/blake2b.c} \
    -o "$OPT_LIB.tmp"
  mv "$OPT_LIB.tmp" "$OPT_LIB"
fi
export LH_BENCH_OPT_LIB=$OPT_LIB

# Our libargon2.so.1 (compat/libargon2, linked by CMake) and Debian's, for so1 / so1deb.
# Built every run (cargo decides what is stale): a copy left from an earlier tree would
# time that tree's engine under this one's name.
ensure_cmake >&2
# Configured anew only where the build tree lacks the compat library (example.sh's does).
if ! grep -qx 'ARGON2RS_LIBARGON2_COMPAT:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARGON2RS_LIBARGON2_COMPAT=ON >&2
fi
cmake --build "$BUILD_DIR" --target argon2_compat_build --parallel 2 >&2
export LH_BENCH_COMPAT_LIB=$BUILD_DIR/compat/libargon2/libargon2.so.1
LH_BENCH_DEBIAN_SO1=$(dpkg -L libargon2-1 | grep '/libargon2\.so\.1$' | head -1)
export LH_BENCH_DEBIAN_SO1

echo "== cargo build --release" >&2
(cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo" >&2)
LIB_DIR=$BUILD_DIR/cargo/release
# The library's SONAME is libargon2rs.so.0; cargo writes only libargon2rs.so. Debian's
# libargon2 is linked by path: $LIB_DIR also holds our compat libargon2.a, which -largon2
# would pick.
ln -sf libargon2rs.so "$LIB_DIR/libargon2rs.so.0"
export LH_BENCH_RS_LIB=$LIB_DIR/libargon2rs.so  # the ab mode's B
cc -std=c11 -O2 -Wall -Wextra -Werror -I "$ROOT/include" "$ROOT/bench/bench.c" \
  -o "$BUILD_DIR/bench/bench" -L "$LIB_DIR" -Wl,-rpath,"$LIB_DIR" -largon2rs -lsodium "$LH_BENCH_DEBIAN_SO1" -lpthread -ldl
cc -std=c11 -O2 -Wall -Wextra -Werror "$ROOT/bench/probe.c" -o "$BUILD_DIR/bench/probe"

# --engines: also libargon2rs with the rustcrypto-engine feature (tags from RustCrypto's
# argon2 crate), built into its own target dir and linked -Bsymbolic so that, loaded
# RTLD_LOCAL beside the default build, its calls stay inside it.
ARGS=()
ENGINES=0
for arg in "$@"; do
  if [ "$arg" = "--engines" ]; then ENGINES=1; else ARGS+=("$arg"); fi
done
if [ "$ENGINES" = 1 ]; then
  echo "== cargo build --release --features rustcrypto-engine" >&2
  (cd "$ROOT" && RUSTFLAGS="-C link-arg=-Wl,-Bsymbolic" cargo build --release --lib --locked \
    --features rustcrypto-engine --target-dir "$BUILD_DIR/cargo-rustcrypto" >&2)
  export LH_BENCH_RC_LIB=$BUILD_DIR/cargo-rustcrypto/release/libargon2rs.so
  # run.py's default columns (its IMPLS list) plus rc; a later --impls still wins.
  DEFAULT_IMPLS=$("$VENV/bin/python" -c 'import ast, re, sys
print(",".join(ast.literal_eval(re.search(r"^IMPLS = (\[.*\])", open(sys.argv[1]).read(), re.M).group(1)) + ["rc"]))' "$ROOT/bench/run.py")
  ARGS=(--impls "$DEFAULT_IMPLS" "${ARGS[@]}")
fi
set -- "${ARGS[@]}"

exec "$VENV/bin/python" "$ROOT/bench/run.py" --bench "$BUILD_DIR/bench/bench" --probe "$BUILD_DIR/bench/probe" \
  --python "$VENV/bin/python" "$@"
