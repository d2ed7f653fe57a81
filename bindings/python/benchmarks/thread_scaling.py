"""Prints how long two threads hashing at once take compared with one (p = 1).

ctypes' CDLL releases the GIL during each library call, so with two free cores the
ratio should be near 1.0. For contrast the same call is made through ctypes' PyDLL,
which keeps the GIL and so serialises the threads (ratio near 2.0). The script only
prints: a timed assertion would flake on a shared machine, so the load average is
printed too, to read the figures against.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time

from argon2rs import _native

HASHES_PER_THREAD = 6
PARAMS = _native.make_params(2, 19, 16384, 2, 1, 32, 16)  # Argon2id, 16 MiB, t=2, p=1


def _hasher(lib: ctypes.CDLL):
    fn = lib.lh_argon2_hash_raw
    fn.restype = ctypes.c_int32
    salt = (ctypes.c_uint8 * 16)(*range(16))
    pwd = (ctypes.c_uint8 * 8)(*b"password")

    def hash_many() -> None:
        out = (ctypes.c_uint8 * 32)()
        for _ in range(HASHES_PER_THREAD):
            rc = fn(pwd, ctypes.c_size_t(8), salt, ctypes.c_size_t(16), ctypes.byref(PARAMS), out, ctypes.c_size_t(32))
            assert rc == _native.OK, rc

    return hash_many


def _wall_and_cpu(threads: int, hash_many) -> tuple[float, float]:
    workers = [threading.Thread(target=hash_many) for _ in range(threads)]
    wall, cpu = time.perf_counter(), time.process_time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - wall, time.process_time() - cpu


def _report(label: str, hash_many) -> None:
    hash_many()  # warm up: first allocation, page faults
    one, _ = min(_wall_and_cpu(1, hash_many) for _ in range(2))
    two, cpu = min(_wall_and_cpu(2, hash_many) for _ in range(2))
    print(f"   {label}: 1 thread {one * 1000:6.0f} ms, 2 threads {two * 1000:6.0f} ms (twice the work), "
          f"ratio {two / one:.2f}, CPU/wall with 2 threads {cpu / two:.2f}")


def _longest_stall(hash_many) -> tuple[float, float]:
    """(call time, longest pause of a Python loop in the main thread meanwhile).

    Whether the GIL is released shows here even when the machine has no free core:
    with it held, the main thread cannot run a bytecode until the call returns.
    """
    worker = threading.Thread(target=hash_many)
    longest, start = 0.0, time.perf_counter()
    worker.start()
    last = time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    return time.perf_counter() - start, longest


def main() -> None:
    print(f"== thread scaling: Argon2id m=16 MiB t=2 p=1, {HASHES_PER_THREAD} hashes per thread, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print("   (ratio 2 threads / 1 thread: 1.0 = fully parallel, 2.0 = serialised)")
    _report("argon2rs (CDLL, GIL released)", _hasher(_native.LIB))
    _report("contrast (PyDLL, GIL held)   ", _hasher(ctypes.PyDLL(_native.LIB._name)))
    for label, lib in [("CDLL", _native.LIB), ("PyDLL", ctypes.PyDLL(_native.LIB._name))]:
        total, stall = _longest_stall(_hasher(lib))
        print(f"   {label:5}: while another thread hashed for {total * 1000:.0f} ms, the main thread's "
              f"longest pause was {stall * 1000:.1f} ms")


if __name__ == "__main__":
    main()
