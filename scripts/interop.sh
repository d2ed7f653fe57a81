#!/usr/bin/env bash
# Runs the Python binding's tests and the interop suite against every peer: Debian's
# libargon2 (+ its argon2 CLI) and libsodium, and argon2-cffi and passlib from PyPI.
# Installs whatever peer is missing; builds the library only if it is not built yet.
source "$(dirname "$0")/tools.sh"
PY=$TOOLS_PY

ensure debian libargon2-dev have_deb libargon2-dev
ensure debian argon2 command -v argon2
ensure debian libsodium-dev have_deb libsodium-dev
ensure pypi argon2-cffi py_has argon2
ensure pypi passlib py_has passlib
ensure pypi pytest py_has pytest
# setuptools and wheel install the binding offline (--no-build-isolation).
ensure pypi setuptools py_has setuptools
ensure pypi wheel py_has wheel

ensure_library() {
  if [ ! -f "$BUILD_DIR/cargo/release/libargon2rs.so" ]; then
    (cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo")
  fi
  export ARGON2RS_LIBRARY=$BUILD_DIR/cargo/release/libargon2rs.so
}

ensure_library
export ARGON2RS_BUILD_DIR=$BUILD_DIR
export PYTHONDONTWRITEBYTECODE=1

echo "== installing the Python binding (pure Python: no compiler involved)"
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --force-reinstall "$ROOT/bindings/python"

echo "== pytest: the Python binding (run from outside the source tree: tests the installed package)"
(cd "$ROOT" && "$PY" -m pytest -q -p no:cacheprovider bindings/python/tests)

echo "== python -m argon2rs (default parameters)"
"$PY" -m argon2rs -n 10

"$PY" "$ROOT/bindings/python/benchmarks/thread_scaling.py"

echo "== interop suite"
"$PY" "$ROOT/tests/interop/run_interop.py"
