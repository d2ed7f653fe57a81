"""Shared fixtures: the vectors file and cheap parameters so the suite stays fast."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
VECTORS = REPO_ROOT / "tests" / "vectors" / "argon2-vectors.json"


def load_vectors() -> list[dict]:
    return json.loads(VECTORS.read_text())["vectors"]


@pytest.fixture
def cheap_kwargs() -> dict:
    # Small enough to keep each hash around a millisecond, p > 1 to exercise lanes.
    return dict(time_cost=2, memory_cost=256, parallelism=2, hash_len=24, salt_len=12)
