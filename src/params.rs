//! Argon2 parameters, their bounds, the named profiles and the verify limits.

use crate::status::*;

/// Argon2d: data-dependent memory access (the reference library's numbering).
pub const LH_ARGON2_D: u32 = 0;
/// Argon2i: data-independent memory access.
pub const LH_ARGON2_I: u32 = 1;
/// Argon2id: the hybrid recommended by RFC 9106, and this library's default.
pub const LH_ARGON2_ID: u32 = 2;

/// Argon2 version 1.0 (0x10). A PHC string without `v=` is this version.
pub const LH_ARGON2_V10: u32 = 0x10;
/// Argon2 version 1.3 (0x13 = 19), the current one.
pub const LH_ARGON2_V13: u32 = 0x13;

/// Smallest memory cost, in KiB (and at least 8 KiB per lane).
pub const LH_ARGON2_M_COST_MIN: u32 = 8;
/// Smallest number of passes.
pub const LH_ARGON2_T_COST_MIN: u32 = 1;
/// Smallest number of lanes.
pub const LH_ARGON2_PARALLELISM_MIN: u32 = 1;
/// Largest number of lanes (2^24 - 1, as in RFC 9106).
pub const LH_ARGON2_PARALLELISM_MAX: u32 = 0x00FF_FFFF;
/// Shortest tag, in bytes.
pub const LH_ARGON2_HASH_LEN_MIN: u32 = 4;
/// Longest tag in an encoded (PHC) hash, in bytes: `lh_argon2_hash*` and the strings
/// `lh_argon2_verify*` read, so that `LH_ARGON2_ENCODED_MAX` bounds every string. The raw
/// calls take up to `LH_ARGON2_RAW_HASH_LEN_MAX`.
pub const LH_ARGON2_HASH_LEN_MAX: u32 = 1024;
/// Longest tag through `lh_argon2_hash_raw*`, in bytes (2^32 - 1, as in RFC 9106).
pub const LH_ARGON2_RAW_HASH_LEN_MAX: u32 = 0xFFFF_FFFF;
/// Shortest salt, in bytes.
pub const LH_ARGON2_SALT_LEN_MIN: u32 = 8;
/// Longest salt in an encoded (PHC) hash, in bytes, for the same reason as
/// `LH_ARGON2_HASH_LEN_MAX`. The raw calls take up to `LH_ARGON2_RAW_SALT_LEN_MAX`.
pub const LH_ARGON2_SALT_LEN_MAX: u32 = 1024;
/// Longest salt through `lh_argon2_hash_raw*`, in bytes (2^32 - 1, as in RFC 9106).
pub const LH_ARGON2_RAW_SALT_LEN_MAX: u32 = 0xFFFF_FFFF;
/// Longest password, in bytes (2^32 - 1, as in RFC 9106).
pub const LH_ARGON2_PWD_MAX: u64 = 0xFFFF_FFFF;
/// Longest secret (pepper), in bytes (2^32 - 1, as in RFC 9106).
pub const LH_ARGON2_SECRET_MAX: u64 = 0xFFFF_FFFF;
/// Longest associated data, in bytes (2^32 - 1, as in RFC 9106 and the reference
/// library). The `rustcrypto-engine` build refuses more than 32 bytes (that crate's
/// limit) with `LH_ARGON2_ERR_AD_TOO_LONG`.
pub const LH_ARGON2_AD_MAX: u64 = 0xFFFF_FFFF;

/// Default verify limit on memory: 2 GiB (in KiB), enough for every profile.
pub const LH_ARGON2_DEFAULT_MAX_M_COST: u32 = 2 * 1024 * 1024;
/// Default verify limit on passes.
pub const LH_ARGON2_DEFAULT_MAX_T_COST: u32 = 32;
/// Default verify limit on lanes.
pub const LH_ARGON2_DEFAULT_MAX_PARALLELISM: u32 = 16;
/// Default verify limit on total work, `m_cost * t_cost` in KiB-passes: 4 GiB-passes,
/// which admits LH_ARGON2_PROFILE_SENSITIVE (1 GiB x 4) and bounds verify time.
pub const LH_ARGON2_DEFAULT_MAX_WORK: u64 = 4 * 1024 * 1024;

/// Argon2 parameters: what `lh_argon2_hash` uses and what `lh_argon2_decode` reports.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct lh_argon2_params {
    /// `LH_ARGON2_D`, `LH_ARGON2_I` or `LH_ARGON2_ID`.
    pub algorithm: u32,
    /// `LH_ARGON2_V10` (0x10) or `LH_ARGON2_V13` (0x13).
    pub version: u32,
    /// Memory, in KiB: at least 8 per lane.
    pub m_cost: u32,
    /// Passes over the memory: at least 1.
    pub t_cost: u32,
    /// Lanes: 1 to `LH_ARGON2_PARALLELISM_MAX`.
    pub parallelism: u32,
    /// Tag length in bytes: `LH_ARGON2_HASH_LEN_MIN` to `LH_ARGON2_HASH_LEN_MAX`.
    pub hash_len: u32,
    /// Length in bytes of the random salt generated when hashing (the salt length
    /// found, when decoding): `LH_ARGON2_SALT_LEN_MIN` to `LH_ARGON2_SALT_LEN_MAX`.
    pub salt_len: u32,
}

/// Limits on what a stored (untrusted) hash may ask of `lh_argon2_verify_ext`.
/// A field left 0 takes its `LH_ARGON2_DEFAULT_MAX_*` value.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct lh_argon2_limits {
    /// Largest `m_cost * t_cost` (KiB-passes), which bounds the time of one verify.
    pub max_work: u64,
    /// Largest memory, in KiB.
    pub max_m_cost: u32,
    /// Largest number of passes.
    pub max_t_cost: u32,
    /// Largest number of lanes.
    pub max_parallelism: u32,
}

/// The parameter presets: pick one rather than raw numbers.
#[allow(non_camel_case_types)]
pub type lh_argon2_profile = u32;

/// RFC 9106 second recommendation and the default: Argon2id, m=64 MiB, t=3, p=4
/// (argon2-cffi's default, so its hashes never need rehashing here).
pub const LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY: lh_argon2_profile = 0;
/// RFC 9106 first recommendation: Argon2id, m=2 GiB, t=1, p=4.
pub const LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY: lh_argon2_profile = 1;
/// OWASP's password-storage minimum: Argon2id, m=19 MiB, t=2, p=1.
pub const LH_ARGON2_PROFILE_OWASP: lh_argon2_profile = 2;
/// libsodium's INTERACTIVE: Argon2id, m=64 MiB, t=2, p=1.
pub const LH_ARGON2_PROFILE_INTERACTIVE: lh_argon2_profile = 3;
/// libsodium's MODERATE: Argon2id, m=256 MiB, t=3, p=1.
pub const LH_ARGON2_PROFILE_MODERATE: lh_argon2_profile = 4;
/// libsodium's SENSITIVE: Argon2id, m=1 GiB, t=4, p=1.
pub const LH_ARGON2_PROFILE_SENSITIVE: lh_argon2_profile = 5;
/// The cheapest valid parameters (m=8 KiB, t=1, p=1). For tests only: never for passwords.
pub const LH_ARGON2_PROFILE_INSECURE_TEST_ONLY: lh_argon2_profile = 6;
/// The default profile (`LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY`).
pub const LH_ARGON2_PROFILE_DEFAULT: lh_argon2_profile = LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY;

/// Every profile, in value order.
#[cfg(test)]
pub(crate) const ALL_PROFILES: [lh_argon2_profile; 7] = [
    LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY,
    LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY,
    LH_ARGON2_PROFILE_OWASP,
    LH_ARGON2_PROFILE_INTERACTIVE,
    LH_ARGON2_PROFILE_MODERATE,
    LH_ARGON2_PROFILE_SENSITIVE,
    LH_ARGON2_PROFILE_INSECURE_TEST_ONLY,
];

const fn argon2id(m_cost: u32, t_cost: u32, parallelism: u32) -> lh_argon2_params {
    lh_argon2_params {
        algorithm: LH_ARGON2_ID,
        version: LH_ARGON2_V13,
        m_cost,
        t_cost,
        parallelism,
        hash_len: 32,
        salt_len: 16,
    }
}

impl lh_argon2_params {
    /// The parameters of a named profile.
    pub fn from_profile(profile: lh_argon2_profile) -> Result<Self> {
        const MIB: u32 = 1024;
        Ok(match profile {
            LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY => argon2id(64 * MIB, 3, 4),
            LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY => argon2id(2048 * MIB, 1, 4),
            LH_ARGON2_PROFILE_OWASP => argon2id(19 * MIB, 2, 1),
            LH_ARGON2_PROFILE_INTERACTIVE => argon2id(64 * MIB, 2, 1),
            LH_ARGON2_PROFILE_MODERATE => argon2id(256 * MIB, 3, 1),
            LH_ARGON2_PROFILE_SENSITIVE => argon2id(1024 * MIB, 4, 1),
            LH_ARGON2_PROFILE_INSECURE_TEST_ONLY => argon2id(8, 1, 1),
            _ => return Err(LH_ARGON2_ERR_UNKNOWN_PROFILE),
        })
    }

    /// The default profile's parameters.
    pub fn default_profile() -> Self {
        argon2id(64 * 1024, 3, 4)
    }

    /// Checks everything except `salt_len` (which raw derivation does not use), with the
    /// tag length capped for an encoded hash (`LH_ARGON2_HASH_LEN_MAX`).
    pub fn validate_without_salt_len(&self) -> Result<()> {
        self.validate_raw()?;
        check_len(
            self.hash_len as usize,
            LH_ARGON2_HASH_LEN_MIN,
            LH_ARGON2_HASH_LEN_MAX,
            LH_ARGON2_ERR_HASH_LEN_TOO_SHORT,
            LH_ARGON2_ERR_HASH_LEN_TOO_LONG,
        )
    }

    /// Checks what raw derivation uses: everything except `salt_len`, the tag length up
    /// to `LH_ARGON2_RAW_HASH_LEN_MAX` (any `u32`).
    pub fn validate_raw(&self) -> Result<()> {
        if !matches!(self.algorithm, LH_ARGON2_D | LH_ARGON2_I | LH_ARGON2_ID) {
            return Err(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM);
        }
        if !matches!(self.version, LH_ARGON2_V10 | LH_ARGON2_V13) {
            return Err(LH_ARGON2_ERR_UNSUPPORTED_VERSION);
        }
        if self.parallelism < LH_ARGON2_PARALLELISM_MIN {
            return Err(LH_ARGON2_ERR_PARALLELISM_TOO_SMALL);
        }
        if self.parallelism > LH_ARGON2_PARALLELISM_MAX {
            return Err(LH_ARGON2_ERR_PARALLELISM_TOO_LARGE);
        }
        // parallelism <= 2^24 - 1, so 8 * parallelism cannot overflow.
        if self.m_cost < LH_ARGON2_M_COST_MIN || self.m_cost < 8 * self.parallelism {
            return Err(LH_ARGON2_ERR_M_COST_TOO_SMALL);
        }
        if self.t_cost < LH_ARGON2_T_COST_MIN {
            return Err(LH_ARGON2_ERR_T_COST_TOO_SMALL);
        }
        check_len(
            self.hash_len as usize,
            LH_ARGON2_HASH_LEN_MIN,
            LH_ARGON2_RAW_HASH_LEN_MAX,
            LH_ARGON2_ERR_HASH_LEN_TOO_SHORT,
            LH_ARGON2_ERR_HASH_LEN_TOO_LONG,
        )
    }

    /// Checks every field, as hashing to an encoded string needs.
    pub fn validate(&self) -> Result<()> {
        self.validate_without_salt_len()?;
        check_salt_len(self.salt_len as usize)
    }
}

/// Checks a salt length against `LH_ARGON2_SALT_LEN_MIN..=LH_ARGON2_SALT_LEN_MAX`.
pub fn check_salt_len(len: usize) -> Result<()> {
    check_len(
        len,
        LH_ARGON2_SALT_LEN_MIN,
        LH_ARGON2_SALT_LEN_MAX,
        LH_ARGON2_ERR_SALT_TOO_SHORT,
        LH_ARGON2_ERR_SALT_TOO_LONG,
    )
}

/// Checks a raw-derivation salt length against
/// `LH_ARGON2_SALT_LEN_MIN..=LH_ARGON2_RAW_SALT_LEN_MAX`.
pub fn check_raw_salt_len(len: usize) -> Result<()> {
    check_len(
        len,
        LH_ARGON2_SALT_LEN_MIN,
        LH_ARGON2_RAW_SALT_LEN_MAX,
        LH_ARGON2_ERR_SALT_TOO_SHORT,
        LH_ARGON2_ERR_SALT_TOO_LONG,
    )
}

fn check_len(len: usize, min: u32, max: u32, short: i32, long: i32) -> Result<()> {
    if len < min as usize {
        Err(short)
    } else if len > max as usize {
        Err(long)
    } else {
        Ok(())
    }
}

impl lh_argon2_limits {
    /// The library's default verify limits.
    pub(crate) const DEFAULT: Self = lh_argon2_limits {
        max_work: LH_ARGON2_DEFAULT_MAX_WORK,
        max_m_cost: LH_ARGON2_DEFAULT_MAX_M_COST,
        max_t_cost: LH_ARGON2_DEFAULT_MAX_T_COST,
        max_parallelism: LH_ARGON2_DEFAULT_MAX_PARALLELISM,
    };

    /// These limits with every 0 field replaced by its default.
    pub fn or_defaults(self) -> Self {
        fn pick<T: PartialEq + Default>(value: T, default: T) -> T {
            if value == T::default() {
                default
            } else {
                value
            }
        }
        let d = Self::DEFAULT;
        lh_argon2_limits {
            max_work: pick(self.max_work, d.max_work),
            max_m_cost: pick(self.max_m_cost, d.max_m_cost),
            max_t_cost: pick(self.max_t_cost, d.max_t_cost),
            max_parallelism: pick(self.max_parallelism, d.max_parallelism),
        }
    }

    /// `LH_ARGON2_ERR_COST_LIMIT_EXCEEDED` if `params` ask for more than these limits.
    pub fn admit(&self, params: &lh_argon2_params) -> Result<()> {
        let limits = self.or_defaults();
        let work = u64::from(params.m_cost) * u64::from(params.t_cost);
        if params.m_cost > limits.max_m_cost
            || params.t_cost > limits.max_t_cost
            || params.parallelism > limits.max_parallelism
            || work > limits.max_work
        {
            return Err(LH_ARGON2_ERR_COST_LIMIT_EXCEEDED);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_valid_and_admitted_by_default_limits() {
        for profile in ALL_PROFILES {
            let params = lh_argon2_params::from_profile(profile).unwrap();
            assert_eq!(params.validate(), Ok(()), "profile {profile}");
            assert_eq!(lh_argon2_limits::DEFAULT.admit(&params), Ok(()), "profile {profile}");
        }
    }

    #[test]
    fn default_profile_is_rfc9106_low_memory() {
        assert_eq!(
            lh_argon2_params::default_profile(),
            lh_argon2_params::from_profile(LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY).unwrap()
        );
    }

    #[test]
    fn memory_below_eight_kib_per_lane_is_rejected() {
        let mut params = argon2id(15, 1, 2);
        assert_eq!(params.validate(), Err(LH_ARGON2_ERR_M_COST_TOO_SMALL));
        params.m_cost = 16;
        assert_eq!(params.validate(), Ok(()));
    }

    #[test]
    fn parallelism_at_u32_max_does_not_overflow() {
        let params = argon2id(u32::MAX, 1, u32::MAX);
        assert_eq!(params.validate(), Err(LH_ARGON2_ERR_PARALLELISM_TOO_LARGE));
    }

    #[test]
    fn zero_limit_fields_take_defaults_and_others_are_kept() {
        let limits = lh_argon2_limits { max_t_cost: 2, ..Default::default() }.or_defaults();
        assert_eq!(limits.max_t_cost, 2);
        assert_eq!(limits.max_m_cost, LH_ARGON2_DEFAULT_MAX_M_COST);
        let hostile = argon2id(4 * 1024 * 1024, 100, 32);
        assert_eq!(lh_argon2_limits::DEFAULT.admit(&hostile), Err(LH_ARGON2_ERR_COST_LIMIT_EXCEEDED));
    }
}
