"""Tallies results per peer x direction x variant and prints them; failures keep their detail."""

from __future__ import annotations

from collections import Counter, defaultdict


class Matrix:
    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
        self.failures: list[str] = []
        self.limits: Counter = Counter()

    def passed(self, peer: str, direction: str, variant: str) -> None:
        self.cells[(peer, direction, variant)]["pass"] += 1

    def failed(self, peer: str, direction: str, variant: str, what: str) -> None:
        self.cells[(peer, direction, variant)]["fail"] += 1
        self.failures.append(f"{peer} | {direction} | {what}")

    def limited(self, peer: str, direction: str, variant: str, reason: str) -> None:
        self.cells[(peer, direction, variant)]["limit"] += 1
        self.limits[(peer, reason)] += 1

    def any_failed(self) -> bool:
        return bool(self.failures)

    def print(self) -> None:
        header = f"{'peer':<15} {'direction':<22} {'variant':<9} {'pass':>5} {'fail':>5} {'limit':>6}"
        print("== interop matrix (limit = the peer refuses by its own policy, not attempted; not our failure)")
        print(header)
        print("-" * len(header))
        total = Counter()
        for (peer, direction, variant), c in sorted(self.cells.items()):
            mark = "  FAIL" if c["fail"] else ""
            print(f"{peer:<15} {direction:<22} {variant:<9} {c['pass']:>5} {c['fail']:>5} {c['limit']:>6}{mark}")
            total.update(c)
        print("-" * len(header))
        print(f"{'total':<48} {total['pass']:>5} {total['fail']:>5} {total['limit']:>6}")
        if self.limits:
            print("== peer limits recorded (the peer's policy, not a libargon2rs failure)")
            for (peer, reason), n in sorted(self.limits.items()):
                print(f"   {peer}: {reason} ({n} checks)")
        if self.failures:
            print(f"== {len(self.failures)} FAILURES")
            for line in self.failures[:50]:
                print(f"   {line}")
