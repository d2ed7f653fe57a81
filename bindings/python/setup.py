"""Builds libargon2rs with cargo and puts it inside the package (see pyproject.toml for why).

Where the crate is: in a clone, two directories up (the repository root); in an sdist,
under rust/, where the sdist command below copies the crate's build inputs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.sdist import sdist
from setuptools_rust import Binding, RustExtension, Strip
from setuptools_rust.build import build_rust
from setuptools.command.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
IN_SDIST = HERE / "rust"
IN_CLONE = HERE.parent.parent
# What cargo needs to build the library, relative to the crate root: nothing else goes
# into the sdist (no tests, fuzzing, benchmarks or C sources). Cargo.toml names the
# workspace member compat/libargon2, whose manifest must exist for cargo to load it.
CRATE_INPUTS = ["Cargo.toml", "Cargo.lock", "build.rs", "src", "compat/libargon2/Cargo.toml", "compat/libargon2/src"]
LIBRARY_FILE = "libargon2rs.so"


def crate_root() -> Path:
    root = IN_SDIST if (IN_SDIST / "Cargo.toml").is_file() else IN_CLONE
    if not (root / "Cargo.toml").is_file():
        raise SystemExit(
            f"argon2rs: the libargon2rs crate is neither in {IN_SDIST} (an sdist) nor at {IN_CLONE} "
            "(a clone); build from the repository's bindings/python or from the sdist"
        )
    return root


class BuildCdylib(build_rust):
    """Installs the cdylib as argon2rs/libargon2rs.so, the name argon2rs._library loads,
    rather than under an extension-module name no Python imports."""

    def get_dylib_ext_path(self, ext, target_fname):
        default = super().get_dylib_ext_path(ext, target_fname)
        return os.path.join(os.path.dirname(default), LIBRARY_FILE)


class PlatformWheel(bdist_wheel):
    """py3-none-<platform>: the wheel holds a native library but no extension module."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


class SdistWithCrate(sdist):
    """Copies the crate's build inputs into rust/ so that the sdist builds on its own."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        source = crate_root()
        target = Path(base_dir) / "rust"
        for name in CRATE_INPUTS:
            path = source / name
            if path.is_dir():
                shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("target", "__pycache__"))
            else:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target / name)


setup(
    rust_extensions=[
        RustExtension(
            "argon2rs.libargon2rs",
            path=str(crate_root() / "Cargo.toml"),
            binding=Binding.NoBinding,
            # The wheel's library is the one the repository's lock file describes.
            cargo_manifest_args=["--locked"],
            # Cargo strips every symbol table and skips the debug info the repository's
            # release profile keeps for profiling (setuptools-rust's own strip is `-x`,
            # which leaves the symbol table); the exported lh_argon2_* symbols stay.
            env={**os.environ, "CARGO_PROFILE_RELEASE_STRIP": "symbols", "CARGO_PROFILE_RELEASE_DEBUG": "0"},
            strip=Strip.All,
            py_limited_api=False,
        )
    ],
    cmdclass={"build_rust": BuildCdylib, "bdist_wheel": PlatformWheel, "sdist": SdistWithCrate},
    zip_safe=False,
)
