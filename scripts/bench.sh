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

need_debs=()
for pkg in libsodium-dev libargon2-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_debs+=("$pkg")
done
if ! command -v valgrind >/dev/null 2>&1; then need_debs+=(valgrind); fi
if [ ${#need_debs[@]} -gt 0 ]; then
  echo "== installing ${need_debs[*]} from Debian's packages" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_debs[@]}" >&2
fi

VENV=$TOOLS_DIR/bench-venv
if ! "$VENV/bin/python" -c "import argon2" >/dev/null 2>&1; then
  echo "== installing argon2-cffi from PyPI into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check argon2-cffi >&2
fi

echo "== cargo build --release" >&2
(cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo" >&2)
LIB_DIR=$BUILD_DIR/cargo/release
mkdir -p "$BUILD_DIR/bench"
cc -std=c11 -O2 -Wall -Wextra -Werror -I "$ROOT/include" "$ROOT/bench/bench.c" \
  -o "$BUILD_DIR/bench/bench" -L "$LIB_DIR" -Wl,-rpath,"$LIB_DIR" -largon2rs -lsodium -largon2 -lpthread

exec "$VENV/bin/python" "$ROOT/bench/run.py" --bench "$BUILD_DIR/bench/bench" --python "$VENV/bin/python" "$@"
