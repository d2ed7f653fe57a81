//! The `rustcrypto-engine` feature: tags from RustCrypto's `argon2` crate instead of our
//! engine. The inputs are already checked (`validate_inputs`); the blocks are allocated here
//! (fallibly, so exhaustion is a status and not an abort) and zeroized before they are
//! released. Single-threaded: the crate's `parallel` feature would bring in rayon.

use argon2::{Argon2, AssociatedData, Block, ParamsBuilder};
use zeroize::Zeroizing;

use super::Extras;
use crate::error::{Error, Result};
use crate::types::{Algorithm, Params, Version};

/// The tag computed by RustCrypto's `argon2` crate, for inputs our engine would accept.
pub fn derive(params: &Params, pwd: &[u8], salt: &[u8], extras: Extras<'_>) -> Result<Zeroizing<Vec<u8>>> {
    let engine_params = ParamsBuilder::new()
        .m_cost(params.m_cost())
        .t_cost(params.t_cost())
        .p_cost(params.parallelism())
        .output_len(params.hash_len() as usize)
        .data(AssociatedData::new(extras.ad).map_err(|_| Error::AdTooLong)?)
        .build()
        .map_err(engine_status)?;
    let algorithm = match params.algorithm() {
        Algorithm::D => argon2::Algorithm::Argon2d,
        Algorithm::I => argon2::Algorithm::Argon2i,
        Algorithm::Id => argon2::Algorithm::Argon2id,
    };
    let version = match params.version() {
        Version::V10 => argon2::Version::V0x10,
        Version::V13 => argon2::Version::V0x13,
    };
    let engine = if extras.secret.is_empty() {
        Argon2::new(algorithm, version, engine_params)
    } else {
        Argon2::new_with_secret(extras.secret, algorithm, version, engine_params).map_err(engine_status)?
    };

    let mut blocks = working_memory(engine.params().block_count())?;
    let mut tag = crate::fallible::zeroed_bytes(params.hash_len() as usize)?;
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
fn engine_status(error: argon2::Error) -> Error {
    use argon2::Error as E;
    match error {
        E::AdTooLong => Error::AdTooLong,
        E::MemoryTooLittle => Error::MCostTooSmall,
        E::OutputTooShort => Error::HashLenTooShort,
        E::OutputTooLong => Error::HashLenTooLong,
        E::PwdTooLong => Error::PasswordTooLong,
        E::SaltTooShort => Error::SaltTooShort,
        E::SaltTooLong => Error::SaltTooLong,
        E::SecretTooLong => Error::SecretTooLong,
        E::ThreadsTooFew => Error::ParallelismTooSmall,
        E::ThreadsTooMany => Error::ParallelismTooLarge,
        E::TimeTooSmall => Error::TCostTooSmall,
        E::VersionInvalid => Error::UnsupportedVersion,
        E::AlgorithmInvalid => Error::UnsupportedAlgorithm,
        E::OutOfMemory => Error::OutOfMemory,
        _ => Error::Internal,
    }
}
