//! The password-storage operations in safe Rust: hash to a PHC string, verify,
//! needs-rehash, decode and raw derivation. Nothing here knows about C.

use rand_core::TryCryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::budget;
use crate::engine::{self, Extras};
use crate::error::{Error, Result};
use crate::phc;
use crate::salt::random_salt;
use crate::types::{HashParams, Limits, Params};

/// Hashes `pwd` with a fresh salt from `rng` into a PHC string (without NUL).
pub fn hash_encoded<R: TryCryptoRng + ?Sized>(
    pwd: &[u8],
    params: &HashParams,
    extras: Extras<'_>,
    rng: &mut R,
) -> Result<Zeroizing<String>> {
    let salt = random_salt(rng, params.salt_len() as usize)?;
    let tag = derive_within_budget(params.params(), pwd, &salt, extras)?;
    phc::encode(params, &salt, &tag)
}

/// Checks `pwd` against an encoded hash, refusing costs beyond `limits` before any
/// memory is allocated. A `data=` field is the associated data; if the caller also
/// gives associated data, it must be the same bytes.
pub fn verify(encoded: &[u8], pwd: &[u8], extras: Extras<'_>, limits: &Limits) -> Result<()> {
    let decoded = phc::parse(encoded)?;
    limits.admit(decoded.params.params())?;
    // Before the data= comparison, so over-long associated data is named as such.
    extras.validate()?;
    let ad = match &decoded.data {
        Some(data) if !extras.ad.is_empty() && extras.ad != data.as_slice() => return Err(Error::VerifyMismatch),
        Some(data) => data.as_slice(),
        None => extras.ad,
    };
    let extras = Extras { ad, ..extras };
    let computed = derive_within_budget(decoded.params.params(), pwd, &decoded.salt, extras)?;
    if bool::from(computed.as_slice().ct_eq(decoded.tag.as_slice())) {
        Ok(())
    } else {
        Err(Error::VerifyMismatch)
    }
}

/// True when the hash was made with parameters other than `params` (algorithm,
/// version, m, t, p, tag or salt length), as argon2-cffi's `check_needs_rehash`.
pub fn needs_rehash(encoded: &[u8], params: &HashParams) -> Result<bool> {
    Ok(phc::parse(encoded)?.params != *params)
}

/// The parameters of an encoded hash.
pub fn decode(encoded: &[u8]) -> Result<HashParams> {
    Ok(phc::parse(encoded)?.params)
}

/// Raw key derivation: the `params.hash_len()`-byte tag for a given salt.
pub fn hash_raw(pwd: &[u8], salt: &[u8], params: &Params, extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    derive_within_budget(params, pwd, salt, extras)
}

/// `engine::derive` once its working memory fits in the process-wide budget; the
/// reservation outlives the call, so it is returned only after the memory is freed.
fn derive_within_budget(params: &Params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    // Nothing is reserved for a call that fails its checks.
    engine::validate_inputs(pwd, salt, extras)?;
    let _reservation = budget::reserve(engine::memory_bytes(params))?;
    engine::derive(params, pwd, salt, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `HashParams` from all seven numbers.
    fn hp(a: u32, v: u32, m: u32, t: u32, p: u32, h: u32, s: u32) -> Result<HashParams> {
        HashParams::new(Params::new(a, v, m, t, p, h)?, s)
    }

    fn cheap() -> HashParams {
        crate::types::Profile::InsecureTestOnly.params()
    }

    struct BrokenRng;
    impl rand_core::TryRng for BrokenRng {
        type Error = std::io::Error;
        fn try_next_u32(&mut self) -> std::result::Result<u32, Self::Error> {
            Err(std::io::Error::other("no entropy"))
        }
        fn try_next_u64(&mut self) -> std::result::Result<u64, Self::Error> {
            Err(std::io::Error::other("no entropy"))
        }
        fn try_fill_bytes(&mut self, _: &mut [u8]) -> std::result::Result<(), Self::Error> {
            Err(std::io::Error::other("no entropy"))
        }
    }
    impl rand_core::TryCryptoRng for BrokenRng {}

    #[test]
    fn failing_random_source_is_reported_not_papered_over() {
        let result = hash_encoded(b"pw", &cheap(), Extras::default(), &mut BrokenRng);
        assert_eq!(result.err(), Some(Error::Random));
    }

    #[test]
    fn hash_then_verify_with_pepper_and_ad() {
        let extras = Extras { secret: b"pepper", ad: b"user-42" };
        let encoded = hash_encoded(b"pw", &cheap(), extras, &mut crate::salt::os_rng()).unwrap();
        let limits = Limits::DEFAULT;
        assert_eq!(verify(encoded.as_bytes(), b"pw", extras, &limits), Ok(()));
        let no_pepper = Extras { secret: b"", ..extras };
        assert_eq!(verify(encoded.as_bytes(), b"pw", no_pepper, &limits), Err(Error::VerifyMismatch));
        let other_ad = Extras { ad: b"user-43", ..extras };
        assert_eq!(verify(encoded.as_bytes(), b"pw", other_ad, &limits), Err(Error::VerifyMismatch));
    }

    #[test]
    fn two_hashes_of_one_password_have_different_salts() {
        let mut rng = crate::salt::os_rng();
        let a = hash_encoded(b"pw", &cheap(), Extras::default(), &mut rng).unwrap();
        let b = hash_encoded(b"pw", &cheap(), Extras::default(), &mut rng).unwrap();
        assert_ne!(phc::parse(a.as_bytes()).unwrap().salt, phc::parse(b.as_bytes()).unwrap().salt);
    }

    #[test]
    fn needs_rehash_compares_every_parameter() {
        let encoded = hash_encoded(b"pw", &cheap(), Extras::default(), &mut crate::salt::os_rng()).unwrap();
        assert_eq!(needs_rehash(encoded.as_bytes(), &cheap()), Ok(false));
        // Each differs from the cheap profile (argon2id v0x13 m=8 t=1 p=1, 32-byte tag,
        // 16-byte salt) in one parameter.
        let changes = [
            hp(1, 0x13, 8, 1, 1, 32, 16),
            hp(2, 0x10, 8, 1, 1, 32, 16),
            hp(2, 0x13, 16, 1, 1, 32, 16),
            hp(2, 0x13, 8, 2, 1, 32, 16),
            hp(2, 0x13, 16, 1, 2, 32, 16),
            hp(2, 0x13, 8, 1, 1, 16, 16),
            hp(2, 0x13, 8, 1, 1, 32, 32),
        ];
        for wanted in changes {
            let wanted = wanted.unwrap();
            assert_eq!(needs_rehash(encoded.as_bytes(), &wanted), Ok(true), "{wanted:?}");
        }
    }
}
