"""Finds and loads libargon2rs; says everything it tried when it cannot."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path

ENV_LIBRARY = "ARGON2RS_LIBRARY"
ENV_BUILD_DIR = "ARGON2RS_BUILD_DIR"
_SONAME = "libargon2rs.so.0"
_FILE = "libargon2rs.so"


class LibraryNotFoundError(ImportError):
    """libargon2rs could not be loaded from any of the places listed in the message."""


def _build_tree_candidates() -> list[Path]:
    # A source checkout: bindings/python/argon2rs/ sits three levels below the root.
    found = []
    build_dir = os.environ.get(ENV_BUILD_DIR)
    if build_dir:
        found.append(Path(build_dir) / "cargo" / "release" / _FILE)
    here = Path(__file__).resolve().parent
    for parent in here.parents:
        found.append(parent / "build" / "cargo" / "release" / _FILE)
        if (parent / "Cargo.toml").is_file():
            # The source root: also where a plain `cargo build --release` puts it.
            found.append(parent / "target" / "release" / _FILE)
            break
    return found


def _prefix_candidates() -> list[str]:
    # Bare names go through the system loader (ld.so.cache, LD_LIBRARY_PATH);
    # the explicit prefixes catch a `cmake --install` the cache does not know yet.
    names = [_SONAME, _FILE]
    by_finder = ctypes.util.find_library("argon2rs")
    if by_finder:
        names.append(by_finder)
    for prefix in ("/usr/local/lib", "/usr/local/lib64", "/usr/lib", "/usr/lib64"):
        names.append(os.path.join(prefix, _FILE))
    return names


def candidates() -> list[str]:
    """Every place load() looks, in order."""
    explicit = os.environ.get(ENV_LIBRARY)
    if explicit:
        # An explicit choice is never silently replaced by another copy.
        return [explicit]
    bundled = Path(__file__).resolve().parent / _FILE
    return [str(bundled)] + [str(p) for p in _build_tree_candidates()] + _prefix_candidates()


def load() -> ctypes.CDLL:
    tried = []
    for candidate in candidates():
        is_path = os.sep in candidate
        if is_path and not os.path.exists(candidate):
            tried.append(f"  {candidate}: no such file")
            continue
        try:
            return ctypes.CDLL(candidate)
        except OSError as e:
            tried.append(f"  {candidate}: {e}")
    raise LibraryNotFoundError(
        "argon2rs could not load libargon2rs. It looked for, in order:\n"
        + "\n".join(tried)
        + f"\nBuild it with ./scripts/example.sh, install it, or set {ENV_LIBRARY} "
        "to the full path of libargon2rs.so."
    )
