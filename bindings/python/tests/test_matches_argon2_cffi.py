"""Same inputs, same outputs as argon2-cffi itself, and the same public names."""

from __future__ import annotations

import itertools

import pytest

argon2 = pytest.importorskip("argon2", reason="argon2-cffi is the reference these tests compare with")

import argon2rs  # noqa: E402
from argon2rs import exceptions  # noqa: E402

PASSWORDS = [b"password", "päss wörd ✓".encode(), b"\x00\x01\xfe\xff", b"with\x00nul", b""]
PARAM_SETS = [
    # (t, m, p, hash_len, salt)
    (1, 8, 1, 4, b"saltsalt"),
    (2, 64, 2, 16, b"a sixteen b salt"),
    (3, 96, 3, 33, b"an odd salt of 25 bytes!!"),
    (1, 256, 4, 64, bytes(range(40))),
]
TYPE_PAIRS = [(argon2.Type.D, argon2rs.Type.D), (argon2.Type.I, argon2rs.Type.I), (argon2.Type.ID, argon2rs.Type.ID)]
CASES = list(itertools.product(PASSWORDS, PARAM_SETS, TYPE_PAIRS, [16, 19]))


def _id(case):
    password, (t, m, p, hl, salt), (their, _), version = case
    return f"{their.name}-v{version}-t{t}m{m}p{p}l{hl}s{len(salt)}-pw{len(password)}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_hash_secret_and_hash_secret_raw_equal_argon2_cffi(case):
    password, (t, m, p, hash_len, salt), (their_type, our_type), version = case
    theirs = argon2.low_level.hash_secret(password, salt, t, m, p, hash_len, their_type, version)
    ours = argon2rs.low_level.hash_secret(password, salt, t, m, p, hash_len, our_type, version)
    assert ours == theirs
    assert argon2rs.low_level.hash_secret_raw(password, salt, t, m, p, hash_len, our_type, version) == (
        argon2.low_level.hash_secret_raw(password, salt, t, m, p, hash_len, their_type, version)
    )


@pytest.mark.parametrize("case", CASES[::3], ids=_id)
def test_each_verifies_the_others_hash(case):
    password, (t, m, p, hash_len, salt), (their_type, our_type), version = case
    theirs = argon2.low_level.hash_secret(password, salt, t, m, p, hash_len, their_type, version)
    assert argon2rs.low_level.verify_secret(theirs, password, our_type) is True
    with pytest.raises(exceptions.VerifyMismatchError):
        argon2rs.low_level.verify_secret(theirs, password + b"x", our_type)
    ours = argon2rs.PasswordHasher(t, m, p, hash_len, len(salt), type=our_type).hash(password)
    assert argon2.PasswordHasher().verify(ours, password) is True


def test_a_bool_cost_is_the_number_it_stands_for_as_in_argon2_cffi():
    args = (b"pw", b"somesalt", True, 8, True, 8)
    assert argon2rs.low_level.hash_secret(*args, argon2rs.Type.ID) == argon2.low_level.hash_secret(*args, argon2.Type.ID)


def test_password_hasher_with_a_salt_equals_argon2_cffi():
    kwargs = dict(time_cost=2, memory_cost=128, parallelism=2, hash_len=20, salt_len=10)
    for password in ["ascii", "ünïcode", b"\xff\x00"]:
        assert argon2rs.PasswordHasher(**kwargs).hash(password, salt=b"0123456789") == (
            argon2.PasswordHasher(**kwargs).hash(password, salt=b"0123456789")
        )


def test_default_hashes_cross_verify():
    ours, theirs = argon2rs.PasswordHasher(), argon2.PasswordHasher()
    assert theirs.verify(ours.hash("pw"), "pw")
    assert ours.verify(theirs.hash("pw"), "pw")
    assert ours.check_needs_rehash(theirs.hash("pw")) is False


HASHERS = [
    dict(),
    dict(time_cost=1, memory_cost=8, parallelism=1, hash_len=4, salt_len=8),
    dict(time_cost=2, memory_cost=64, parallelism=2, hash_len=16, salt_len=16, type_name="I"),
    dict(time_cost=2, memory_cost=64, parallelism=2, hash_len=16, salt_len=16, type_name="D"),
]


def _both(kwargs):
    kwargs = dict(kwargs)
    name = kwargs.pop("type_name", "ID")
    return (argon2.PasswordHasher(type=argon2.Type[name], **kwargs),
            argon2rs.PasswordHasher(type=argon2rs.Type[name], **kwargs))


@pytest.mark.parametrize("maker", range(len(HASHERS)))
@pytest.mark.parametrize("checker", range(len(HASHERS)))
def test_check_needs_rehash_and_extract_parameters_agree(maker, checker):
    kwargs = {**HASHERS[maker]}
    if not kwargs:
        kwargs = dict(time_cost=1, memory_cost=8, parallelism=1)  # cheap, but default lengths
    theirs_maker, _ = _both(kwargs)
    encoded = theirs_maker.hash("pw")
    theirs, ours = _both(HASHERS[checker])
    assert ours.check_needs_rehash(encoded) == theirs.check_needs_rehash(encoded)
    t, o = argon2.extract_parameters(encoded), argon2rs.extract_parameters(encoded)
    assert (o.type.value, o.version, o.salt_len, o.hash_len, o.time_cost, o.memory_cost, o.parallelism) == (
        t.type.value, t.version, t.salt_len, t.hash_len, t.time_cost, t.memory_cost, t.parallelism
    )


def test_profiles_equal_argon2_cffis():
    for name in ["RFC_9106_HIGH_MEMORY", "RFC_9106_LOW_MEMORY", "PRE_21_2", "CHEAPEST"]:
        t, o = getattr(argon2.profiles, name), getattr(argon2rs.profiles, name)
        for field in ["version", "salt_len", "hash_len", "time_cost", "memory_cost", "parallelism"]:
            assert getattr(o, field) == getattr(t, field), (name, field)
        assert o.type.value == t.type.value


@pytest.mark.parametrize(
    "bad",
    ["$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$!!!", "$md5$x", "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ"],
)
def test_malformed_hashes_raise_what_argon2_cffi_users_catch(bad):
    with pytest.raises(Exception) as theirs:
        argon2.PasswordHasher().verify(bad, "pw")
    with pytest.raises(Exception) as ours:
        argon2rs.PasswordHasher().verify(bad, "pw")
    # Whatever argon2-cffi raised, a handler for its class name also catches ours.
    assert type(theirs.value).__name__ in {b.__name__ for b in type(ours.value).__mro__}
