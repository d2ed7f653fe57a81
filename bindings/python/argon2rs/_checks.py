"""Argument checks made before any C call, raising what argon2-cffi raises for the same call.

argon2-cffi passes integers to C through cffi, which raises TypeError for a non-integer
and OverflowError for a value outside the C type; ctypes would wrap them modulo 2**32
instead, so every integer is checked here first. Lengths that argon2-cffi uses to
allocate (os.urandom, ffi.new) raise ValueError when negative, as those calls do.
"""

from __future__ import annotations

UINT32_MAX = 2**32 - 1
UINT64_MAX = 2**64 - 1
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def _integer(name: str, value) -> int:
    # bool is an int, and cffi takes it as one: so do we.
    if not isinstance(value, int):
        raise TypeError(f"'{name}' must be an int (got {type(value).__name__})")
    return value


def uint32(name: str, value) -> int:
    """value as a C uint32_t: TypeError for a non-integer, OverflowError outside 0..2**32-1."""
    if not 0 <= _integer(name, value) <= UINT32_MAX:
        raise OverflowError(f"'{name}' is {value}, outside 0..{UINT32_MAX} (an unsigned 32-bit integer)")
    return value


def uint64(name: str, value) -> int:
    """value as a C uint64_t."""
    if not 0 <= _integer(name, value) <= UINT64_MAX:
        raise OverflowError(f"'{name}' is {value}, outside 0..{UINT64_MAX} (an unsigned 64-bit integer)")
    return value


def int32(name: str, value) -> int:
    """value as a C int (status codes)."""
    if not INT32_MIN <= _integer(name, value) <= INT32_MAX:
        raise OverflowError(f"'{name}' is {value}, outside {INT32_MIN}..{INT32_MAX} (a 32-bit int)")
    return value


def length(name: str, value) -> int:
    """A byte count argon2-cffi allocates before calling C: ValueError when negative."""
    if _integer(name, value) < 0:
        raise ValueError(f"'{name}' is {value}: a length cannot be negative")
    return uint32(name, value)


def byte_string(name: str, value) -> bytes:
    """bytes only, as argon2-cffi's ffi.new("uint8_t[]", ...) takes (no int, str, bytearray)."""
    if not isinstance(value, bytes):
        raise TypeError(f"'{name}' must be bytes (got {type(value).__name__})")
    return value


def optional_bytes(name: str, value) -> bytes:
    """A pepper or associated data: None or bytes."""
    return b"" if value is None else byte_string(name, value)


def of_type(name: str, value, kind: type):
    if not isinstance(value, kind):
        raise TypeError(f"'{name}' must be a {kind.__name__} (got {type(value).__name__})")
    return value
