"""Low-level functions with argon2-cffi's signatures: explicit salt and parameters, bytes in and out."""

from __future__ import annotations

import base64
from enum import Enum
from typing import Literal

from . import _native
from .exceptions import (
    CostLimitExceededError,
    HashingError,
    UnreadableHashError,
    VerificationError,
    VerifyMismatchError,
)

ARGON2_VERSION = 19
"""The newest Argon2 version (0x13), used unless a function is told otherwise."""


class Type(Enum):
    """The Argon2 variant; the numbers are the reference library's and libargon2rs's."""

    D = 0
    I = 1  # noqa: E741 (the variant's name)
    ID = 2


_PREFIX = {Type.D: "argon2d", Type.I: "argon2i", Type.ID: "argon2id"}


def error_to_str(error: int) -> str:
    """The library's message for a status code."""
    return _native.status_message(error)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def hash_secret_raw(
    secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int,
    hash_len: int, type: Type, version: int = ARGON2_VERSION,
) -> bytes:
    """The raw tag of secret and salt; HashingError if the library refuses."""
    params = _native.make_params(Type(type).value, version, memory_cost, time_cost, parallelism, hash_len, len(salt))
    rc, tag = _native.hash_raw(bytes(secret), bytes(salt), params)
    if rc != _native.OK:
        raise HashingError(error_to_str(rc))
    return tag


def hash_secret(
    secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int,
    hash_len: int, type: Type, version: int = ARGON2_VERSION,
) -> bytes:
    """The PHC string of secret under the given salt, as ASCII bytes."""
    tag = hash_secret_raw(secret, salt, time_cost, memory_cost, parallelism, hash_len, type, version)
    # The C ABI salts from the OS only, so the string for a caller's salt is built here,
    # in the same shape the library and the reference implementation write.
    encoded = (
        f"${_PREFIX[Type(type)]}$v={version}$m={memory_cost},t={time_cost},p={parallelism}"
        f"${_b64(bytes(salt))}${_b64(tag)}"
    )
    return encoded.encode("ascii")


def raise_for_verify_status(rc: int) -> Literal[True]:
    """True for OK; otherwise the exception that tells the caller what went wrong."""
    if rc == _native.OK:
        return True
    message = error_to_str(rc)
    if rc == _native.ERR_VERIFY_MISMATCH:
        raise VerifyMismatchError(message)
    if rc == _native.ERR_COST_LIMIT_EXCEEDED:
        raise CostLimitExceededError(message)
    if rc in _native.FORMAT_ERRORS or rc in _native.PARAMETER_ERRORS:
        raise UnreadableHashError(message)
    raise VerificationError(message)


def verify_secret(hash: bytes, secret: bytes, type: Type) -> Literal[True]:
    """True if secret matches hash, which must be of the given type; raises otherwise."""
    hash = bytes(hash)
    rc, params = _native.decode(hash)
    if rc != _native.OK:
        raise_for_verify_status(rc)
    if params.algorithm != Type(type).value:
        # The reference library fails to decode a string of another variant; so do we.
        raise UnreadableHashError(f"the hash is {Type(params.algorithm).name}, not {Type(type).name}")
    return raise_for_verify_status(_native.verify(hash, bytes(secret)))


__all__ = [
    "ARGON2_VERSION",
    "Type",
    "error_to_str",
    "hash_secret",
    "hash_secret_raw",
    "verify_secret",
]
