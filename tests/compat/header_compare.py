#!/usr/bin/env python3
"""Compares compat/libargon2/include/argon2.h with Debian's /usr/include/argon2.h by what
they declare, not by their text: the same macro and enumerator names; every value,
sizeof and offsetof (a C program compiled against each header prints them, and the two
outputs must be equal); and every function prototype and callback typedef of the
reference, redeclared after including ours, must compile (C rejects a conflicting one).

usage: header_compare.py CC OUR_INCLUDE_DIR REFERENCE_HEADER
"""
import os
import re
import subprocess
import sys
import tempfile

cc, our_dir, reference = sys.argv[1:4]
ours_text = open(os.path.join(our_dir, "argon2.h")).read()
ref_text = open(reference).read()


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def macros(text):
    names = set(re.findall(r"^\s*#\s*define\s+(ARGON2_\w+)\b(?!\()", strip_comments(text), re.M))
    return names - {"ARGON2_H", "ARGON2_PUBLIC", "ARGON2_LOCAL"}


def enumerators(text):
    names = []
    for body in re.findall(r"typedef\s+enum\s+\w*\s*\{(.*?)\}", strip_comments(text), re.S):
        names += re.findall(r"(\w+)\s*=", body)
    return names


def declarations(text):
    text = strip_comments(text)
    protos = re.findall(r"ARGON2_PUBLIC\s+[^;]*\);", text, re.S)
    typedefs = re.findall(r"typedef\s+\w+\s*\(\*\w+\)\([^;]*\);", text, re.S)
    return typedefs + protos


checks = failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL:", what)


check(macros(ours_text) == macros(ref_text),
      f"macro names differ: {sorted(macros(ours_text) ^ macros(ref_text))}")
check(enumerators(ours_text) == enumerators(ref_text), "enumerator names or order differ")
fields = re.findall(r"^\s*(?:uint8_t\s*\*|uint32_t|allocate_fptr|deallocate_fptr)\s*(\w+);",
                    strip_comments(ref_text.split("typedef struct Argon2_Context")[1].split("}")[0]), re.M)
check(len(fields) == 18, f"the reference context has {len(fields)} fields, expected 18")

printer = ["#include <stddef.h>", "#include <stdio.h>", '#include "argon2.h"', "int main(void) {"]
for name in sorted(macros(ref_text)):
    if name == "ARGON2_MIN":
        continue
    printer.append(f'    printf("{name} %llu\\n", (unsigned long long)({name}));')
for name in enumerators(ref_text):
    printer.append(f'    printf("{name} %lld\\n", (long long)({name}));')
for field in fields:
    printer.append(f'    printf("{field} @%zu +%zu\\n", offsetof(argon2_context, {field}), '
                   f'sizeof(((argon2_context *)0)->{field}));')
for t in ["argon2_context", "argon2_type", "argon2_version", "argon2_error_codes", "allocate_fptr",
          "deallocate_fptr"]:
    printer.append(f'    printf("sizeof {t} %zu\\n", sizeof({t}));')
printer += ["    return 0;", "}"]

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "values.c")
    open(src, "w").write("\n".join(printer) + "\n")
    ref_dir = os.path.join(tmp, "ref")
    os.mkdir(ref_dir)
    with open(os.path.join(ref_dir, "argon2.h"), "w") as f:
        f.write(ref_text)
    outputs = []
    for include in (our_dir, ref_dir):
        exe = os.path.join(tmp, "values")
        subprocess.run([cc, "-std=c99", "-Wall", "-Werror", "-I", include, src, "-o", exe], check=True)
        outputs.append(subprocess.run([exe], check=True, capture_output=True, text=True).stdout)
    lines = outputs[1].splitlines()
    check(len(lines) > 80, f"only {len(lines)} values printed")
    for ours_line, ref_line in zip(outputs[0].splitlines(), lines):
        check(ours_line == ref_line, f"ours '{ours_line}' reference '{ref_line}'")
    # The reference's prototypes and callback typedefs, after ours: a conflict is an error.
    redeclare = os.path.join(tmp, "redeclare.c")
    decls = declarations(ref_text)
    check(len(decls) == 24, f"{len(decls)} reference declarations found, expected 22 functions + 2 typedefs")
    open(redeclare, "w").write('#include "argon2.h"\n' + "\n".join(decls) + "\nint main(void) { return 0; }\n")
    result = subprocess.run([cc, "-std=c11", "-Wall", "-Werror", "-I", our_dir, redeclare, "-o",
                             os.path.join(tmp, "redeclare")], capture_output=True, text=True)
    check(result.returncode == 0, "a reference declaration conflicts with ours:\n" + result.stderr)

print(f"{checks} checks, {checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
