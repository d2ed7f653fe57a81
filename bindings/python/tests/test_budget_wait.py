"""The memory budget's wait deadline from Python: BusyError after the deadline, synchronous
and awaited, with nothing computed and the queue left in order.

Each test shrinks the process's budget so that a long "holder" hash leaves room for small
calls only, and restores it afterwards. A holder is known to hold the budget once a
fail-fast probe is refused (the probe then computes nothing), so no test depends on when
a thread happens to start.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from argon2rs import PasswordHasher, aio, budget, low_level
from argon2rs.exceptions import BusyError, HashingError, VerificationError

MIB = 1024 * 1024
BUDGET = 32 * MIB
# 24 MiB for long enough (about a second, more under load) that the calls below run
# while it holds most of the budget; 16 MiB more does not fit beside it.
HOLDER = dict(time_cost=300, memory_cost=24 * 1024, parallelism=1)
SMALL = dict(time_cost=1, memory_cost=16 * 1024, parallelism=1)
SWEEP = ["-1", "0", "2**32-1", "2**32", "2**64", "1.5"]


@pytest.fixture
def small_budget():
    previous_budget, previous_wait = budget.memory_budget(), budget.wait_ms()
    budget.set_memory_budget(BUDGET)
    previous_limit = aio.set_max_concurrency(2)
    try:
        yield
    finally:
        budget.set_memory_budget(previous_budget)
        budget.set_wait_ms(previous_wait)
        aio.set_max_concurrency(previous_limit)


def _holder_thread() -> threading.Thread:
    """A synchronous hash in another thread, returned once it holds its 24 MiB of the budget."""
    thread = threading.Thread(target=PasswordHasher(**HOLDER).hash, args=("holder",))
    thread.start()
    probe = PasswordHasher(**SMALL, budget_wait_ms=0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            probe.hash("probe")
        except BusyError:
            return thread
        time.sleep(0.005)
    thread.join()
    pytest.fail("the holder never held the budget")


def test_busy_error_is_both_a_hashing_and_a_verification_error():
    assert issubclass(BusyError, HashingError) and issubclass(BusyError, VerificationError)


def test_a_synchronous_call_fails_after_its_deadline_and_succeeds_once_there_is_room(small_budget):
    stored = PasswordHasher(**SMALL).hash("pw")  # made while the budget is free
    holder = _holder_thread()
    try:
        start = time.monotonic()
        with pytest.raises(BusyError):
            PasswordHasher(**SMALL, budget_wait_ms=150).hash("pw")
        waited = time.monotonic() - start
        with pytest.raises(BusyError):
            PasswordHasher(**SMALL, budget_wait_ms=0).verify(stored, "pw")
        with pytest.raises(BusyError):
            low_level.hash_secret_raw(b"pw", b"somesalt", 1, 16 * 1024, 1, 32, low_level.Type.ID, budget_wait_ms=0)
        with pytest.raises(BusyError):
            low_level.verify_secret(stored.encode(), b"pw", low_level.Type.ID, budget_wait_ms=0)
        still_holding = holder.is_alive()
    finally:
        holder.join()
    assert still_holding, "the holder ended during the checks: they proved nothing (make HOLDER longer)"
    assert waited >= 0.14, f"refused after {waited:.3f} s, before its 150 ms deadline"
    # Room again: the same calls compute.
    assert PasswordHasher(**SMALL, budget_wait_ms=0).verify(stored, "pw")


def test_the_process_wide_wait_applies_to_calls_that_set_none(small_budget):
    holder = _holder_thread()
    try:
        budget.set_wait_ms(0)
        with pytest.raises(BusyError):
            PasswordHasher(**SMALL).hash("pw")  # budget_wait_ms=None: the process's 0
        # A call's own wait wins over the process's.
        outcome = []
        waiter = threading.Thread(target=lambda: outcome.append(PasswordHasher(**SMALL, budget_wait_ms=budget.WAIT_FOREVER).hash("pw")))
        waiter.start()
        time.sleep(0.2)
        waiting = waiter.is_alive() and holder.is_alive()
    finally:
        holder.join()
    waiter.join()
    assert waiting, "the WAIT_FOREVER call ended while the holder ran"
    assert outcome and outcome[0].startswith("$argon2id$")


def test_an_awaited_call_that_cannot_start_by_its_deadline_leaves_the_queue(small_budget):
    async def main():
        holder = asyncio.ensure_future(PasswordHasher(**HOLDER).hash_async("holder"))
        await asyncio.sleep(0.05)  # the gate admits it at once: 24 of 32 MiB
        start = time.monotonic()
        late = asyncio.ensure_future(PasswordHasher(**SMALL, budget_wait_ms=200).hash_async("pw"))
        # Queued behind the 16 MiB head, and fitting beside the holder: it may start only
        # once the head has left the queue.
        behind = asyncio.ensure_future(PasswordHasher(time_cost=1, memory_cost=4 * 1024, parallelism=1).hash_async("pw"))
        with pytest.raises(BusyError):
            await late
        waited = time.monotonic() - start
        small_hash = await behind
        holder_running = not holder.done()
        await holder
        return waited, small_hash, holder_running

    waited, small_hash, holder_running = asyncio.run(main())
    assert holder_running, "the holder ended first: the queue was never tested (make HOLDER longer)"
    assert waited >= 0.19, f"refused after {waited:.3f} s, before its 200 ms deadline"
    assert small_hash.startswith("$argon2id$v=19$m=4096,t=1,p=1$")
    assert not aio._GATE._waiters and aio._GATE._running == 0


def test_an_admitted_awaited_call_gives_the_library_what_is_left_of_its_deadline(small_budget):
    # The holder is synchronous, in another thread: the gate does not see it, so the
    # awaited call starts at once and the library's own wait must end at the deadline.
    holder = _holder_thread()
    try:
        async def main():
            start = time.monotonic()
            with pytest.raises(BusyError):
                await PasswordHasher(**SMALL, budget_wait_ms=150).hash_async("pw")
            return time.monotonic() - start

        waited = asyncio.run(main())
        still_holding = holder.is_alive()
    finally:
        holder.join()
    assert still_holding, "the holder ended first (make HOLDER longer)"
    assert waited >= 0.14


def _outcome(fn) -> str:
    try:
        fn()
    except Exception as e:  # noqa: BLE001 (the type is the outcome)
        return type(e).__name__
    return "ok"


# As for every C uint32_t: 0 (fail fast) and 2**32-1 (WAIT_FOREVER) are valid.
EXPECTED = ["OverflowError", "ok", "ok", "OverflowError", "OverflowError", "TypeError"]


@pytest.mark.parametrize("call", [
    lambda ms: PasswordHasher(budget_wait_ms=ms),
    lambda ms: low_level.hash_secret_raw(b"pw", b"somesalt", 1, 8, 1, 8, low_level.Type.ID, budget_wait_ms=ms),
    lambda ms: low_level.hash_secret(b"pw", b"somesalt", 1, 8, 1, 8, low_level.Type.ID, budget_wait_ms=ms),
    lambda ms: low_level.verify_secret(
        low_level.hash_secret(b"pw", b"somesalt", 1, 8, 1, 8, low_level.Type.ID), b"pw", low_level.Type.ID,
        budget_wait_ms=ms),
    lambda ms: asyncio.run(aio.run(8, lambda: True, budget_wait_ms=ms)),
], ids=["PasswordHasher", "hash_secret_raw", "hash_secret", "verify_secret", "aio.run"])
def test_budget_wait_ms_follows_the_c_integer_rule_over_the_sweep(call):
    assert [_outcome(lambda: call(eval(v))) for v in SWEEP] == EXPECTED  # noqa: S307


def test_process_wide_setters_follow_the_c_integer_rule():
    previous_budget, previous_wait = budget.memory_budget(), budget.wait_ms()
    try:
        waits = [_outcome(lambda: budget.set_wait_ms(eval(v))) for v in SWEEP]  # noqa: S307
        budgets = [_outcome(lambda: budget.set_memory_budget(eval(v))) for v in SWEEP]  # noqa: S307
        budget.set_memory_budget(BUDGET)
        assert budget.memory_budget() == BUDGET
        budget.set_memory_budget(None)
        assert budget.memory_budget() is None
        budget.set_wait_ms(1234)
        assert budget.wait_ms() == 1234
        assert budget.set_wait_ms(budget.WAIT_PROCESS_DEFAULT) == 1234
        assert budget.wait_ms() == budget.WAIT_FOREVER
    finally:
        budget.set_memory_budget(previous_budget)
        budget.set_wait_ms(previous_wait)
    assert waits == EXPECTED
    assert budgets == ["OverflowError", "ok", "ok", "ok", "OverflowError", "TypeError"]
