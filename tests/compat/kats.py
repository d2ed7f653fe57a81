#!/usr/bin/env python3
"""Recomputes every tag of the reference's KAT files (kats/argon2{d,i,id}[_v16]) with
argon2_ctx from a libargon2.so.1 (ours), through ctypes, with the files' password, salt,
secret and associated data; prints the count and fails on any difference.

usage: kats.py LIBARGON2_SO KATS_DIR
"""
import ctypes
import re
import sys

lib = ctypes.CDLL(sys.argv[1])
u8p = ctypes.POINTER(ctypes.c_uint8)


class Context(ctypes.Structure):
    _fields_ = [("out", u8p), ("outlen", ctypes.c_uint32), ("pwd", u8p), ("pwdlen", ctypes.c_uint32),
                ("salt", u8p), ("saltlen", ctypes.c_uint32), ("secret", u8p), ("secretlen", ctypes.c_uint32),
                ("ad", u8p), ("adlen", ctypes.c_uint32), ("t_cost", ctypes.c_uint32), ("m_cost", ctypes.c_uint32),
                ("lanes", ctypes.c_uint32), ("threads", ctypes.c_uint32), ("version", ctypes.c_uint32),
                ("allocate_cbk", ctypes.c_void_p), ("free_cbk", ctypes.c_void_p), ("flags", ctypes.c_uint32)]


def buf(data):
    return (ctypes.c_uint8 * max(len(data), 1)).from_buffer_copy(data or b"\0")


def hexbytes(line):
    return bytes(int(x, 16) for x in line.split(":", 1)[1].split())


checked = failed = 0
for name, kind in [("argon2d", 0), ("argon2i", 1), ("argon2id", 2)]:
    for suffix, version in [("", 0x13), ("_v16", 0x10)]:
        text = open(f"{sys.argv[2]}/{name}{suffix}").read()
        m = re.search(r"Memory: (\d+) KiB, Iterations: (\d+), Parallelism: (\d+) lanes, Tag length: (\d+) bytes", text)
        m_cost, t_cost, lanes, outlen = map(int, m.groups())
        fields = {}
        for line in text.splitlines():
            for key in ("Password", "Salt", "Secret", "Associated data", "Tag"):
                if line.startswith(key + "[") or line.startswith(key + ":"):
                    fields[key] = hexbytes(line)
        out = (ctypes.c_uint8 * outlen)()
        pwd, salt, secret, ad = (buf(fields[k]) for k in ("Password", "Salt", "Secret", "Associated data"))
        ctx = Context(ctypes.cast(out, u8p), outlen, ctypes.cast(pwd, u8p), len(fields["Password"]),
                      ctypes.cast(salt, u8p), len(fields["Salt"]), ctypes.cast(secret, u8p), len(fields["Secret"]),
                      ctypes.cast(ad, u8p), len(fields["Associated data"]), t_cost, m_cost, lanes, lanes, version,
                      None, None, 0)
        rc = lib.argon2_ctx(ctypes.byref(ctx), kind)
        checked += 1
        if rc != 0 or bytes(out) != fields["Tag"]:
            failed += 1
            print(f"FAIL {name}{suffix}: status {rc}, tag {bytes(out).hex()} expected {fields['Tag'].hex()}")
print(f"KATs: {checked} checked, {checked - failed} passed, {failed} failed")
sys.exit(1 if failed or checked != 6 else 0)
