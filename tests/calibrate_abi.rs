//! `lh_argon2_calibrate` through the `extern "C"` function, as C calls it.

use std::ptr::null_mut;
use std::time::{Duration, Instant};

use argon2rs::*;

const UNTOUCHED: lh_argon2_params =
    lh_argon2_params { algorithm: 9, version: 9, m_cost: 9, t_cost: 9, parallelism: 9, hash_len: 9, salt_len: 9 };

fn calibrate(target_ms: u32, max_m: u32, p: u32) -> (lh_argon2_status, lh_argon2_params, u32) {
    let mut params = UNTOUCHED;
    let mut measured = u32::MAX;
    // SAFETY: valid, writable pointers.
    let status = unsafe { lh_argon2_calibrate(target_ms, max_m, p, &mut params, &mut measured) };
    (status, params, measured)
}

#[test]
fn calibrate_recommends_usable_parameters_within_the_budget() {
    let (status, params, measured) = calibrate(20, 1024, 1);
    assert_eq!(status, LH_ARGON2_OK);
    assert!(measured <= 20, "measured {measured} ms");
    assert_eq!(
        (params.algorithm, params.version, params.hash_len, params.salt_len),
        (LH_ARGON2_ID, LH_ARGON2_V13, 32, 16)
    );
    assert!(params.m_cost <= 1024 && params.parallelism == 1 && params.t_cost >= 1, "{params:?}");
    let mut out = [0 as std::ffi::c_char; LH_ARGON2_ENCODED_MAX];
    // SAFETY: valid buffers.
    let rc = unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, out.as_mut_ptr(), out.len(), null_mut()) };
    assert_eq!(rc, LH_ARGON2_OK);
    // SAFETY: a NUL-terminated hash from the call above.
    assert_eq!(unsafe { lh_argon2_verify(out.as_ptr(), b"pw".as_ptr(), 2) }, LH_ARGON2_OK);
}

#[test]
fn calibrate_keeps_the_requested_lanes() {
    let (status, params, _) = calibrate(30, 2048, 4);
    assert_eq!(status, LH_ARGON2_OK);
    assert_eq!(params.parallelism, 4);
    assert!(params.m_cost >= 32 && params.m_cost <= 2048);
}

#[test]
fn calibrate_refuses_bad_arguments_and_writes_nothing() {
    for (target, max_m, p, expected) in [
        (0, 1024, 1, LH_ARGON2_ERR_TIME_BUDGET),
        (LH_ARGON2_CALIBRATE_MAX_TARGET_MS + 1, 1024, 1, LH_ARGON2_ERR_TIME_BUDGET),
        (20, 1024, 0, LH_ARGON2_ERR_PARALLELISM_TOO_SMALL),
        (20, 1024, LH_ARGON2_DEFAULT_MAX_PARALLELISM + 1, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED),
        (20, 15, 2, LH_ARGON2_ERR_M_COST_TOO_SMALL),
    ] {
        let (status, params, measured) = calibrate(target, max_m, p);
        assert_eq!(status, expected, "target {target}, m {max_m}, p {p}");
        assert_eq!((params, measured), (UNTOUCHED, u32::MAX));
    }
}

#[test]
fn calibrate_needs_out_but_not_out_measured_ms() {
    // SAFETY: NULL is allowed and must be reported.
    assert_eq!(unsafe { lh_argon2_calibrate(20, 1024, 1, null_mut(), null_mut()) }, LH_ARGON2_ERR_NULL_POINTER);
    let mut params = UNTOUCHED;
    // SAFETY: a valid pointer; the optional one NULL.
    assert_eq!(unsafe { lh_argon2_calibrate(20, 1024, 1, &mut params, null_mut()) }, LH_ARGON2_OK);
    assert_ne!(params, UNTOUCHED);
}

#[test]
fn calibrate_is_bounded_in_time() {
    let started = Instant::now();
    let (status, _, measured) = calibrate(50, 64 * 1024, 1);
    let took = started.elapsed();
    assert_eq!(status, LH_ARGON2_OK);
    assert!(measured <= 50);
    // At most LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS measurements of about the budget each,
    // with generous room for a loaded machine.
    let bound = Duration::from_millis(50 * u64::from(LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS) * 3 + 2000);
    assert!(took < bound, "took {took:?}");
    println!("calibrate(50 ms, 64 MiB, p=1) took {took:?}, measured {measured} ms");
}
