"""What every peer offers the interop runner, and the two ways a peer can say no."""

from __future__ import annotations

from dataclasses import dataclass, field

VARIANTS = ("d", "i", "id")
TYPE_NUMBER = {"d": 0, "i": 1, "id": 2}


@dataclass(frozen=True)
class Case:
    """One set of Argon2 inputs. salt is used where the salt is chosen (raw, peer hashing)."""

    variant: str
    version: int
    t: int
    m: int
    p: int
    hash_len: int
    salt_len: int
    password: bytes
    password_label: str
    secret: bytes = b""
    ad: bytes = b""
    salt: bytes = field(default=b"")

    def label(self) -> str:
        extras = "".join(f"+{n}" for n, v in (("secret", self.secret), ("ad", self.ad)) if v)
        return (f"argon2{self.variant} v={self.version} m={self.m} t={self.t} p={self.p} "
                f"tag={self.hash_len} salt={self.salt_len} pw={self.password_label}{extras}")


class PeerRefused(Exception):
    """The peer returned an error, or has no way to do this at all."""


class Peer:
    """A peer implementation. Each method raises PeerRefused when the peer says no.

    limit() names the peer's documented policy that predicts a refusal: the runner
    records such a refusal as the peer's limit, and any other refusal as a failure.
    """

    name = "peer"

    def limit(self, op: str, case: Case) -> str | None:
        """op is 'hash' (peer makes an encoded hash), 'verify' or 'raw'."""
        return None

    def make_hash(self, case: Case) -> str:
        raise PeerRefused("cannot make encoded hashes")

    def make_default_hash(self, password: bytes) -> str:
        raise PeerRefused("has no default parameters")

    def verify(self, encoded: str, password: bytes) -> bool:
        """True for a match, False for a mismatch."""
        raise PeerRefused("cannot verify")

    def raw(self, case: Case) -> bytes:
        raise PeerRefused("cannot compute raw tags")
