"""Every shared conformance vector, through the Python API."""

from __future__ import annotations

import pytest

import argon2rs
from argon2rs import _native
from argon2rs.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2rs.low_level import Type

from conftest import load_vectors

VECTORS = load_vectors()
_TYPE = {"argon2d": Type.D, "argon2i": Type.I, "argon2id": Type.ID}


def _outcome_of_verify(encoded: str, password: bytes) -> str:
    try:
        argon2rs.PasswordHasher().verify(encoded, password)
        return "ok"
    except VerifyMismatchError:
        return "mismatch"
    except InvalidHashError:
        return "invalid"


def test_the_vector_file_is_not_empty():
    assert len(VECTORS) >= 100


@pytest.mark.parametrize("v", [v for v in VECTORS if v["kind"] == "raw-tag"], ids=lambda v: v["id"])
def test_raw_tag_vectors_give_the_expected_tag(v):
    password, salt = bytes.fromhex(v["password_hex"]), bytes.fromhex(v["salt_hex"])
    secret, ad = bytes.fromhex(v.get("secret_hex") or ""), bytes.fromhex(v.get("ad_hex") or "")
    if secret or ad:
        # The public API has no pepper/AD (nor has argon2-cffi's); the binding's C layer does.
        params = _native.make_params(
            _TYPE[v["variant"]].value, v["version"], v["m"], v["t"], v["p"], v["tag_len"], len(salt)
        )
        rc, tag = _native.hash_raw(password, salt, params, secret=secret, ad=ad)
        assert rc == _native.OK
    else:
        tag = argon2rs.low_level.hash_secret_raw(
            password, salt, v["t"], v["m"], v["p"], v["tag_len"], _TYPE[v["variant"]], v["version"]
        )
    assert tag.hex() == v["tag_hex"]


@pytest.mark.parametrize("v", [v for v in VECTORS if v["kind"] != "raw-tag"], ids=lambda v: v["id"])
def test_encoded_vectors_verify_with_an_accepted_outcome(v):
    outcome = _outcome_of_verify(v["encoded"], bytes.fromhex(v["password_hex"]))
    assert outcome in v["accept"], f"{v['id']}: {outcome}, accepted {v['accept']} ({v.get('note', '')})"


@pytest.mark.parametrize("v", [v for v in VECTORS if v["kind"] == "encoded-invalid"], ids=lambda v: v["id"])
def test_invalid_vectors_are_never_reported_as_a_wrong_password(v):
    if "invalid" not in v["accept"]:
        pytest.skip("the vector also accepts another outcome")
    with pytest.raises((InvalidHashError, VerificationError)) as info:
        argon2rs.PasswordHasher().verify(v["encoded"], bytes.fromhex(v["password_hex"]))
    assert not isinstance(info.value, VerifyMismatchError) or "mismatch" in v["accept"]
