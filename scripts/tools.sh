# Sourced by the other scripts: makes sure cmake (and, for the tests, valgrind and
# pkg-config) are on PATH, installing them from the package registries when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ARGON2RS_BUILD_DIR:-$ROOT/build}
TOOLS_DIR=$ROOT/.tools

ensure_cmake() {
  if [ -x "$TOOLS_DIR/venv/bin/cmake" ]; then
    export PATH="$TOOLS_DIR/venv/bin:$PATH"
  fi
  if command -v cmake >/dev/null 2>&1; then
    return
  fi
  echo "== cmake not found: installing it from PyPI into $TOOLS_DIR/venv"
  python3 -m venv "$TOOLS_DIR/venv"
  "$TOOLS_DIR/venv/bin/python" -m pip install --quiet --disable-pip-version-check 'cmake>=3.20'
  export PATH="$TOOLS_DIR/venv/bin:$PATH"
}

ensure_valgrind() {
  ensure_debian_package valgrind valgrind
}

# The install test builds examples-c/consumer with pkg-config, as a Makefile would.
ensure_pkg_config() {
  ensure_debian_package pkg-config pkg-config
}

# ensure_debian_package COMMAND PACKAGE: installs PACKAGE unless COMMAND is on PATH.
ensure_debian_package() {
  if command -v "$1" >/dev/null 2>&1; then
    return
  fi
  echo "== $1 not found: installing $2 from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2"
}

configure_and_build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  cmake --build "$BUILD_DIR" --parallel 2
}
