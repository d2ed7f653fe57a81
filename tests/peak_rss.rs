//! Peak resident memory stays near one working memory however often a process hashes,
//! at a size the C library's heap would otherwise serve (19 MiB: under glibc's dynamic
//! mmap threshold). Its own test binary, since the peak (`VmHWM`) is process-wide.

use std::ffi::c_char;

use argon2rs::*;

const MIB: u64 = 1 << 20;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with(field)).expect("field in /proc/self/status");
    line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).expect("a number of KiB")
}

#[test]
fn repeated_19_mib_hashes_keep_one_working_memory_resident() {
    let mut params =
        lh_argon2_params { algorithm: 0, version: 0, m_cost: 0, t_cost: 0, parallelism: 0, hash_len: 0, salt_len: 0 };
    // SAFETY: a valid pointer.
    assert_eq!(unsafe { lh_argon2_params_from_profile(LH_ARGON2_PROFILE_OWASP, &mut params) }, LH_ARGON2_OK);
    params.t_cost = 1;
    let working_memory = u64::from(params.m_cost) * 1024;
    let baseline = status_kib("VmRSS:") * 1024;
    let mut out = vec![0 as c_char; LH_ARGON2_ENCODED_MAX];
    for _ in 0..12 {
        let mut written = 0;
        // SAFETY: every buffer is valid for its stated length.
        let status = unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, out.as_mut_ptr(), out.len(), &mut written) };
        assert_eq!(status, LH_ARGON2_OK);
    }
    let peak = status_kib("VmHWM:") * 1024 - baseline;
    println!("12 hashes of {} MiB: peak RSS {} MiB over baseline", working_memory / MIB, peak / MIB);
    assert!(
        peak <= working_memory + 8 * MIB,
        "peak RSS {} MiB over baseline for a {} MiB working memory",
        peak / MIB,
        working_memory / MIB
    );
}
