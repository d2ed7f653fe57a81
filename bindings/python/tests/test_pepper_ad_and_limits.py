"""Pepper (Argon2's secret K), associated data and verify limits, from PasswordHasher and the
low-level functions; a PasswordHasher always verifies the hashes it makes."""

from __future__ import annotations

import pytest

import argon2rs
from argon2rs import Limits, PasswordHasher, Type
from argon2rs.exceptions import CostLimitExceededError, HashingError, VerificationError, VerifyMismatchError


@pytest.mark.parametrize("kwargs", [dict(time_cost=40, memory_cost=8, parallelism=1),
                                    dict(time_cost=1, memory_cost=17 * 8, parallelism=17),
                                    dict(time_cost=33, memory_cost=8, parallelism=1)])
def test_a_hasher_verifies_its_own_hashes_beyond_the_default_limits(kwargs):
    ph = PasswordHasher(**kwargs)
    encoded = ph.hash("pw")
    assert ph.verify(encoded, "pw") is True
    # Another hasher with the default limits treats the same string as too costly.
    with pytest.raises(CostLimitExceededError):
        PasswordHasher().verify(encoded, "pw")


def test_limits_set_on_the_hasher_refuse_costlier_stored_hashes_before_computing():
    stored = PasswordHasher(time_cost=3, memory_cost=64, parallelism=1).hash("pw")
    strict = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, limits=Limits(max_time_cost=2))
    with pytest.raises(CostLimitExceededError):
        strict.verify(stored, "pw")
    assert strict.limits.max_time_cost == 2


def test_limits_that_would_refuse_the_hashers_own_hashes_are_a_value_error():
    with pytest.raises(ValueError):
        PasswordHasher(time_cost=3, memory_cost=64, parallelism=1, limits=Limits(max_time_cost=2))
    with pytest.raises(ValueError):
        PasswordHasher(time_cost=3, memory_cost=64, parallelism=1, limits=Limits(max_work=100))


def test_low_level_verify_takes_limits():
    stored = argon2rs.low_level.hash_secret(b"pw", b"somesalt", 3, 64, 1, 16, Type.ID)
    assert argon2rs.low_level.verify_secret(stored, b"pw", Type.ID, limits=Limits(max_time_cost=3)) is True
    for limits in (Limits(max_time_cost=2), Limits(max_memory_cost=32), Limits(max_work=191)):
        with pytest.raises(CostLimitExceededError):
            argon2rs.low_level.verify_secret(stored, b"pw", Type.ID, limits=limits)


def test_limits_fields_are_checked_like_every_integer():
    with pytest.raises(OverflowError):
        Limits(max_time_cost=-1)
    with pytest.raises(OverflowError):
        Limits(max_memory_cost=2**32)
    with pytest.raises(TypeError):
        Limits(max_parallelism=1.5)
    with pytest.raises(ValueError):
        Limits(max_work=0)
    with pytest.raises(TypeError):
        argon2rs.low_level.verify_secret(b"$argon2id$", b"pw", Type.ID, limits={"max_time_cost": 3})
    assert Limits.default() == Limits(2 * 1024 * 1024, 32, 16, 4 * 1024 * 1024)


def test_a_peppered_hash_verifies_only_with_the_same_pepper():
    peppered = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, pepper=b"server secret")
    encoded = peppered.hash("pw")
    assert peppered.verify(encoded, "pw") is True
    for other in (PasswordHasher(time_cost=1, memory_cost=64, parallelism=1),
                  PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, pepper=b"server secreT")):
        with pytest.raises(VerifyMismatchError):
            other.verify(encoded, "pw")
    # The pepper is not in the string.
    assert "server" not in encoded and argon2rs.extract_parameters(encoded).time_cost == 1


def test_associated_data_binds_the_hash_to_its_context():
    ph = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, pepper=b"k")
    encoded = ph.hash("pw", ad=b"user-42")
    assert ph.verify(encoded, "pw", ad=b"user-42") is True
    for ad in (None, b"user-43"):
        with pytest.raises(VerifyMismatchError):
            ph.verify(encoded, "pw", ad=ad)
    assert ph.hash("pw", salt=b"somesalt", ad=b"user-42") != ph.hash("pw", salt=b"somesalt")


def test_long_associated_data_is_bound_and_wrong_types_are_refused():
    ph = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    # LH_ARGON2_AD_MAX is 2**32 - 1, as in the reference library (it was 32 bytes).
    ad = bytes(range(256)) * 16
    encoded = ph.hash("pw", ad=ad)
    assert ph.verify(encoded, "pw", ad=ad)
    with pytest.raises(VerificationError):
        ph.verify(encoded, "pw", ad=ad[:-1])
    with pytest.raises(TypeError):
        PasswordHasher(pepper="not bytes")
    with pytest.raises(TypeError):
        argon2rs.low_level.hash_secret_raw(b"pw", b"somesalt", 1, 8, 1, 8, Type.ID, ad=bytearray(b"x"))


@pytest.mark.parametrize("pepper,ad", [(b"pepper", b""), (b"", b"ad data"), (b"\x00k\xff", b"both")])
def test_low_level_pepper_and_ad_tags_equal_the_reference_c_code(pepper, ad):
    # argon2-cffi reaches the reference C code's secret and ad only through argon2_ctx.
    argon2 = pytest.importorskip("argon2")
    from argon2.low_level import core, ffi, lib

    password, salt, t, m, p, n = b"password", b"somesalt", 2, 64, 2, 32
    keep = [ffi.new("uint8_t[]", x or b"\0") for x in (password, salt, pepper, ad)]
    out = ffi.new("uint8_t[]", n)
    ctx = ffi.new("argon2_context *", dict(
        version=19, out=out, outlen=n, pwd=keep[0], pwdlen=len(password), salt=keep[1], saltlen=len(salt),
        secret=keep[2] if pepper else ffi.NULL, secretlen=len(pepper), ad=keep[3] if ad else ffi.NULL,
        adlen=len(ad), t_cost=t, m_cost=m, lanes=p, threads=p, allocate_cbk=ffi.NULL, free_cbk=ffi.NULL,
        flags=lib.ARGON2_DEFAULT_FLAGS,
    ))
    assert core(ctx, argon2.Type.ID.value) == 0
    ours = argon2rs.low_level.hash_secret_raw(password, salt, t, m, p, n, Type.ID, pepper=pepper, ad=ad)
    assert ours == bytes(ffi.buffer(out, n))
    encoded = argon2rs.low_level.hash_secret(password, salt, t, m, p, n, Type.ID, pepper=pepper, ad=ad)
    assert argon2rs.low_level.verify_secret(encoded, password, Type.ID, pepper=pepper, ad=ad) is True


SWEEP = ["-1", "0", "2**32-1", "2**32", "2**64", "1.5"]
# The rule argon2-cffi applies to its C integers, for the parameters it does not have.
EXPECTED_UINT32 = ["OverflowError", "ValueError", "ok", "OverflowError", "OverflowError", "TypeError"]
EXPECTED_UINT64 = ["OverflowError", "ValueError", "ok", "ok", "OverflowError", "TypeError"]


def _outcome(fn) -> str:
    try:
        fn()
    except Exception as e:  # noqa: BLE001 (the type is the outcome)
        return type(e).__name__
    return "ok"


@pytest.mark.parametrize("field", ["max_memory_cost", "max_time_cost", "max_parallelism", "max_work"])
def test_limit_fields_follow_the_c_integer_rule_over_the_sweep(field):
    expected = EXPECTED_UINT64 if field == "max_work" else EXPECTED_UINT32
    assert [_outcome(lambda: Limits(**{field: eval(v)})) for v in SWEEP] == expected  # noqa: S307


def test_max_concurrency_follows_the_c_integer_rule_over_the_sweep():
    previous = argon2rs.aio.max_concurrency()
    try:
        outcomes = [_outcome(lambda: argon2rs.aio.set_max_concurrency(eval(v))) for v in SWEEP if v != "2**32-1"]  # noqa: S307
    finally:
        argon2rs.aio.set_max_concurrency(previous)
    assert outcomes == ["OverflowError", "ValueError", "OverflowError", "OverflowError", "TypeError"]
