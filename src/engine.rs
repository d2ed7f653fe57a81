//! Computes Argon2 tags in working memory we own and wipe.
//!
//! The engine is our own (`fill`: lanes on parallel threads, `block`: SIMD compression
//! chosen at run time, `memory`: 2 MiB-aligned huge-page mappings). RustCrypto's
//! `argon2` crate stays as the oracle: `derive_with_crate` computes the same tag with
//! it, in blocks allocated here (fallibly, so exhaustion is a status and not an abort)
//! and zeroized before they are released, and the differential tests compare the two.

mod blake2b;
mod block;
mod fill;
mod memory;
mod simd_avx2;
mod simd_avx512;
mod workers;

pub use block::Kernel;
pub use fill::set_max_threads;
pub use memory::{kept, LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT};

use argon2::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};
use zeroize::Zeroizing;

use crate::params::*;
use crate::status::*;

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
    u64::from(params.m_cost) / lanes_times_slices * lanes_times_slices * Block::SIZE as u64
}

/// Computes the `params.hash_len`-byte tag into a wiped buffer. `params` must be valid
/// (`validate_without_salt_len`); the salt length is checked here.
pub fn derive(params: &lh_argon2_params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    derive_with_kernel(params, pwd, salt, extras, Kernel::detect())
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

/// Checks parameters (except `salt_len`), salt, password and extras, as `derive` does.
pub fn validate_inputs(params: &lh_argon2_params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<()> {
    params.validate_without_salt_len()?;
    check_salt_len(salt.len())?;
    check_password_len(pwd.len())?;
    extras.validate()
}

/// The same tag computed by RustCrypto's `argon2` crate: the oracle for our engine.
#[doc(hidden)]
pub fn derive_with_crate(
    params: &lh_argon2_params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
) -> Result<Zeroizing<Vec<u8>>> {
    validate_inputs(params, pwd, salt, extras)?;
    let engine_params = ParamsBuilder::new()
        .m_cost(params.m_cost)
        .t_cost(params.t_cost)
        .p_cost(params.parallelism)
        .output_len(params.hash_len as usize)
        .data(AssociatedData::new(extras.ad).map_err(|_| LH_ARGON2_ERR_AD_TOO_LONG)?)
        .build()
        .map_err(engine_status)?;
    let algorithm = match params.algorithm {
        LH_ARGON2_D => Algorithm::Argon2d,
        LH_ARGON2_I => Algorithm::Argon2i,
        _ => Algorithm::Argon2id,
    };
    let version = if params.version == LH_ARGON2_V10 { Version::V0x10 } else { Version::V0x13 };
    let engine = if extras.secret.is_empty() {
        Argon2::new(algorithm, version, engine_params)
    } else {
        Argon2::new_with_secret(extras.secret, algorithm, version, engine_params).map_err(engine_status)?
    };

    let mut blocks = working_memory(engine.params().block_count())?;
    let mut tag = crate::fallible::zeroed_bytes(params.hash_len as usize)?;
    engine.hash_password_into_with_memory(pwd, salt, &mut tag, blocks.as_mut_slice()).map_err(engine_status)?;
    Ok(tag)
}

/// Zeroed blocks, allocated fallibly; `Zeroizing` wipes them on every exit path.
fn working_memory(block_count: usize) -> Result<Zeroizing<Vec<Block>>> {
    let mut blocks = Vec::new();
    blocks.try_reserve_exact(block_count).map_err(|_| LH_ARGON2_ERR_OUT_OF_MEMORY)?;
    blocks.resize(block_count, Block::new());
    Ok(Zeroizing::new(blocks))
}

/// Maps the engine's errors; our own validation runs first, so most are unreachable.
fn engine_status(error: argon2::Error) -> lh_argon2_status {
    use argon2::Error as E;
    match error {
        E::AdTooLong => LH_ARGON2_ERR_AD_TOO_LONG,
        E::MemoryTooLittle => LH_ARGON2_ERR_M_COST_TOO_SMALL,
        E::OutputTooShort => LH_ARGON2_ERR_HASH_LEN_TOO_SHORT,
        E::OutputTooLong => LH_ARGON2_ERR_HASH_LEN_TOO_LONG,
        E::PwdTooLong => LH_ARGON2_ERR_PASSWORD_TOO_LONG,
        E::SaltTooShort => LH_ARGON2_ERR_SALT_TOO_SHORT,
        E::SaltTooLong => LH_ARGON2_ERR_SALT_TOO_LONG,
        E::SecretTooLong => LH_ARGON2_ERR_SECRET_TOO_LONG,
        E::ThreadsTooFew => LH_ARGON2_ERR_PARALLELISM_TOO_SMALL,
        E::ThreadsTooMany => LH_ARGON2_ERR_PARALLELISM_TOO_LARGE,
        E::TimeTooSmall => LH_ARGON2_ERR_T_COST_TOO_SMALL,
        E::VersionInvalid => LH_ARGON2_ERR_UNSUPPORTED_VERSION,
        E::AlgorithmInvalid => LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM,
        E::OutOfMemory => LH_ARGON2_ERR_OUT_OF_MEMORY,
        _ => LH_ARGON2_ERR_INTERNAL,
    }
}
