//! The `rustcrypto-engine` feature: tags from RustCrypto's `argon2` crate instead of our
//! engine. The inputs are already checked (`validate_inputs`); the blocks are our engine's
//! `WorkMemory` (fallible, so exhaustion is a status and not an abort; its own mapping
//! from 2 MiB, returned whole and wiped on release). A `Vec` of the crate's blocks kept
//! glibc's heap at seven copies of a 19 MiB working memory after a few hashes (peak RSS
//! 133 MiB for one P2 at a time). Single-threaded: the crate's `parallel` feature would
//! bring in rayon.

use argon2::{Argon2, AssociatedData, ParamsBuilder};
use zeroize::Zeroizing;

use super::block::Block;
use super::memory::WorkMemory;
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

    let mut memory = WorkMemory::new(engine.params().block_count(), params.t_cost())?;
    let mut tag = crate::fallible::zeroed_bytes(params.hash_len() as usize)?;
    engine
        .hash_password_into_with_memory(pwd, salt, &mut tag, as_crate_blocks(memory.as_mut_slice()))
        .map_err(engine_status)?;
    Ok(tag)
}

// The crate's block is documented as 128 64-bit words; the same size and alignment as
// ours means it has no padding, so every bit pattern of ours is one of its.
const _: () = assert!(size_of::<argon2::Block>() == size_of::<Block>());
const _: () = assert!(align_of::<argon2::Block>() <= align_of::<Block>());

/// Our blocks seen as the crate's, for the time of one hash (`WorkMemory` wipes them).
fn as_crate_blocks(blocks: &mut [Block]) -> &mut [argon2::Block] {
    // SAFETY: same size, alignment at most ours (checked above), both plain 64-bit words
    // with every bit pattern valid; the borrow is exclusive and its length unchanged.
    unsafe { std::slice::from_raw_parts_mut(blocks.as_mut_ptr().cast::<argon2::Block>(), blocks.len()) }
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
