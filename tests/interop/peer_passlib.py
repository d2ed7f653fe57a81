"""passlib's argon2 handler from PyPI (argon2-cffi as its backend)."""

from __future__ import annotations

from passlib.hash import argon2 as passlib_argon2

from peer import Case, Peer, PeerRefused


class Passlib(Peer):
    name = "passlib"

    def limit(self, op: str, case: Case) -> str | None:
        if op == "raw":
            return "passlib has no raw-tag API"
        if op == "hash" and case.version != 19:
            return "passlib hashes with its backend's newest version (v=19) only"
        if op == "hash" and case.hash_len < 16:
            return "passlib's digest_size is at least 16"
        return None

    def make_hash(self, case: Case) -> str:
        try:
            handler = passlib_argon2.using(type=case.variant, rounds=case.t, memory_cost=case.m,
                                           parallelism=case.p, salt_size=case.salt_len,
                                           digest_size=case.hash_len)
            return handler.hash(case.password)
        except (ValueError, TypeError) as e:
            raise PeerRefused(str(e)) from None

    def make_default_hash(self, password: bytes) -> str:
        return passlib_argon2.hash(password)

    def verify(self, encoded: str, password: bytes) -> bool:
        try:
            return passlib_argon2.verify(password, encoded)
        except (ValueError, TypeError) as e:
            raise PeerRefused(f"{type(e).__name__}: {e}") from None
