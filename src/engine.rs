//! Computes Argon2 tags in working memory we own and wipe.
//!
//! The engine is our own (`fill`: lanes on parallel threads, `block`: SIMD compression
//! chosen at run time, `memory`: 2 MiB-aligned huge-page mappings, `populate`: a fresh one
//! faulted in on a spare CPU, `wipe`: zeroed on two threads when large). With the cargo
//! feature `rustcrypto-engine`, `derive` computes the tag with RustCrypto's `argon2`
//! crate instead (`rustcrypto`), for deployments whose review wants that audited crate;
//! without it the crate is only the tests' oracle (a dev-dependency).

mod blake2b;
mod blake2b_avx2;
mod block;
mod cache;
mod fill;
pub(crate) mod memory;
mod populate;
#[cfg(feature = "rustcrypto-engine")]
mod rustcrypto;
mod simd_avx2;
mod simd_avx512;
mod wipe;
mod workers;

pub use crate::resources::kept;
pub use block::Kernel;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::params::{LH_ARGON2_AD_MAX, LH_ARGON2_PWD_MAX, LH_ARGON2_SECRET_MAX};
use crate::types::{check_raw_salt_len, Params, Version};

/// Which implementation computes the tags: `"libargon2rs"` (ours) or `"rustcrypto-argon2"`
/// (the `rustcrypto-engine` feature). The CLI's `--version` prints it.
pub const ENGINE: &str = if cfg!(feature = "rustcrypto-engine") { "rustcrypto-argon2" } else { "libargon2rs" };

/// Bytes in one Argon2 block (128 64-bit words).
pub const BLOCK_BYTES: u64 = std::mem::size_of::<block::Block>() as u64;

/// The optional Argon2 inputs beyond password and salt.
#[derive(Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The secret key K (pepper); empty means none.
    pub secret: &'a [u8],
    /// Associated data X; empty means none.
    pub ad: &'a [u8],
}

impl Extras<'_> {
    /// Checks the lengths of the secret and associated data.
    pub fn validate(&self) -> Result<()> {
        if self.secret.len() as u64 > LH_ARGON2_SECRET_MAX {
            return Err(Error::SecretTooLong);
        }
        if self.ad.len() as u64 > LH_ARGON2_AD_MAX {
            return Err(Error::AdTooLong);
        }
        Ok(())
    }
}

/// Checks a password length.
pub fn check_password_len(len: usize) -> Result<()> {
    if len as u64 > LH_ARGON2_PWD_MAX {
        return Err(Error::PasswordTooLong);
    }
    Ok(())
}

/// Bytes of working memory `params` need: m_cost rounded down to a multiple of 4 * p blocks.
pub fn memory_bytes(params: &Params) -> u64 {
    let lanes_times_slices = 4 * u64::from(params.parallelism());
    u64::from(params.m_cost()) / lanes_times_slices * lanes_times_slices * BLOCK_BYTES
}

/// Computes the `params.hash_len()`-byte tag into a wiped buffer, with the engine `ENGINE`
/// names. The inputs must have passed `validate_inputs` (the parameters are valid by
/// construction).
pub fn derive(params: &Params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    #[cfg(feature = "rustcrypto-engine")]
    return rustcrypto::derive(params, pwd, salt, extras);
    #[cfg(not(feature = "rustcrypto-engine"))]
    derive_with_kernel(params, pwd, salt, extras, Kernel::detect())
}

/// `derive` with `version_word` hashed into H0 in place of `params.version()`, as the
/// reference library does with any version number (compat/libargon2's `argon2_ctx`);
/// words other than 0x10 compress as version 1.3. The inputs must have passed
/// `validate_inputs`.
pub fn derive_with_version_word(
    params: &Params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
    version_word: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    let version = params.version();
    if version_word == version.number() {
        return derive(params, pwd, salt, extras);
    }
    // RustCrypto's crate takes only 0x10 and 0x13; a 1.0 word must come with 1.0 rules.
    let v10 = Version::V10.number();
    if cfg!(feature = "rustcrypto-engine") || (version == Version::V10) != (version_word == v10) {
        return Err(Error::UnsupportedVersion);
    }
    fill::hash(&fill_inputs(params, pwd, salt, extras, version_word), Kernel::detect())
}

/// `derive` with a chosen compression kernel (the differential tests run each one).
#[doc(hidden)]
pub fn derive_with_kernel(
    params: &Params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
    kernel: Kernel,
) -> Result<Zeroizing<Vec<u8>>> {
    fill::hash(&fill_inputs(params, pwd, salt, extras, params.version().number()), kernel)
}

fn fill_inputs<'a>(
    params: &Params,
    pwd: &'a [u8],
    salt: &'a [u8],
    extras: Extras<'a>,
    version_word: u32,
) -> fill::Inputs<'a> {
    fill::Inputs {
        pwd,
        salt,
        secret: extras.secret,
        ad: extras.ad,
        hash_len: params.hash_len(),
        m_cost: params.m_cost(),
        t_cost: params.t_cost(),
        lanes: params.parallelism(),
        version: params.version(),
        version_word,
        algorithm: params.algorithm(),
    }
}

/// Checks the salt, password and extras lengths (with the raw calls' caps: an encoded
/// hash's tighter caps are in `HashParams`): the one check of a derivation's byte
/// inputs, made before any memory is reserved.
pub fn validate_inputs(pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<()> {
    check_raw_salt_len(salt.len())?;
    check_password_len(pwd.len())?;
    extras.validate()
}
