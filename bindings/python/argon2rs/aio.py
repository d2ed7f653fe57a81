"""How PasswordHasher's awaitables (hash_async, verify_async) run without blocking the loop.

Each call runs in a worker thread (ctypes releases the GIL for the whole hash), but is
admitted only when it fits: at most `max_concurrency()` calls run at once (default: one
less than the CPUs this process may use, at least 1, so that a burst of hashing leaves a
CPU to the event loop's own thread), and their Argon2 memory together stays within the library's
process-wide memory budget (`lh_argon2_set_memory_budget`, default half of physical
memory). Calls that do not fit wait in FIFO order as asyncio futures, holding no thread
and no executor slot, so a burst of logins queues in the loop, not in an unbounded
executor queue, and the worker pool never has more jobs than threads. A cancelled waiter
leaves the queue; a cancelled call whose hash already runs keeps its slot until the hash
ends (a thread cannot be interrupted).

A call that needs more memory than the whole budget is not queued: the library refuses it
at once (HashingError / VerificationError), as the synchronous call would.

The memory budget's wait deadline (`PasswordHasher(budget_wait_ms=...)`, else the
process-wide `argon2rs.budget.wait_ms()`) bounds the whole time a call waits to start:
a call still queued when it expires leaves the queue and raises BusyError (nothing
computed, no thread used), and an admitted call passes what is left of it to the library,
which bounds its own wait for the budget by it. So a login flood is answered "busy" after
the deadline instead of queueing without end.

The library's budget also counts synchronous calls made from other threads; when they hold
it, an admitted call waits inside its worker thread, never in the loop.
"""

from __future__ import annotations

import asyncio
import collections
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from . import _checks, _native
from .exceptions import BusyError

T = TypeVar("T")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _Gate:
    """Admission by count and memory, FIFO, shared by every event loop in the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: collections.deque = collections.deque()  # (loop, future, bytes)
        self._running = 0
        self._bytes = 0
        # One CPU stays with the event loop: with every CPU hashing, the loop's thread
        # waits for a time slice whenever it wakes (measured: 20-35 ms ticker gaps on a
        # busy 2-core machine with 2 workers, 12-16 ms with 1).
        self._limit = max(1, _cpus() - 1)
        self._pool: ThreadPoolExecutor | None = None
        self.peak_running = 0

    def set_limit(self, n: int) -> int:
        with self._lock:
            previous, self._limit = self._limit, n
            self.peak_running = self._running  # the peak under the new limit
            if self._pool is not None:
                # Running calls finish on the old pool; new ones get a pool of the new size.
                self._pool.shutdown(wait=False)
                self._pool = None
            self._admit_waiters()
        return previous

    def _fits(self, nbytes: int) -> bool:
        budget = _native.memory_budget()
        return self._running < self._limit and (budget is None or self._bytes + nbytes <= budget)

    def _take(self, nbytes: int) -> None:
        self._running += 1
        self._bytes += nbytes
        self.peak_running = max(self.peak_running, self._running)

    def _release(self, nbytes: int) -> None:
        with self._lock:
            self._running -= 1
            self._bytes -= nbytes
            self._admit_waiters()

    def _admit_waiters(self) -> None:
        # Strict FIFO: a large call at the head is not overtaken by small ones behind it.
        while self._waiters and self._fits(self._waiters[0][2]):
            loop, future, nbytes = self._waiters.popleft()
            self._take(nbytes)
            try:
                loop.call_soon_threadsafe(self._grant, future, nbytes)
            except RuntimeError:  # that loop is closed: nobody waits any more
                self._running -= 1
                self._bytes -= nbytes

    def _grant(self, future: asyncio.Future, nbytes: int) -> None:
        if future.done():  # cancelled (its deadline cannot have passed: it left the queue first)
            self._release(nbytes)
        else:
            future.set_result(None)

    def _expire(self, entry: tuple, waited_ms: int) -> None:
        """On the waiter's loop, at its deadline: leave the queue (unless admitted meanwhile)."""
        loop, future, nbytes = entry
        with self._lock:
            if entry not in self._waiters:
                return  # admitted: its grant is on the way
            self._waiters.remove(entry)
            # A large call at the head may have held back smaller ones behind it.
            self._admit_waiters()
        if not future.done():
            future.set_exception(BusyError(
                f"{_native.status_message(_native.ERR_BUSY)} (waited {waited_ms} ms to start)"
            ))

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._limit, thread_name_prefix="argon2rs")
            return self._pool

    async def run(self, memory_kib: int, fn: Callable[[int | None], T], wait_ms: int | None) -> T:
        nbytes = memory_kib * 1024
        budget = _native.memory_budget()
        if budget is not None and nbytes > budget:
            return fn(wait_ms)  # the library refuses it before allocating anything
        deadline_ms = _native.resolve_wait_ms(wait_ms)
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        with self._lock:
            if not self._waiters and self._fits(nbytes):
                self._take(nbytes)
                future = None
            else:
                future = loop.create_future()
                entry = (loop, future, nbytes)
                self._waiters.append(entry)
        if future is not None:
            timer = None
            if deadline_ms != _native.WAIT_FOREVER:
                timer = loop.call_later(deadline_ms / 1000, self._expire, entry, deadline_ms)
            try:
                await future
            except asyncio.CancelledError:
                with self._lock:
                    queued = entry in self._waiters
                    if queued:
                        self._waiters.remove(entry)
                        self._admit_waiters()
                if not queued and future.done() and not future.cancelled():
                    self._release(nbytes)  # admitted just before the cancel arrived
                raise
            finally:
                if timer is not None:
                    timer.cancel()
        if deadline_ms != _native.WAIT_FOREVER:
            # What is left of the deadline bounds the library's own wait for the budget
            # (synchronous calls in other threads count against it too).
            waited_ms = int((time.monotonic() - started) * 1000)
            wait_ms = max(0, deadline_ms - waited_ms)
        try:
            job = self._executor().submit(fn, wait_ms)
        except BaseException:
            self._release(nbytes)
            raise
        # Released when the thread is done, not when the awaiting task is: a cancelled
        # task must not let more hashes start than the bound allows.
        job.add_done_callback(lambda _: self._release(nbytes))
        return await asyncio.wrap_future(job)


_GATE = _Gate()


def run(memory_kib: int, fn: Callable[[], T], *, budget_wait_ms: int | None = None):
    """Awaitable result of fn(), a call that uses memory_kib KiB of Argon2 memory.

    budget_wait_ms: how long it may wait to start before BusyError (None: the process-wide
    wait). fn itself is not told what is left of it; PasswordHasher's awaitables are.
    """
    wait_ms = None if budget_wait_ms is None else _checks.uint32("budget_wait_ms", budget_wait_ms)
    return _GATE.run(memory_kib, lambda _left_ms: fn(), wait_ms)


def run_with_deadline(memory_kib: int, fn: Callable[[int | None], T], wait_ms: int | None):
    """As run(), but fn(left_ms) gets what is left of the deadline once admitted, to pass to
    the library as budget_wait_ms (None when the call has no deadline and gave none)."""
    return _GATE.run(memory_kib, fn, wait_ms)


def max_concurrency() -> int:
    """How many awaited hashes and verifications may run at once."""
    return _GATE._limit


def set_max_concurrency(n: int) -> int:
    """Sets how many awaited hashes and verifications may run at once; returns the previous value.

    The default is one less than the CPUs this process may use (at least 1): one CPU is
    left to the event loop. Setting it to the number of CPUs gives a little more
    throughput and longer loop stalls under load; more than that only lengthens each call.
    """
    if _checks.uint32("n", n) == 0:
        raise ValueError("'n' must be at least 1")
    return _GATE.set_limit(n)


def peak_concurrency() -> int:
    """The most awaited calls that have run at once since the limit was last set (for tests and monitoring)."""
    return _GATE.peak_running


__all__ = ["max_concurrency", "peak_concurrency", "run", "run_with_deadline", "set_max_concurrency"]
