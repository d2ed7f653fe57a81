//! The working-memory mapping kept between hashes: what is kept, the limit, and the
//! memory budget's claim on it. Its own test binary (one test function, steps in order)
//! because the kept mapping and the budget are process-wide. Our engine's mapping only:
//! with the `rustcrypto-engine` feature the argon2 crate's blocks are allocated per call.
#![cfg(not(feature = "rustcrypto-engine"))]

use std::ffi::CStr;

use argon2rs::engine::kept;
use argon2rs::*;

const MIB: u64 = 1024 * 1024;

fn params(m_mib: u32) -> lh_argon2_params {
    lh_argon2_params { m_cost: m_mib * 1024, t_cost: 1, parallelism: 1, ..lh_argon2_params::default_profile() }
}

/// Hashes and verifies once with `m_mib` MiB (the verify runs on the memory the hash
/// kept, when it was kept, so a wrong tag from reused memory would fail it).
fn hash_and_verify(m_mib: u32) {
    let mut out = vec![0u8; LH_ARGON2_ENCODED_MAX];
    let pwd = b"kept memory";
    // SAFETY: valid buffers for their lengths.
    let status = unsafe {
        lh_argon2_hash(
            pwd.as_ptr(),
            pwd.len(),
            &params(m_mib),
            out.as_mut_ptr().cast(),
            out.len(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(status, LH_ARGON2_OK);
    let encoded = CStr::from_bytes_until_nul(&out).unwrap();
    // SAFETY: NUL-terminated string and valid buffers.
    unsafe {
        assert_eq!(lh_argon2_verify(encoded.as_ptr(), pwd.as_ptr(), pwd.len()), LH_ARGON2_OK);
        assert_eq!(lh_argon2_verify(encoded.as_ptr(), b"wrong".as_ptr(), 5), LH_ARGON2_ERR_VERIFY_MISMATCH);
    }
}

#[test]
fn one_wiped_mapping_is_kept_within_the_limit_and_the_budget() {
    assert_eq!(lh_argon2_set_kept_memory_limit(256 * MIB), LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT, "default limit");
    assert_eq!(LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT, 256 * MIB);
    assert_eq!(kept::bytes(), 0, "nothing kept before the first hash");

    // A hash keeps its mapping; the next ones of the same shape reuse it.
    hash_and_verify(8);
    assert_eq!(kept::bytes(), 8 * MIB);
    hash_and_verify(8);
    assert_eq!(kept::bytes(), 8 * MIB);

    // The most recent shape replaces the kept one (sizes are rounded up to 2 MiB).
    hash_and_verify(5);
    assert_eq!(kept::bytes(), 6 * MIB);

    // Memory under 2 MiB comes from the allocator and is never kept.
    hash_and_verify(1);
    assert_eq!(kept::bytes(), 6 * MIB, "a 1 MiB hash leaves the kept mapping alone");

    // Lowering the limit releases what no longer fits; over-limit hashes are not kept.
    assert_eq!(lh_argon2_set_kept_memory_limit(4 * MIB), 256 * MIB);
    assert_eq!(kept::bytes(), 0);
    hash_and_verify(8);
    assert_eq!(kept::bytes(), 0);
    hash_and_verify(4);
    assert_eq!(kept::bytes(), 4 * MIB);

    // 0 keeps nothing.
    assert_eq!(lh_argon2_set_kept_memory_limit(0), 4 * MIB);
    assert_eq!(kept::bytes(), 0);
    hash_and_verify(8);
    assert_eq!(kept::bytes(), 0);

    // The budget counts the kept mapping and takes it back when a hash needs the room.
    assert_eq!(lh_argon2_set_kept_memory_limit(256 * MIB), 0);
    hash_and_verify(64);
    assert_eq!(kept::bytes(), 64 * MIB);
    assert_eq!(lh_argon2_set_memory_budget(96 * MIB), LH_ARGON2_OK);
    {
        let fits_beside = argon2rs::budget::reserve(32 * MIB).expect("32 MiB fits beside 64 MiB kept");
        assert_eq!(kept::bytes(), 64 * MIB, "32 + 64 <= 96: the kept mapping stays");
        drop(fits_beside);
        let needs_room = argon2rs::budget::reserve(48 * MIB).expect("48 MiB fits once the kept mapping goes");
        assert_eq!(kept::bytes(), 0, "48 + 64 > 96: the kept mapping was released");
        drop(needs_room);
    }
    hash_and_verify(64);
    assert_eq!(kept::bytes(), 64 * MIB);
    assert_eq!(lh_argon2_set_memory_budget(0), LH_ARGON2_OK);
}
