#!/usr/bin/env bash
# Runs the interop suite against every peer: Debian's
# libargon2 (+ its argon2 CLI) and libsodium, and argon2-cffi and passlib from PyPI.
# Installs whatever peer is missing; builds the library only if it is not built yet.
source "$(dirname "$0")/tools.sh"
PY=$TOOLS_PY

ensure debian libargon2-dev have_deb libargon2-dev
ensure debian argon2 command -v argon2
ensure debian libsodium-dev have_deb libsodium-dev
ensure pypi argon2-cffi py_has argon2
ensure pypi passlib py_has passlib

ensure_library() {
  if [ ! -f "$BUILD_DIR/cargo/release/libargon2rs.so" ]; then
    (cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo")
  fi
  export ARGON2RS_LIBRARY=$BUILD_DIR/cargo/release/libargon2rs.so
}

ensure_library
export ARGON2RS_BUILD_DIR=$BUILD_DIR
export PYTHONDONTWRITEBYTECODE=1

# The suite imports the binding from the source tree (with the build tree's library); the
# installed wheel is tested by scripts/python.sh.
echo "== interop suite"
"$PY" "$ROOT/tests/interop/run_interop.py"
