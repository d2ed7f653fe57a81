"""The ctypes declarations in argon2rs._native match include/argon2rs.h, parsed here: every
bound function's return and argument types, every structure's fields in order, and the
status codes and limits the binding uses. A header function the binding neither binds nor
lists in NOT_BOUND fails too, so a change to the C ABI cannot go unnoticed."""

from __future__ import annotations

import ctypes
import re

import pytest

from argon2rs import _native, low_level

from conftest import REPO_ROOT

HEADER = REPO_ROOT / "include" / "argon2rs.h"
pytestmark = pytest.mark.skipif(not HEADER.is_file(), reason="needs the source tree's include/argon2rs.h")

# Functions of the C API the Python binding has no use for, and why.
NOT_BOUND = {
    "lh_argon2_verify": "the binding passes every encoded string with its length (the _len forms)",
    "lh_argon2_verify_ext": "the binding passes every encoded string with its length (the _len forms)",
    "lh_argon2_needs_rehash": "the binding passes every encoded string with its length (the _len forms)",
    "lh_argon2_decode": "the binding passes every encoded string with its length (the _len forms)",
    "lh_argon2_encoded_len": "the binding's output buffer is LH_ARGON2_ENCODED_MAX bytes, enough for any hash",
    "lh_argon2_calibrate": "not part of argon2-cffi's API (the CLI and C callers calibrate)",
    "lh_argon2_set_max_threads": "process-wide tuning left to the embedding application",
    "lh_argon2_set_kept_memory_limit": "process-wide tuning left to the embedding application",
    "lh_argon2_set_memory_budget_fail_fast": "process-wide tuning left to the embedding application",
    "lh_argon2_options_init": "writes only the 0.1.0 layout; the binding uses lh_argon2_options_init_sized",
}

_SCALARS = {
    "uint8_t": ctypes.c_uint8, "uint32_t": ctypes.c_uint32, "int32_t": ctypes.c_int32,
    "uint64_t": ctypes.c_uint64, "size_t": ctypes.c_size_t, "bool": ctypes.c_bool,
}
_STRUCTS = {"lh_argon2_params": _native.CParams, "lh_argon2_limits": _native.CLimits,
            "lh_argon2_options": _native.COptions}


def _source() -> str:
    text = HEADER.read_text()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return text.replace("LH_ARGON2_MUST_USE", "")


def _typedefs(src: str) -> dict:
    return dict((alias, base) for base, alias in re.findall(r"typedef (\w+) (\w+);", src))


def _ctype(declaration: str, typedefs: dict):
    """The ctypes type for a C declaration such as `const struct lh_argon2_params *`."""
    decl = declaration.replace("const ", "").replace("struct ", "").strip()
    pointer = decl.endswith("*")
    base = decl.rstrip("*").strip()
    base = typedefs.get(base, base)
    if base == "void" and not pointer:
        return None
    if pointer:
        if base == "char":
            # const char * is a NUL-terminated input (c_char_p); char * a caller's buffer.
            return ctypes.c_char_p if "const char" in declaration else ctypes.POINTER(ctypes.c_char)
        return ctypes.POINTER(_STRUCTS.get(base) or _SCALARS[base])
    return _STRUCTS.get(base) or _SCALARS[base]


def _functions(src: str) -> dict:
    typedefs = _typedefs(src)
    # Declarations only: no preprocessor lines, no extern "C" braces.
    decls = re.sub(r"^\s*#.*$", "", src, flags=re.M).replace('extern "C" {', ";").replace("}", ";")
    found = {}
    for ret, name, args in re.findall(r"(?:^|(?<=;))\s*([\w\s\*]+?)\s*\b(lh_argon2_\w+)\(([^)]*)\);", decls):
        params = [a.strip() for a in " ".join(args.split()).split(",") if a.strip() and a.strip() != "void"]
        # Each parameter is `type name`: drop the name.
        types = [_ctype(re.sub(r"\w+$", "", p), typedefs) for p in params]
        found[name] = (_ctype(" ".join(ret.split()), typedefs), types)
    return found


def _structs(src: str) -> dict:
    typedefs = _typedefs(src)
    out = {}
    for name, body in re.findall(r"typedef struct (\w+) \{(.*?)\} \w+;", src, flags=re.S):
        fields = []
        for decl in filter(None, (d.strip() for d in body.split(";"))):
            ctype_part, field = re.match(r"(.*?)(\w+)$", " ".join(decl.split())).groups()
            fields.append((field, _ctype(ctype_part, typedefs)))
        out[name] = fields
    return out


def _defines(src: str) -> dict:
    return {name: int(value) for name, value in re.findall(r"#define (LH_ARGON2_\w+) \(?(-?\d+)\)?\s*$", src, re.M)}


def _same(a, b) -> bool:
    # ctypes makes a new POINTER type object per call only once per target, so identity
    # works; compare names too for a readable failure.
    return a is b or (a is not None and b is not None and a.__name__ == b.__name__ and a == b)


@pytest.mark.parametrize("name", sorted(_native._PROTOTYPES))
def test_each_bound_function_has_the_headers_prototype(name):
    header = _functions(_source())
    assert name in header, f"{name} is bound but not in the header"
    restype, argtypes = _native._PROTOTYPES[name]
    h_restype, h_argtypes = header[name]
    assert _same(restype, h_restype), (restype, h_restype)
    assert len(argtypes) == len(h_argtypes), (argtypes, h_argtypes)
    for i, (ours, theirs) in enumerate(zip(argtypes, h_argtypes)):
        assert _same(ours, theirs), f"argument {i}: binding {ours}, header {theirs}"


def test_every_header_function_is_bound_or_listed_as_not_needed():
    header = set(_functions(_source()))
    assert header - set(_native._PROTOTYPES) - set(NOT_BOUND) == set()
    assert set(NOT_BOUND) <= header, "NOT_BOUND names a function the header no longer has"


@pytest.mark.parametrize("name", sorted(_STRUCTS))
def test_each_structure_has_the_headers_fields_in_order(name):
    header = _structs(_source())[name]
    ours = [(field, ctype) for field, ctype in _STRUCTS[name]._fields_]
    assert [f for f, _ in ours] == [f for f, _ in header]
    for (field, our_type), (_, their_type) in zip(ours, header):
        assert _same(our_type, their_type), (field, our_type, their_type)


def test_status_codes_and_limits_the_binding_uses_are_the_headers():
    defines = _defines(_source())
    used = {name: getattr(_native, name) for name in dir(_native) if name == "OK" or name.startswith("ERR_")}
    for name, value in used.items():
        assert defines["LH_ARGON2_" + name] == value, name
    assert defines["LH_ARGON2_ENCODED_MAX"] == _native.ENCODED_MAX
    assert defines["LH_ARGON2_HASH_LEN_MAX"] == _native.HASH_LEN_MAX
    parameter = {v for n, v in defines.items() if n.startswith("LH_ARGON2_ERR_") and -29 <= v <= -20}
    fmt = {v for n, v in defines.items() if n.startswith("LH_ARGON2_ERR_") and -39 <= v <= -30}
    assert parameter <= set(_native.PARAMETER_ERRORS) and fmt <= set(_native.FORMAT_ERRORS)
    assert [defines[f"LH_ARGON2_{t}"] for t in ("D", "I", "ID")] == [t.value for t in low_level.Type]
    assert defines["LH_ARGON2_V13"] == low_level.ARGON2_VERSION
    version = (defines["LH_ARGON2_LIB_VERSION_MAJOR"], defines["LH_ARGON2_LIB_VERSION_MINOR"])
    assert version == _native._SUPPORTED_MAJOR_MINOR


def test_the_parser_sees_the_whole_header():
    # Guards the regular expressions: a parser that found nothing would pass the tests above.
    src = _source()
    assert len(_functions(src)) >= 20 and len(_structs(src)) == 3 and len(_defines(src)) >= 50
