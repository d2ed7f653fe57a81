//! The safe core's parameter types, valid by construction: `Algorithm`, `Version`,
//! `Params` (what the engine needs), `HashParams` (plus the salt length of a PHC
//! string), `Limits` (what a stored hash may ask for) and the named `Profile`s.
//! Every range is checked once, in `Params::new` / `HashParams::new`; code that holds
//! one of these never checks it again.

use crate::error::{Error, Result};
use crate::params::*;

/// The Argon2 variant (RFC 9106's type y).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// Argon2d (y = 0): data-dependent memory access.
    D,
    /// Argon2i (y = 1): data-independent memory access.
    I,
    /// Argon2id (y = 2): the hybrid RFC 9106 recommends.
    Id,
}

impl Algorithm {
    /// The variant with type number `y` (0 d, 1 i, 2 id).
    pub fn from_number(y: u32) -> Result<Self> {
        match y {
            0 => Ok(Algorithm::D),
            1 => Ok(Algorithm::I),
            2 => Ok(Algorithm::Id),
            _ => Err(Error::UnsupportedAlgorithm),
        }
    }

    /// The type number y hashed into H0.
    pub fn number(self) -> u32 {
        match self {
            Algorithm::D => 0,
            Algorithm::I => 1,
            Algorithm::Id => 2,
        }
    }

    /// The PHC identifier: `argon2d`, `argon2i` or `argon2id`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::D => "argon2d",
            Algorithm::I => "argon2i",
            Algorithm::Id => "argon2id",
        }
    }

    /// The variant a PHC identifier names, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        [Algorithm::D, Algorithm::I, Algorithm::Id].into_iter().find(|a| a.name() == name)
    }
}

/// The Argon2 version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// Version 1.0 (0x10); a PHC string without `v=` is this version.
    V10 = 0x10,
    /// Version 1.3 (0x13 = 19), the current one.
    V13 = 0x13,
}

impl Version {
    /// The version with this number (16 or 19).
    pub fn from_number(v: u32) -> Result<Self> {
        match v {
            0x10 => Ok(Version::V10),
            0x13 => Ok(Version::V13),
            _ => Err(Error::UnsupportedVersion),
        }
    }

    /// The number hashed into H0 and written after `v=`.
    pub fn number(self) -> u32 {
        self as u32
    }
}

/// Valid Argon2 parameters for one derivation (the salt is given with each call); the
/// tag length may be up to `LH_ARGON2_RAW_HASH_LEN_MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    algorithm: Algorithm,
    version: Version,
    m_cost: u32,
    t_cost: u32,
    parallelism: u32,
    hash_len: u32,
}

impl Params {
    /// Checks the numbers, in the order the C API reports them: algorithm, version,
    /// lanes, memory (at least 8 KiB per lane), passes, tag length.
    pub fn new(
        algorithm: u32,
        version: u32,
        m_cost: u32,
        t_cost: u32,
        parallelism: u32,
        hash_len: u32,
    ) -> Result<Self> {
        let algorithm = Algorithm::from_number(algorithm)?;
        let version = Version::from_number(version)?;
        if parallelism < LH_ARGON2_PARALLELISM_MIN {
            return Err(Error::ParallelismTooSmall);
        }
        if parallelism > LH_ARGON2_PARALLELISM_MAX {
            return Err(Error::ParallelismTooLarge);
        }
        // parallelism <= 2^24 - 1, so 8 * parallelism cannot overflow.
        if m_cost < LH_ARGON2_M_COST_MIN || m_cost < 8 * parallelism {
            return Err(Error::MCostTooSmall);
        }
        if t_cost < LH_ARGON2_T_COST_MIN {
            return Err(Error::TCostTooSmall);
        }
        check_len(
            hash_len as usize,
            LH_ARGON2_HASH_LEN_MIN,
            LH_ARGON2_RAW_HASH_LEN_MAX,
            Error::HashLenTooShort,
            Error::HashLenTooLong,
        )?;
        Ok(Params { algorithm, version, m_cost, t_cost, parallelism, hash_len })
    }

    /// The variant.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
    /// The version.
    pub fn version(&self) -> Version {
        self.version
    }
    /// Memory, in KiB (at least 8 per lane).
    pub fn m_cost(&self) -> u32 {
        self.m_cost
    }
    /// Passes (at least 1).
    pub fn t_cost(&self) -> u32 {
        self.t_cost
    }
    /// Lanes (1 to `LH_ARGON2_PARALLELISM_MAX`).
    pub fn parallelism(&self) -> u32 {
        self.parallelism
    }
    /// Tag length in bytes.
    pub fn hash_len(&self) -> u32 {
        self.hash_len
    }
}

/// Valid parameters of a PHC string: `Params` and the salt length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashParams {
    params: Params,
    salt_len: u32,
}

impl HashParams {
    /// Checked `params` (`Params::new`), then the tag length capped for a PHC string
    /// (`LH_ARGON2_HASH_LEN_MAX`, so that `LH_ARGON2_ENCODED_MAX` bounds every string),
    /// then the salt length: the C API's order.
    pub fn new(params: Params, salt_len: u32) -> Result<Self> {
        if params.hash_len > LH_ARGON2_HASH_LEN_MAX {
            return Err(Error::HashLenTooLong);
        }
        check_salt_len(salt_len as usize)?;
        Ok(HashParams { params, salt_len })
    }

    /// Argon2id version 0x13 with a 32-byte tag and a 16-byte salt.
    pub fn argon2id(m_cost: u32, t_cost: u32, parallelism: u32) -> Result<Self> {
        Self::new(Params::new(Algorithm::Id.number(), Version::V13.number(), m_cost, t_cost, parallelism, 32)?, 16)
    }

    /// The derivation parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }
    /// Length in bytes of the salt.
    pub fn salt_len(&self) -> u32 {
        self.salt_len
    }
}

/// Checks a salt length against `LH_ARGON2_SALT_LEN_MIN..=LH_ARGON2_SALT_LEN_MAX`.
pub fn check_salt_len(len: usize) -> Result<()> {
    check_len(len, LH_ARGON2_SALT_LEN_MIN, LH_ARGON2_SALT_LEN_MAX, Error::SaltTooShort, Error::SaltTooLong)
}

/// Checks a raw-derivation salt length against
/// `LH_ARGON2_SALT_LEN_MIN..=LH_ARGON2_RAW_SALT_LEN_MAX`.
pub fn check_raw_salt_len(len: usize) -> Result<()> {
    check_len(len, LH_ARGON2_SALT_LEN_MIN, LH_ARGON2_RAW_SALT_LEN_MAX, Error::SaltTooShort, Error::SaltTooLong)
}

fn check_len(len: usize, min: u32, max: u32, short: Error, long: Error) -> Result<()> {
    if len < min as usize {
        Err(short)
    } else if len > max as usize {
        Err(long)
    } else {
        Ok(())
    }
}

/// The parameter presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// RFC 9106's second recommendation, the default: Argon2id, m=64 MiB, t=3, p=4.
    Rfc9106LowMemory,
    /// RFC 9106's first recommendation: Argon2id, m=2 GiB, t=1, p=4.
    Rfc9106HighMemory,
    /// OWASP's minimum: Argon2id, m=19 MiB, t=2, p=1.
    Owasp,
    /// libsodium's INTERACTIVE: Argon2id, m=64 MiB, t=2, p=1.
    Interactive,
    /// libsodium's MODERATE: Argon2id, m=256 MiB, t=3, p=1.
    Moderate,
    /// libsodium's SENSITIVE: Argon2id, m=1 GiB, t=4, p=1.
    Sensitive,
    /// m=8 KiB, t=1, p=1: for tests only.
    InsecureTestOnly,
}

impl Profile {
    /// The default profile.
    pub const DEFAULT: Profile = Profile::Rfc9106LowMemory;

    /// This profile's parameters.
    pub fn params(self) -> HashParams {
        const MIB: u32 = 1024;
        let (m, t, p) = match self {
            Profile::Rfc9106LowMemory => (64 * MIB, 3, 4),
            Profile::Rfc9106HighMemory => (2048 * MIB, 1, 4),
            Profile::Owasp => (19 * MIB, 2, 1),
            Profile::Interactive => (64 * MIB, 2, 1),
            Profile::Moderate => (256 * MIB, 3, 1),
            Profile::Sensitive => (1024 * MIB, 4, 1),
            Profile::InsecureTestOnly => (8, 1, 1),
        };
        HashParams::argon2id(m, t, p).expect("every profile is valid (tested)")
    }
}

/// What a stored (untrusted) hash may ask of a verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest `m_cost * t_cost` (KiB-passes).
    pub max_work: u64,
    /// Largest memory, in KiB.
    pub max_m_cost: u32,
    /// Largest number of passes.
    pub max_t_cost: u32,
    /// Largest number of lanes.
    pub max_parallelism: u32,
}

impl Limits {
    /// The library's default verify limits (`LH_ARGON2_DEFAULT_MAX_*`).
    pub const DEFAULT: Self = Limits {
        max_work: LH_ARGON2_DEFAULT_MAX_WORK,
        max_m_cost: LH_ARGON2_DEFAULT_MAX_M_COST,
        max_t_cost: LH_ARGON2_DEFAULT_MAX_T_COST,
        max_parallelism: LH_ARGON2_DEFAULT_MAX_PARALLELISM,
    };

    /// Every field 0, meaning "the default" (see `or_defaults`).
    pub const UNSET: Self = Limits { max_work: 0, max_m_cost: 0, max_t_cost: 0, max_parallelism: 0 };

    /// These limits with every 0 field replaced by its `DEFAULT` value: how the C API
    /// and the CLI read a limit left unset.
    pub fn or_defaults(self) -> Self {
        let pick = |value: u64, default: u64| if value == 0 { default } else { value };
        let pick32 = |value: u32, default: u32| if value == 0 { default } else { value };
        let d = Self::DEFAULT;
        Limits {
            max_work: pick(self.max_work, d.max_work),
            max_m_cost: pick32(self.max_m_cost, d.max_m_cost),
            max_t_cost: pick32(self.max_t_cost, d.max_t_cost),
            max_parallelism: pick32(self.max_parallelism, d.max_parallelism),
        }
    }

    /// `Error::CostLimitExceeded` if `params` ask for more than these limits.
    pub fn admit(&self, params: &Params) -> Result<()> {
        let work = u64::from(params.m_cost) * u64::from(params.t_cost);
        if params.m_cost > self.max_m_cost
            || params.t_cost > self.max_t_cost
            || params.parallelism > self.max_parallelism
            || work > self.max_work
        {
            return Err(Error::CostLimitExceeded);
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `HashParams` from all seven numbers.
    fn hp(a: u32, v: u32, m: u32, t: u32, p: u32, h: u32, s: u32) -> Result<HashParams> {
        HashParams::new(Params::new(a, v, m, t, p, h)?, s)
    }

    const ALL_PROFILES: [Profile; 7] = [
        Profile::Rfc9106LowMemory,
        Profile::Rfc9106HighMemory,
        Profile::Owasp,
        Profile::Interactive,
        Profile::Moderate,
        Profile::Sensitive,
        Profile::InsecureTestOnly,
    ];

    #[test]
    fn every_profile_is_valid_and_admitted_by_default_limits() {
        for profile in ALL_PROFILES {
            assert_eq!(Limits::DEFAULT.admit(profile.params().params()), Ok(()), "{profile:?}");
        }
    }

    #[test]
    fn memory_below_eight_kib_per_lane_is_rejected() {
        assert_eq!(HashParams::argon2id(15, 1, 2), Err(Error::MCostTooSmall));
        assert!(HashParams::argon2id(16, 1, 2).is_ok());
    }

    #[test]
    fn parallelism_at_u32_max_does_not_overflow() {
        assert_eq!(HashParams::argon2id(u32::MAX, 1, u32::MAX), Err(Error::ParallelismTooLarge));
    }

    #[test]
    fn checks_come_in_the_c_api_order() {
        assert_eq!(hp(3, 0x14, 0, 0, 0, 0, 0), Err(Error::UnsupportedAlgorithm));
        assert_eq!(hp(2, 0x14, 0, 0, 0, 0, 0), Err(Error::UnsupportedVersion));
        assert_eq!(hp(2, 0x13, 0, 0, 0, 0, 0), Err(Error::ParallelismTooSmall));
        assert_eq!(hp(2, 0x13, 0, 0, 1, 0, 0), Err(Error::MCostTooSmall));
        assert_eq!(hp(2, 0x13, 8, 0, 1, 0, 0), Err(Error::TCostTooSmall));
        assert_eq!(hp(2, 0x13, 8, 1, 1, 0, 0), Err(Error::HashLenTooShort));
        assert_eq!(hp(2, 0x13, 8, 1, 1, 4, 0), Err(Error::SaltTooShort));
        assert!(hp(2, 0x13, 8, 1, 1, 4, 8).is_ok());
    }

    #[test]
    fn algorithm_and_version_numbers_round_trip() {
        for a in [Algorithm::D, Algorithm::I, Algorithm::Id] {
            assert_eq!(Algorithm::from_number(a.number()), Ok(a));
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        assert_eq!(Algorithm::from_name("argon2x"), None);
        for v in [Version::V10, Version::V13] {
            assert_eq!(Version::from_number(v.number()), Ok(v));
        }
    }

    #[test]
    fn zero_limit_fields_take_defaults_and_others_are_kept() {
        let limits = Limits { max_t_cost: 2, ..Limits::UNSET }.or_defaults();
        assert_eq!(limits.max_t_cost, 2);
        assert_eq!(limits.max_m_cost, LH_ARGON2_DEFAULT_MAX_M_COST);
    }

    #[test]
    fn hostile_costs_exceed_the_default_limits() {
        let hostile = HashParams::argon2id(4 * 1024 * 1024, 100, 32).unwrap();
        assert_eq!(Limits::DEFAULT.admit(hostile.params()), Err(Error::CostLimitExceeded));
    }
}
