"""Named parameter sets, under argon2-cffi's names (values from RFC 9106 and argon2-cffi)."""

from __future__ import annotations

from ._parameters import Parameters
from .low_level import Type

# RFC 9106's first recommendation: needs 2 GiB per hash.
RFC_9106_HIGH_MEMORY = Parameters(
    type=Type.ID, version=19, salt_len=16, hash_len=32, time_cost=1, memory_cost=2097152, parallelism=4
)

# RFC 9106's second recommendation (64 MiB) and PasswordHasher's default.
RFC_9106_LOW_MEMORY = Parameters(
    type=Type.ID, version=19, salt_len=16, hash_len=32, time_cost=3, memory_cost=65536, parallelism=4
)

# argon2-cffi's defaults from 18.2.0 to 21.1.0, for checking old hashes against.
PRE_21_2 = Parameters(
    type=Type.ID, version=19, salt_len=16, hash_len=16, time_cost=2, memory_cost=102400, parallelism=8
)

# The cheapest valid parameters: tests only, never for passwords.
CHEAPEST = Parameters(
    type=Type.ID, version=19, salt_len=8, hash_len=4, time_cost=1, memory_cost=8, parallelism=1
)


def get_default_parameters() -> Parameters:
    """PasswordHasher's default parameters."""
    return RFC_9106_LOW_MEMORY


__all__ = ["CHEAPEST", "PRE_21_2", "RFC_9106_HIGH_MEMORY", "RFC_9106_LOW_MEMORY", "get_default_parameters"]
