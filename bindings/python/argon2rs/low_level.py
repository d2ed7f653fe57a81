"""Low-level functions with argon2-cffi's signatures: explicit salt and parameters, bytes in and out.

Beyond argon2-cffi: keyword-only `pepper` (Argon2's secret key K), `ad` (associated
data X) and `budget_wait_ms` (how long the call may wait for the process's memory
budget before BusyError; None: argon2rs.budget.wait_ms()) on every function, and
`limits` on verify_secret.
"""

from __future__ import annotations

import base64
from enum import Enum
from typing import Any, Literal

from . import _checks, _native
from .exceptions import (
    BusyError,
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


def _checked_params(salt, time_cost, memory_cost, parallelism, hash_len, type, version) -> _native.CParams:
    # In argon2-cffi's order of conversion, so the first bad argument is the one named.
    _checks.byte_string("salt", salt)
    for name, value in (("time_cost", time_cost), ("memory_cost", memory_cost), ("parallelism", parallelism),
                        ("hash_len", hash_len)):
        _checks.uint32(name, value)
    params = _native.make_params(
        algorithm=0, version=0, m_cost=memory_cost, t_cost=time_cost, parallelism=parallelism,
        hash_len=hash_len, salt_len=len(salt),
    )
    params.algorithm = _checks.of_type("type", type, Type).value
    params.version = _checks.uint32("version", version)
    return params


def raise_for_hash_status(rc: int) -> None:
    """Nothing for OK; otherwise the exception for a failed hash."""
    if rc == _native.OK:
        return
    raise (BusyError if rc == _native.ERR_BUSY else HashingError)(error_to_str(rc))


def _wait(budget_wait_ms) -> int | None:
    return None if budget_wait_ms is None else _checks.uint32("budget_wait_ms", budget_wait_ms)


def _raw(secret, salt, time_cost, memory_cost, parallelism, hash_len, type, version, pepper, ad, wait_ms) -> bytes:
    _checks.byte_string("secret", secret)
    if isinstance(hash_len, int) and not isinstance(hash_len, bool):
        # argon2-cffi allocates the output first: a negative length is a ValueError there.
        _checks.length("hash_len", hash_len)
    params = _checked_params(salt, time_cost, memory_cost, parallelism, hash_len, type, version)
    pepper, ad = _checks.optional_bytes("pepper", pepper), _checks.optional_bytes("ad", ad)
    rc, tag = _native.hash_raw(secret, salt, params, secret=pepper, ad=ad, wait_ms=_wait(wait_ms))
    raise_for_hash_status(rc)
    return tag


def hash_secret_raw(
    secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int,
    hash_len: int, type: Type, version: int = ARGON2_VERSION, *,
    pepper: bytes | None = None, ad: bytes | None = None, budget_wait_ms: int | None = None,
) -> bytes:
    """The raw tag of secret and salt; HashingError if the library refuses.

    pepper: Argon2's secret key K (kept out of the database); ad: associated data X.
    """
    return _raw(secret, salt, time_cost, memory_cost, parallelism, hash_len, type, version, pepper, ad,
                budget_wait_ms)


def hash_secret(
    secret: bytes, salt: bytes, time_cost: int, memory_cost: int, parallelism: int,
    hash_len: int, type: Type, version: int = ARGON2_VERSION, *,
    pepper: bytes | None = None, ad: bytes | None = None, budget_wait_ms: int | None = None,
) -> bytes:
    """The PHC string of secret under the given salt, as ASCII bytes.

    The string does not carry the pepper or the associated data: give verify_secret the
    same ones.
    """
    _checks.byte_string("secret", secret)
    # argon2-cffi converts the costs for the output-size computation first: OverflowError
    # (not ValueError) for a negative hash_len here.
    _checked_params(salt, time_cost, memory_cost, parallelism, hash_len, type, version)
    # The raw call takes tags and salts up to 2**32 - 1 bytes, but an encoded hash keeps
    # the library's 1024-byte caps (its verify reads no longer field): refuse first.
    if hash_len > _native.HASH_LEN_MAX:
        raise HashingError(error_to_str(_native.ERR_HASH_LEN_TOO_LONG))
    if len(salt) > _native.SALT_LEN_MAX:
        raise HashingError(error_to_str(_native.ERR_SALT_TOO_LONG))
    tag = _raw(secret, salt, time_cost, memory_cost, parallelism, hash_len, type, version, pepper, ad,
               budget_wait_ms)
    # The C ABI salts from the OS only, so the string for a caller's salt is built here,
    # in the shape the library and the reference implementation write.
    encoded = (
        # int(): a bool is an int to cffi, and must print as a number.
        f"${_PREFIX[type]}$v={int(version)}$m={int(memory_cost)},t={int(time_cost)},p={int(parallelism)}"
        f"${_b64(salt)}${_b64(tag)}"
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
    if rc == _native.ERR_BUSY:
        raise BusyError(message)
    if rc in _native.FORMAT_ERRORS or rc in _native.PARAMETER_ERRORS:
        raise UnreadableHashError(message)
    raise VerificationError(message)


def verify_secret(
    hash: bytes, secret: bytes, type: Type, *,
    pepper: bytes | None = None, ad: bytes | None = None, limits: "Limits | None" = None,  # noqa: F821 (argon2rs.Limits; imported late: it needs this module)
    budget_wait_ms: int | None = None,
) -> Literal[True]:
    """True if secret matches hash, which must be of the given type; raises otherwise.

    pepper and ad: the ones the hash was made with. limits: what the stored hash may
    cost (None: the library's defaults); CostLimitExceededError beyond them.
    """
    _checks.byte_string("hash", hash)
    _checks.byte_string("secret", secret)
    _checks.of_type("type", type, Type)
    pepper, ad = _checks.optional_bytes("pepper", pepper), _checks.optional_bytes("ad", ad)
    c_limits = None if limits is None else _limits_fields(limits)
    wait_ms = _wait(budget_wait_ms)
    rc, params = _native.decode(hash)
    if rc != _native.OK:
        raise_for_verify_status(rc)
    if params.algorithm != type.value:
        # The reference library fails to decode a string of another variant; so do we.
        raise UnreadableHashError(f"the hash is {Type(params.algorithm).name}, not {type.name}")
    return raise_for_verify_status(_native.verify(hash, secret, secret=pepper, ad=ad, limits=c_limits,
                                                  wait_ms=wait_ms))


def _limits_fields(limits: Any) -> dict:
    from ._limits import Limits

    return _checks.of_type("limits", limits, Limits).to_c_fields()


def core(context: Any, type: int) -> int:
    """Not available: argon2-cffi's direct argon2_ctx binding takes cffi structures.

    Use the pepper=, ad= and limits= arguments of the functions above instead.
    """
    raise NotImplementedError(
        "argon2rs has no cffi context structures; use pepper=/ad= of hash_secret, "
        "hash_secret_raw and verify_secret"
    )


__all__ = [
    "ARGON2_VERSION",
    "Type",
    "core",
    "error_to_str",
    "hash_secret",
    "hash_secret_raw",
    "verify_secret",
]
