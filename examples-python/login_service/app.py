"""A login service: FastAPI + SQLite, storing only Argon2id PHC strings made by argon2rs.

POST /register {"username", "password"} -> 201, or 409 if the name is taken.
POST /login    {"username", "password"} -> 200 {"rehashed": bool, "rehash_deferred": bool};
               401 for a wrong password or an unknown user (one answer for both); 500 and a
               log line when the stored hash is unreadable (malformed, or asking more than
               the verify limits).
Either answers 503 with Retry-After when the hash could not start within LOGIN_BUDGET_WAIT_MS
(argon2rs's memory budget wait: a flood is told to come back instead of queueing without end).
A successful login whose stored hash was made with other parameters than the configured
ones stores a fresh hash (rehash on login); if that hash cannot start in time, the login
still succeeds and the rehash waits for the next one ("rehash_deferred": true).

Configured by environment: LOGIN_DB (SQLite file), LOGIN_PROFILE (default | owasp |
cheapest), LOGIN_PEPPER (optional, hex), LOGIN_BUDGET_WAIT_MS (optional; unset: wait as
long as it takes). Run: uvicorn app:create_app --factory.
Hashing and verification are awaited (PasswordHasher.*_async), so they never block the
event loop; the SQLite statements are single-row lookups by primary key and run inline.
"""

from __future__ import annotations

import logging
import os
import sqlite3

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from argon2rs import Parameters, PasswordHasher, Type, profiles
from argon2rs.exceptions import BusyError, InvalidHashError, VerificationError, VerifyMismatchError

PROFILES = {
    "default": profiles.RFC_9106_LOW_MEMORY,  # Argon2id, m=64 MiB, t=3, p=4
    # OWASP's password-storage minimum: Argon2id, m=19 MiB, t=2, p=1.
    "owasp": Parameters(type=Type.ID, version=19, salt_len=16, hash_len=32, time_cost=2, memory_cost=19456,
                        parallelism=1),
    "cheapest": profiles.CHEAPEST,  # tests only
}
log = logging.getLogger("login_service")


class Credentials(BaseModel):
    username: str
    password: str


def _hasher() -> PasswordHasher:
    params = PROFILES[os.environ.get("LOGIN_PROFILE", "default")]
    pepper = os.environ.get("LOGIN_PEPPER")
    wait_ms = os.environ.get("LOGIN_BUDGET_WAIT_MS")
    return PasswordHasher(
        time_cost=params.time_cost, memory_cost=params.memory_cost, parallelism=params.parallelism,
        hash_len=params.hash_len, salt_len=params.salt_len, type=params.type,
        pepper=bytes.fromhex(pepper) if pepper else None,
        budget_wait_ms=int(wait_ms) if wait_ms else None,
    )


def _busy() -> HTTPException:
    return HTTPException(503, "busy, try again", headers={"Retry-After": "1"})


def create_app() -> FastAPI:
    ph = _hasher()
    db = sqlite3.connect(os.environ.get("LOGIN_DB", "users.sqlite3"), check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, phc TEXT NOT NULL)")
    # Unknown users are verified against this, so their answer takes as long as a real one.
    absent_user_hash = ph.hash(os.urandom(16))
    app = FastAPI(title="login service")

    @app.post("/register", status_code=201)
    async def register(c: Credentials) -> dict:
        try:
            phc = await ph.hash_async(c.password)
        except BusyError:
            raise _busy() from None
        try:
            db.execute("INSERT INTO users (username, phc) VALUES (?, ?)", (c.username, phc))
        except sqlite3.IntegrityError:
            raise HTTPException(409, "username taken") from None
        return {"username": c.username}

    @app.post("/login")
    async def login(c: Credentials) -> dict:
        row = db.execute("SELECT phc FROM users WHERE username = ?", (c.username,)).fetchone()
        stored = row[0] if row else absent_user_hash
        try:
            await ph.verify_async(stored, c.password)
        except VerifyMismatchError:
            raise HTTPException(401, "wrong username or password") from None
        except BusyError:  # before VerificationError, which it also is: nothing was computed
            raise _busy() from None
        except (InvalidHashError, VerificationError) as e:
            # The stored string is at fault, not the caller: say so in the log (never the password).
            log.error("login for user %r: stored hash unreadable: %s: %s", c.username, type(e).__name__, e)
            raise HTTPException(500, "internal error") from None
        if row is None:
            raise HTTPException(401, "wrong username or password")
        rehashed = deferred = False
        if await ph.check_needs_rehash_async(stored):
            try:
                fresh = await ph.hash_async(c.password)
            except BusyError:
                # The password was right: the login stands, and the next one rehashes.
                log.warning("login for user %r: rehash deferred (memory budget busy)", c.username)
                deferred = True
            else:
                # Only if nobody replaced it meanwhile (two concurrent logins of one user).
                db.execute("UPDATE users SET phc = ? WHERE username = ? AND phc = ?", (fresh, c.username, stored))
                rehashed = True
        return {"username": c.username, "rehashed": rehashed, "rehash_deferred": deferred}

    return app
