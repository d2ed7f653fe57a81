"""The inputs every peer is tried with: passwords, parameter sets, versions, pepper and AD."""

from __future__ import annotations

import itertools

from peer import VARIANTS, Case

PASSWORDS = [
    ("ascii", b"correct horse battery staple"),
    ("utf8", "päss wörd ✓ 密码".encode("utf-8")),
    ("binary", bytes([0x80, 0xFF, 0xFE, 0x01, 0x7F, 0xC3])),
    ("nul", b"before\x00after"),
    ("empty", b""),
]

# (t, m KiB, p, tag bytes, salt bytes): small memory keeps the suite fast; together
# they cover p > 1, short and long tags and salts, and libsodium's fixed shape.
PARAMETER_SETS = [
    (1, 8, 1, 32, 16),
    (2, 64, 2, 16, 8),
    (3, 256, 4, 64, 32),
    (1, 1024, 1, 24, 16),
    (3, 4096, 1, 32, 16),
    (2, 96, 3, 12, 20),
]
# Version 0x10 is tried on these sets (indices into PARAMETER_SETS).
V10_SETS = [0, 2]

EXTRAS = [("secret", b"pepper: the server's key", b""), ("ad", b"", b"assoc data"),
          ("both", b"k" * 40, b"x" * 32)]


def salt_of(length: int) -> bytes:
    # Printable ASCII, so the CLI (salt on its command line) can take it too.
    return (b"NaCl-salt/0123456789abcdefghijklmnopqrstuvwxyz" * 30)[:length]


def _case(variant, version, params, label, password, secret=b"", ad=b""):
    t, m, p, hash_len, salt_len = params
    return Case(variant, version, t, m, p, hash_len, salt_len, password, label, secret, ad, salt_of(salt_len))


def password_cases() -> list[Case]:
    """Every variant x parameter set (x version 0x10 where chosen) x password."""
    out = []
    for variant, (i, params), (label, pw) in itertools.product(VARIANTS, enumerate(PARAMETER_SETS), PASSWORDS):
        out.append(_case(variant, 19, params, label, pw))
        if i in V10_SETS:
            out.append(_case(variant, 16, params, label, pw))
    return out


def raw_cases() -> list[Case]:
    """password_cases plus pepper and associated data on two parameter sets."""
    out = password_cases()
    for variant, params, (label, secret, ad), version in itertools.product(
        VARIANTS, PARAMETER_SETS[1:3], EXTRAS, (19, 16)
    ):
        out.append(_case(variant, version, params, "ascii", PASSWORDS[0][1], secret, ad))
    return out
