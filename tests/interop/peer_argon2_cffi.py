"""argon2-cffi from PyPI (which bundles the reference C code)."""

from __future__ import annotations

import argon2
from argon2.low_level import core, ffi, lib

from peer import Case, Peer, PeerRefused

_TYPE = {"d": argon2.Type.D, "i": argon2.Type.I, "id": argon2.Type.ID}


class Argon2Cffi(Peer):
    name = "argon2-cffi"

    def make_hash(self, case: Case) -> str:
        try:
            return argon2.low_level.hash_secret(case.password, case.salt, case.t, case.m, case.p,
                                                case.hash_len, _TYPE[case.variant], case.version).decode()
        except argon2.exceptions.HashingError as e:
            raise PeerRefused(str(e)) from None

    def make_default_hash(self, password: bytes) -> str:
        return argon2.PasswordHasher().hash(password)

    def verify(self, encoded: str, password: bytes) -> bool:
        try:
            return argon2.PasswordHasher().verify(encoded, password)
        except argon2.exceptions.VerifyMismatchError:
            return False
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError) as e:
            raise PeerRefused(f"{type(e).__name__}: {e}") from None

    def raw(self, case: Case) -> bytes:
        if not (case.secret or case.ad):
            return argon2.low_level.hash_secret_raw(case.password, case.salt, case.t, case.m, case.p,
                                                    case.hash_len, _TYPE[case.variant], case.version)
        # Pepper and associated data are only reachable through argon2_ctx (low_level.core).
        keep = [ffi.new("uint8_t[]", x or b"\0") for x in (case.password, case.salt, case.secret, case.ad)]
        out = ffi.new("uint8_t[]", case.hash_len)
        ctx = ffi.new("argon2_context *", dict(
            version=case.version, out=out, outlen=case.hash_len,
            pwd=keep[0], pwdlen=len(case.password), salt=keep[1], saltlen=len(case.salt),
            secret=keep[2] if case.secret else ffi.NULL, secretlen=len(case.secret),
            ad=keep[3] if case.ad else ffi.NULL, adlen=len(case.ad),
            t_cost=case.t, m_cost=case.m, lanes=case.p, threads=case.p,
            allocate_cbk=ffi.NULL, free_cbk=ffi.NULL, flags=lib.ARGON2_DEFAULT_FLAGS,
        ))
        rc = core(ctx, _TYPE[case.variant].value)
        if rc != 0:
            raise PeerRefused(argon2.low_level.error_to_str(rc))
        return bytes(ffi.buffer(out, case.hash_len))
