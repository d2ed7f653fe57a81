"""The promises of PasswordHasher, extract_parameters and the exceptions."""

from __future__ import annotations

import pytest

import argon2rs
from argon2rs import PasswordHasher, Type, extract_parameters, profiles
from argon2rs.exceptions import (
    CostLimitExceededError,
    HashingError,
    InvalidHash,
    InvalidHashError,
    VerificationError,
    VerifyMismatchError,
)


def test_defaults_are_rfc_9106_low_memory():
    ph = PasswordHasher()
    assert (ph.time_cost, ph.memory_cost, ph.parallelism, ph.hash_len, ph.salt_len, ph.type) == (
        3, 65536, 4, 32, 16, Type.ID
    )
    assert ph.encoding == "utf-8"


def test_default_hash_verifies_and_needs_no_rehash():
    ph = PasswordHasher()
    encoded = ph.hash("correct horse battery staple")
    assert encoded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert ph.verify(encoded, "correct horse battery staple") is True
    assert ph.check_needs_rehash(encoded) is False


@pytest.mark.parametrize("password", ["ascii", "päss wörd ✓", b"\x00bin\xff\x00", b"", ""])
def test_hash_accepts_str_and_bytes_and_verify_returns_true(cheap_kwargs, password):
    ph = PasswordHasher(**cheap_kwargs)
    encoded = ph.hash(password)
    assert isinstance(encoded, str)
    assert ph.verify(encoded, password) is True
    assert ph.verify(encoded.encode("ascii"), password) is True


def test_str_password_is_encoded_with_the_hashers_encoding(cheap_kwargs):
    latin = PasswordHasher(encoding="latin-1", **cheap_kwargs)
    encoded = latin.hash("é")
    assert latin.verify(encoded, "é".encode("latin-1"))
    with pytest.raises(VerifyMismatchError):
        PasswordHasher(**cheap_kwargs).verify(encoded, "é")


def test_wrong_password_raises_verify_mismatch_error_a_verification_error(cheap_kwargs):
    ph = PasswordHasher(**cheap_kwargs)
    encoded = ph.hash("right")
    with pytest.raises(VerifyMismatchError) as info:
        ph.verify(encoded, "wrong")
    assert isinstance(info.value, VerificationError)
    assert info.value.args[0]


@pytest.mark.parametrize("t", [Type.D, Type.I, Type.ID])
def test_verify_reads_the_type_from_the_hash(cheap_kwargs, t):
    encoded = PasswordHasher(type=t, **cheap_kwargs).hash("pw")
    assert PasswordHasher().verify(encoded, "pw") is True


def test_unknown_prefix_raises_invalid_hash_error():
    with pytest.raises(InvalidHashError):
        PasswordHasher().verify("$2b$12$notargon", "pw")
    assert InvalidHash is InvalidHashError


def test_malformed_hash_is_both_invalid_hash_and_verification_error():
    bad = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$!!!"
    with pytest.raises(InvalidHashError) as info:
        PasswordHasher().verify(bad, "pw")
    assert isinstance(info.value, VerificationError)
    assert not isinstance(info.value, VerifyMismatchError)


def test_keyid_hash_is_refused_not_mismatched():
    with pytest.raises(InvalidHashError):
        PasswordHasher().verify("$argon2id$v=19$m=64,t=1,p=1,keyid=AAAA$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", "pw")


def test_hash_asking_too_much_raises_cost_limit_exceeded_quickly():
    hostile = "$argon2id$v=19$m=4194304,t=100,p=32$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    with pytest.raises(CostLimitExceededError) as info:
        PasswordHasher().verify(hostile, "pw")
    assert isinstance(info.value, InvalidHashError) and isinstance(info.value, VerificationError)


@pytest.mark.parametrize(
    "kwargs", [dict(memory_cost=4), dict(time_cost=0), dict(parallelism=0), dict(hash_len=2), dict(salt_len=4)]
)
def test_invalid_parameters_raise_hashing_error_when_hashing(kwargs):
    ph = PasswordHasher(**kwargs)
    with pytest.raises(HashingError) as info:
        ph.hash("pw")
    assert info.value.args[0]


def test_wrong_parameter_types_raise_type_error():
    with pytest.raises(TypeError):
        PasswordHasher(time_cost="3")
    with pytest.raises(TypeError):
        PasswordHasher(type=2)


def test_hash_with_explicit_salt_is_deterministic(cheap_kwargs):
    ph = PasswordHasher(**cheap_kwargs)
    assert ph.hash("pw", salt=b"saltsalt") == ph.hash("pw", salt=b"saltsalt")
    assert ph.verify(ph.hash("pw", salt=b"saltsalt"), "pw")


def test_check_needs_rehash_notices_each_parameter(cheap_kwargs):
    base = PasswordHasher(**cheap_kwargs)
    encoded = base.hash("pw")
    assert base.check_needs_rehash(encoded) is False
    for name, value in [("time_cost", 3), ("memory_cost", 512), ("parallelism", 1), ("hash_len", 16),
                        ("salt_len", 16), ("type", Type.I)]:
        changed = PasswordHasher(**{**cheap_kwargs, name: value})
        assert changed.check_needs_rehash(encoded) is True, name
        assert changed.check_needs_rehash(encoded.encode("ascii")) is True, name


def test_check_needs_rehash_says_yes_for_version_0x10():
    old = argon2rs.low_level.hash_secret(b"pw", b"saltsalt", 1, 8, 1, 4, Type.ID, version=16).decode()
    assert PasswordHasher.from_parameters(profiles.CHEAPEST).check_needs_rehash(old) is True


def test_check_needs_rehash_refuses_a_malformed_hash():
    with pytest.raises(InvalidHashError):
        PasswordHasher().check_needs_rehash("$argon2id$nonsense")


def test_from_parameters_uses_every_field():
    ph = PasswordHasher.from_parameters(profiles.PRE_21_2)
    assert (ph.time_cost, ph.memory_cost, ph.parallelism, ph.hash_len, ph.salt_len) == (2, 102400, 8, 16, 16)


def test_extract_parameters_round_trips_a_hash(cheap_kwargs):
    ph = PasswordHasher(type=Type.I, **cheap_kwargs)
    params = extract_parameters(ph.hash("pw"))
    assert params == argon2rs.Parameters(
        type=Type.I, version=19, salt_len=12, hash_len=24, time_cost=2, memory_cost=256, parallelism=2
    )
    assert PasswordHasher.from_parameters(params).check_needs_rehash(ph.hash("x")) is False


def test_extract_parameters_reads_a_missing_version_as_0x10():
    encoded = argon2rs.low_level.hash_secret(b"pw", b"saltsalt", 1, 8, 1, 4, Type.I, version=16).decode()
    without_v = encoded.replace("$v=16", "")
    assert extract_parameters(without_v).version == 16
    assert PasswordHasher().verify(without_v, "pw")


def test_extract_parameters_raises_invalid_hash_error_for_garbage():
    for garbage in ["", "$argon2id$", "plain text", "$argon2id$v=19$m=8,t=1,p=1$é$AAAA"]:
        with pytest.raises(InvalidHashError):
            extract_parameters(garbage)


def test_profiles_have_argon2_cffis_names_and_values():
    assert profiles.get_default_parameters() == profiles.RFC_9106_LOW_MEMORY
    assert (profiles.RFC_9106_HIGH_MEMORY.memory_cost, profiles.RFC_9106_HIGH_MEMORY.time_cost) == (2097152, 1)
    assert (profiles.CHEAPEST.memory_cost, profiles.CHEAPEST.hash_len, profiles.CHEAPEST.salt_len) == (8, 4, 8)


def test_cheapest_profile_hashes_and_verifies():
    ph = PasswordHasher.from_parameters(profiles.CHEAPEST)
    assert ph.verify(ph.hash("pw"), "pw")


def test_low_level_verify_secret_refuses_a_hash_of_another_type():
    encoded = argon2rs.low_level.hash_secret(b"pw", b"saltsalt", 1, 8, 1, 8, Type.I)
    assert argon2rs.low_level.verify_secret(encoded, b"pw", Type.I) is True
    with pytest.raises(VerificationError):
        argon2rs.low_level.verify_secret(encoded, b"pw", Type.ID)


def test_low_level_hash_secret_raw_raises_hashing_error_for_a_short_salt():
    with pytest.raises(HashingError):
        argon2rs.low_level.hash_secret_raw(b"pw", b"short", 1, 8, 1, 8, Type.ID)


def test_verify_refuses_a_hash_with_an_embedded_nul():
    encoded = PasswordHasher.from_parameters(profiles.CHEAPEST).hash("pw")
    with pytest.raises(InvalidHashError):
        PasswordHasher().verify(encoded + "\x00junk", "pw")
