"""argon2rs: argon2-cffi's API over libargon2rs, loaded with ctypes.

Code written for argon2-cffi works after changing `import argon2` to
`import argon2rs as argon2` (bindings/python/README.md lists the few differences).
"""

from . import aio, budget, exceptions, low_level, profiles
from ._legacy import hash_password, hash_password_raw, verify_password
from ._limits import Limits
from ._native import library_version
from ._parameters import Parameters, extract_parameters
from ._password_hasher import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_RANDOM_SALT_LENGTH,
    DEFAULT_TIME_COST,
    PasswordHasher,
)
from .low_level import Type

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_HASH_LENGTH",
    "DEFAULT_MEMORY_COST",
    "DEFAULT_PARALLELISM",
    "DEFAULT_RANDOM_SALT_LENGTH",
    "DEFAULT_TIME_COST",
    "Limits",
    "Parameters",
    "PasswordHasher",
    "Type",
    "aio",
    "budget",
    "exceptions",
    "extract_parameters",
    "hash_password",
    "hash_password_raw",
    "library_version",
    "low_level",
    "profiles",
    "verify_password",
]
