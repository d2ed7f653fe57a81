#!/usr/bin/env bash
# Runs the interop suite against every peer: Debian's
# libargon2 (+ its argon2 CLI) and libsodium, and argon2-cffi and passlib from PyPI.
# Installs whatever peer is missing; builds the library only if it is not built yet.
source "$(dirname "$0")/tools.sh"
PEER_VENV=$TOOLS_DIR/pyvenv
PY=$PEER_VENV/bin/python

ensure_debian_peers() {
  local packages="libargon2-dev argon2 libsodium-dev"
  # shellcheck disable=SC2086
  if dpkg-query -W -f='${Status}\n' $packages 2>/dev/null | grep -qv 'install ok installed' \
     || [ "$(dpkg-query -W -f='${Status}\n' $packages 2>/dev/null | wc -l)" -ne 3 ]; then
    echo "== installing the C peers from Debian's packages: $packages"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages \
      || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages; }
  fi
}

ensure_python_peers() {
  [ -x "$PY" ] || python3 -m venv "$PEER_VENV"
  if ! "$PY" -c 'import argon2, passlib' 2>/dev/null; then
    echo "== installing argon2-cffi and passlib from PyPI into $PEER_VENV"
    "$PY" -m pip install --quiet --disable-pip-version-check argon2-cffi passlib
  fi
}

ensure_library() {
  if [ ! -f "$BUILD_DIR/cargo/release/libargon2rs.so" ]; then
    (cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo")
  fi
  export ARGON2RS_LIBRARY=$BUILD_DIR/cargo/release/libargon2rs.so
}

ensure_debian_peers
ensure_python_peers
ensure_library
export ARGON2RS_BUILD_DIR=$BUILD_DIR
export PYTHONDONTWRITEBYTECODE=1

# The suite imports the binding from the source tree (with the build tree's library); the
# installed wheel is tested by scripts/python.sh.
echo "== interop suite"
"$PY" "$ROOT/tests/interop/run_interop.py"
