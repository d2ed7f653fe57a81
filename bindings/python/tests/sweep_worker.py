"""Runs argument-sweep cases against one implementation (argon2rs or argon2-cffi) and prints
each outcome: `python sweep_worker.py argon2rs|argon2`, one case per stdin line as
`call|parameter|value expression`, one outcome per stdout line.

The address space is capped at 2 GiB, so a call that tries to allocate gigabytes fails
with MemoryError at once instead of taking the machine's memory.
"""

from __future__ import annotations

import importlib
import resource
import sys
import warnings

resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
impl = importlib.import_module(sys.argv[1])
Type = impl.Type
BASE_COSTS = dict(time_cost=1, memory_cost=8, parallelism=1, hash_len=4)
LOW_LEVEL = dict(secret=b"pw", salt=b"somesalt", **BASE_COSTS, type=Type.ID, version=19)
HASHER = dict(BASE_COSTS, salt_len=8)
# A hash every hasher must read (costs within every limit).
STORED = impl.PasswordHasher(1, 8, 1, 4, 8).hash("pw")


def outcome(fn) -> str:
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001 (the type is the outcome)
        return type(e).__name__
    return "ok:" + repr(result) if isinstance(result, bool) else "ok"


def hasher_outcomes(make) -> str:
    ctor = outcome(make)
    if ctor != "ok":
        return "ctor:" + ctor
    ph = make()
    steps = [("hash", lambda: ph.hash("pw")), ("verify", lambda: ph.verify(STORED, "pw")),
             ("rehash", lambda: ph.check_needs_rehash(STORED))]
    return " ".join(f"{name}:{outcome(fn)}" for name, fn in steps)


def run(call: str, param: str, value) -> str:
    if call in ("hash_secret", "hash_secret_raw", "verify_secret", "error_to_str"):
        fn = getattr(impl.low_level, call)
        if call == "error_to_str":
            return outcome(lambda: fn(value))
        if call == "verify_secret":
            kwargs = dict(hash=STORED.encode(), secret=b"pw", type=Type.ID)
            kwargs[param] = value
            return outcome(lambda: fn(**kwargs))
        kwargs = dict(LOW_LEVEL, **{param: value})
        return outcome(lambda: fn(**kwargs))
    if call in ("hash_password", "hash_password_raw"):
        kwargs = dict(password=b"pw", salt=b"somesalt", **BASE_COSTS, type=Type.ID)
        kwargs[param] = value
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return outcome(lambda: getattr(impl, call)(**kwargs))
    kwargs = dict(HASHER, **{param: value})
    if call == "PasswordHasher":
        return hasher_outcomes(lambda: impl.PasswordHasher(**kwargs))
    if call == "PasswordHasher.from_parameters":
        params = impl.Parameters(type=Type.ID, version=19, **kwargs)
        return hasher_outcomes(lambda: impl.PasswordHasher.from_parameters(params))
    raise SystemExit(f"unknown call {call}")


for line in sys.stdin:
    call, param, expression = line.rstrip("\n").split("|")
    value = eval(expression, {"Type": Type})  # noqa: S307 (our own case list)
    print(run(call, param, value), flush=True)
