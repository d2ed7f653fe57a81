"""The exception hierarchy of argon2-cffi, plus two subclasses for what only this library refuses."""

from __future__ import annotations


class Argon2Error(Exception):
    """Base of the errors this package raises; args[0] is the library's message."""


class VerificationError(Argon2Error):
    """Verification failed for a reason other than (or in addition to) a wrong password."""


class VerifyMismatchError(VerificationError):
    """The hash is well formed but was not made from this password."""


class HashingError(Argon2Error):
    """Hashing failed: invalid parameters, or the library could not allocate or get randomness."""


class InvalidHashError(ValueError):
    """The string is not an Argon2 hash this package can read."""


# argon2-cffi's older name, kept so `except InvalidHash:` keeps working.
InvalidHash = InvalidHashError


class UnsupportedParametersError(ValueError):
    """Parameters this platform cannot use (kept for argon2-cffi compatibility; never raised here)."""


class UnreadableHashError(InvalidHashError, VerificationError):
    """libargon2rs refused to read the hash (bad format, Base64, parameters, keyid=).

    It is both an InvalidHashError and a VerificationError, so handlers written for
    either of argon2-cffi's behaviours catch it.
    """


class CostLimitExceededError(UnreadableHashError):
    """The stored hash asks for more memory, passes, lanes or work than the verify limits allow.

    argon2-cffi has no such limit; a hash this large is treated as hostile input.
    """


class BusyError(HashingError, VerificationError):
    """The memory budget did not admit the call within its wait deadline; nothing was computed.

    Raised by hashing and verifying alike (so it is both a HashingError and a
    VerificationError, and handlers written for either catch it). A service answers "try
    again later" (HTTP 503). See argon2rs.budget for the budget and the deadline.
    """
