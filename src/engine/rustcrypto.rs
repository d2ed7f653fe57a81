//! The `rustcrypto-engine` feature: tags from RustCrypto's `argon2` crate instead of our
//! engine. Inputs are checked as for our engine first, the blocks are allocated here
//! (fallibly, so exhaustion is a status and not an abort) and zeroized before they are
//! released. Single-threaded: the crate's `parallel` feature would bring in rayon.

use argon2::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};
use zeroize::Zeroizing;

use super::{validate_inputs, Extras};
use crate::params::*;
use crate::status::*;

/// The tag computed by RustCrypto's `argon2` crate, with the same checks as our engine.
pub fn derive(params: &lh_argon2_params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    validate_inputs(params, pwd, salt, extras)?;
    let engine_params = ParamsBuilder::new()
        .m_cost(params.m_cost)
        .t_cost(params.t_cost)
        .p_cost(params.parallelism)
        .output_len(params.hash_len as usize)
        .data(AssociatedData::new(extras.ad).map_err(|_| LH_ARGON2_ERR_AD_TOO_LONG)?)
        .build()
        .map_err(engine_status)?;
    // validate_inputs has refused any other algorithm or version.
    let algorithm = match params.algorithm {
        LH_ARGON2_D => Algorithm::Argon2d,
        LH_ARGON2_I => Algorithm::Argon2i,
        LH_ARGON2_ID => Algorithm::Argon2id,
        _ => return Err(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM),
    };
    let version = match params.version {
        LH_ARGON2_V10 => Version::V0x10,
        LH_ARGON2_V13 => Version::V0x13,
        _ => return Err(LH_ARGON2_ERR_UNSUPPORTED_VERSION),
    };
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
    let mut blocks = crate::fallible::vec_with_capacity(block_count)?;
    // Within the reserved capacity: no further allocation.
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
