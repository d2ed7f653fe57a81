//! The C declarations of Argon2 parameters: their bounds, the `lh_argon2_params` and
//! `lh_argon2_limits` structs and the profile numbers. The safe core uses the typed
//! `types::HashParams` and `types::Limits`; `c_io` converts between the two.

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
