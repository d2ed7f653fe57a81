"""Limits on what a stored (untrusted) hash may ask of a verification."""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import _checks, _native


@dataclass(frozen=True)
class Limits:
    """The largest costs a hash may ask for before verify refuses it (CostLimitExceededError).

    A field left None takes the library's default (`Limits.default()`: m = 2 GiB, t = 32,
    p = 16, m * t = 4 GiB-passes). memory in KiB, work in KiB-passes. The check happens
    before any memory is allocated, so a hostile stored hash costs nothing.
    """

    max_memory_cost: int | None = None
    max_time_cost: int | None = None
    max_parallelism: int | None = None
    max_work: int | None = None

    def __post_init__(self):
        for name in ("max_memory_cost", "max_time_cost", "max_parallelism"):
            value = getattr(self, name)
            if value is not None and _checks.uint32(name, value) == 0:
                raise ValueError(f"'{name}' must be at least 1 (None for the default)")
        if self.max_work is not None and _checks.uint64("max_work", self.max_work) == 0:
            raise ValueError("'max_work' must be at least 1 (None for the default)")

    @classmethod
    def default(cls) -> Limits:
        """The library's default limits, with every field filled in."""
        c = _native.default_limits()
        return cls(c.max_m_cost, c.max_t_cost, c.max_parallelism, c.max_work)

    def resolved(self) -> Limits:
        """These limits with each None replaced by the library's default."""
        d = Limits.default()
        return Limits(*(d_value if value is None else value for value, d_value in zip(self._values(), d._values())))

    def admits(self, memory_cost: int, time_cost: int, parallelism: int) -> bool:
        r = self.resolved()
        return (memory_cost <= r.max_memory_cost and time_cost <= r.max_time_cost
                and parallelism <= r.max_parallelism and memory_cost * time_cost <= r.max_work)

    def covering(self, memory_cost: int, time_cost: int, parallelism: int) -> Limits:
        """These limits, raised where needed so that hashes with these costs verify."""
        r = self.resolved()
        return replace(
            r,
            max_memory_cost=max(r.max_memory_cost, memory_cost),
            max_time_cost=max(r.max_time_cost, time_cost),
            max_parallelism=max(r.max_parallelism, parallelism),
            max_work=max(r.max_work, memory_cost * time_cost),
        )

    def to_c_fields(self) -> dict:
        """The lh_argon2_limits fields (0 = the library's default)."""
        m, t, p, w = (0 if v is None else v for v in self._values())
        return {"max_m_cost": m, "max_t_cost": t, "max_parallelism": p, "max_work": w}

    def _values(self) -> tuple:
        return (self.max_memory_cost, self.max_time_cost, self.max_parallelism, self.max_work)
