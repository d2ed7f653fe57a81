"""PasswordHasher: argon2-cffi's high-level class over libargon2rs."""

from __future__ import annotations

from typing import Literal

from . import _native, low_level
from ._parameters import Parameters
from .exceptions import HashingError, InvalidHashError
from .low_level import Type
from .profiles import RFC_9106_LOW_MEMORY

DEFAULT_RANDOM_SALT_LENGTH = RFC_9106_LOW_MEMORY.salt_len
DEFAULT_HASH_LENGTH = RFC_9106_LOW_MEMORY.hash_len
DEFAULT_TIME_COST = RFC_9106_LOW_MEMORY.time_cost
DEFAULT_MEMORY_COST = RFC_9106_LOW_MEMORY.memory_cost
DEFAULT_PARALLELISM = RFC_9106_LOW_MEMORY.parallelism

_TYPE_BY_PREFIX = {b"$argon2i$": Type.I, b"$argon2d$": Type.D, b"$argon2id": Type.ID}


def _to_bytes(value: str | bytes, encoding: str) -> bytes:
    return value if isinstance(value, bytes) else value.encode(encoding)


def _check_types(**checks) -> None:
    wrong = [
        f"'{name}' must be a {kind.__name__} (got {type(value).__name__})"
        for name, (value, kind) in checks.items()
        if not isinstance(value, kind)
    ]
    if wrong:
        raise TypeError(", ".join(wrong) + ".")


class PasswordHasher:
    """Hashes passwords with a random salt and verifies hashes of any Argon2 variant.

    Defaults are RFC 9106's low-memory recommendation (Argon2id, t=3, m=64 MiB, p=4,
    32-byte tag, 16-byte salt). Parameters are checked by the library when hashing.
    """

    def __init__(
        self,
        time_cost: int = DEFAULT_TIME_COST,
        memory_cost: int = DEFAULT_MEMORY_COST,
        parallelism: int = DEFAULT_PARALLELISM,
        hash_len: int = DEFAULT_HASH_LENGTH,
        salt_len: int = DEFAULT_RANDOM_SALT_LENGTH,
        encoding: str = "utf-8",
        type: Type = Type.ID,
    ):
        _check_types(
            time_cost=(time_cost, int), memory_cost=(memory_cost, int), parallelism=(parallelism, int),
            hash_len=(hash_len, int), salt_len=(salt_len, int), encoding=(encoding, str), type=(type, Type),
        )
        self._parameters = Parameters(
            type=type, version=low_level.ARGON2_VERSION, salt_len=salt_len, hash_len=hash_len,
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism,
        )
        self.encoding = encoding

    @classmethod
    def from_parameters(cls, params: Parameters) -> PasswordHasher:
        """A PasswordHasher using params (a profile, or what extract_parameters returned)."""
        return cls(
            time_cost=params.time_cost, memory_cost=params.memory_cost, parallelism=params.parallelism,
            hash_len=params.hash_len, salt_len=params.salt_len, type=params.type,
        )

    time_cost = property(lambda self: self._parameters.time_cost)
    memory_cost = property(lambda self: self._parameters.memory_cost)
    parallelism = property(lambda self: self._parameters.parallelism)
    hash_len = property(lambda self: self._parameters.hash_len)
    salt_len = property(lambda self: self._parameters.salt_len)
    type = property(lambda self: self._parameters.type)

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        """The PHC string of password; str passwords are encoded with self.encoding."""
        secret = _to_bytes(password, self.encoding)
        p = self._parameters
        if salt:
            return low_level.hash_secret(
                secret, salt, p.time_cost, p.memory_cost, p.parallelism, p.hash_len, p.type
            ).decode("ascii")
        rc, encoded = _native.hash_encoded(secret, p.to_c())
        if rc != _native.OK:
            raise HashingError(_native.status_message(rc))
        return encoded

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        """True if password matches hash; VerifyMismatchError if not; another error if hash is unreadable."""
        hash = _to_bytes(hash, "ascii")
        hash_type = _TYPE_BY_PREFIX.get(hash[:9])
        if hash_type is None:
            raise InvalidHashError("not an Argon2 hash (unknown prefix)")
        return low_level.verify_secret(hash, _to_bytes(password, self.encoding), hash_type)

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        """True if hash was made with other parameters than this hasher's (then rehash after verify)."""
        rc, needs = _native.needs_rehash(_to_bytes(hash, "ascii"), self._parameters.to_c())
        if rc != _native.OK:
            raise InvalidHashError(_native.status_message(rc))
        return needs
