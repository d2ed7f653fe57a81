#!/usr/bin/env bash
# Runs every test: the Rust tests (cargo, including the fuzz corpus replay), most of them
# again under AddressSanitizer (scripts/rust-asan.sh), a bounded fuzzing run
# (scripts/fuzz.sh) and the C tests (CTest: plain, ASan+UBSan, TSan, valgrind memcheck).
source "$(dirname "$0")/tools.sh"
ensure_cmake
ensure_valgrind
echo "== cargo test"
# --show-output prints the figures some tests measure (rejection time, peak RSS).
(cd "$ROOT" && cargo test --locked -- --show-output)
echo "== Rust tests under AddressSanitizer"
"$ROOT/scripts/rust-asan.sh"
echo "== fuzz"
"$ROOT/scripts/fuzz.sh"
echo "== CTest"
configure_and_build -DARGON2RS_MEMCHECK=ON
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900
