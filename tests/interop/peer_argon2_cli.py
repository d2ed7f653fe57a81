"""The reference implementation's command-line tool (Debian's `argon2` package)."""

from __future__ import annotations

import subprocess

from peer import Case, Peer, PeerRefused

_VARIANT_FLAG = {"d": "-d", "i": "-i", "id": "-id"}


class Argon2Cli(Peer):
    name = "argon2 CLI"

    def limit(self, op: str, case: Case) -> str | None:
        if op == "verify":
            return "the argon2 CLI has no verify mode"
        if not case.password:
            return "the argon2 CLI refuses an empty password on stdin"
        if case.secret or case.ad:
            return "the argon2 CLI takes no secret or associated data"
        if b"\0" in case.salt:
            return "the argon2 CLI takes the salt as an argument (no NUL)"
        return None

    def _run(self, case: Case, output_flag: str) -> str:
        args = ["argon2", case.salt.decode("latin-1"), _VARIANT_FLAG[case.variant], "-t", str(case.t),
                "-k", str(case.m), "-p", str(case.p), "-l", str(case.hash_len),
                "-v", "10" if case.version == 16 else "13", output_flag]
        run = subprocess.run(args, input=case.password, capture_output=True, timeout=60)
        if run.returncode != 0:
            raise PeerRefused(f"argon2 CLI exit {run.returncode}: {run.stderr.decode(errors='replace').strip()}")
        return run.stdout.decode("ascii").strip()

    def make_hash(self, case: Case) -> str:
        return self._run(case, "-e")

    def make_default_hash(self, password: bytes) -> str:
        # Its defaults: Argon2i, t=3, m=4096 KiB, p=1, 32-byte tag.
        run = subprocess.run(["argon2", "default salt", "-e"], input=password, capture_output=True, timeout=60)
        if run.returncode != 0:
            raise PeerRefused(run.stderr.decode(errors="replace").strip())
        return run.stdout.decode("ascii").strip()

    def raw(self, case: Case) -> bytes:
        return bytes.fromhex(self._run(case, "-r"))
