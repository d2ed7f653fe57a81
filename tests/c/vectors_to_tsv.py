#!/usr/bin/env python3
"""Flattens the conformance vectors (JSON) into tab-separated lines for the C test,
so that C needs no JSON parser. Columns: id kind accept variant version m t p
password_hex salt_hex secret_hex ad_hex tag_len tag_hex encoded."""
import json
import sys

COLUMNS = ["id", "kind", "accept", "variant", "version", "m", "t", "p", "password_hex",
           "salt_hex", "secret_hex", "ad_hex", "tag_len", "tag_hex", "encoded"]


def cell(vector, column):
    value = vector.get(column)
    if column == "accept":
        value = ",".join(value)
    text = "" if value is None else str(value)
    if "\t" in text or "\n" in text:
        raise SystemExit(f"{vector['id']}: {column} holds a tab or newline")
    return text


def main(source, target):
    with open(source, encoding="utf-8") as f:
        vectors = json.load(f)["vectors"]
    with open(target, "w", encoding="utf-8") as out:
        for vector in vectors:
            out.write("\t".join(cell(vector, c) for c in COLUMNS) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
