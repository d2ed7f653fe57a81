"""The reference implementation, Debian's libargon2 (P-H-C/phc-winner-argon2), through ctypes."""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_uint8, c_uint32, c_void_p

from peer import TYPE_NUMBER, Case, Peer, PeerRefused

ARGON2_OK = 0
ARGON2_VERIFY_MISMATCH = -35
ARGON2_DEFAULT_FLAGS = 0


class Argon2Context(ctypes.Structure):
    # struct Argon2_Context in argon2.h
    _fields_ = [
        ("out", POINTER(c_uint8)), ("outlen", c_uint32),
        ("pwd", POINTER(c_uint8)), ("pwdlen", c_uint32),
        ("salt", POINTER(c_uint8)), ("saltlen", c_uint32),
        ("secret", POINTER(c_uint8)), ("secretlen", c_uint32),
        ("ad", POINTER(c_uint8)), ("adlen", c_uint32),
        ("t_cost", c_uint32), ("m_cost", c_uint32), ("lanes", c_uint32), ("threads", c_uint32),
        ("version", c_uint32),
        ("allocate_cbk", c_void_p), ("free_cbk", c_void_p),
        ("flags", c_uint32),
    ]


def _buf(data: bytes):
    return (c_uint8 * max(len(data), 1)).from_buffer_copy(data or b"\0")


class ReferenceC(Peer):
    name = "libargon2 (C)"

    def __init__(self) -> None:
        lib = ctypes.CDLL("libargon2.so.1")
        lib.argon2_hash.restype = c_int
        lib.argon2_hash.argtypes = [c_uint32, c_uint32, c_uint32, c_void_p, c_size_t, c_void_p, c_size_t,
                                    c_void_p, c_size_t, c_char_p, c_size_t, c_int, c_int]
        lib.argon2_verify.restype = c_int
        lib.argon2_verify.argtypes = [c_char_p, c_void_p, c_size_t, c_int]
        lib.argon2_ctx.restype = c_int
        lib.argon2_ctx.argtypes = [POINTER(Argon2Context), c_int]
        lib.argon2_error_message.restype = c_char_p
        self.lib = lib

    def _error(self, rc: int) -> PeerRefused:
        return PeerRefused(f"libargon2 error {rc}: {self.lib.argon2_error_message(rc).decode()}")

    def make_hash(self, case: Case) -> str:
        encoded = ctypes.create_string_buffer(1024)
        rc = self.lib.argon2_hash(case.t, case.m, case.p, case.password, len(case.password), case.salt,
                                  len(case.salt), None, case.hash_len, encoded, 1024,
                                  TYPE_NUMBER[case.variant], case.version)
        if rc != ARGON2_OK:
            raise self._error(rc)
        return encoded.value.decode("ascii")

    def make_default_hash(self, password: bytes) -> str:
        # The reference has no default set; RFC 9106's second recommendation is the common one.
        case = Case("id", 19, 3, 65536, 4, 32, 16, password, "", salt=b"reference salt16")
        return self.make_hash(case)

    def verify(self, encoded: str, password: bytes) -> bool:
        variant = encoded.split("$")[1].removeprefix("argon2")
        rc = self.lib.argon2_verify(encoded.encode("ascii"), password, len(password),
                                    TYPE_NUMBER.get(variant, 2))
        if rc == ARGON2_OK:
            return True
        if rc == ARGON2_VERIFY_MISMATCH:
            return False
        raise self._error(rc)

    def raw(self, case: Case) -> bytes:
        out = (c_uint8 * case.hash_len)()
        pwd, salt, secret, ad = (_buf(x) for x in (case.password, case.salt, case.secret, case.ad))
        ctx = Argon2Context(
            out, case.hash_len, pwd, len(case.password), salt, len(case.salt),
            secret if case.secret else None, len(case.secret), ad if case.ad else None, len(case.ad),
            case.t, case.m, case.p, case.p, case.version, None, None, ARGON2_DEFAULT_FLAGS,
        )
        rc = self.lib.argon2_ctx(ctypes.byref(ctx), TYPE_NUMBER[case.variant])
        if rc != ARGON2_OK:
            raise self._error(rc)
        return bytes(out)
