"""The library's process-wide memory budget and how long a call waits for it.

libargon2rs keeps the Argon2 memory of all hashes running at once (in every thread)
within a budget (default: half of physical memory). A call that does not fit waits, in
arrival order, for running calls to finish; the wait ends after a deadline with
`BusyError` (nothing computed), so a login flood is answered "try again" instead of
queueing without end. The deadline is process-wide here, and per hasher with
`PasswordHasher(budget_wait_ms=...)` or per call with the low-level functions'
`budget_wait_ms=`. The awaitables (`argon2rs.aio`) apply the same deadline to the whole
time a call waits to start.
"""

from __future__ import annotations

from . import _checks, _native

WAIT_FOREVER = _native.WAIT_FOREVER
"""budget_wait_ms: wait for the budget without a deadline (the library's default)."""

WAIT_PROCESS_DEFAULT = _native.WAIT_PROCESS_DEFAULT
"""budget_wait_ms: use the process-wide wait (`wait_ms()`); the same as None."""


def memory_budget() -> int | None:
    """The budget in bytes; None when unlimited."""
    return _native.memory_budget()


def set_memory_budget(nbytes: int | None) -> None:
    """Sets the budget in bytes (None or 0: unlimited). Running calls keep their memory."""
    value = 0 if nbytes is None else _checks.uint64("nbytes", nbytes)
    rc = _native.LIB.lh_argon2_set_memory_budget(value)
    assert rc == _native.OK, rc  # the library accepts every value


def wait_ms() -> int:
    """How long a call waits for the budget, in ms, unless it sets its own (WAIT_FOREVER: no deadline)."""
    return _native.budget_wait_ms()


def set_wait_ms(ms: int) -> int:
    """Sets the process-wide wait in ms (0: fail at once; WAIT_FOREVER; WAIT_PROCESS_DEFAULT:
    back to the default); returns the previous value. A call already waiting keeps its deadline.
    """
    return _native.LIB.lh_argon2_set_memory_budget_wait_ms(_checks.uint32("ms", ms))


__all__ = ["WAIT_FOREVER", "WAIT_PROCESS_DEFAULT", "memory_budget", "set_memory_budget", "set_wait_ms", "wait_ms"]
