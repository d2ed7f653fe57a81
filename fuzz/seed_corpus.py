#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/: the encoded
strings of the shared conformance vectors (tests/vectors/argon2-vectors.json) and a few
parameter sets. Input layouts are those read by fuzz/src/checks.rs. Re-run after the
vectors change. The files named by a full SHA-1 are fuzzer finds, merged in with
`<target binary> -merge=1 fuzz/corpus/<target> build/fuzz-corpus/<target>`."""
import hashlib
import json
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
ALGORITHMS = {"argon2d": 0, "argon2i": 1, "argon2id": 2}


def params(algorithm, version, m, t, p, hash_len, salt_len):
    return struct.pack("<7I", algorithm, version, m, t, p, hash_len, salt_len)


def write(target, data):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    (directory / name).write_bytes(data)


def main():
    vectors = json.loads((ROOT / "tests" / "vectors" / "argon2-vectors.json").read_text())["vectors"]
    cheap = params(2, 19, 8, 1, 1, 32, 16)
    for vector in vectors:
        encoded = vector.get("encoded")
        if not isinstance(encoded, str):
            continue
        raw = encoded.encode("utf-8", "surrogateescape")
        for target in ("verify", "decode"):
            write(target, b"\x00" + raw)
        write("needs_rehash", cheap + b"\x00" + raw)
    for target in ("verify", "decode"):
        write(target, b"\x01")  # the valid base string, unedited
        write(target, b"\x01\x03\x10\x00\x0a")  # one token spliced in
    write("needs_rehash", cheap + b"\x01")
    small = [
        params(2, 19, 8, 1, 1, 32, 16),
        params(0, 16, 64, 2, 2, 4, 8),
        params(1, 19, 32, 3, 4, 64, 32),
        params(2, 19, 0, 1, 1, 32, 16),
        params(2, 19, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF),
        params(2, 19, 1 << 24, 1, 1, 1024, 1024),
    ]
    for p in small:
        for cap in (0, 10, 120, 299):
            write("hash", p + b"\x00" + b"\x00" + struct.pack("<H", cap) + b"password")
            write("hash_raw", p + b"\x00" + b"\x10" + struct.pack("<H", cap) + b"somesaltsomesaltpassword")
        write("hash", p + b"\x00" + b"\xff" + struct.pack("<H", 0) + b"size query")
        write("hash", p + b"\x01" + b"\x00" + struct.pack("<H", 200) + b"")


if __name__ == "__main__":
    main()
