"""argon2-cffi 25.1's public surface, compared with the installed argon2-cffi through inspect:
every public name of `argon2`, `argon2.exceptions`, `argon2.profiles` and `argon2.low_level`
exists here with the same signature (argon2rs only adds keyword-only parameters with
defaults), the same exception hierarchy and the same values; the deprecated functions warn
as argon2-cffi's do. What is not provided is listed in NOT_PROVIDED, with the reason.
"""

from __future__ import annotations

import __future__
import inspect
import warnings

import pytest

argon2 = pytest.importorskip("argon2", reason="argon2-cffi is the reference these tests compare with")

import argon2rs  # noqa: E402

MODULES = [("argon2", "argon2rs"), ("argon2.exceptions", "argon2rs.exceptions"),
           ("argon2.profiles", "argon2rs.profiles"), ("argon2.low_level", "argon2rs.low_level")]
NOT_PROVIDED = {
    ("argon2.low_level", "ffi"): "argon2rs loads libargon2rs with ctypes: there are no cffi objects",
    ("argon2.low_level", "lib"): "as ffi: the C functions are in argon2rs._native.LIB (ctypes)",
}
# Keyword-only parameters argon2rs adds (defaults keep argon2-cffi's behaviour).
ADDED_KEYWORDS = {"pepper", "ad", "limits", "budget_wait_ms"}


def _module(name: str):
    import importlib

    return importlib.import_module(name)


def _public(module) -> dict:
    names = getattr(module, "__all__", None) or dir(module)
    out = {}
    for name in set(names) | {n for n in dir(module) if not n.startswith("_")}:
        obj = getattr(module, name, None)
        if name.startswith("_") or obj is None or isinstance(obj, __future__._Feature):
            continue
        if inspect.ismodule(obj) and not obj.__name__.startswith(module.__name__.split(".")[0]):
            continue  # imported stdlib modules (os, sys, warnings)
        if getattr(obj, "__module__", None) in ("typing", "dataclasses", "enum"):
            continue  # imported helpers (Literal, dataclass)
        out[name] = obj
    return out


THEIR_NAMES = [(theirs, ours, name) for theirs, ours in MODULES for name in sorted(_public(_module(theirs)))]


@pytest.mark.parametrize("theirs,ours,name", THEIR_NAMES, ids=lambda x: str(x))
def test_every_public_name_of_argon2_cffi_is_here_with_the_same_shape(theirs, ours, name):
    if (theirs, name) in NOT_PROVIDED:
        assert not hasattr(_module(ours), name)
        return
    their_obj, our_obj = getattr(_module(theirs), name), getattr(_module(ours), name)
    if inspect.isclass(their_obj) and issubclass(their_obj, BaseException):
        assert [c.__name__ for c in our_obj.__mro__] == [c.__name__ for c in their_obj.__mro__]
    elif inspect.isclass(their_obj) and issubclass(their_obj, argon2.Type.__mro__[1]):  # Enum
        assert [(m.name, m.value) for m in our_obj] == [(m.name, m.value) for m in their_obj]
    elif inspect.isclass(their_obj):
        _same_signature(their_obj, our_obj)
        for member, value in vars(their_obj).items():
            if member.startswith("_") and member != "__init__":
                continue
            assert hasattr(our_obj, member), member
            if callable(value) or isinstance(value, classmethod):
                _same_signature(getattr(their_obj, member), getattr(our_obj, member))
    elif callable(their_obj):
        _same_signature(their_obj, our_obj)
    elif inspect.ismodule(their_obj):
        assert inspect.ismodule(our_obj)
    else:
        assert _comparable(our_obj) == _comparable(their_obj)


def _comparable(value):
    if type(value).__name__ == "Parameters":
        return {f: _comparable(getattr(value, f)) for f in value.__slots__}
    if type(value).__name__ == "Type":
        return value.value
    return value


def _same_signature(theirs, ours) -> None:
    def shape(fn):
        return [(p.name, p.kind, _comparable(p.default)) for p in inspect.signature(fn).parameters.values()]

    their_shape, our_shape = shape(theirs), shape(ours)
    ours_kept = [p for p in our_shape if not (p[1] == inspect.Parameter.KEYWORD_ONLY and p[0] in ADDED_KEYWORDS
                                              and p[0] not in {q[0] for q in their_shape})]
    assert ours_kept == their_shape
    added = [p for p in our_shape if p not in ours_kept]
    assert all(p[2] is None for p in added), added  # every addition defaults to argon2-cffi's behaviour


@pytest.mark.parametrize("name", ["hash_password", "hash_password_raw", "verify_password"])
def test_deprecated_functions_work_and_warn_like_argon2_cffis(name):
    salt, costs = b"somesalt", dict(time_cost=1, memory_cost=8, parallelism=1, hash_len=8)
    results = []
    for package in (argon2, argon2rs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if name == "verify_password":
                encoded = package.low_level.hash_secret(b"pw", salt, type=package.Type.I, **costs)
                results.append(package.verify_password(encoded, b"pw"))
            else:
                results.append(getattr(package, name)(b"pw", salt, **costs))
        assert [w.category for w in caught] == [DeprecationWarning]
        assert caught[0].filename == __file__  # attributed to the caller, as argon2-cffi does
    assert results[0] == results[1]


def test_module_level_imports_of_low_level_names_work():
    namespace: dict = {}
    exec("from argon2rs.low_level import ARGON2_VERSION, Type, core, error_to_str, hash_secret, "
         "hash_secret_raw, verify_secret", namespace)
    assert namespace["ARGON2_VERSION"] == argon2.low_level.ARGON2_VERSION


def test_only_documented_names_are_added():
    def reexported_exception(module, name):
        obj = getattr(_module(module), name)
        return module != "argon2rs.exceptions" and getattr(obj, "__module__", "") == "argon2rs.exceptions"

    added = {(ours, n) for theirs, ours in MODULES for n in set(_public(_module(ours))) - set(_public(_module(theirs)))
             if not reexported_exception(ours, n)}
    assert added == {
        ("argon2rs", "Limits"), ("argon2rs", "aio"), ("argon2rs", "budget"), ("argon2rs", "library_version"),
        ("argon2rs.exceptions", "UnreadableHashError"), ("argon2rs.exceptions", "CostLimitExceededError"),
        ("argon2rs.exceptions", "BusyError"),
        ("argon2rs.low_level", "raise_for_verify_status"), ("argon2rs.low_level", "raise_for_hash_status"),
    }
