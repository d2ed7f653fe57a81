"""PasswordHasher: argon2-cffi's high-level class over libargon2rs, plus pepper, limits and asyncio."""

from __future__ import annotations

from typing import Literal

from . import _checks, _native, aio, low_level
from ._limits import Limits
from ._parameters import Parameters, extract_parameters
from .exceptions import InvalidHashError
from .low_level import Type
from .profiles import get_default_parameters

_DEFAULTS = get_default_parameters()
DEFAULT_RANDOM_SALT_LENGTH = _DEFAULTS.salt_len
DEFAULT_HASH_LENGTH = _DEFAULTS.hash_len
DEFAULT_TIME_COST = _DEFAULTS.time_cost
DEFAULT_MEMORY_COST = _DEFAULTS.memory_cost
DEFAULT_PARALLELISM = _DEFAULTS.parallelism

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


def _in_uint32(*values) -> bool:
    return all(isinstance(v, int) and 0 <= v <= _checks.UINT32_MAX for v in values)


class PasswordHasher:
    """Hashes passwords with a random salt and verifies hashes of any Argon2 variant.

    Defaults are RFC 9106's low-memory recommendation (Argon2id, t=3, m=64 MiB, p=4,
    32-byte tag, 16-byte salt). As in argon2-cffi, the constructor checks types and
    hash() checks ranges (OverflowError for a value no C integer holds, HashingError
    for one the library refuses).

    Beyond argon2-cffi (keyword-only):
      pepper: Argon2's secret key K, mixed into every hash and needed to verify it; keep
        it out of the database (e.g. in the service's secret store).
      limits: what a stored hash may cost before verify refuses it (CostLimitExceededError).
        None: the library's defaults, raised where needed so that this hasher's own
        hashes always verify. Explicit limits that would refuse them are a ValueError.
      budget_wait_ms: how long a hash or verification may wait for the process's memory
        budget (argon2rs.budget) before it raises BusyError without computing; for the
        awaitables, how long it may wait to start at all. None: the process-wide wait
        (argon2rs.budget.wait_ms(), no deadline unless set); 0: fail at once.
    """

    __slots__ = ("_budget_wait_ms", "_limits", "_parameters", "_pepper", "encoding")

    def __init__(
        self,
        time_cost: int = DEFAULT_TIME_COST,
        memory_cost: int = DEFAULT_MEMORY_COST,
        parallelism: int = DEFAULT_PARALLELISM,
        hash_len: int = DEFAULT_HASH_LENGTH,
        salt_len: int = DEFAULT_RANDOM_SALT_LENGTH,
        encoding: str = "utf-8",
        type: Type = Type.ID,
        *,
        pepper: bytes | None = None,
        limits: Limits | None = None,
        budget_wait_ms: int | None = None,
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
        self._pepper = _checks.optional_bytes("pepper", pepper)
        self._limits = self._limits_for_own_hashes(limits)
        self._budget_wait_ms = None if budget_wait_ms is None else _checks.uint32("budget_wait_ms", budget_wait_ms)

    def _limits_for_own_hashes(self, limits: Limits | None) -> Limits:
        p = self._parameters
        costs = (p.memory_cost, p.time_cost, p.parallelism)
        if limits is not None:
            _checks.of_type("limits", limits, Limits)
            if _in_uint32(*costs) and not limits.admits(*costs):
                raise ValueError(f"{limits} would refuse this hasher's own hashes (m={costs[0]}, t={costs[1]}, "
                                 f"p={costs[2]})")
            return limits
        # Costs no C integer holds make no hash (hash() raises), so they need no room.
        return Limits().covering(*costs) if _in_uint32(*costs) else Limits()

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
    limits = property(lambda self: self._limits, doc="The verify limits in force (see the class docstring).")
    budget_wait_ms = property(lambda self: self._budget_wait_ms, doc="The memory budget wait (None: the process's).")

    def _hash_params(self) -> _native.CParams:
        p = self._parameters
        # argon2-cffi draws the salt with os.urandom first: ValueError for a negative length.
        _checks.length("salt_len", p.salt_len)
        for name in ("time_cost", "memory_cost", "parallelism", "hash_len"):
            _checks.uint32(name, getattr(p, name))
        return _native.make_params(
            p.type.value, p.version, p.memory_cost, p.time_cost, p.parallelism, p.hash_len, p.salt_len
        )

    def hash(self, password: str | bytes, *, salt: bytes | None = None, ad: bytes | None = None) -> str:
        """The PHC string of password; str passwords are encoded with self.encoding.

        ad: associated data (e.g. a user id, up to 2**32 - 1 bytes) bound into the tag; verify
        needs the same. It is not stored in the string.
        """
        return self._hash(password, salt, ad, self._budget_wait_ms)

    def _hash(self, password, salt, ad, wait_ms: int | None) -> str:
        secret = _to_bytes(password, self.encoding)
        p = self._parameters
        if salt:
            return low_level.hash_secret(
                secret, salt, p.time_cost, p.memory_cost, p.parallelism, p.hash_len, p.type,
                pepper=self._pepper, ad=ad, budget_wait_ms=wait_ms,
            ).decode("ascii")
        params = self._hash_params()
        rc, encoded = _native.hash_encoded(
            secret, params, secret=self._pepper, ad=_checks.optional_bytes("ad", ad), wait_ms=wait_ms
        )
        low_level.raise_for_hash_status(rc)
        return encoded

    def verify(self, hash: str | bytes, password: str | bytes, *, ad: bytes | None = None) -> Literal[True]:
        """True if password matches hash; VerifyMismatchError if not; another error if hash is unreadable."""
        return self._verify(hash, password, ad, self._budget_wait_ms)

    def _verify(self, hash, password, ad, wait_ms: int | None) -> Literal[True]:
        hash = _to_bytes(hash, "ascii")
        hash_type = _TYPE_BY_PREFIX.get(hash[:9])
        if hash_type is None:
            raise InvalidHashError("not an Argon2 hash (unknown prefix)")
        return low_level.verify_secret(
            hash, _to_bytes(password, self.encoding), hash_type, pepper=self._pepper, ad=ad, limits=self._limits,
            budget_wait_ms=wait_ms,
        )

    def check_needs_rehash(self, hash: str | bytes) -> bool:
        """True if hash was made with other parameters than this hasher's (then rehash after verify)."""
        if isinstance(hash, bytes):
            hash = hash.decode("ascii")
        # Compared as argon2-cffi compares them, so parameters no hash can have (t=-1)
        # answer True rather than raise.
        return self._parameters != extract_parameters(hash)

    async def hash_async(self, password: str | bytes, *, salt: bytes | None = None, ad: bytes | None = None) -> str:
        """hash() without blocking the event loop (see argon2rs.aio for how calls are bounded)."""
        weight = self.memory_cost if _in_uint32(self.memory_cost) else 0
        return await aio.run_with_deadline(
            weight, lambda left_ms: self._hash(password, salt, ad, left_ms), self._budget_wait_ms
        )

    async def verify_async(self, hash: str | bytes, password: str | bytes, *, ad: bytes | None = None) -> Literal[True]:
        """verify() without blocking the event loop (see argon2rs.aio)."""
        encoded = _to_bytes(hash, "ascii")
        rc, c = _native.decode(encoded) if encoded[:9] in _TYPE_BY_PREFIX else (_native.ERR_MALFORMED_HASH, None)
        if rc != _native.OK or not self._limits.admits(c.m_cost, c.t_cost, c.parallelism):
            # Refused before any memory is taken, in microseconds: no thread needed.
            return self.verify(encoded, password, ad=ad)
        return await aio.run_with_deadline(
            c.m_cost, lambda left_ms: self._verify(encoded, password, ad, left_ms), self._budget_wait_ms
        )

    async def check_needs_rehash_async(self, hash: str | bytes) -> bool:
        """check_needs_rehash() as an awaitable; it parses only (microseconds), so it runs inline."""
        return self.check_needs_rehash(hash)
