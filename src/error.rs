//! The safe core's failures: one variant per way a call can fail. Only the boundary
//! (`status.rs`, through `boundary::guard`) turns one into an `lh_argon2_status`.

/// Why an operation failed. `status.rs` maps each variant to its C status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Error {
    /// The password (or pepper, or associated data) does not match the stored hash.
    VerifyMismatch,
    /// A required pointer was NULL (or a NULL buffer came with a non-zero length).
    NullPointer,
    /// The output buffer is too small; for strings `*out_written` holds the capacity needed.
    BufferTooSmall,
    /// The password is longer than `LH_ARGON2_PWD_MAX` bytes.
    PasswordTooLong,
    /// The secret (pepper) is longer than `LH_ARGON2_SECRET_MAX` bytes.
    SecretTooLong,
    /// The associated data is longer than `LH_ARGON2_AD_MAX` bytes.
    AdTooLong,
    /// The options struct has an unknown `struct_size` (initialise it with `lh_argon2_options_init`).
    InvalidOptions,
    /// The profile number is not one of `LH_ARGON2_PROFILE_*`.
    UnknownProfile,
    /// The output buffer overlaps an input buffer.
    OverlappingBuffers,
    /// `lh_argon2_calibrate`: the time budget is 0 or above `LH_ARGON2_CALIBRATE_MAX_TARGET_MS`,
    /// or this machine cannot meet it even with t=1 and the smallest memory.
    TimeBudget,
    /// An output capacity beyond the addressable size (over `PTRDIFF_MAX`, e.g. `SIZE_MAX`):
    /// no such buffer exists, so the call refuses it without touching the output.
    BufferTooLarge,
    /// `m_cost` is below `LH_ARGON2_M_COST_MIN` KiB or below 8 KiB per lane.
    MCostTooSmall,
    /// `t_cost` is 0.
    TCostTooSmall,
    /// `parallelism` is 0.
    ParallelismTooSmall,
    /// `parallelism` is above `LH_ARGON2_PARALLELISM_MAX`.
    ParallelismTooLarge,
    /// The tag length is below `LH_ARGON2_HASH_LEN_MIN` bytes.
    HashLenTooShort,
    /// The tag length is above `LH_ARGON2_HASH_LEN_MAX` bytes.
    HashLenTooLong,
    /// The salt is shorter than `LH_ARGON2_SALT_LEN_MIN` bytes.
    SaltTooShort,
    /// The salt is longer than `LH_ARGON2_SALT_LEN_MAX` bytes.
    SaltTooLong,
    /// The algorithm is not Argon2d, Argon2i or Argon2id.
    UnsupportedAlgorithm,
    /// The Argon2 version is not 0x10 (16) or 0x13 (19).
    UnsupportedVersion,
    /// The encoded string is not a well-formed Argon2 PHC string.
    MalformedHash,
    /// The encoded string has no NUL within `LH_ARGON2_ENCODED_MAX` bytes.
    EncodedTooLong,
    /// A salt, tag or `data=` field is not canonical unpadded standard Base64.
    InvalidBase64,
    /// The encoded string names a `keyid=`, which this library cannot honour.
    UnsupportedKeyid,
    /// The stored hash asks for more memory, passes, lanes or work than the verify limits allow.
    CostLimitExceeded,
    /// The Argon2 working memory could not be allocated.
    OutOfMemory,
    /// The operating system's random source failed.
    Random,
    /// The operation needs more working memory than the whole process-wide memory budget
    /// (`lh_argon2_set_memory_budget`), so it could never run.
    MemoryBudgetExceeded,
    /// The memory budget is taken by other operations and fail-fast was asked for
    /// (`lh_argon2_set_memory_budget_fail_fast`); retry later.
    Busy,
    /// An internal error (a caught panic): please report it.
    Internal,
}

/// Result type of the safe core.
pub type Result<T> = std::result::Result<T, Error>;
