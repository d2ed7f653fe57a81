#!/usr/bin/env bash
# A bounded libFuzzer run of every fuzz target (fuzz/fuzz_targets/), on the stable
# toolchain: libFuzzer comes from the libfuzzer-sys crate (built with the C++ compiler)
# and coverage from rustc's SanitizerCoverage pass. Called by scripts/test.sh.
#   ARGON2RS_FUZZ_SECONDS  seconds per target (default 30; 0 skips live fuzzing)
# New inputs go to $BUILD_DIR/fuzz-corpus (the committed corpus is only read); a crash
# or failed property stops the run with a non-zero status and leaves its input in
# $BUILD_DIR/fuzz-artifacts/. Every committed corpus file is also replayed by
# `cargo test` (tests/fuzz_corpus.rs), fuzzer or not.
source "$(dirname "$0")/tools.sh"
SECONDS_PER_TARGET=${ARGON2RS_FUZZ_SECONDS:-30}
TARGETS=(verify needs_rehash decode hash hash_raw)

if [ "$SECONDS_PER_TARGET" = 0 ]; then
  echo "== fuzz: skipped (ARGON2RS_FUZZ_SECONDS=0)"
  exit 0
fi
if ! command -v c++ >/dev/null 2>&1; then
  echo "== fuzz: skipped (no C++ compiler to build libFuzzer); the corpus replay ran in cargo test"
  exit 0
fi

host=$(rustc -vV | sed -n 's/^host: //p')
# The flags cargo-fuzz uses, without its (nightly-only) sanitizer. With --target they
# apply to the fuzz binaries only, not to build scripts.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
echo "== fuzz: building ${#TARGETS[@]} targets with coverage instrumentation"
cargo build --release --locked --target "$host" --manifest-path "$ROOT/fuzz/Cargo.toml" \
  --target-dir "$BUILD_DIR/fuzz"

summary=()
for target in "${TARGETS[@]}"; do
  work="$BUILD_DIR/fuzz-corpus/$target"
  artifacts="$BUILD_DIR/fuzz-artifacts"
  log="$BUILD_DIR/fuzz-$target.log"
  mkdir -p "$work" "$artifacts"
  echo "== fuzz: $target for ${SECONDS_PER_TARGET}s"
  if ! "$BUILD_DIR/fuzz/$host/release/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
      -rss_limit_mb=1024 -max_len=4200 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
      "$work" "$ROOT/fuzz/corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "== fuzz: $target FAILED; the input is in $artifacts/"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  summary+=("$(printf '%-13s %10s executions  %5s edges covered  %6s features  %5s corpus inputs' \
    "$target" "$runs" "${cov:-?}" "${ft:-?}" "${corpus:-?}")")
done
echo "== fuzz: summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
