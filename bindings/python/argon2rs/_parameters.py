"""Parameters and extract_parameters, read through the library's strict PHC parser."""

from __future__ import annotations

from dataclasses import dataclass

from . import _native
from .exceptions import InvalidHashError
from .low_level import Type


@dataclass
class Parameters:
    """The parameters of an Argon2 hash (memory_cost in KiB)."""

    type: Type
    version: int
    salt_len: int
    hash_len: int
    time_cost: int
    memory_cost: int
    parallelism: int

    __slots__ = ("hash_len", "memory_cost", "parallelism", "salt_len", "time_cost", "type", "version")

    def to_c(self) -> _native.CParams:
        return _native.make_params(
            Type(self.type).value, self.version, self.memory_cost, self.time_cost,
            self.parallelism, self.hash_len, self.salt_len,
        )


def extract_parameters(hash: str | bytes) -> Parameters:
    """The parameters of an encoded hash; InvalidHashError if the library cannot read it."""
    if isinstance(hash, str):
        try:
            hash = hash.encode("ascii")
        except UnicodeEncodeError:
            raise InvalidHashError("an Argon2 hash is ASCII") from None
    rc, p = _native.decode(bytes(hash))
    if rc != _native.OK:
        raise InvalidHashError(_native.status_message(rc))
    return Parameters(
        type=Type(p.algorithm), version=p.version, salt_len=p.salt_len, hash_len=p.hash_len,
        time_cost=p.t_cost, memory_cost=p.m_cost, parallelism=p.parallelism,
    )
