//! Differential check against RustCrypto's PHC parser (password-hash): within the
//! ranges that parser accepts, it reads our encodings exactly as we wrote them, and
//! our decoder reads them back to the parameters they were made with.

use std::ffi::CStr;
use std::ptr::null_mut;

use argon2rs::*;
use password_hash::phc::PasswordHash;

#[test]
fn password_hash_crate_reads_our_encodings_as_we_wrote_them() {
    let mut checked = 0;
    for (i, algorithm) in [LH_ARGON2_D, LH_ARGON2_I, LH_ARGON2_ID].into_iter().enumerate() {
        for (hash_len, salt_len) in [(10, 8), (16, 16), (32, 16), (33, 24), (64, 48)] {
            let params = lh_argon2_params {
                algorithm,
                version: LH_ARGON2_V13,
                m_cost: 16 + 8 * i as u32,
                t_cost: 1 + i as u32,
                parallelism: 1 + (hash_len % 2),
                hash_len,
                salt_len,
            };
            let mut buf = [0u8; 256];
            // SAFETY: valid buffers.
            let status =
                unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, buf.as_mut_ptr().cast(), buf.len(), null_mut()) };
            assert_eq!(status, LH_ARGON2_OK);
            let encoded = CStr::from_bytes_until_nul(&buf).unwrap();
            let theirs = PasswordHash::new(encoded.to_str().unwrap()).expect("password-hash parses our string");
            let names = ["argon2d", "argon2i", "argon2id"];
            assert_eq!(theirs.algorithm.as_str(), names[algorithm as usize]);
            assert_eq!(theirs.version, Some(0x13));
            assert_eq!(theirs.params.get_decimal("m"), Some(params.m_cost));
            assert_eq!(theirs.params.get_decimal("t"), Some(params.t_cost));
            assert_eq!(theirs.params.get_decimal("p"), Some(params.parallelism));
            assert_eq!(theirs.salt.unwrap().as_ref().len(), salt_len as usize);
            assert_eq!(theirs.hash.unwrap().len(), hash_len as usize);

            let mut ours = lh_argon2_params {
                algorithm: 9,
                version: 0,
                m_cost: 0,
                t_cost: 0,
                parallelism: 0,
                hash_len: 0,
                salt_len: 0,
            };
            // SAFETY: valid pointers.
            assert_eq!(unsafe { lh_argon2_decode(encoded.as_ptr(), &mut ours) }, LH_ARGON2_OK);
            assert_eq!(ours, params);
            checked += 1;
        }
    }
    assert_eq!(checked, 15);
}
