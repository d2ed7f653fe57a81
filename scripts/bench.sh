#!/usr/bin/env bash
# Benchmarks libargon2rs (through its C ABI, release build) side by side with libsodium's
# crypto_pwhash, Debian's libargon2 (the reference implementation) and argon2-cffi.
#   ./scripts/bench.sh                      hash and verify table over P1-P6
#   ./scripts/bench.sh --mode concurrent    verifications/s and p99 from 1, 2 (and --threads N) threads
#   ./scripts/bench.sh --mode callgrind     instructions per hash (m=4096, t=1, p=1)
#   ./scripts/bench.sh --mode all           all three
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

echo "== cargo build --release" >&2
(cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo" >&2)
LIB_DIR=$BUILD_DIR/cargo/release
mkdir -p "$BUILD_DIR/bench"
cc -std=c11 -O2 -Wall -Wextra -Werror -I "$ROOT/include" "$ROOT/bench/bench.c" \
  -o "$BUILD_DIR/bench/bench" -L "$LIB_DIR" -Wl,-rpath,"$LIB_DIR" -largon2rs -lsodium -largon2 -lpthread

exec "$VENV/bin/python" "$ROOT/bench/run.py" --bench "$BUILD_DIR/bench/bench" --python "$VENV/bin/python" "$@"
