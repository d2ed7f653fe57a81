"""Load test of the login service: starts it under uvicorn on 127.0.0.1, registers users,
logs in from N concurrent httpx clients for a bounded time, checks every answer, and prints
p50 / p99 latency, logins per second and the server's peak RSS.

Phases:
 1. The server runs with the cheapest parameters; users register (so their hashes are cheap).
    One user's stored hash is then corrupted in the database.
 2. The server restarts with --profile: each user's first successful login must rehash
    ("rehashed": true, and the stored string then has the new parameters), later ones not.
 3. For --seconds, each client logs in over and over: the right password (expect 200), a
    wrong one (401), an unknown user (401), the corrupted user (500, and the server must
    log a line for it). Any other answer, or a request that fails, is an error: exit 1.
    With --budget-wait-ms the server bounds how long a hash may wait to start, and a 503
    ("busy", with Retry-After) is a right answer too: the run then fails unless some
    requests were answered 503 and some 200 (the deadline must be seen to work), and a
    login whose rehash could not start ("rehash_deferred") must rehash on a later login.

python load.py --profile owasp --clients 8 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
BROKEN_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$!!not base64!!"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, profile: str, log: Path, budget_wait_ms: int | None = None):
        self.port = _free_port()
        env = dict(os.environ, LOGIN_DB=str(db), LOGIN_PROFILE=profile)
        env.pop("LOGIN_BUDGET_WAIT_MS", None)
        if budget_wait_ms is not None:
            env["LOGIN_BUDGET_WAIT_MS"] = str(budget_wait_ms)
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app:create_app", "--factory", "--app-dir", str(HERE),
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", "--no-access-log"],
            env=env, stdout=self.log, stderr=self.log,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    async def ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient() as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise SystemExit(f"the server exited with {self.proc.returncode}")
                try:
                    await client.get(self.url + "/docs", timeout=1)
                    return
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
        raise SystemExit("the server did not start in time")

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _password(i: int) -> str:
    return f"password of user {i} ✓"


async def _register(url: str, users: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for i in range(users):
            r = await client.post("/register", json={"username": f"user{i}", "password": _password(i)})
            assert r.status_code == 201, (r.status_code, r.text)
        r = await client.post("/register", json={"username": "user0", "password": "again"})
        assert r.status_code == 409, r.status_code
        r = await client.post("/register", json={"username": "broken", "password": "x"})
        assert r.status_code == 201


async def _run_clients(url: str, clients: int, users: int, seconds: float, busy_allowed: bool) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    counts = {"ok": 0, "rehashed": 0, "rehash_deferred": 0, "wrong": 0, "unknown": 0, "broken": 0, "busy": 0}
    rehashed_users: set[int] = set()
    deadline = time.monotonic() + seconds

    async def client_loop(c: int, client: httpx.AsyncClient) -> None:
        n = 0
        while time.monotonic() < deadline:
            i = (c + n * clients) % users
            kind = ("ok", "ok", "wrong", "ok", "unknown", "ok", "ok", "broken")[n % 8] if n else "ok"
            n += 1
            name, password, expect = {
                "ok": (f"user{i}", _password(i), 200),
                "wrong": (f"user{i}", _password(i) + "!", 401),
                "unknown": (f"nobody{i}", "whatever", 401),
                "broken": ("broken", "x", 500),
            }[kind]
            start = time.perf_counter()
            try:
                r = await client.post("/login", json={"username": name, "password": password})
            except httpx.HTTPError as e:
                errors.append(f"{kind} {name}: {type(e).__name__}: {e}")
                continue
            latencies.append(time.perf_counter() - start)
            if busy_allowed and r.status_code == 503 and kind != "broken":
                # The corrupted hash is refused before any memory is asked for: never busy.
                if r.headers.get("retry-after") != "1":
                    errors.append(f"{kind} {name}: 503 without Retry-After")
                counts["busy"] += 1
                continue
            if r.status_code != expect:
                errors.append(f"{kind} {name}: expected {expect}, got {r.status_code} {r.text[:100]}")
                continue
            counts[kind] += 1
            if kind == "ok":
                rehashed, deferred = r.json()["rehashed"], r.json()["rehash_deferred"]
                if deferred:
                    if not busy_allowed or rehashed or i in rehashed_users:
                        errors.append(f"user{i}: rehash deferred without a deadline, or when not needed")
                    counts["rehash_deferred"] += 1
                    continue
                # Exactly the first successful login of a user rehashes (each user is
                # always served by the same client, so logins of one user never overlap).
                if rehashed:
                    if i in rehashed_users:
                        errors.append(f"user{i}: rehashed twice (the fresh hash was not stored)")
                    counts["rehashed"] += 1
                    rehashed_users.add(i)
                elif i not in rehashed_users:
                    errors.append(f"user{i}: first successful login did not rehash")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        started = time.monotonic()
        await asyncio.gather(*(client_loop(c, client) for c in range(clients)))
        elapsed = time.monotonic() - started
    return dict(latencies=latencies, errors=errors, counts=counts, elapsed=elapsed,
                rehashed_users=rehashed_users)


def _stored_params(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT phc FROM users WHERE username != 'broken'").fetchall()
    return {row[0].split("$")[3] for row in rows}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="default", choices=["default", "owasp", "cheapest"])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--users", type=int, default=0, help="users registered (default: 4 per client)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--budget-wait-ms", type=int, default=None,
                        help="the server's memory budget wait (LOGIN_BUDGET_WAIT_MS); 503 then counts as right")
    args = parser.parse_args()
    users = args.users or 4 * args.clients
    with tempfile.TemporaryDirectory() as tmp:
        db, log = Path(tmp) / "users.sqlite3", Path(tmp) / "server.log"
        server = Server(db, "cheapest", log)
        try:
            await server.ready()
            await _register(server.url, users)
        finally:
            server.stop()
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE users SET phc = ? WHERE username = 'broken'", (BROKEN_HASH,))
        server = Server(db, args.profile, log, args.budget_wait_ms)
        busy_allowed = args.budget_wait_ms is not None
        try:
            await server.ready()
            result = await _run_clients(server.url, args.clients, users, args.seconds, busy_allowed)
            rss = server.peak_rss_mib()
        finally:
            server.stop()
        server_log = log.read_text(errors="replace")
        errors = result["errors"]
        if result["counts"]["broken"] and "stored hash unreadable" not in server_log:
            errors.append("the server answered 500 for the corrupted hash but logged no line for it")
        if "Traceback" in server_log:
            errors.append("the server logged a traceback:\n" + server_log[-2000:])
        # Every user that logged in now has a hash with the profile's parameters.
        expected = {"default": "m=65536,t=3,p=4", "owasp": "m=19456,t=2,p=1", "cheapest": "m=8,t=1,p=1"}[args.profile]
        logged_in = result["rehashed_users"]
        with sqlite3.connect(db) as conn:
            for i in logged_in:
                phc = conn.execute("SELECT phc FROM users WHERE username = ?", (f"user{i}",)).fetchone()[0]
                if phc.split("$")[3] != expected:
                    errors.append(f"user{i} logged in but still has {phc.split('$')[3]}")
    lat = sorted(result["latencies"])
    answered = len(lat)
    logins = result["counts"]["ok"]
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    wait = "none" if args.budget_wait_ms is None else f"{args.budget_wait_ms} ms"
    print(f"== login service under load: profile {args.profile}, {args.clients} clients, {users} users, "
          f"{result['elapsed']:.1f} s, budget wait {wait}, load average {os.getloadavg()[0]:.1f}")
    print("| profile | clients | budget wait | requests | successful logins/s | busy (503) | p50 ms | p99 ms "
          "| server peak RSS MiB | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.profile} | {args.clients} | {wait} | {answered} | {logins / result['elapsed']:.1f} | "
          f"{result['counts']['busy']} | {p(0.50):.1f} | {p(0.99):.1f} | {rss:.0f} | {len(errors)} |")
    print(f"answers: {result['counts']} (mean {statistics.mean(lat) * 1000 if lat else 0:.1f} ms); "
          f"{len(logged_in)} users rehashed on their first login")
    for e in errors[:20]:
        print("ERROR:", e)
    if not logins or not result["counts"]["wrong"]:
        print("ERROR: too few requests to check (raise --seconds)")
        return 1
    if busy_allowed and not result["counts"]["busy"]:
        print("ERROR: no request was answered 503: the deadline was never reached (lower --budget-wait-ms "
              "or raise --clients)")
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
