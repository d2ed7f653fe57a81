"""Prints argon2rs's and argon2-cffi's verify time at the default profile, measured side by side.

Each round times one verification with each library, alternating which goes first, so
both see the same machine load; the medians and their ratio are printed (no assertion:
timings on a shared machine only mean something as a ratio from the same run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import argon2

import argon2rs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    ours, theirs = argon2rs.PasswordHasher(), argon2.PasswordHasher()
    password = "correct horse battery staple"
    # Each verifies the other's hash too, so the figures are for the same kind of work.
    ours_hash, theirs_hash = ours.hash(password), theirs.hash(password)
    assert ours.verify(theirs_hash, password) and theirs.verify(ours_hash, password)
    times = {"argon2rs": [], "argon2-cffi": []}
    for i in range(args.rounds):
        pair = [("argon2rs", ours, ours_hash), ("argon2-cffi", theirs, theirs_hash)]
        for name, hasher, encoded in pair if i % 2 == 0 else reversed(pair):
            start = time.perf_counter()
            hasher.verify(encoded, password)
            times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(t) * 1000 for name, t in times.items()}
    print(f"== verify at the default profile (Argon2id, m=64 MiB, t=3, p=4), {args.rounds} rounds, "
          f"load average {os.getloadavg()[0]:.1f}")
    for name, ms in med.items():
        print(f"  {name:12s} median {ms:7.1f} ms")
    print(f"  argon2-cffi / argon2rs = {med['argon2-cffi'] / med['argon2rs']:.2f}")


if __name__ == "__main__":
    main()
