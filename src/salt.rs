//! Fresh random salts from the operating system (through rand_core's `TryRng`, so a
//! failing source can be substituted in tests).

use rand_core::TryCryptoRng;

use crate::status::*;

/// `len` random bytes from `rng`; `LH_ARGON2_ERR_RANDOM` if the source fails.
pub fn random_salt<R: TryCryptoRng + ?Sized>(rng: &mut R, len: usize) -> Result<Vec<u8>> {
    let mut salt = vec![0u8; len];
    rng.try_fill_bytes(&mut salt).map_err(|_| LH_ARGON2_ERR_RANDOM)?;
    Ok(salt)
}

/// The operating system's random source (getrandom(2) on Linux).
pub fn os_rng() -> getrandom::SysRng {
    getrandom::SysRng
}
