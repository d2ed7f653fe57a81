#!/usr/bin/env bash
# The rustcrypto-engine build (tags from RustCrypto's argon2 crate instead of our engine):
# the cargo tests again with the feature, then the C API and vector tests through CMake
# with -DARGON2RS_RUSTCRYPTO_ENGINE=ON, in their own build tree. Called by scripts/test.sh.
#   ARGON2RS_RUSTCRYPTO=0 skips it.
# Left out of the cargo run: engine_differential (our engine against the crate: the same
# code with or without the feature) and kept_memory (our engine's mapping; the file is
# compiled out with the feature).
source "$(dirname "$0")/tools.sh"
if [ "${ARGON2RS_RUSTCRYPTO:-1}" = 0 ]; then
  echo "== rustcrypto-engine build: skipped (ARGON2RS_RUSTCRYPTO=0)"
  exit 0
fi
cd "$ROOT"
echo "== rustcrypto-engine: cargo test --features rustcrypto-engine"
cargo test --locked --features rustcrypto-engine --lib --test abi --test budget_flood \
  --test calibrate_abi --test cli --test fuzz_corpus --test peak_rss --test phc_oracle --test untrusted_cost \
  --test vectors --test wipe

build=$BUILD_DIR/rustcrypto
echo "== rustcrypto-engine: the C tests with -DARGON2RS_RUSTCRYPTO_ENGINE=ON ($build)"
cmake -S "$ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARGON2RS_RUSTCRYPTO_ENGINE=ON \
  -DARGON2RS_MEMCHECK=OFF -DARGON2RS_SANITIZERS=OFF -DARGON2RS_REQUIRE_TEST_TOOLS=ON
cmake --build "$build" --parallel 2 --target test_api_shared test_api_static test_vectors_shared \
  test_vectors_static test_bad_input_shared
# The library in that tree must really be the crate's: the CLI built with it says so.
if ! "$build/cargo/release/argon2rs" --help | grep -q 'computed by the rustcrypto-argon2 engine'; then
  echo "== rustcrypto-engine: the CMake option did not select the crate's engine"
  exit 1
fi
ctest --test-dir "$build" --output-on-failure --timeout 900 \
  -R '^(test_api_(shared|static)|test_vectors_(shared|static)|test_bad_input_shared)$'
