//! Fresh random salts from the operating system (through rand_core's `TryRng`, so a
//! failing source can be substituted in tests).

use rand_core::TryCryptoRng;

use crate::fallible;
use crate::status::*;

/// `len` random bytes from `rng`; `LH_ARGON2_ERR_RANDOM` if the source fails,
/// `LH_ARGON2_ERR_OUT_OF_MEMORY` if the buffer cannot be allocated.
pub fn random_salt<R: TryCryptoRng + ?Sized>(rng: &mut R, len: usize) -> Result<Vec<u8>> {
    let mut salt = fallible::zeroed_bytes(len)?;
    rng.try_fill_bytes(&mut salt).map_err(|_| LH_ARGON2_ERR_RANDOM)?;
    // A salt is not secret: it leaves its wiping wrapper.
    Ok(std::mem::take(&mut *salt))
}

/// The operating system's random source (getrandom(2) on Linux).
pub fn os_rng() -> getrandom::SysRng {
    getrandom::SysRng
}
