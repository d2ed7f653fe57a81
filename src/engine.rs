//! Computes Argon2 tags in working memory we own and wipe.
//!
//! The engine is our own (`fill`: lanes on parallel threads, `block`: SIMD compression
//! chosen at run time, `memory`: 2 MiB-aligned huge-page mappings). With the cargo
//! feature `rustcrypto-engine`, `derive` computes the tag with RustCrypto's `argon2`
//! crate instead (`rustcrypto`), for deployments whose review wants that audited crate;
//! without it the crate is only the tests' oracle (a dev-dependency).

mod blake2b;
mod blake2b_avx2;
mod block;
mod fill;
pub(crate) mod memory;
#[cfg(feature = "rustcrypto-engine")]
mod rustcrypto;
mod simd_avx2;
mod simd_avx512;
mod workers;

pub use crate::resources::kept;
pub use block::Kernel;

use zeroize::Zeroizing;

use crate::params::*;
use crate::status::*;

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
            return Err(LH_ARGON2_ERR_SECRET_TOO_LONG);
        }
        if self.ad.len() as u64 > LH_ARGON2_AD_MAX {
            return Err(LH_ARGON2_ERR_AD_TOO_LONG);
        }
        Ok(())
    }
}

/// Checks a password length.
pub fn check_password_len(len: usize) -> Result<()> {
    if len as u64 > LH_ARGON2_PWD_MAX {
        return Err(LH_ARGON2_ERR_PASSWORD_TOO_LONG);
    }
    Ok(())
}

/// Bytes of working memory `params` need: m_cost rounded down to a multiple of 4 * p blocks.
pub fn memory_bytes(params: &lh_argon2_params) -> u64 {
    let lanes_times_slices = 4 * u64::from(params.parallelism);
    u64::from(params.m_cost) / lanes_times_slices * lanes_times_slices * BLOCK_BYTES
}

/// Computes the `params.hash_len`-byte tag into a wiped buffer, with the engine `ENGINE`
/// names. `params` must be valid (`validate_raw`); the salt length is checked here.
pub fn derive(params: &lh_argon2_params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    #[cfg(feature = "rustcrypto-engine")]
    return rustcrypto::derive(params, pwd, salt, extras);
    #[cfg(not(feature = "rustcrypto-engine"))]
    derive_with_kernel(params, pwd, salt, extras, Kernel::detect())
}

/// `derive` with `version_word` hashed into H0 in place of `params.version`, as the
/// reference library does with any version number (compat/libargon2's `argon2_ctx`);
/// words other than 0x10 compress as version 1.3. `params.version` must be valid.
pub fn derive_with_version_word(
    params: &lh_argon2_params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
    version_word: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    if version_word == params.version {
        return derive(params, pwd, salt, extras);
    }
    // RustCrypto's crate takes only 0x10 and 0x13.
    if cfg!(feature = "rustcrypto-engine") || (params.version == LH_ARGON2_V10) != (version_word == LH_ARGON2_V10) {
        return Err(LH_ARGON2_ERR_UNSUPPORTED_VERSION);
    }
    validate_inputs(params, pwd, salt, extras)?;
    let inputs = fill::Inputs {
        pwd,
        salt,
        secret: extras.secret,
        ad: extras.ad,
        hash_len: params.hash_len,
        m_cost: params.m_cost,
        t_cost: params.t_cost,
        lanes: params.parallelism,
        version: version_word,
        algorithm: params.algorithm,
    };
    fill::hash(&inputs, Kernel::detect())
}

/// `derive` with a chosen compression kernel (the differential tests run each one).
#[doc(hidden)]
pub fn derive_with_kernel(
    params: &lh_argon2_params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
    kernel: Kernel,
) -> Result<Zeroizing<Vec<u8>>> {
    validate_inputs(params, pwd, salt, extras)?;
    let inputs = fill::Inputs {
        pwd,
        salt,
        secret: extras.secret,
        ad: extras.ad,
        hash_len: params.hash_len,
        m_cost: params.m_cost,
        t_cost: params.t_cost,
        lanes: params.parallelism,
        version: params.version,
        algorithm: params.algorithm,
    };
    fill::hash(&inputs, kernel)
}

/// Checks parameters (except `salt_len`), salt, password and extras, as `derive` does,
/// with the raw calls' caps: an encoded hash's tighter caps are checked by its callers.
pub fn validate_inputs(params: &lh_argon2_params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<()> {
    params.validate_raw()?;
    check_raw_salt_len(salt.len())?;
    check_password_len(pwd.len())?;
    extras.validate()
}
