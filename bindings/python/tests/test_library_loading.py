"""The binding finds libargon2rs from an environment variable or the build tree, and says what it tried."""

from __future__ import annotations

import os
import subprocess
import sys

import argon2rs
from argon2rs import _library

from conftest import REPO_ROOT


def _import_in_child(env_changes: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ARGON2RS_LIBRARY", "ARGON2RS_BUILD_DIR")}
    env.update(env_changes)
    code = "import argon2rs; print(argon2rs._native.LIB._name)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_the_loaded_library_reports_the_bindings_version():
    assert argon2rs.library_version().split(".")[:2] == argon2rs.__version__.split(".")[:2]


def test_environment_variable_names_the_library_exactly():
    built = os.environ.get("ARGON2RS_LIBRARY") or str(REPO_ROOT / "build" / "cargo" / "release" / "libargon2rs.so")
    child = _import_in_child({"ARGON2RS_LIBRARY": built})
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == built


def test_a_missing_library_fails_with_every_place_it_looked_and_the_variable_to_set():
    child = _import_in_child({"ARGON2RS_LIBRARY": "/nonexistent/libargon2rs.so"})
    assert child.returncode != 0
    assert "LibraryNotFoundError" in child.stderr
    assert "/nonexistent/libargon2rs.so: no such file" in child.stderr
    assert "ARGON2RS_LIBRARY" in child.stderr


def test_build_dir_variable_is_searched():
    build_dir = os.environ.get("ARGON2RS_BUILD_DIR") or str(REPO_ROOT / "build")
    child = _import_in_child({"ARGON2RS_BUILD_DIR": build_dir})
    assert child.returncode == 0, child.stderr
    assert str(build_dir) in " ".join(_candidates_with({"ARGON2RS_BUILD_DIR": build_dir}))


def _candidates_with(env: dict) -> list[str]:
    saved = {k: os.environ.get(k) for k in ("ARGON2RS_LIBRARY", "ARGON2RS_BUILD_DIR")}
    try:
        os.environ.pop("ARGON2RS_LIBRARY", None)
        os.environ.update(env)
        return _library.candidates()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
