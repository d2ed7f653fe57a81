//! Every shared conformance vector, run through the exported C functions.

use std::ffi::CString;
use std::path::Path;

use argon2rs::*;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/argon2-vectors.json");
    let file: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    file["vectors"].as_array().unwrap().clone()
}

fn hex(v: &Value, field: &str) -> Vec<u8> {
    let text = v[field].as_str().unwrap_or("");
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn algorithm(name: &str) -> u32 {
    match name {
        "argon2d" => LH_ARGON2_D,
        "argon2i" => LH_ARGON2_I,
        "argon2id" => LH_ARGON2_ID,
        other => panic!("unknown variant {other}"),
    }
}

fn outcome(status: lh_argon2_status) -> &'static str {
    match status {
        LH_ARGON2_OK => "ok",
        LH_ARGON2_ERR_VERIFY_MISMATCH => "mismatch",
        LH_ARGON2_ERR_INTERNAL => "internal error",
        s if s < 0 => "invalid",
        _ => "not a status",
    }
}

fn options_with(secret: &[u8], ad: &[u8]) -> lh_argon2_options {
    let mut options = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to writable storage.
    assert_eq!(
        unsafe { lh_argon2_options_init_sized(options.as_mut_ptr(), std::mem::size_of::<lh_argon2_options>()) },
        LH_ARGON2_OK
    );
    // SAFETY: initialised by lh_argon2_options_init_sized.
    let mut options = unsafe { options.assume_init() };
    options.secret = secret.as_ptr();
    options.secret_len = secret.len();
    options.ad = ad.as_ptr();
    options.ad_len = ad.len();
    options
}

#[test]
fn vendored_vectors_are_identical_to_the_shared_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/vectors/argon2-vectors.json");
    match std::fs::read(&shared) {
        Ok(bytes) => assert!(
            bytes == std::fs::read(root.join("tests/vectors/argon2-vectors.json")).unwrap(),
            "tests/vectors/argon2-vectors.json differs from ../shared: copy it again"
        ),
        Err(_) => eprintln!("note: {} not present; using the vendored copy", shared.display()),
    }
}

#[test]
fn raw_tag_vectors_match_byte_for_byte() {
    let mut checked = 0;
    for v in vectors().iter().filter(|v| v["kind"] == "raw-tag") {
        let params = lh_argon2_params {
            algorithm: algorithm(v["variant"].as_str().unwrap()),
            version: v["version"].as_u64().unwrap() as u32,
            m_cost: v["m"].as_u64().unwrap() as u32,
            t_cost: v["t"].as_u64().unwrap() as u32,
            parallelism: v["p"].as_u64().unwrap() as u32,
            hash_len: v["tag_len"].as_u64().unwrap() as u32,
            salt_len: 0,
        };
        let (pwd, salt, secret, ad) =
            (hex(v, "password_hex"), hex(v, "salt_hex"), hex(v, "secret_hex"), hex(v, "ad_hex"));
        let options = options_with(&secret, &ad);
        let mut out = vec![0xAAu8; params.hash_len as usize + 8];
        // SAFETY: every buffer is valid for its length.
        let status = unsafe {
            lh_argon2_hash_raw_ext(
                pwd.as_ptr(),
                pwd.len(),
                salt.as_ptr(),
                salt.len(),
                &params,
                &options,
                out.as_mut_ptr(),
                out.len(),
            )
        };
        assert_eq!(status, LH_ARGON2_OK, "{}", v["id"]);
        assert_eq!(out[..params.hash_len as usize], hex(v, "tag_hex")[..], "{}", v["id"]);
        assert!(out[params.hash_len as usize..].iter().all(|&b| b == 0), "bytes past the tag were zeroed");
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} raw-tag vectors");
}

#[test]
fn encoded_vectors_verify_with_an_accepted_outcome() {
    let mut checked = 0;
    let mut differs_from_recommended = Vec::new();
    for v in vectors().iter().filter(|v| v["kind"] != "raw-tag") {
        let id = v["id"].as_str().unwrap();
        let encoded = CString::new(v["encoded"].as_str().unwrap()).unwrap();
        let pwd = hex(v, "password_hex");
        let options = options_with(&hex(v, "secret_hex"), &hex(v, "ad_hex"));
        // SAFETY: a NUL-terminated string and valid buffers.
        let status = unsafe { lh_argon2_verify_ext(encoded.as_ptr(), pwd.as_ptr(), pwd.len(), &options) };
        let got = outcome(status);
        let accept: Vec<&str> = v["accept"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert!(accept.contains(&got), "{id}: got {got} ({status}), accept {accept:?}");
        if got != v["expect"].as_str().unwrap() {
            differs_from_recommended.push(format!("{id}: {got}"));
        }

        // decode agrees with verify on what is well-formed, and reads the same parameters.
        let mut decoded = lh_argon2_params {
            algorithm: 0,
            version: 0,
            m_cost: 0,
            t_cost: 0,
            parallelism: 0,
            hash_len: 0,
            salt_len: 0,
        };
        // SAFETY: as above.
        let decode_status = unsafe { lh_argon2_decode(encoded.as_ptr(), &mut decoded) };
        if got == "invalid" {
            assert!(
                decode_status < 0 || status == LH_ARGON2_ERR_COST_LIMIT_EXCEEDED,
                "{id}: decode accepted an invalid string"
            );
        } else {
            assert_eq!(decode_status, LH_ARGON2_OK, "{id}");
            assert_eq!(decoded.algorithm, algorithm(v["variant"].as_str().unwrap()), "{id}");
            assert_eq!(u64::from(decoded.version), v["version"].as_u64().unwrap(), "{id}");
            assert_eq!(u64::from(decoded.m_cost), v["m"].as_u64().unwrap(), "{id}");
            assert_eq!(u64::from(decoded.t_cost), v["t"].as_u64().unwrap(), "{id}");
            assert_eq!(u64::from(decoded.parallelism), v["p"].as_u64().unwrap(), "{id}");
        }
        checked += 1;
    }
    eprintln!("{checked} encoded vectors; outcomes other than the recommended one (all accepted): {differs_from_recommended:?}");
    assert!(checked >= 90, "only {checked} encoded vectors");
}
