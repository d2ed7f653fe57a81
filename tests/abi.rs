//! The C ABI's contract, exercised by calling the `extern "C"` functions exactly as C
//! would: raw pointers, lengths, NULLs, short buffers and canaries.

use std::ffi::{c_char, CStr, CString};
use std::ptr::{null, null_mut};

use argon2rs::*;

const CANARY: u8 = 0xA5;

fn test_params() -> lh_argon2_params {
    profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY)
}

fn profile(profile: lh_argon2_profile) -> lh_argon2_params {
    let mut params =
        lh_argon2_params { algorithm: 9, version: 9, m_cost: 9, t_cost: 9, parallelism: 9, hash_len: 9, salt_len: 9 };
    // SAFETY: a valid pointer.
    assert_eq!(unsafe { lh_argon2_params_from_profile(profile, &mut params) }, LH_ARGON2_OK);
    params
}

/// Hashes into a buffer of `cap` bytes followed by canaries; returns status, string, written.
fn hash_into(pwd: &[u8], params: Option<&lh_argon2_params>, cap: usize) -> (lh_argon2_status, String, usize) {
    let mut buf = vec![CANARY; cap + 16];
    let mut written = usize::MAX;
    let params_ptr = params.map_or(null(), |p| p as *const _);
    // SAFETY: `buf` has `cap` writable bytes (plus canaries), `pwd` is valid.
    let status =
        unsafe { lh_argon2_hash(pwd.as_ptr(), pwd.len(), params_ptr, buf.as_mut_ptr().cast(), cap, &mut written) };
    assert!(buf[cap..].iter().all(|&b| b == CANARY), "wrote past out_cap");
    let text = if cap > 0 {
        CStr::from_bytes_until_nul(&buf[..cap]).expect("NUL within out_cap").to_str().unwrap().to_owned()
    } else {
        String::new()
    };
    (status, text, written)
}

fn verify(encoded: &str, pwd: &[u8]) -> lh_argon2_status {
    let encoded = CString::new(encoded).unwrap();
    // SAFETY: valid string and buffer.
    unsafe { lh_argon2_verify(encoded.as_ptr(), pwd.as_ptr(), pwd.len()) }
}

fn message_of(status: lh_argon2_status) -> String {
    // SAFETY: the library returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(lh_argon2_status_message(status)) }.to_str().unwrap().to_owned()
}

#[test]
fn status_values_are_frozen() {
    let table = [
        (LH_ARGON2_OK, 0),
        (LH_ARGON2_ERR_VERIFY_MISMATCH, -1),
        (LH_ARGON2_ERR_NULL_POINTER, -10),
        (LH_ARGON2_ERR_BUFFER_TOO_SMALL, -11),
        (LH_ARGON2_ERR_PASSWORD_TOO_LONG, -12),
        (LH_ARGON2_ERR_SECRET_TOO_LONG, -13),
        (LH_ARGON2_ERR_AD_TOO_LONG, -14),
        (LH_ARGON2_ERR_INVALID_OPTIONS, -15),
        (LH_ARGON2_ERR_UNKNOWN_PROFILE, -16),
        (LH_ARGON2_ERR_OVERLAPPING_BUFFERS, -17),
        (LH_ARGON2_ERR_TIME_BUDGET, -18),
        (LH_ARGON2_ERR_BUFFER_TOO_LARGE, -19),
        (LH_ARGON2_ERR_M_COST_TOO_SMALL, -20),
        (LH_ARGON2_ERR_T_COST_TOO_SMALL, -21),
        (LH_ARGON2_ERR_PARALLELISM_TOO_SMALL, -22),
        (LH_ARGON2_ERR_PARALLELISM_TOO_LARGE, -23),
        (LH_ARGON2_ERR_HASH_LEN_TOO_SHORT, -24),
        (LH_ARGON2_ERR_HASH_LEN_TOO_LONG, -25),
        (LH_ARGON2_ERR_SALT_TOO_SHORT, -26),
        (LH_ARGON2_ERR_SALT_TOO_LONG, -27),
        (LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM, -28),
        (LH_ARGON2_ERR_UNSUPPORTED_VERSION, -29),
        (LH_ARGON2_ERR_MALFORMED_HASH, -30),
        (LH_ARGON2_ERR_ENCODED_TOO_LONG, -31),
        (LH_ARGON2_ERR_INVALID_BASE64, -32),
        (LH_ARGON2_ERR_UNSUPPORTED_KEYID, -33),
        (LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, -40),
        (LH_ARGON2_ERR_OUT_OF_MEMORY, -50),
        (LH_ARGON2_ERR_RANDOM, -51),
        (LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED, -52),
        (LH_ARGON2_ERR_BUSY, -53),
        (LH_ARGON2_ERR_INTERNAL, -99),
    ];
    let mut messages = std::collections::HashSet::new();
    for (status, value) in table {
        assert_eq!(status, value);
        let message = message_of(status);
        assert!(!message.is_empty() && message != "unknown status code", "{value}: {message}");
        assert!(messages.insert(message), "status {value} shares its message");
    }
    assert_eq!(message_of(-2), "unknown status code");
    assert_eq!(message_of(i32::MIN), "unknown status code");
}

#[test]
fn profile_algorithm_and_version_values_are_frozen() {
    assert_eq!((LH_ARGON2_D, LH_ARGON2_I, LH_ARGON2_ID), (0, 1, 2));
    assert_eq!((LH_ARGON2_V10, LH_ARGON2_V13), (0x10, 0x13));
    let expected = [
        (LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY, 0, 65536, 3, 4),
        (LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY, 1, 2 * 1024 * 1024, 1, 4),
        (LH_ARGON2_PROFILE_OWASP, 2, 19456, 2, 1),
        (LH_ARGON2_PROFILE_INTERACTIVE, 3, 65536, 2, 1),
        (LH_ARGON2_PROFILE_MODERATE, 4, 262144, 3, 1),
        (LH_ARGON2_PROFILE_SENSITIVE, 5, 1048576, 4, 1),
        (LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, 6, 8, 1, 1),
    ];
    for (name, value, m, t, p) in expected {
        assert_eq!(name, value);
        let params = profile(name);
        assert_eq!(
            params,
            lh_argon2_params {
                algorithm: LH_ARGON2_ID,
                version: 0x13,
                m_cost: m,
                t_cost: t,
                parallelism: p,
                hash_len: 32,
                salt_len: 16
            }
        );
    }
    assert_eq!(LH_ARGON2_PROFILE_DEFAULT, LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY);
    let mut untouched = test_params();
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_params_from_profile(7, &mut untouched) }, LH_ARGON2_ERR_UNKNOWN_PROFILE);
    assert_eq!(untouched, test_params(), "output written on failure");
    // SAFETY: NULL is allowed and reported.
    assert_eq!(unsafe { lh_argon2_params_from_profile(0, null_mut()) }, LH_ARGON2_ERR_NULL_POINTER);
}

#[test]
fn struct_layouts_are_frozen() {
    assert_eq!(std::mem::size_of::<lh_argon2_params>(), 28);
    assert_eq!(std::mem::size_of::<lh_argon2_limits>(), 24);
    // 0.1's fields, frozen; 0.2 appended budget_wait_ms (the struct grows only at its end).
    let v0_1 = 5 * std::mem::size_of::<usize>() + 24;
    assert_eq!(std::mem::offset_of!(lh_argon2_options, budget_wait_ms), v0_1);
    assert_eq!(std::mem::size_of::<lh_argon2_options>(), (v0_1 + 4).next_multiple_of(std::mem::align_of::<usize>()));
}

#[test]
fn options_init_writes_exactly_the_callers_layout() {
    let v0_1 = std::mem::offset_of!(lh_argon2_options, budget_wait_ms);
    let full = std::mem::size_of::<lh_argon2_options>();
    for (size, sized) in [(v0_1, false), (v0_1, true), (full, true)] {
        let mut bytes = [CANARY; 128];
        let out = bytes.as_mut_ptr().cast::<lh_argon2_options>();
        // SAFETY: 128 writable bytes, more than either layout.
        let status = unsafe {
            if sized {
                lh_argon2_options_init_sized(out, size)
            } else {
                lh_argon2_options_init(out)
            }
        };
        assert_eq!(status, LH_ARGON2_OK);
        assert!(bytes[size..].iter().all(|&b| b == CANARY), "wrote past {size} bytes");
        assert_eq!(usize::from_ne_bytes(bytes[..8].try_into().unwrap()), size);
        if size == full {
            assert_eq!(u32::from_ne_bytes(bytes[v0_1..v0_1 + 4].try_into().unwrap()), LH_ARGON2_WAIT_PROCESS_DEFAULT);
        }
    }
    let mut bytes = [CANARY; 128];
    for size in [0, 8, v0_1 - 1, v0_1 + 4, full + 8] {
        // SAFETY: 128 writable bytes; a refused size writes nothing.
        let status = unsafe { lh_argon2_options_init_sized(bytes.as_mut_ptr().cast(), size) };
        assert_eq!(status, LH_ARGON2_ERR_INVALID_OPTIONS, "size {size}");
        assert!(bytes.iter().all(|&b| b == CANARY));
    }
    // SAFETY: NULL is reported.
    assert_eq!(unsafe { lh_argon2_options_init_sized(null_mut(), full) }, LH_ARGON2_ERR_NULL_POINTER);
}

#[test]
fn hash_verify_and_needs_rehash_round_trip() {
    let params = test_params();
    let (status, encoded, written) = hash_into(b"correct horse", Some(&params), 128);
    assert_eq!(status, LH_ARGON2_OK);
    assert_eq!(written, encoded.len());
    assert!(encoded.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{encoded}");
    assert_eq!(verify(&encoded, b"correct horse"), LH_ARGON2_OK);
    assert_eq!(verify(&encoded, b"correct horsf"), LH_ARGON2_ERR_VERIFY_MISMATCH);
    assert_eq!(verify(&encoded, b""), LH_ARGON2_ERR_VERIFY_MISMATCH);

    let c_encoded = CString::new(encoded).unwrap();
    let mut needs = true;
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_needs_rehash(c_encoded.as_ptr(), &params, &mut needs) }, LH_ARGON2_OK);
    assert!(!needs);
    let stronger = profile(LH_ARGON2_PROFILE_OWASP);
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_needs_rehash(c_encoded.as_ptr(), &stronger, &mut needs) }, LH_ARGON2_OK);
    assert!(needs);
    // SAFETY: NULL params means the default profile.
    assert_eq!(unsafe { lh_argon2_needs_rehash(c_encoded.as_ptr(), null(), &mut needs) }, LH_ARGON2_OK);
    assert!(needs);
}

#[test]
fn default_profile_hash_is_the_rfc9106_low_memory_string() {
    let (status, encoded, _) = hash_into(b"pw", None, 256);
    assert_eq!(status, LH_ARGON2_OK);
    assert!(encoded.starts_with("$argon2id$v=19$m=65536,t=3,p=4$"), "{encoded}");
    // SAFETY: NULL params means the default profile.
    assert_eq!(unsafe { lh_argon2_encoded_len(null()) }, encoded.len() + 1);
    assert_eq!(verify(&encoded, b"pw"), LH_ARGON2_OK);
}

#[test]
fn empty_and_null_passwords() {
    let params = test_params();
    let mut buf = [0u8; 128];
    // SAFETY: (NULL, 0) is the empty password.
    let status = unsafe { lh_argon2_hash(null(), 0, &params, buf.as_mut_ptr().cast(), buf.len(), null_mut()) };
    assert_eq!(status, LH_ARGON2_OK);
    let encoded = CStr::from_bytes_until_nul(&buf).unwrap();
    // SAFETY: valid string; (NULL, 0) again.
    assert_eq!(unsafe { lh_argon2_verify(encoded.as_ptr(), null(), 0) }, LH_ARGON2_OK);
    // SAFETY: (NULL, n > 0) must be refused, not read.
    assert_eq!(unsafe { lh_argon2_verify(encoded.as_ptr(), null(), 5) }, LH_ARGON2_ERR_NULL_POINTER);
    // SAFETY: as above.
    let status = unsafe { lh_argon2_hash(null(), 3, &params, buf.as_mut_ptr().cast(), buf.len(), null_mut()) };
    assert_eq!(status, LH_ARGON2_ERR_NULL_POINTER);
    assert_eq!(buf[0], 0, "failed hash left a non-empty string");
}

#[test]
fn passwords_with_nul_bytes_are_hashed_whole() {
    let params = test_params();
    let (status, encoded, _) = hash_into(b"a\0b", Some(&params), 128);
    assert_eq!(status, LH_ARGON2_OK);
    assert_eq!(verify(&encoded, b"a\0b"), LH_ARGON2_OK);
    assert_eq!(verify(&encoded, b"a"), LH_ARGON2_ERR_VERIFY_MISMATCH);
}

#[test]
fn too_small_buffer_reports_needed_size_and_keeps_canaries() {
    let params = test_params();
    // SAFETY: valid pointer.
    let needed = unsafe { lh_argon2_encoded_len(&params) };
    assert!(needed > 0);
    for cap in [0, 1, needed / 2, needed - 1] {
        let (status, text, written) = hash_into(b"pw", Some(&params), cap);
        assert_eq!(status, LH_ARGON2_ERR_BUFFER_TOO_SMALL, "cap {cap}");
        assert_eq!(written, needed, "cap {cap}");
        assert_eq!(text, "", "cap {cap}");
    }
    let (status, text, written) = hash_into(b"pw", Some(&params), needed);
    assert_eq!(status, LH_ARGON2_OK);
    assert_eq!((written, text.len()), (needed - 1, needed - 1));
}

#[test]
fn size_query_with_null_buffer_and_zero_capacity() {
    let params = test_params();
    let mut written = 0usize;
    // SAFETY: (NULL, 0) output asks only for the size.
    let status = unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, null_mut(), 0, &mut written) };
    assert_eq!(status, LH_ARGON2_ERR_BUFFER_TOO_SMALL);
    // SAFETY: valid pointer.
    assert_eq!(written, unsafe { lh_argon2_encoded_len(&params) });
    // SAFETY: NULL with a capacity is refused.
    let status = unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, null_mut(), 64, &mut written) };
    assert_eq!(status, LH_ARGON2_ERR_NULL_POINTER);
    assert_eq!(written, 0);
}

#[test]
fn invalid_params_fail_with_specific_codes_and_empty_output() {
    let base = test_params();
    type Change = fn(&mut lh_argon2_params);
    let cases: [(Change, lh_argon2_status); 10] = [
        (|p| p.algorithm = 3, LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM),
        (|p| p.version = 0x14, LH_ARGON2_ERR_UNSUPPORTED_VERSION),
        (|p| p.m_cost = 7, LH_ARGON2_ERR_M_COST_TOO_SMALL),
        (|p| p.t_cost = 0, LH_ARGON2_ERR_T_COST_TOO_SMALL),
        (|p| p.parallelism = 0, LH_ARGON2_ERR_PARALLELISM_TOO_SMALL),
        (|p| p.parallelism = u32::MAX, LH_ARGON2_ERR_PARALLELISM_TOO_LARGE),
        (|p| p.hash_len = 3, LH_ARGON2_ERR_HASH_LEN_TOO_SHORT),
        (|p| p.hash_len = 1025, LH_ARGON2_ERR_HASH_LEN_TOO_LONG),
        (|p| p.salt_len = 7, LH_ARGON2_ERR_SALT_TOO_SHORT),
        (|p| p.salt_len = 1025, LH_ARGON2_ERR_SALT_TOO_LONG),
    ];
    for (change, expected) in cases {
        let mut params = base;
        change(&mut params);
        let (status, text, written) = hash_into(b"pw", Some(&params), 4096);
        assert_eq!(status, expected, "{params:?}");
        assert_eq!((text.as_str(), written), ("", 0));
        // SAFETY: valid pointer.
        assert_eq!(unsafe { lh_argon2_encoded_len(&params) }, 0, "{params:?}");
    }
}

#[test]
fn verify_refuses_hostile_costs_before_computing() {
    let hostile = "$argon2id$v=19$m=4194304,t=100,p=32$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    let started = std::time::Instant::now();
    assert_eq!(verify(hostile, b"pw"), LH_ARGON2_ERR_COST_LIMIT_EXCEEDED);
    // Not a timing assertion: a 4 GiB x 100 computation could not finish at all here.
    eprintln!("hostile cost string refused in {:?}", started.elapsed());
    for one_too_many in [
        "$argon2id$v=19$m=2097160,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=33,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=1,p=17$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=2097152,t=3,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
    ] {
        assert_eq!(verify(one_too_many, b"pw"), LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, "{one_too_many}");
    }
}

#[test]
fn per_call_limits_tighten_and_loosen() {
    let s =
        CString::new("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4").unwrap();
    let mut options = options();
    options.limits.max_m_cost = 128;
    // SAFETY: valid pointers.
    let status = unsafe { lh_argon2_verify_ext(s.as_ptr(), b"password".as_ptr(), 8, &options) };
    assert_eq!(status, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED);
    options.limits.max_m_cost = 256;
    // SAFETY: valid pointers.
    let status = unsafe { lh_argon2_verify_ext(s.as_ptr(), b"password".as_ptr(), 8, &options) };
    assert_eq!(status, LH_ARGON2_OK);

    let t40 = CString::new("$argon2id$v=19$m=8,t=40,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA").unwrap();
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_verify_ext(t40.as_ptr(), null(), 0, null()) }, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED);
    let mut loose = self::options();
    loose.limits.max_t_cost = 40;
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_verify_ext(t40.as_ptr(), null(), 0, &loose) }, LH_ARGON2_ERR_VERIFY_MISMATCH);

    let mut limits = lh_argon2_limits::default();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { lh_argon2_limits_default(&mut limits) }, LH_ARGON2_OK);
    assert_eq!(
        (limits.max_m_cost, limits.max_t_cost, limits.max_parallelism, limits.max_work),
        (
            LH_ARGON2_DEFAULT_MAX_M_COST,
            LH_ARGON2_DEFAULT_MAX_T_COST,
            LH_ARGON2_DEFAULT_MAX_PARALLELISM,
            LH_ARGON2_DEFAULT_MAX_WORK
        )
    );
}

fn options() -> lh_argon2_options {
    let mut options = std::mem::MaybeUninit::uninit();
    let size = std::mem::size_of::<lh_argon2_options>();
    // SAFETY: writable storage of that size.
    assert_eq!(unsafe { lh_argon2_options_init_sized(options.as_mut_ptr(), size) }, LH_ARGON2_OK);
    // SAFETY: initialised above.
    unsafe { options.assume_init() }
}

#[test]
fn pepper_and_associated_data_bind_the_hash() {
    let params = test_params();
    let mut options = options();
    options.secret = b"pepper".as_ptr();
    options.secret_len = 6;
    options.ad = b"tenant-1".as_ptr();
    options.ad_len = 8;
    let mut buf = [0u8; 128];
    // SAFETY: valid buffers.
    let status =
        unsafe { lh_argon2_hash_ext(b"pw".as_ptr(), 2, &params, &options, buf.as_mut_ptr().cast(), 128, null_mut()) };
    assert_eq!(status, LH_ARGON2_OK);
    let encoded: *const c_char = buf.as_ptr().cast();
    // SAFETY: valid buffers.
    unsafe {
        assert_eq!(lh_argon2_verify_ext(encoded, b"pw".as_ptr(), 2, &options), LH_ARGON2_OK);
        assert_eq!(lh_argon2_verify(encoded, b"pw".as_ptr(), 2), LH_ARGON2_ERR_VERIFY_MISMATCH);
    }
    options.secret_len = 5;
    // SAFETY: valid buffers.
    assert_eq!(unsafe { lh_argon2_verify_ext(encoded, b"pw".as_ptr(), 2, &options) }, LH_ARGON2_ERR_VERIFY_MISMATCH);

    // One byte over LH_ARGON2_AD_MAX (2^32 - 1; 32 before issue 13 lifted the cap).
    options.ad_len = (LH_ARGON2_AD_MAX + 1) as usize;
    // SAFETY: length is checked before the pointer is read.
    assert_eq!(unsafe { lh_argon2_verify_ext(encoded, b"pw".as_ptr(), 2, &options) }, LH_ARGON2_ERR_AD_TOO_LONG);
    options.ad_len = 0;
    options.secret = null();
    // SAFETY: (NULL, 5) must be refused.
    assert_eq!(unsafe { lh_argon2_verify_ext(encoded, b"pw".as_ptr(), 2, &options) }, LH_ARGON2_ERR_NULL_POINTER);
}

#[test]
fn uninitialised_options_are_refused() {
    let mut options = options();
    options.struct_size = 8;
    let (mut buf, params) = ([CANARY; 128], test_params());
    // SAFETY: valid buffers.
    let status =
        unsafe { lh_argon2_hash_ext(b"pw".as_ptr(), 2, &params, &options, buf.as_mut_ptr().cast(), 128, null_mut()) };
    assert_eq!(status, LH_ARGON2_ERR_INVALID_OPTIONS);
    assert_eq!(buf[0], 0);
    // SAFETY: NULL is reported.
    assert_eq!(unsafe { lh_argon2_options_init(null_mut()) }, LH_ARGON2_ERR_NULL_POINTER);
}

#[test]
fn raw_derivation_zeroes_output_on_failure_and_respects_capacity() {
    let params = test_params();
    let salt = *b"saltsalt";
    let mut out = [CANARY; 48];
    // SAFETY: `out` has 31 writable bytes requested (< hash_len 32).
    let status = unsafe { lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), 8, &params, out.as_mut_ptr(), 31) };
    assert_eq!(status, LH_ARGON2_ERR_BUFFER_TOO_SMALL);
    assert!(out[..31].iter().all(|&b| b == 0) && out[31..].iter().all(|&b| b == CANARY));

    // SAFETY: a 7-byte salt is refused.
    let status = unsafe { lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), 7, &params, out.as_mut_ptr(), 32) };
    assert_eq!(status, LH_ARGON2_ERR_SALT_TOO_SHORT);

    let mut first = [0u8; 32];
    let mut second = [0u8; 32];
    // SAFETY: valid buffers.
    unsafe {
        assert_eq!(
            lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), 8, &params, first.as_mut_ptr(), 32),
            LH_ARGON2_OK
        );
        assert_eq!(
            lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), 8, &params, second.as_mut_ptr(), 32),
            LH_ARGON2_OK
        );
    }
    assert_eq!(first, second, "raw derivation is deterministic");
    assert_ne!(first, [0u8; 32]);
    // SAFETY: NULL output with capacity is refused.
    let status = unsafe { lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), 8, &params, null_mut(), 32) };
    assert_eq!(status, LH_ARGON2_ERR_NULL_POINTER);
}

#[test]
fn overlapping_output_and_input_are_refused() {
    let params = test_params();
    let mut buf = [7u8; 64];
    let base = buf.as_mut_ptr();
    // SAFETY: both ranges lie inside `buf`; the library must refuse rather than alias them.
    let status = unsafe { lh_argon2_hash_raw(base, 16, base.add(40), 8, &params, base.add(8), 32) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS);
}

#[test]
fn null_encoded_and_null_outputs_are_refused() {
    let mut params = test_params();
    let mut needs = false;
    let s =
        CString::new("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4").unwrap();
    // SAFETY: NULLs are reported, never dereferenced.
    unsafe {
        assert_eq!(lh_argon2_verify(null(), b"x".as_ptr(), 1), LH_ARGON2_ERR_NULL_POINTER);
        assert_eq!(lh_argon2_needs_rehash(null(), null(), &mut needs), LH_ARGON2_ERR_NULL_POINTER);
        assert_eq!(lh_argon2_needs_rehash(s.as_ptr(), null(), null_mut()), LH_ARGON2_ERR_NULL_POINTER);
        assert_eq!(lh_argon2_decode(null(), &mut params), LH_ARGON2_ERR_NULL_POINTER);
        assert_eq!(lh_argon2_decode(s.as_ptr(), null_mut()), LH_ARGON2_ERR_NULL_POINTER);
        assert_eq!(lh_argon2_limits_default(null_mut()), LH_ARGON2_ERR_NULL_POINTER);
    }
}

#[test]
fn encoded_without_nul_within_the_bound_is_refused_without_overread() {
    // Exactly LH_ARGON2_ENCODED_MAX readable bytes and no NUL: the scan must stop there.
    let long = vec![b'$'; LH_ARGON2_ENCODED_MAX];
    // SAFETY: `long` has LH_ARGON2_ENCODED_MAX readable bytes.
    let status = unsafe { lh_argon2_verify(long.as_ptr().cast(), b"x".as_ptr(), 1) };
    assert_eq!(status, LH_ARGON2_ERR_ENCODED_TOO_LONG);
    let mut just_fits = vec![b'x'; LH_ARGON2_ENCODED_MAX];
    *just_fits.last_mut().unwrap() = 0;
    // SAFETY: NUL-terminated.
    let status = unsafe { lh_argon2_verify(just_fits.as_ptr().cast(), b"x".as_ptr(), 1) };
    assert_eq!(status, LH_ARGON2_ERR_MALFORMED_HASH);
}

#[test]
fn invalid_string_is_an_error_for_needs_rehash_not_a_rehash() {
    let mut needs = false;
    let s = CString::new("$argon2id$v=19$m=256,t=2$c29tZXNhbHQ$nf65EOgLrQMR").unwrap();
    // SAFETY: valid pointers.
    assert_eq!(unsafe { lh_argon2_needs_rehash(s.as_ptr(), null(), &mut needs) }, LH_ARGON2_ERR_MALFORMED_HASH);
    assert!(!needs, "output written on failure");
}

#[test]
fn version_string_is_the_package_version() {
    // SAFETY: static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(lh_argon2_version()) }.to_str().unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert_eq!(
        version,
        format!("{LH_ARGON2_LIB_VERSION_MAJOR}.{LH_ARGON2_LIB_VERSION_MINOR}.{LH_ARGON2_LIB_VERSION_PATCH}")
    );
}

#[test]
fn many_threads_hash_and_verify_at_once() {
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                let pwd = format!("password-{i}");
                for _ in 0..20 {
                    let (status, encoded, _) = hash_into(pwd.as_bytes(), Some(&test_params()), 128);
                    assert_eq!(status, LH_ARGON2_OK);
                    assert_eq!(verify(&encoded, pwd.as_bytes()), LH_ARGON2_OK);
                    assert_eq!(verify(&encoded, b"other"), LH_ARGON2_ERR_VERIFY_MISMATCH);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

#[test]
fn raw_call_limits_are_frozen() {
    // The reference library's caps (2^32 - 1); the encoded-hash caps stay 1024.
    assert_eq!((LH_ARGON2_RAW_HASH_LEN_MAX, LH_ARGON2_RAW_SALT_LEN_MAX), (u32::MAX, u32::MAX));
    assert_eq!(LH_ARGON2_AD_MAX, u64::from(u32::MAX));
    assert_eq!((LH_ARGON2_HASH_LEN_MAX, LH_ARGON2_SALT_LEN_MAX), (1024, 1024));
    let params = lh_argon2_params { hash_len: 1025, ..test_params() };
    let salt = [7u8; 1025];
    let mut out = [0u8; 1025];
    // SAFETY: valid buffers.
    let status = unsafe {
        lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), salt.len(), &params, out.as_mut_ptr(), out.len())
    };
    assert_eq!(status, LH_ARGON2_OK);
}
