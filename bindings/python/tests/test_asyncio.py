"""The awaitables never block the event loop, are bounded, and give the synchronous answers."""

from __future__ import annotations

import asyncio
import time

import pytest

import argon2rs
from argon2rs import PasswordHasher, aio
from argon2rs.exceptions import InvalidHashError, VerifyMismatchError

OWASP = dict(time_cost=2, memory_cost=19456, parallelism=1)  # 19 MiB, OWASP's minimum


async def _ticker(stop: asyncio.Event, gaps: list) -> None:
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


def _verify_sixteen_with_a_ticker(ph, attempts) -> tuple[list, float, float]:
    async def verify(h, p):
        try:
            return await ph.verify_async(h, p)
        except VerifyMismatchError:
            return False

    async def main():
        stop, gaps = asyncio.Event(), []
        ticker = asyncio.create_task(_ticker(stop, gaps))
        await asyncio.sleep(0.01)
        start = time.perf_counter()
        results = await asyncio.gather(*(verify(h, p) for h, p in attempts))
        elapsed = time.perf_counter() - start
        stop.set()
        await ticker
        return results, max(gaps), elapsed

    return asyncio.run(main())


def test_sixteen_verifications_of_19_mib_hashes_leave_the_loop_responsive_and_are_all_right():
    ph = PasswordHasher(**OWASP)
    passwords = [f"user {i} password" for i in range(16)]
    hashes = [ph.hash(p) for p in passwords]
    # Half right, half wrong: every answer is checked.
    attempts = [(h, p if i % 2 == 0 else p + "!") for i, (h, p) in enumerate(zip(hashes, passwords))]
    # Up to three runs, because on a machine busy with other work even a lone ticker
    # sometimes waits 20 ms for a CPU; the best run must stay under 20 ms. Verifying on the
    # loop's thread would fail every run (the control below shows the ticker sees it).
    gaps = []
    for _ in range(3):
        results, gap, elapsed = _verify_sixteen_with_a_ticker(ph, attempts)
        assert results == [i % 2 == 0 for i in range(16)]
        gaps.append(gap)
        print(f"16 verifications in {elapsed * 1000:.0f} ms; largest ticker gap {gap * 1000:.1f} ms; "
              f"at most {aio.peak_concurrency()} at once")
        if gap < 0.020:
            break
    assert min(gaps) < 0.020, gaps
    assert aio.peak_concurrency() <= aio.max_concurrency()


def test_control_the_ticker_sees_verifications_that_block_the_loop():
    ph = PasswordHasher(**OWASP)
    encoded = ph.hash("pw")

    async def main():
        stop, gaps = asyncio.Event(), []
        ticker = asyncio.create_task(_ticker(stop, gaps))
        await asyncio.sleep(0.01)
        start = time.perf_counter()
        # On the loop's thread, what the awaitables avoid, for at least 50 ms: longer
        # than the 20 ms the test above allows however fast one verification is (three
        # took 17 ms once G got faster, and this control failed on a fixed count).
        count = 0
        while count < 3 or time.perf_counter() - start < 0.050:
            ph.verify(encoded, "pw")
            count += 1
        blocked = time.perf_counter() - start
        await asyncio.sleep(0.005)
        stop.set()
        await ticker
        return max(gaps), blocked

    gap, blocked = asyncio.run(main())
    assert gap >= blocked * 0.9 and gap > 0.020, (gap, blocked)


def test_concurrency_is_bounded_and_waiters_hold_no_thread():
    ph = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1)
    previous = aio.set_max_concurrency(2)
    try:
        running, peak = [0], [0]
        real_verify = ph.verify

        def counting_verify(h, p, *, ad=None):
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            try:
                return real_verify(h, p, ad=ad)
            finally:
                running[0] -= 1

        encoded = ph.hash("pw")

        async def main():
            import threading

            before = threading.active_count()
            tasks = [asyncio.ensure_future(_verify_with(ph, counting_verify, encoded)) for _ in range(12)]
            await asyncio.sleep(0)
            results = await asyncio.gather(*tasks)
            return results, threading.active_count() - before

        results, new_threads = asyncio.run(main())
        assert results == [True] * 12
        assert peak[0] <= 2
        assert new_threads <= 2
    finally:
        aio.set_max_concurrency(previous)


async def _verify_with(ph, verify, encoded):
    return await aio.run(ph.memory_cost, lambda: verify(encoded, "pw"))


def test_a_cancelled_waiter_leaves_the_queue_and_the_bound_holds():
    ph = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    encoded = ph.hash("pw")
    previous = aio.set_max_concurrency(1)
    try:
        async def main():
            tasks = [asyncio.ensure_future(ph.verify_async(encoded, "pw")) for _ in range(6)]
            await asyncio.sleep(0)
            for t in tasks[1:4]:
                t.cancel()
            done = await asyncio.gather(*tasks, return_exceptions=True)
            # The gate is free again: a new call is admitted and answers.
            return done, await ph.verify_async(encoded, "pw")

        done, after = asyncio.run(main())
        assert done[0] is True and done[4] is True and done[5] is True
        assert all(isinstance(d, asyncio.CancelledError) for d in done[1:4])
        assert after is True
    finally:
        aio.set_max_concurrency(previous)


def test_async_answers_equal_the_synchronous_ones():
    ph = PasswordHasher(time_cost=1, memory_cost=64, parallelism=2, pepper=b"pepper")

    async def main():
        encoded = await ph.hash_async("pw", ad=b"user-1")
        assert await ph.verify_async(encoded, "pw", ad=b"user-1") is True
        with pytest.raises(VerifyMismatchError):
            await ph.verify_async(encoded, "pw", ad=b"user-2")
        with pytest.raises(InvalidHashError):
            await ph.verify_async("$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$!!!", "pw")
        assert await ph.check_needs_rehash_async(encoded) is False
        assert await PasswordHasher().check_needs_rehash_async(encoded) is True
        return encoded

    encoded = asyncio.run(main())
    assert ph.verify(encoded, "pw", ad=b"user-1") is True


def test_max_concurrency_is_checked_like_every_integer():
    with pytest.raises(OverflowError):
        aio.set_max_concurrency(-1)
    with pytest.raises(ValueError):
        aio.set_max_concurrency(0)
    with pytest.raises(TypeError):
        aio.set_max_concurrency(1.5)
    assert argon2rs.aio.max_concurrency() >= 1
