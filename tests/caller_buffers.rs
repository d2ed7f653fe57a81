//! Nothing of the caller's is touched before a call is known to proceed: an output that
//! overlaps an input, or whose capacity is beyond the addressable size, is refused
//! before any clearing, so every input (and the output) is byte-for-byte unchanged.

use std::ptr::{null, null_mut};

use argon2rs::*;

fn params() -> lh_argon2_params {
    let mut params = lh_argon2_params::from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY).unwrap();
    params.hash_len = 16;
    params
}

/// A buffer with a distinct byte at every position, so any write shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + 3) as u8).collect()
}

#[test]
fn raw_output_equal_to_the_password_is_refused_untouched() {
    let mut buf = pattern(64);
    let before = buf.clone();
    let salt = *b"saltsaltsalt";
    let p = buf.as_mut_ptr();
    // SAFETY: `p` has 64 bytes; the library must refuse the alias, not write through it.
    let status = unsafe { lh_argon2_hash_raw(p, 32, salt.as_ptr(), salt.len(), &params(), p, 32) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS);
    assert_eq!(buf, before, "the password was modified before the refusal");
}

#[test]
fn raw_output_overlapping_the_salt_or_both_inputs_is_refused_untouched() {
    let mut buf = pattern(96);
    let before = buf.clone();
    let base = buf.as_mut_ptr();
    // pwd = [0, 16), salt = [40, 56); outputs that overlap the salt, then both.
    for (offset, cap) in [(48usize, 32usize), (8, 48), (0, 96), (55, 1)] {
        // SAFETY: every range lies inside `buf`.
        let status = unsafe { lh_argon2_hash_raw(base, 16, base.add(40), 16, &params(), base.add(offset), cap) };
        assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS, "out at {offset}, cap {cap}");
        assert_eq!(buf, before, "an input changed (out at {offset}, cap {cap})");
    }
    // Disjoint but adjacent ranges are not an overlap, and the output gets the tag.
    // SAFETY: as above; [56, 72) touches the salt's end only.
    let status = unsafe { lh_argon2_hash_raw(base, 16, base.add(40), 16, &params(), base.add(56), 16) };
    assert_eq!(status, LH_ARGON2_OK);
    assert_eq!(buf[..56], before[..56], "inputs unchanged after a success");
}

#[test]
fn raw_output_overlapping_the_pepper_or_associated_data_is_refused_untouched() {
    let mut buf = pattern(64);
    let before = buf.clone();
    let base = buf.as_mut_ptr();
    let mut options = lh_argon2_options::EMPTY;
    options.secret = base.cast_const();
    options.secret_len = 8;
    // SAFETY: inside `buf`.
    options.ad = unsafe { base.add(16) }.cast_const();
    options.ad_len = 8;
    let (pwd, salt) = (*b"password", *b"saltsalt");
    for offset in [0usize, 20] {
        // SAFETY: out lies inside `buf`; pwd and salt are separate arrays.
        let status = unsafe {
            lh_argon2_hash_raw_ext(pwd.as_ptr(), 8, salt.as_ptr(), 8, &params(), &options, base.add(offset), 16)
        };
        assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS, "out at {offset}");
        assert_eq!(buf, before);
    }
}

#[test]
fn capacity_beyond_the_address_space_is_refused_not_crashed_on() {
    let salt = *b"saltsalt";
    let mut out = pattern(32);
    let before = out.clone();
    for cap in [usize::MAX, isize::MAX as usize + 1] {
        // SAFETY: no buffer of that size exists; the library must refuse before writing.
        let status = unsafe {
            lh_argon2_hash_raw(b"pw".as_ptr(), 2, salt.as_ptr(), salt.len(), &params(), out.as_mut_ptr(), cap)
        };
        assert_eq!(status, LH_ARGON2_ERR_BUFFER_TOO_LARGE, "raw, cap {cap:#x}");
        assert_eq!(out, before, "raw output written with cap {cap:#x}");
        let mut written = 77usize;
        // SAFETY: as above, for the string output.
        let status =
            unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params(), out.as_mut_ptr().cast(), cap, &mut written) };
        assert_eq!(status, LH_ARGON2_ERR_BUFFER_TOO_LARGE, "string, cap {cap:#x}");
        assert_eq!(out, before, "string output written with cap {cap:#x}");
        assert_eq!(written, 0, "out_written (a separate output) is still reset");
    }
    // The message names the problem.
    // SAFETY: a static string.
    let message = unsafe { std::ffi::CStr::from_ptr(lh_argon2_status_message(LH_ARGON2_ERR_BUFFER_TOO_LARGE)) };
    assert!(message.to_str().unwrap().contains("addressable"));
}

#[test]
fn string_output_overlapping_the_password_or_pepper_is_refused_untouched() {
    let mut buf = pattern(256);
    let before = buf.clone();
    let base = buf.as_mut_ptr();
    // SAFETY: every range lies inside `buf`.
    let status = unsafe { lh_argon2_hash(base, 32, &params(), base.cast(), 256, null_mut()) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS, "out == pwd");
    assert_eq!(buf, before, "password modified");
    // SAFETY: as above; out starts inside the password.
    let status = unsafe { lh_argon2_hash(base, 32, &params(), base.add(31).cast(), 200, null_mut()) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS, "out overlapping the password's end");
    assert_eq!(buf, before);

    let mut options = lh_argon2_options::EMPTY;
    // SAFETY: inside `buf`.
    options.secret = unsafe { base.add(100) }.cast_const();
    options.secret_len = 16;
    let pwd = *b"password";
    // SAFETY: as above.
    let status =
        unsafe { lh_argon2_hash_ext(pwd.as_ptr(), 8, &params(), &options, base.add(64).cast(), 128, null_mut()) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS, "out overlapping the pepper");
    assert_eq!(buf, before, "pepper modified");
}

#[test]
fn out_written_overlapping_an_input_is_refused_untouched() {
    let mut buf = pattern(64);
    let before = buf.clone();
    let base = buf.as_mut_ptr();
    let mut out = [0x55u8; 256];
    // SAFETY: out_written points at the password's bytes 8..16 (unaligned writes are
    // allowed by the contract), the library must refuse rather than write there.
    let status = unsafe { lh_argon2_hash(base, 32, &params(), out.as_mut_ptr().cast(), 256, base.add(8).cast()) };
    assert_eq!(status, LH_ARGON2_ERR_OVERLAPPING_BUFFERS);
    assert_eq!(buf, before, "password modified through out_written");
    assert_eq!(out[0], 0, "the disjoint string output is still emptied");
}

#[test]
fn refusals_of_other_arguments_still_clear_disjoint_outputs() {
    // (NULL, 3) password: refused, and the disjoint outputs hold "" and zeros.
    let mut out = pattern(64);
    let mut written = 5usize;
    // SAFETY: a NULL password with a length is refused, never read.
    let status = unsafe { lh_argon2_hash(null(), 3, &params(), out.as_mut_ptr().cast(), 64, &mut written) };
    assert_eq!(status, LH_ARGON2_ERR_NULL_POINTER);
    assert_eq!((out[0], written), (0, 0));
    let mut raw = pattern(32);
    // SAFETY: as above.
    let status = unsafe { lh_argon2_hash_raw(null(), 3, b"saltsalt".as_ptr(), 8, &params(), raw.as_mut_ptr(), 32) };
    assert_eq!(status, LH_ARGON2_ERR_NULL_POINTER);
    assert_eq!(raw, [0u8; 32]);
}
