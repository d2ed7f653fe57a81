# Sourced by the other scripts: paths, and `ensure`, the one way a script gets a tool it
# needs (cmake, valgrind, pkg-config, the interop and benchmark peers) on a machine that
# lacks it: from Debian's packages, or from PyPI into the one tools venv, .tools/venv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ARGON2RS_BUILD_DIR:-$ROOT/build}
TOOLS_DIR=$ROOT/.tools
TOOLS_VENV=$TOOLS_DIR/venv
TOOLS_PY=$TOOLS_VENV/bin/python
# Tools installed from PyPI (cmake) run from the venv's bin/.
if [ -d "$TOOLS_VENV/bin" ]; then
  export PATH="$TOOLS_VENV/bin:$PATH"
fi

# ensure FROM PACKAGE CHECK...: makes sure a tool is there. CHECK is a command that
# succeeds when it is (`command -v valgrind`, `have_deb libsodium-dev`, `py_has argon2`);
# otherwise PACKAGE is installed FROM `debian` (apt-get, as root or with sudo) or `pypi`
# (pip, into $TOOLS_VENV), and CHECK must succeed afterwards.
ensure() {
  local from=$1 package=$2
  shift 2
  if "$@" >/dev/null 2>&1; then
    return 0
  fi
  echo "== $package is missing: installing it from $from"
  case $from in
    debian)
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      # Without an update first when the package lists are current; with one otherwise.
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" \
        || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package"; }
      ;;
    pypi)
      if [ ! -x "$TOOLS_PY" ]; then
        python3 -m venv "$TOOLS_VENV"
        export PATH="$TOOLS_VENV/bin:$PATH"
      fi
      "$TOOLS_PY" -I -m pip install --quiet --disable-pip-version-check "$package"
      ;;
    *)
      echo "ensure: unknown source '$from'" >&2
      return 2
      ;;
  esac
  if ! "$@" >/dev/null 2>&1; then
    echo "== $package was installed from $from but '$*' still fails" >&2
    return 1
  fi
}

# have_deb PACKAGE: the Debian package is installed.
have_deb() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# py_has MODULE: the tools venv can import MODULE. -I keeps the current directory off
# sys.path: from the repository root, the CMake tree `build/` would otherwise import as a
# namespace package named `build` and hide that PyPI's `build` is missing.
py_has() {
  [ -x "$TOOLS_PY" ] && "$TOOLS_PY" -I -c "import $1"
}

ensure_cmake() {
  ensure pypi 'cmake>=3.20' command -v cmake
}

ensure_test_tools() {
  ensure_cmake
  ensure debian valgrind command -v valgrind
  # The install test builds examples-c/consumer with pkg-config, as a Makefile would.
  ensure debian pkg-config command -v pkg-config
  # Debian's reference libargon2 is an oracle in cargo test (tests/large_inputs_reference.rs)
  # and CTest (the libargon2 compatibility tests); its header is compared with ours.
  ensure debian libargon2-dev have_deb libargon2-dev
}

# reference_tree: prints the path of the reference C library's tree (extras/libargon2:
# src/, include/, kats/), unpacked once under $BUILD_DIR/reference from the
# argon2-cffi-bindings sdist on PyPI: test- and benchmark-time only, never committed.
reference_tree() {
  local dir=$BUILD_DIR/reference
  if ! ls "$dir"/argon2_cffi_bindings-*/extras/libargon2/src/run.c >/dev/null 2>&1; then
    ensure_cmake >&2 # pip reads the sdist's metadata through scikit-build-core, which wants CMake
    ensure pypi scikit-build-core py_has scikit_build_core >&2
    ensure pypi setuptools-scm py_has setuptools_scm >&2
    rm -rf "$dir" && mkdir -p "$dir"
    echo "== downloading the argon2-cffi-bindings sdist from PyPI (the reference tree)" >&2
    "$TOOLS_PY" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
      --no-build-isolation -d "$dir" argon2-cffi-bindings >&2
    tar -xzf "$dir"/argon2_cffi_bindings-*.tar.gz -C "$dir"
  fi
  echo "$dir"/argon2_cffi_bindings-*/extras/libargon2
}

# configure_and_build [CMAKE ARGS...]: RelWithDebInfo is cargo's release profile as
# Cargo.toml sets it (optimised, with line tables for backtraces and the benchmark).
configure_and_build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  cmake --build "$BUILD_DIR" --parallel 2
}
