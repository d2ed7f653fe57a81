"""The binding loads the library bundled in its wheel, or the one ARGON2RS_LIBRARY names, or the
system's, and says everything it tried when it finds none."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import argon2rs
from argon2rs import _library

from conftest import REPO_ROOT

PACKAGE_DIR = Path(argon2rs.__file__).resolve().parent
INSTALLED = os.environ.get("ARGON2RS_TEST_INSTALLED") == "1"
# A library built outside the package (the build tree), for the variable and system cases.
BUILT = os.environ.get("ARGON2RS_TEST_BUILT_LIBRARY") or str(REPO_ROOT / "build" / "cargo" / "release" / "libargon2rs.so")
_OUR_VARIABLES = ("ARGON2RS_LIBRARY", "ARGON2RS_BUILD_DIR", "LD_LIBRARY_PATH")


def _import_in_child(env_changes: dict, cwd: str = "/") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in _OUR_VARIABLES}
    env.update(env_changes)
    code = "import argon2rs; print(argon2rs._native.LIB._name); print(argon2rs.PasswordHasher(1, 8, 1).hash('pw'))"
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_the_loaded_library_reports_the_bindings_version():
    assert argon2rs.library_version().split(".")[:2] == argon2rs.__version__.split(".")[:2]


@pytest.mark.skipif(not INSTALLED, reason="checks an installed wheel (scripts/python.sh)")
def test_installed_wheel_imports_from_any_directory_with_its_own_library():
    assert "site-packages" in PACKAGE_DIR.parts, f"tests import the source tree, not the install: {PACKAGE_DIR}"
    bundled = PACKAGE_DIR / "libargon2rs.so"
    assert bundled.is_file()
    # (Not bindings/python itself: there, as for any package, `python -c` imports the source.)
    for cwd in ("/", "/tmp", str(REPO_ROOT)):
        child = _import_in_child({}, cwd=cwd)
        assert child.returncode == 0, child.stderr
        assert child.stdout.splitlines()[0] == str(bundled), cwd
        assert child.stdout.splitlines()[1].startswith("$argon2id$v=19$m=8,t=1,p=1$")


@pytest.mark.skipif(not INSTALLED, reason="checks an installed wheel (scripts/python.sh)")
def test_bundled_library_is_stripped_and_exports_only_the_c_api():
    sections = _elf_section_names((PACKAGE_DIR / "libargon2rs.so").read_bytes())
    assert ".dynsym" in sections and ".text" in sections
    assert ".symtab" not in sections and not any(name.startswith(".debug") for name in sections), sections
    nm = shutil.which("nm")
    if nm:
        out = subprocess.run([nm, "-D", "--defined-only", str(PACKAGE_DIR / "libargon2rs.so")],
                             capture_output=True, text=True, check=True).stdout
        exported = {line.split()[-1] for line in out.splitlines() if line.split()[1:2] == ["T"]}
        assert exported and all(name.startswith("lh_argon2_") for name in exported), sorted(exported)


def _elf_section_names(elf: bytes) -> set[str]:
    # ELF64 little-endian: the section header table and its string table.
    assert elf[:4] == b"\x7fELF" and elf[4] == 2 and elf[5] == 1
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    def header(i):
        name, _type, _flags, _addr, offset, size = struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize)
        return name, offset, size
    _, str_offset, str_size = header(shstrndx)
    strings = elf[str_offset:str_offset + str_size]
    return {strings[n:strings.index(b"\0", n)].decode() for n, _, _ in map(header, range(shnum))}


@pytest.mark.skipif(not os.path.exists(BUILT), reason="no library in the build tree")
def test_environment_variable_names_the_library_exactly_and_wins_over_the_bundled_one():
    child = _import_in_child({"ARGON2RS_LIBRARY": BUILT})
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines()[0] == BUILT


def test_a_missing_library_fails_with_every_place_it_looked_and_the_variable_to_set():
    child = _import_in_child({"ARGON2RS_LIBRARY": "/nonexistent/libargon2rs.so"})
    assert child.returncode != 0
    assert "LibraryNotFoundError" in child.stderr
    assert "/nonexistent/libargon2rs.so: no such file" in child.stderr
    assert "ARGON2RS_LIBRARY" in child.stderr


@pytest.mark.skipif(not os.path.exists(BUILT), reason="no library in the build tree")
def test_without_a_bundled_library_the_system_loader_finds_an_installed_one(tmp_path):
    # A copy of the package without its library, as a distribution's pure package would
    # be, and the library under its SONAME in a directory the system loader searches.
    package = tmp_path / "site" / "argon2rs"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    libdir = tmp_path / "lib"
    libdir.mkdir()
    shutil.copy(BUILT, libdir / "libargon2rs.so.0")
    child = _import_in_child({"PYTHONPATH": str(tmp_path / "site"), "LD_LIBRARY_PATH": str(libdir)})
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines()[0] == "libargon2rs.so.0"


def test_a_source_tree_also_looks_where_a_plain_cargo_build_puts_the_library(monkeypatch):
    source = REPO_ROOT / "bindings" / "python" / "argon2rs" / "_library.py"
    if not source.is_file():
        pytest.skip("needs the source tree")
    # The source tree's loader (it imports only the standard library), whichever package is installed.
    spec = importlib.util.spec_from_file_location("source_tree_library", source)
    loader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loader)
    monkeypatch.delenv("ARGON2RS_LIBRARY", raising=False)
    assert str(REPO_ROOT / "target" / "release" / "libargon2rs.so") in loader.candidates()


def test_build_dir_variable_is_searched():
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(BUILT)))
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
