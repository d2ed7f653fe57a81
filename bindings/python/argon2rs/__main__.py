"""`python -m argon2rs`: how long one password verification takes here, for choosing parameters."""

from __future__ import annotations

import argparse
import sys
import time

from . import PasswordHasher, library_version, profiles
from ._password_hasher import (
    DEFAULT_HASH_LENGTH,
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_TIME_COST,
)

_PROFILE_NAMES = ["RFC_9106_LOW_MEMORY", "RFC_9106_HIGH_MEMORY", "PRE_21_2", "CHEAPEST"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m argon2rs",
        description="Time Argon2id password verification with libargon2rs.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("-n", type=int, default=100, help="number of verifications to time")
    parser.add_argument("-t", type=int, default=DEFAULT_TIME_COST, help="time cost (passes)")
    parser.add_argument("-m", type=int, default=DEFAULT_MEMORY_COST, help="memory cost (KiB)")
    parser.add_argument("-p", type=int, default=DEFAULT_PARALLELISM, help="parallelism (lanes)")
    parser.add_argument("-l", type=int, default=DEFAULT_HASH_LENGTH, help="tag length (bytes)")
    parser.add_argument(
        "--profile", choices=_PROFILE_NAMES, help="use a named profile (then -t, -m, -p, -l are ignored)"
    )
    args = parser.parse_args(argv)

    if args.profile:
        ph = PasswordHasher.from_parameters(getattr(profiles, args.profile))
    else:
        ph = PasswordHasher(time_cost=args.t, memory_cost=args.m, parallelism=args.p, hash_len=args.l)

    print(f"libargon2rs {library_version()}: timing {args.n} verifications of Argon2{ph.type.name.lower()}")
    print(f"  hash_len:    {ph.hash_len} bytes")
    print(f"  memory_cost: {ph.memory_cost} KiB")
    print(f"  parallelism: {ph.parallelism} lanes")
    print(f"  time_cost:   {ph.time_cost} passes")
    password = "a password to time"
    encoded = ph.hash(password)
    start = time.perf_counter()
    for _ in range(args.n):
        ph.verify(encoded, password)
    per_call = (time.perf_counter() - start) / args.n
    print(f"{per_call * 1000:.1f}ms per password verification")
    return 0


if __name__ == "__main__":
    sys.exit(main())
