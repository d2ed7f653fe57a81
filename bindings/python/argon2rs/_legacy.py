"""argon2-cffi's deprecated module-level functions, kept so that old code still imports and runs."""

from __future__ import annotations

import os
import warnings
from typing import Literal

from ._password_hasher import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_RANDOM_SALT_LENGTH,
    DEFAULT_TIME_COST,
)
from .low_level import Type, hash_secret, hash_secret_raw, verify_secret


def _deprecated(name: str) -> None:
    warnings.warn(f"argon2rs.{name} is deprecated (as in argon2-cffi): use argon2rs.PasswordHasher",
                  DeprecationWarning, stacklevel=3)


def hash_password(
    password: bytes, salt: bytes | None = None, time_cost: int = DEFAULT_TIME_COST,
    memory_cost: int = DEFAULT_MEMORY_COST, parallelism: int = DEFAULT_PARALLELISM,
    hash_len: int = DEFAULT_HASH_LENGTH, type: Type = Type.I,
) -> bytes:
    """Deprecated: low_level.hash_secret with a random salt when none is given (Argon2i by default)."""
    _deprecated("hash_password")
    return hash_secret(password, os.urandom(DEFAULT_RANDOM_SALT_LENGTH) if salt is None else salt,
                       time_cost, memory_cost, parallelism, hash_len, type)


def hash_password_raw(
    password: bytes, salt: bytes | None = None, time_cost: int = DEFAULT_TIME_COST,
    memory_cost: int = DEFAULT_MEMORY_COST, parallelism: int = DEFAULT_PARALLELISM,
    hash_len: int = DEFAULT_HASH_LENGTH, type: Type = Type.I,
) -> bytes:
    """Deprecated: low_level.hash_secret_raw with a random salt when none is given (Argon2i by default)."""
    _deprecated("hash_password_raw")
    return hash_secret_raw(password, os.urandom(DEFAULT_RANDOM_SALT_LENGTH) if salt is None else salt,
                           time_cost, memory_cost, parallelism, hash_len, type)


def verify_password(hash: bytes, password: bytes, type: Type = Type.I) -> Literal[True]:
    """Deprecated: low_level.verify_secret (Argon2i by default)."""
    _deprecated("verify_password")
    return verify_secret(hash, password, type)
