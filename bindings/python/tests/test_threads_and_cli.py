"""Several Python threads at once, and `python -m argon2rs`."""

from __future__ import annotations

import subprocess
import sys
import threading

from argon2rs import PasswordHasher


def test_threads_hashing_at_once_each_get_a_hash_of_their_own_password():
    ph = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    results, errors = {}, []

    def work(i: int) -> None:
        try:
            for n in range(5):
                password = f"thread {i} password {n}"
                encoded = ph.hash(password)
                results[(i, n)] = ph.verify(encoded, password) and not _verifies(ph, encoded, password + "x")
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 20 and all(results.values())


def _verifies(ph: PasswordHasher, encoded: str, password: str) -> bool:
    try:
        return ph.verify(encoded, password)
    except Exception:  # noqa: BLE001 (a mismatch is the expected answer)
        return False


def test_module_cli_prints_the_time_per_verification():
    run = subprocess.run(
        [sys.executable, "-m", "argon2rs", "-n", "3", "--profile", "CHEAPEST"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "memory_cost: 8 KiB" in run.stdout
    assert run.stdout.rstrip().endswith("ms per password verification")


def test_module_cli_takes_individual_parameters():
    run = subprocess.run(
        [sys.executable, "-m", "argon2rs", "-n", "2", "-t", "1", "-m", "64", "-p", "2", "-l", "16"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "parallelism: 2 lanes" in run.stdout and "hash_len:    16 bytes" in run.stdout
