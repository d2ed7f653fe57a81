#!/usr/bin/env bash
# The Rust tests under AddressSanitizer (with LeakSanitizer), on the stable toolchain.
# `-Zsanitizer=address` is an unstable flag: RUSTC_BOOTSTRAP=1 lets the stable compiler
# accept it (its ASan runtime ships with the standard library). The standard library
# itself is not rebuilt (that needs nightly -Zbuild-std), so the library, its
# dependencies and the tests are instrumented, std is not. Called by scripts/test.sh.
#   ARGON2RS_RUST_ASAN=0 skips it.
# Left out: budget_flood (it measures RSS, which ASan's shadow and quarantine inflate),
# vectors (the full sweep is slow instrumented; the C vector test runs under ASan) and
# header (no library code).
source "$(dirname "$0")/tools.sh"
if [ "${ARGON2RS_RUST_ASAN:-1}" = 0 ]; then
  echo "== Rust tests under ASan: skipped (ARGON2RS_RUST_ASAN=0)"
  exit 0
fi
host=$(rustc -vV | sed -n 's/^host: //p')
if ! ls "$(rustc --print sysroot)/lib/rustlib/$host/lib/" | grep -q 'rt\.asan\.a$'; then
  echo "== Rust tests under ASan: skipped (no ASan runtime for $host in this toolchain)"
  exit 0
fi
cd "$ROOT"
# With --target, RUSTFLAGS reach the test crates only, not build scripts or proc macros.
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zsanitizer=address -Cforce-frame-pointers=yes" \
ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
  cargo test --locked --target "$host" --target-dir "$BUILD_DIR/asan" \
  --lib --test abi --test phc_oracle --test untrusted_cost --test wipe --test fuzz_corpus --test caller_buffers
