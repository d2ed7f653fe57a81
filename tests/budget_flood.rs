//! The process-wide memory budget under a login flood. Its own test binary (one test
//! function, steps in order) so that no other test shares the budget or pollutes the
//! process's peak RSS.

use std::ffi::{CStr, CString};
use std::sync::Arc;
use std::time::{Duration, Instant};

use argon2rs::*;

const MIB: u64 = 1024 * 1024;
const BUDGET: u64 = 256 * MIB;
/// Allowance above the budget for the test binary itself, its 32 thread stacks and the
/// allocator's bookkeeping.
const SLACK: u64 = 48 * MIB;

fn params(m_mib: u32, t: u32) -> lh_argon2_params {
    lh_argon2_params { m_cost: m_mib * 1024, t_cost: t, parallelism: 1, ..lh_argon2_params::default_profile() }
}

fn hash(pwd: &[u8], params: &lh_argon2_params) -> (lh_argon2_status, CString) {
    let mut out = vec![0u8; LH_ARGON2_ENCODED_MAX];
    // SAFETY: valid buffers for their lengths.
    let status = unsafe {
        lh_argon2_hash(pwd.as_ptr(), pwd.len(), params, out.as_mut_ptr().cast(), out.len(), std::ptr::null_mut())
    };
    let text = CStr::from_bytes_until_nul(&out).unwrap().to_owned();
    (status, text)
}

fn verify(encoded: &CStr, pwd: &[u8]) -> lh_argon2_status {
    // SAFETY: NUL-terminated string and valid buffer.
    unsafe { lh_argon2_verify(encoded.as_ptr(), pwd.as_ptr(), pwd.len()) }
}

/// VmHWM (peak resident set) of this process, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM line");
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[test]
fn login_flood_stays_within_the_memory_budget() {
    // SAFETY for every sysconf call: no preconditions.
    let physical = unsafe { libc::sysconf(libc::_SC_PHYS_PAGES) as u64 * libc::sysconf(libc::_SC_PAGE_SIZE) as u64 };
    assert_eq!(lh_argon2_get_memory_budget(), physical / 2, "default budget is half of physical memory");

    assert_eq!(lh_argon2_set_memory_budget(0), LH_ARGON2_OK);
    assert_eq!(lh_argon2_get_memory_budget(), u64::MAX, "0 means unlimited");

    assert_eq!(lh_argon2_set_memory_budget(BUDGET), LH_ARGON2_OK);
    assert_eq!(lh_argon2_get_memory_budget(), BUDGET);

    // One operation larger than the whole budget fails at once, before allocating.
    let started = Instant::now();
    let (status, text) = hash(b"pw", &params(512, 1));
    assert_eq!(status, LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED);
    assert_eq!(text.to_bytes(), b"");
    assert!(started.elapsed() < Duration::from_millis(200), "took {:?}", started.elapsed());

    let (status, stored) = hash(b"right password", &params(64, 1));
    assert_eq!(status, LH_ARGON2_OK);
    let stored = Arc::new(stored);

    // 32 threads verify 64 MiB hashes at once: at most 4 may hold working memory.
    let started = Instant::now();
    let threads: Vec<_> = (0..32)
        .map(|i| {
            let stored = Arc::clone(&stored);
            std::thread::spawn(move || {
                let (pwd, expected): (&[u8], _) = if i % 4 == 3 {
                    (b"wrong password", LH_ARGON2_ERR_VERIFY_MISMATCH)
                } else {
                    (b"right password", LH_ARGON2_OK)
                };
                assert_eq!(verify(&stored, pwd), expected, "thread {i}");
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a verifying thread failed");
    }
    let peak = peak_rss();
    println!(
        "flood: 32 threads x 64 MiB verify under a {} MiB budget: peak RSS {} MiB, {:?}",
        BUDGET / MIB,
        peak / MIB,
        started.elapsed()
    );
    assert!(peak <= BUDGET + SLACK, "peak RSS {} MiB exceeds budget {} MiB + slack", peak / MIB, BUDGET / MIB);
    assert_eq!(argon2rs::budget::reserved(), 0, "every reservation was returned");

    // Fail-fast: while one operation holds the whole budget, another gets BUSY at once.
    assert_eq!(lh_argon2_set_memory_budget(64 * MIB), LH_ARGON2_OK);
    assert_eq!(lh_argon2_set_memory_budget_fail_fast(true), LH_ARGON2_OK);
    let (status, slow) = hash(b"slow", &params(64, 8));
    assert_eq!(status, LH_ARGON2_OK);
    let slow = Arc::new(slow);
    let holder = {
        let slow = Arc::clone(&slow);
        std::thread::spawn(move || verify(&slow, b"slow"))
    };
    while argon2rs::budget::reserved() == 0 {
        std::thread::yield_now();
    }
    let started = Instant::now();
    assert_eq!(verify(&stored, b"right password"), LH_ARGON2_ERR_BUSY);
    assert!(started.elapsed() < Duration::from_millis(50), "BUSY took {:?}", started.elapsed());
    assert_eq!(holder.join().unwrap(), LH_ARGON2_OK);
    assert_eq!(verify(&stored, b"right password"), LH_ARGON2_OK, "budget free again");

    // Back to waiting: a budget change wakes waiters, and an unlimited budget admits all.
    assert_eq!(lh_argon2_set_memory_budget_fail_fast(false), LH_ARGON2_OK);
    assert_eq!(lh_argon2_set_memory_budget(0), LH_ARGON2_OK);
    assert_eq!(verify(&stored, b"right password"), LH_ARGON2_OK);
}
