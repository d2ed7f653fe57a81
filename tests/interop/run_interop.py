"""Interop suite: hashes from every peer verify here, ours verify there, raw tags agree.

Directions, each counted per peer and variant:
  peer->us          the peer hashes; lh_argon2_verify says OK for the right password and
                    VERIFY_MISMATCH for a wrong one; lh_argon2_needs_rehash answers as
                    argon2-cffi's check_needs_rehash does
  peer->us default  the same for a hash made with the peer's own defaults
  us->peer          lh_argon2_hash's strings verify in the peer (and a wrong password does not)
  us->peer profile  the same for every LH_ARGON2_PROFILE_*
  raw us=peer       lh_argon2_hash_raw's tag (lh_argon2_hash_raw_ext's with a pepper or
                    associated data) equals the peer's raw output
Exits non-zero if any check fails. libargon2rs is driven through the Python binding's
ctypes declarations, i.e. through the same C calls a C program makes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "python"))

import argon2  # noqa: E402  (argon2-cffi: the reference answer for needs-rehash)

from argon2rs import _native as us  # noqa: E402
from cases import password_cases, raw_cases  # noqa: E402
from matrix import Matrix  # noqa: E402
from peer import TYPE_NUMBER, Case, Peer, PeerRefused  # noqa: E402
from peer_argon2_cffi import Argon2Cffi  # noqa: E402
from peer_argon2_cli import Argon2Cli  # noqa: E402
from peer_libsodium import Libsodium  # noqa: E402
from peer_passlib import Passlib  # noqa: E402
from peer_reference_c import ReferenceC  # noqa: E402

PROFILES = {0: "RFC9106_LOW_MEMORY", 1: "RFC9106_HIGH_MEMORY", 2: "OWASP", 3: "INTERACTIVE",
            4: "MODERATE", 5: "SENSITIVE", 6: "INSECURE_TEST_ONLY"}
# Above this, a profile is verified with the right password only: each call costs seconds.
WRONG_PASSWORD_MAX_M = 65536
_CFFI_TYPE = {"d": argon2.Type.D, "i": argon2.Type.I, "id": argon2.Type.ID}


def _params(case: Case) -> us.CParams:
    return us.make_params(TYPE_NUMBER[case.variant], case.version, case.m, case.t, case.p,
                          case.hash_len, case.salt_len)


def _variant_of(encoded: str) -> str:
    return encoded.split("$")[1].removeprefix("argon2")


def _rehash_hashers(case: Case | None) -> list[dict]:
    """PasswordHasher arguments to ask both sides about: defaults, cheapest, the case's own, t+1."""
    hashers = [dict(), dict(time_cost=1, memory_cost=8, parallelism=1, hash_len=32, salt_len=16)]
    if case is not None:
        same = dict(time_cost=case.t, memory_cost=case.m, parallelism=case.p, hash_len=case.hash_len,
                    salt_len=case.salt_len, type=_CFFI_TYPE[case.variant])
        hashers += [same, {**same, "time_cost": case.t + 1}]
    return hashers


def _our_params(hasher_kwargs: dict) -> us.CParams:
    """The lh_argon2_params equal to argon2.PasswordHasher(**hasher_kwargs)'s parameters."""
    ph = argon2.PasswordHasher(**hasher_kwargs)
    return us.make_params(ph.type.value, 19, ph.memory_cost, ph.time_cost, ph.parallelism,
                          ph.hash_len, ph.salt_len)


def check_we_read(encoded: str, password: bytes, case: Case | None) -> str | None:
    """None if we verify, mismatch and answer needs-rehash correctly; else what went wrong."""
    raw = encoded.encode("ascii")
    rc = us.verify(raw, password)
    if rc != us.OK:
        return f"our verify of the right password gave {rc} ({us.status_message(rc)}) for {encoded}"
    rc = us.verify(raw, password + b"!")
    if rc != us.ERR_VERIFY_MISMATCH:
        return f"our verify of a wrong password gave {rc}, not VERIFY_MISMATCH, for {encoded}"
    for kwargs in _rehash_hashers(case):
        theirs = argon2.PasswordHasher(**kwargs).check_needs_rehash(encoded)
        rc, ours = us.needs_rehash(raw, _our_params(kwargs))
        if rc != us.OK or ours != theirs:
            return f"needs_rehash({kwargs}) gave rc={rc} {ours}, argon2-cffi says {theirs}, for {encoded}"
    return None


def peer_to_us(peer: Peer, cases: list[Case], m: Matrix) -> None:
    for case in cases:
        direction, variant = "peer->us", f"argon2{case.variant}"
        reason = peer.limit("hash", case)
        if reason:
            m.limited(peer.name, direction, variant, reason)
            continue
        try:
            encoded = peer.make_hash(case)
        except PeerRefused as e:
            m.failed(peer.name, direction, variant, f"{case.label()}: peer refused to hash: {e}")
            continue
        problem = check_we_read(encoded, case.password, case)
        if problem:
            m.failed(peer.name, direction, variant, f"{case.label()}: {problem}")
        else:
            m.passed(peer.name, direction, variant)


def peer_default_to_us(peer: Peer, m: Matrix) -> None:
    for label, pw in [("ascii", b"correct horse battery staple"), ("utf8", "pässwörd".encode())]:
        try:
            encoded = peer.make_default_hash(pw)
        except PeerRefused as e:
            m.failed(peer.name, "peer->us default", "?", f"{label}: peer refused: {e}")
            continue
        variant = f"argon2{_variant_of(encoded)}"
        problem = check_we_read(encoded, pw, None)
        if problem:
            m.failed(peer.name, "peer->us default", variant, f"{label}: {problem}")
        else:
            m.passed(peer.name, "peer->us default", variant)


def check_they_read(peer: Peer, encoded: str, password: bytes, wrong_too: bool) -> str | None:
    try:
        if peer.verify(encoded, password) is not True:
            return f"the peer did not verify our {encoded}"
        if wrong_too and peer.verify(encoded, password + b"!") is not False:
            return f"the peer verified a wrong password against our {encoded}"
    except PeerRefused as e:
        return f"the peer refused our {encoded}: {e}"
    return None


def us_to_peer(peer: Peer, cases: list[Case], m: Matrix) -> None:
    for case in cases:
        direction, variant = "us->peer", f"argon2{case.variant}"
        rc, encoded = us.hash_encoded(case.password, _params(case))
        if rc != us.OK:
            m.failed(peer.name, direction, variant, f"{case.label()}: our hash failed: {rc}")
            continue
        reason = peer.limit("verify", case)
        if reason:
            m.limited(peer.name, direction, variant, reason)
            continue
        problem = check_they_read(peer, encoded, case.password, wrong_too=True)
        if problem:
            m.failed(peer.name, direction, variant, f"{case.label()}: {problem}")
        else:
            m.passed(peer.name, direction, variant)


def profile_hashes() -> list[tuple[str, us.CParams, str, bytes]]:
    """One of our hashes per profile (made once, verified by every peer)."""
    out = []
    for number, name in PROFILES.items():
        rc, params = us.profile_params(number)
        assert rc == us.OK, (name, rc)
        password = f"profile {name} pässword".encode()
        rc, encoded = us.hash_encoded(password, params)
        assert rc == us.OK, (name, rc)
        out.append((name, params, encoded, password))
    return out


def us_to_peer_profiles(peer: Peer, hashes, m: Matrix) -> None:
    for name, params, encoded, password in hashes:
        case = Case("id", 19, params.t_cost, params.m_cost, params.parallelism, params.hash_len,
                    params.salt_len, password, name)
        reason = peer.limit("verify", case)
        if reason:
            m.limited(peer.name, "us->peer profile", "argon2id", reason)
            continue
        problem = check_they_read(peer, encoded, password, wrong_too=params.m_cost <= WRONG_PASSWORD_MAX_M)
        if problem:
            m.failed(peer.name, "us->peer profile", "argon2id", f"{name}: {problem}")
        else:
            m.passed(peer.name, "us->peer profile", "argon2id")


def raw_equal(peer: Peer, cases: list[Case], m: Matrix) -> None:
    for case in cases:
        direction, variant = "raw us=peer", f"argon2{case.variant}"
        reason = peer.limit("raw", case)
        if reason:
            m.limited(peer.name, direction, variant, reason)
            continue
        rc, ours = us.hash_raw(case.password, case.salt, _params(case), secret=case.secret, ad=case.ad)
        try:
            theirs = peer.raw(case)
        except PeerRefused as e:
            m.failed(peer.name, direction, variant, f"{case.label()}: peer refused: {e}")
            continue
        if rc != us.OK or ours != theirs:
            m.failed(peer.name, direction, variant,
                     f"{case.label()}: ours rc={rc} {ours.hex()} != peer {theirs.hex()}")
        else:
            m.passed(peer.name, direction, variant)


def main() -> int:
    start = time.perf_counter()
    peers = [ReferenceC(), Argon2Cli(), Libsodium(), Argon2Cffi(), Passlib()]
    print(f"== interop: libargon2rs {us.library_version()} ({us.LIB._name}) against "
          + ", ".join(p.name for p in peers))
    m = Matrix()
    pw_cases, rw_cases = password_cases(), raw_cases()
    hashes = profile_hashes()
    for peer in peers:
        t0 = time.perf_counter()
        peer_to_us(peer, pw_cases, m)
        peer_default_to_us(peer, m)
        us_to_peer(peer, pw_cases, m)
        us_to_peer_profiles(peer, hashes, m)
        raw_equal(peer, rw_cases, m)
        print(f"   {peer.name}: done in {time.perf_counter() - t0:.1f}s")
    m.print()
    print(f"== interop finished in {time.perf_counter() - start:.1f}s: "
          + ("FAILED" if m.any_failed() else "every cell passed"))
    return 1 if m.any_failed() else 0


if __name__ == "__main__":
    sys.exit(main())
