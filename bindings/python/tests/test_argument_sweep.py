"""Every integer parameter of every public function and class, over -1, 0, 2**32-1, 2**32,
2**64 and a non-integer, raises the exception type argon2-cffi raises for the same call
(argon2-cffi 25.1 installed in the test venv is the oracle), except where listed below.

Each implementation runs the cases in a child process whose address space is capped, so
calls that allocate gigabytes fail fast; a call still running after a few seconds (2**32-1
passes) is recorded as "runs" (both accept the value and compute).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("argon2", reason="argon2-cffi is the oracle of this sweep")

VALUES = ["-1", "0", "2**32-1", "2**32", "2**64", "1.5"]
INT_PARAMETERS = {
    "hash_secret": ["time_cost", "memory_cost", "parallelism", "hash_len", "version"],
    "hash_secret_raw": ["time_cost", "memory_cost", "parallelism", "hash_len", "version"],
    "error_to_str": ["error"],
    "PasswordHasher": ["time_cost", "memory_cost", "parallelism", "hash_len", "salt_len"],
    "PasswordHasher.from_parameters": ["time_cost", "memory_cost", "parallelism", "hash_len", "salt_len"],
    "hash_password": ["time_cost", "memory_cost", "parallelism", "hash_len"],
    "hash_password_raw": ["time_cost", "memory_cost", "parallelism", "hash_len"],
}
# Byte and enum arguments: wrong types.
TYPE_CASES = [
    ("hash_secret_raw", "secret", v) for v in ("3", "'pw'", "bytearray(b'pw')", "memoryview(b'pw')", "None")
] + [
    ("hash_secret", "salt", v) for v in ("'somesalt'", "None", "8")
] + [
    ("hash_secret", "type", "2"), ("verify_secret", "type", "2"), ("verify_secret", "hash", "'$argon2id$'"),
    ("verify_secret", "secret", "'pw'"), ("verify_secret", "hash", "bytearray(b'$argon2id$')"),
    ("hash_secret", "time_cost", "True"),
]

_CFFI_RAW_HASH_LEN_ALLOC = (
    "argon2-cffi allocates the output (ffi.new) before calling C: 4 GiB here, MemoryError under the "
    "sweep's 2 GiB cap (without a cap it allocates and computes a 4 GiB tag); argon2rs converts "
    "hash_len to uint32_t first (OverflowError); at 2**32-1, a valid raw tag length, both allocate"
)
_CFFI_SALT_ALLOC = (
    "argon2-cffi draws the salt with os.urandom(salt_len) first (4 GiB here: MemoryError under the cap); "
    "argon2rs lets the library draw it and refuse a salt over 1024 bytes"
)
_VERSION = ("the reference library hashes any version number other than 16 as version 19 (and writes "
            "it into the string); libargon2rs accepts only 16 and 19")
_TYPE_ENUM = "argon2-cffi reads type.value and so raises AttributeError; argon2rs checks the type first"
# (call, parameter, value) -> (argon2rs's outcome, why it differs from argon2-cffi's)
DIFFERENCES = {
    ("hash_secret", "version", "0"): ("HashingError", _VERSION),
    ("hash_secret_raw", "version", "0"): ("HashingError", _VERSION),
    ("hash_secret_raw", "version", "2**32-1"): ("HashingError", _VERSION),
    ("hash_secret_raw", "hash_len", "2**32"): ("OverflowError", _CFFI_RAW_HASH_LEN_ALLOC),
    ("hash_password_raw", "hash_len", "2**32"): ("OverflowError", _CFFI_RAW_HASH_LEN_ALLOC),
    ("hash_secret", "type", "2"): ("TypeError", _TYPE_ENUM),
    ("verify_secret", "type", "2"): ("TypeError", _TYPE_ENUM),
}
for _call in ("PasswordHasher", "PasswordHasher.from_parameters"):
    DIFFERENCES[(_call, "salt_len", "2**32-1")] = ("hash:HashingError verify:ok:True rehash:ok:True", _CFFI_SALT_ALLOC)
    DIFFERENCES[(_call, "salt_len", "2**32")] = ("hash:OverflowError verify:ok:True rehash:ok:True", _CFFI_SALT_ALLOC)

CASES = [(call, param, value) for call, params in INT_PARAMETERS.items() for param in params for value in VALUES]
CASES += TYPE_CASES
TIMEOUT_S = 3.0


class Worker:
    """One implementation's child process; restarted after a case that keeps running."""

    def __init__(self, module: str):
        self.module = module
        self.proc = None

    def _start(self):
        script = Path(__file__).with_name("sweep_worker.py")
        self.proc = subprocess.Popen([sys.executable, str(script), self.module], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)

    def send(self, case) -> None:
        if self.proc is None:
            self._start()
        self.proc.stdin.write("|".join(case) + "\n")
        self.proc.stdin.flush()

    def receive(self, deadline: float) -> str:
        import selectors
        import time

        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if sel.select(max(0.0, deadline - time.monotonic())):
                line = self.proc.stdout.readline()
                if line:
                    return line.strip()
                return "worker died: " + str(self.proc.wait())
        self.close()
        return "runs"

    def close(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def _outcomes() -> dict:
    import time

    ours, theirs = Worker("argon2rs"), Worker("argon2")
    results = {}
    try:
        for case in CASES:
            # Both at once: a case that runs costs one timeout, not two.
            ours.send(case)
            skip_oracle = case in DIFFERENCES
            if not skip_oracle:
                theirs.send(case)
            deadline = time.monotonic() + TIMEOUT_S
            our = ours.receive(deadline)
            their = None if skip_oracle else theirs.receive(deadline)
            results[case] = (our, their)
    finally:
        ours.close()
        theirs.close()
    return results


@pytest.fixture(scope="module")
def outcomes() -> dict:
    return _outcomes()


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(c))
def test_argument_outcome_matches_argon2_cffi(outcomes, case):
    ours, theirs = outcomes[case]
    if case in DIFFERENCES:
        expected, _reason = DIFFERENCES[case]
        assert ours == expected
    else:
        assert ours == theirs


def test_nothing_wraps_a_cost_out_of_range_is_refused_not_hashed_with_the_remainder():
    import argon2rs

    with pytest.raises(OverflowError):
        argon2rs.PasswordHasher(time_cost=2**32 + 1, memory_cost=8, parallelism=1).hash("pw")
    with pytest.raises(OverflowError):
        argon2rs.low_level.hash_secret(b"pw", b"somesalt", 2**32 + 1, 8, 1, 8, argon2rs.Type.ID)
