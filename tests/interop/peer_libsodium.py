"""libsodium's crypto_pwhash (Debian's libsodium), through ctypes."""

from __future__ import annotations

import ctypes
from ctypes import c_char_p, c_int, c_size_t, c_ulonglong, c_void_p

from peer import Case, Peer, PeerRefused

ALG = {"i": 1, "id": 2}  # crypto_pwhash_ALG_ARGON2I13, crypto_pwhash_ALG_ARGON2ID13
STRBYTES = 128


class Libsodium(Peer):
    name = "libsodium"

    def __init__(self) -> None:
        lib = ctypes.CDLL("libsodium.so.23")
        if lib.sodium_init() < 0:
            raise RuntimeError("sodium_init failed")
        lib.crypto_pwhash_str_alg.argtypes = [c_char_p, c_void_p, c_ulonglong, c_ulonglong, c_size_t, c_int]
        lib.crypto_pwhash_str_verify.argtypes = [c_char_p, c_void_p, c_ulonglong]
        lib.crypto_pwhash.argtypes = [c_void_p, c_ulonglong, c_void_p, c_ulonglong, c_char_p,
                                      c_ulonglong, c_size_t, c_int]
        lib.crypto_pwhash_argon2i_opslimit_min.restype = c_size_t
        lib.crypto_pwhash_bytes_min.restype = c_size_t
        self.lib = lib
        self.argon2i_min_t = lib.crypto_pwhash_argon2i_opslimit_min()
        self.min_tag = lib.crypto_pwhash_bytes_min()

    def limit(self, op: str, case: Case) -> str | None:
        if case.variant == "d":
            return "libsodium has no Argon2d"
        if case.version != 19:
            return "libsodium requires v=19"
        if case.hash_len < self.min_tag:
            return f"libsodium reads and makes tags of {self.min_tag} bytes or more"
        if op == "verify":
            return None
        if case.p != 1:
            return "libsodium hashes with p = 1 only"
        if case.variant == "i" and case.t < self.argon2i_min_t:
            return f"libsodium's Argon2i needs t >= {self.argon2i_min_t}"
        if case.secret or case.ad:
            return "libsodium takes no secret or associated data"
        if op == "hash" and (case.hash_len != 32 or case.salt_len != 16):
            return "libsodium's strings have a 16-byte salt and a 32-byte tag"
        if op == "raw" and case.salt_len != 16:
            return "libsodium's crypto_pwhash takes a 16-byte salt only"
        return None

    def make_hash(self, case: Case) -> str:
        out = ctypes.create_string_buffer(STRBYTES)
        rc = self.lib.crypto_pwhash_str_alg(out, case.password, len(case.password), case.t,
                                            case.m * 1024, ALG.get(case.variant, -1))
        if rc != 0:
            raise PeerRefused(f"crypto_pwhash_str_alg returned {rc}")
        return out.value.decode("ascii")

    def make_default_hash(self, password: bytes) -> str:
        # crypto_pwhash_str with the INTERACTIVE limits (Argon2id, t=2, 64 MiB).
        return self.make_hash(Case("id", 19, 2, 65536, 1, 32, 16, password, ""))

    def verify(self, encoded: str, password: bytes) -> bool:
        # libsodium answers -1 both for a mismatch and for a string it refuses.
        return self.lib.crypto_pwhash_str_verify(encoded.encode("ascii"), password, len(password)) == 0

    def raw(self, case: Case) -> bytes:
        out = ctypes.create_string_buffer(case.hash_len)
        rc = self.lib.crypto_pwhash(out, case.hash_len, case.password, len(case.password), case.salt,
                                    case.t, case.m * 1024, ALG.get(case.variant, -1))
        if rc != 0:
            raise PeerRefused(f"crypto_pwhash returned {rc}")
        return out.raw
