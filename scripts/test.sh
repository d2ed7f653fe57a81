#!/usr/bin/env bash
# Runs every test: clippy with warnings as errors; the Rust tests (cargo, including the fuzz corpus replay), most of them
# again under AddressSanitizer (scripts/rust-asan.sh), a bounded fuzzing run
# (scripts/fuzz.sh); the C tests (CTest: plain, ASan+UBSan, TSan, valgrind memcheck, the
# C++ header, and an install to a temporary prefix that examples-c/consumer builds
# against); the rustcrypto-engine build's tests (scripts/rustcrypto.sh); then the Python
# binding's wheel and tests (scripts/python.sh), the interop suite (scripts/interop.sh) and
# the reference C library's own programs against our libargon2.so.1 (scripts/reference-programs.sh).
source "$(dirname "$0")/tools.sh"
ensure_test_tools
echo "== cargo fmt --check (the committed rustfmt.toml)"
(cd "$ROOT" && cargo fmt --check && cd fuzz && cargo fmt --check)
echo "== cargo clippy (also enforces a SAFETY comment on every unsafe block)"
if cargo clippy --version >/dev/null 2>&1; then
  (cd "$ROOT" && cargo clippy --all-targets --workspace --locked -- -D warnings)
else
  echo "cargo clippy is not installed: lint step skipped"
fi
echo "== cargo test"
# --show-output prints the figures some tests measure (rejection time, peak RSS).
(cd "$ROOT" && cargo test --locked -- --show-output)
echo "== Rust tests under AddressSanitizer"
"$ROOT/scripts/rust-asan.sh"
echo "== fuzz"
"$ROOT/scripts/fuzz.sh"
echo "== CTest"
# Every test tool is required here: CI must never pass by skipping.
configure_and_build -DARGON2RS_MEMCHECK=ON -DARGON2RS_REQUIRE_TEST_TOOLS=ON -DARGON2RS_LIBARGON2_COMPAT=ON
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900
"$ROOT/scripts/rustcrypto.sh"
echo "== Python binding: the wheel, installed in a fresh venv, and its tests"
"$ROOT/scripts/python.sh"
echo "== interop with every peer"
"$ROOT/scripts/interop.sh"
echo "== the reference's own programs against our libargon2.so.1"
"$ROOT/scripts/reference-programs.sh"
