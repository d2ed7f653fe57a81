"""The C ABI of libargon2rs as ctypes declarations, and thin calls that return status codes.

Nothing here raises for a failing status: callers (the public API, the interop
suite) decide what each code means to them. ctypes releases the GIL for every call,
so hashing in several threads runs in parallel.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_bool, c_char, c_char_p, c_int32, c_size_t, c_uint8, c_uint32, c_uint64

from . import _checks, _library

OK = 0
ERR_VERIFY_MISMATCH = -1
ERR_BUFFER_TOO_SMALL = -11
ERR_HASH_LEN_TOO_LONG = -25
ERR_SALT_TOO_LONG = -27
ERR_MALFORMED_HASH = -30
ERR_COST_LIMIT_EXCEEDED = -40
ERR_OUT_OF_MEMORY = -50
ERR_RANDOM = -51
ERR_MEMORY_BUDGET_EXCEEDED = -52
ERR_BUSY = -53
ERR_INTERNAL = -99
# The ranges fixed by include/argon2rs.h: -20..-29 parameters, -30..-39 format.
PARAMETER_ERRORS = range(-29, -19)
FORMAT_ERRORS = range(-39, -29)

ENCODED_MAX = 4096
HASH_LEN_MAX = 1024
SALT_LEN_MAX = 1024
# The raw calls' caps (LH_ARGON2_RAW_*_MAX): any uint32_t.
RAW_HASH_LEN_MAX = 2**32 - 1
RAW_SALT_LEN_MAX = 2**32 - 1
AD_MAX = 2**32 - 1
# budget_wait_ms's two special values (LH_ARGON2_WAIT_*).
WAIT_FOREVER = 2**32 - 1
WAIT_PROCESS_DEFAULT = 2**32 - 2
UNLIMITED_BUDGET = 2**64 - 1
_SUPPORTED_MAJOR_MINOR = (0, 1)


class CParams(ctypes.Structure):
    _fields_ = [
        ("algorithm", c_uint32),
        ("version", c_uint32),
        ("m_cost", c_uint32),
        ("t_cost", c_uint32),
        ("parallelism", c_uint32),
        ("hash_len", c_uint32),
        ("salt_len", c_uint32),
    ]


class CLimits(ctypes.Structure):
    _fields_ = [
        ("max_work", c_uint64),
        ("max_m_cost", c_uint32),
        ("max_t_cost", c_uint32),
        ("max_parallelism", c_uint32),
    ]


class COptions(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_size_t),
        ("secret", POINTER(c_uint8)),
        ("secret_len", c_size_t),
        ("ad", POINTER(c_uint8)),
        ("ad_len", c_size_t),
        ("limits", CLimits),
        ("budget_wait_ms", c_uint32),
    ]


_u8p = POINTER(c_uint8)
_PROTOTYPES = {
    "lh_argon2_status_message": (c_char_p, [c_int32]),
    "lh_argon2_version": (c_char_p, []),
    "lh_argon2_params_from_profile": (c_int32, [c_uint32, POINTER(CParams)]),
    # The sized form: it fills this binding's whole struct (the unsized function writes
    # only 0.1.0's 64-byte layout, for programs built against that header).
    "lh_argon2_options_init_sized": (c_int32, [POINTER(COptions), c_size_t]),
    "lh_argon2_limits_default": (c_int32, [POINTER(CLimits)]),
    "lh_argon2_get_memory_budget": (c_uint64, []),
    "lh_argon2_set_memory_budget": (c_int32, [c_uint64]),
    "lh_argon2_set_memory_budget_wait_ms": (c_uint32, [c_uint32]),
    "lh_argon2_get_memory_budget_wait_ms": (c_uint32, []),
    "lh_argon2_hash": (
        c_int32, [_u8p, c_size_t, POINTER(CParams), POINTER(c_char), c_size_t, POINTER(c_size_t)],
    ),
    # Encoded strings go with their length: a NUL inside one is refused by the library
    # (LH_ARGON2_ERR_MALFORMED_HASH) instead of ending the string early.
    "lh_argon2_verify_len": (c_int32, [c_char_p, c_size_t, _u8p, c_size_t]),
    "lh_argon2_hash_raw": (
        c_int32, [_u8p, c_size_t, _u8p, c_size_t, POINTER(CParams), _u8p, c_size_t],
    ),
    "lh_argon2_hash_ext": (
        c_int32,
        [_u8p, c_size_t, POINTER(CParams), POINTER(COptions), POINTER(c_char), c_size_t, POINTER(c_size_t)],
    ),
    "lh_argon2_verify_ext_len": (c_int32, [c_char_p, c_size_t, _u8p, c_size_t, POINTER(COptions)]),
    "lh_argon2_needs_rehash_len": (c_int32, [c_char_p, c_size_t, POINTER(CParams), POINTER(c_bool)]),
    "lh_argon2_decode_len": (c_int32, [c_char_p, c_size_t, POINTER(CParams)]),
    "lh_argon2_hash_raw_ext": (
        c_int32,
        [_u8p, c_size_t, _u8p, c_size_t, POINTER(CParams), POINTER(COptions), _u8p, c_size_t],
    ),
}


def _bind(lib: ctypes.CDLL) -> ctypes.CDLL:
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    version = lib.lh_argon2_version().decode("ascii")
    major_minor = tuple(int(x) for x in version.split(".")[:2])
    if major_minor != _SUPPORTED_MAJOR_MINOR:
        raise _library.LibraryNotFoundError(
            f"libargon2rs {version} was found, but this binding needs "
            f"{_SUPPORTED_MAJOR_MINOR[0]}.{_SUPPORTED_MAJOR_MINOR[1]}.x (the ABI may change "
            "with the minor version before 1.0)"
        )
    opts = COptions()
    rc = lib.lh_argon2_options_init_sized(ctypes.byref(opts), ctypes.sizeof(COptions))
    if rc != OK or opts.struct_size != ctypes.sizeof(COptions):
        raise _library.LibraryNotFoundError(
            f"libargon2rs's lh_argon2_options has size {opts.struct_size}, this binding's has "
            f"{ctypes.sizeof(COptions)}: the library and the binding are from different versions"
        )
    return lib


LIB = _bind(_library.load())


def library_version() -> str:
    return LIB.lh_argon2_version().decode("ascii")


def status_message(status: int) -> str:
    return LIB.lh_argon2_status_message(_checks.int32("status", status)).decode("ascii")


def _bytes_arg(data: bytes):
    """A pointer into data's own buffer (no copy of a password or pepper is made here,
    so none is left behind unwiped), and its length; (NULL, 0) for empty input."""
    if not data:
        return None, 0
    # c_char_p(bytes) points at the bytes object's buffer and keeps it alive; the library
    # only reads inputs.
    return ctypes.cast(c_char_p(bytes(data) if not isinstance(data, bytes) else data), _u8p), len(data)


def make_params(algorithm, version, m_cost, t_cost, parallelism, hash_len, salt_len) -> CParams:
    """lh_argon2_params; OverflowError rather than ctypes' silent wrap for a value out of range."""
    values = dict(algorithm=int(algorithm), version=version, m_cost=m_cost, t_cost=t_cost,
                  parallelism=parallelism, hash_len=hash_len, salt_len=salt_len)
    return CParams(**{name: _checks.uint32(name, value) for name, value in values.items()})


def default_limits() -> CLimits:
    out = CLimits()
    rc = LIB.lh_argon2_limits_default(ctypes.byref(out))
    assert rc == OK, rc  # only fails for a NULL pointer
    return out


def memory_budget() -> int | None:
    """The process-wide memory budget in bytes, None when unlimited."""
    budget = LIB.lh_argon2_get_memory_budget()
    return None if budget == UNLIMITED_BUDGET else budget


def budget_wait_ms() -> int:
    """The process-wide wait for the memory budget, in ms (WAIT_FOREVER: no deadline)."""
    return LIB.lh_argon2_get_memory_budget_wait_ms()


def resolve_wait_ms(wait_ms: int | None) -> int:
    """A call's own wait (None or WAIT_PROCESS_DEFAULT: the process-wide one), in ms."""
    return budget_wait_ms() if wait_ms is None or wait_ms == WAIT_PROCESS_DEFAULT else wait_ms


def profile_params(profile: int) -> tuple[int, CParams]:
    out = CParams()
    return LIB.lh_argon2_params_from_profile(profile, ctypes.byref(out)), out


def make_options(
    secret: bytes = b"", ad: bytes = b"", limits: dict | None = None, wait_ms: int | None = None
) -> tuple[COptions, list]:
    """Options plus the buffers they point into (keep both alive for the call).

    wait_ms: the call's budget_wait_ms; None leaves LH_ARGON2_WAIT_PROCESS_DEFAULT.
    """
    opts = COptions()
    rc = LIB.lh_argon2_options_init_sized(ctypes.byref(opts), ctypes.sizeof(COptions))
    assert rc == OK, rc  # checked when the library was loaded
    if wait_ms is not None:
        opts.budget_wait_ms = _checks.uint32("budget_wait_ms", wait_ms)
    keep = []
    if secret:
        buf, n = _bytes_arg(secret)
        keep.append(buf)
        opts.secret, opts.secret_len = ctypes.cast(buf, _u8p), n
    if ad:
        buf, n = _bytes_arg(ad)
        keep.append(buf)
        opts.ad, opts.ad_len = ctypes.cast(buf, _u8p), n
    for name, value in (limits or {}).items():
        setattr(opts.limits, name, _checks.uint64(name, value) if name == "max_work" else _checks.uint32(name, value))
    return opts, keep


def hash_encoded(
    password: bytes, params: CParams | None, secret: bytes = b"", ad: bytes = b"", wait_ms: int | None = None
) -> tuple[int, str]:
    """lh_argon2_hash (lh_argon2_hash_ext with a pepper or AD), random salt: (status, PHC string or "")."""
    pwd, pwd_len = _bytes_arg(password)
    out = ctypes.create_string_buffer(ENCODED_MAX)
    written = c_size_t(0)
    params_ref = ctypes.byref(params) if params is not None else None
    # The plain call when nothing optional is given: it is the one most C callers use.
    if not (secret or ad or wait_ms is not None):
        rc = LIB.lh_argon2_hash(pwd, pwd_len, params_ref, out, ENCODED_MAX, ctypes.byref(written))
    else:
        opts, keep = make_options(secret, ad, wait_ms=wait_ms)
        rc = LIB.lh_argon2_hash_ext(pwd, pwd_len, params_ref, ctypes.byref(opts), out, ENCODED_MAX,
                                    ctypes.byref(written))
        del keep
    encoded = out.value.decode("ascii") if rc == OK else ""
    ctypes.memset(out, 0, ENCODED_MAX)  # the string holds the tag: no stray copy of it
    return rc, encoded


def verify(
    encoded: bytes, password: bytes, secret: bytes = b"", ad: bytes = b"", limits: dict | None = None,
    wait_ms: int | None = None,
) -> int:
    """lh_argon2_verify_len (or _ext_len with options): OK, ERR_VERIFY_MISMATCH or another error status."""
    pwd, pwd_len = _bytes_arg(password)
    if not (secret or ad or limits or wait_ms is not None):
        return LIB.lh_argon2_verify_len(encoded, len(encoded), pwd, pwd_len)
    opts, keep = make_options(secret, ad, limits, wait_ms)
    rc = LIB.lh_argon2_verify_ext_len(encoded, len(encoded), pwd, pwd_len, ctypes.byref(opts))
    del keep
    return rc


def needs_rehash(encoded: bytes, params: CParams) -> tuple[int, bool]:
    out = c_bool(False)
    rc = LIB.lh_argon2_needs_rehash_len(encoded, len(encoded), ctypes.byref(params), ctypes.byref(out))
    return rc, bool(out.value)


def decode(encoded: bytes) -> tuple[int, CParams]:
    out = CParams()
    return LIB.lh_argon2_decode_len(encoded, len(encoded), ctypes.byref(out)), out


def hash_raw(
    password: bytes, salt: bytes, params: CParams, secret: bytes = b"", ad: bytes = b"", wait_ms: int | None = None
) -> tuple[int, bytes]:
    """lh_argon2_hash_raw (or _ext with options): (status, params.hash_len bytes or b"")."""
    pwd, pwd_len = _bytes_arg(password)
    salt_buf, salt_len = _bytes_arg(salt)
    with_options = secret or ad or wait_ms is not None
    opts, keep = make_options(secret, ad, wait_ms=wait_ms) if with_options else (None, None)

    def call(out, cap: int) -> int:
        if opts is None:
            return LIB.lh_argon2_hash_raw(pwd, pwd_len, salt_buf, salt_len, ctypes.byref(params), out, cap)
        return LIB.lh_argon2_hash_raw_ext(
            pwd, pwd_len, salt_buf, salt_len, ctypes.byref(params), ctypes.byref(opts), out, cap
        )

    # A tag may be up to 2**32 - 1 bytes: a first call with no buffer checks every
    # argument (it ends at BUFFER_TOO_SMALL before any work), so a refused call never
    # allocates hash_len bytes here.
    rc = call(None, 0)
    if rc != ERR_BUFFER_TOO_SMALL:
        del keep
        return rc, b""
    cap = params.hash_len
    out = (c_uint8 * cap)()
    rc = call(out, cap)
    del keep
    tag = bytes(out[: params.hash_len]) if rc == OK else b""
    # The tag may be used as a key: wipe the ctypes copy (the returned bytes are the caller's).
    ctypes.memset(out, 0, cap)
    return rc, tag
