//! Fresh random salts from the operating system (through rand_core's `TryRng`, so a
//! failing source can be substituted in tests).

use rand_core::TryCryptoRng;

use crate::error::{Error, Result};
use crate::fallible;

/// `len` random bytes from `rng`; `Error::Random` if the source fails,
/// `Error::OutOfMemory` if the buffer cannot be allocated.
pub fn random_salt<R: TryCryptoRng + ?Sized>(rng: &mut R, len: usize) -> Result<Vec<u8>> {
    let mut salt = fallible::zeroed_bytes(len)?;
    rng.try_fill_bytes(&mut salt).map_err(|_| Error::Random)?;
    // A salt is not secret: it leaves its wiping wrapper.
    Ok(std::mem::take(&mut *salt))
}

/// The operating system's random source (getrandom(2) on Linux).
pub fn os_rng() -> getrandom::SysRng {
    getrandom::SysRng
}
