//! Status codes (part of the ABI) and their messages.
//!
//! Values are explicit and frozen by a test: a retired code keeps its number reserved.
//! Ranges: 0 success, -1 wrong password, -10.. arguments, -20.. parameters,
//! -30.. encoded-string format, -40.. policy, -50.. resources, -99 internal.

use std::ffi::CStr;

use crate::error::Error;

/// The result of every fallible `lh_argon2_*` call: `LH_ARGON2_OK` (0) or a negative
/// `LH_ARGON2_ERR_*` code. `lh_argon2_status_message` describes each one.
#[allow(non_camel_case_types)]
pub type lh_argon2_status = i32;

/// Success.
pub const LH_ARGON2_OK: lh_argon2_status = 0;
/// The password (or pepper, or associated data) does not match the stored hash.
/// Negative so that `rc != LH_ARGON2_OK` fails closed.
pub const LH_ARGON2_ERR_VERIFY_MISMATCH: lh_argon2_status = -1;

/// A required pointer was NULL (or a NULL buffer came with a non-zero length).
pub const LH_ARGON2_ERR_NULL_POINTER: lh_argon2_status = -10;
/// The output buffer is too small; for strings `*out_written` holds the capacity needed.
pub const LH_ARGON2_ERR_BUFFER_TOO_SMALL: lh_argon2_status = -11;
/// The password is longer than `LH_ARGON2_PWD_MAX` bytes.
pub const LH_ARGON2_ERR_PASSWORD_TOO_LONG: lh_argon2_status = -12;
/// The secret (pepper) is longer than `LH_ARGON2_SECRET_MAX` bytes.
pub const LH_ARGON2_ERR_SECRET_TOO_LONG: lh_argon2_status = -13;
/// The associated data is longer than `LH_ARGON2_AD_MAX` bytes.
pub const LH_ARGON2_ERR_AD_TOO_LONG: lh_argon2_status = -14;
/// The options struct has an unknown `struct_size` (initialise it with `lh_argon2_options_init`).
pub const LH_ARGON2_ERR_INVALID_OPTIONS: lh_argon2_status = -15;
/// The profile number is not one of `LH_ARGON2_PROFILE_*`.
pub const LH_ARGON2_ERR_UNKNOWN_PROFILE: lh_argon2_status = -16;
/// The output buffer overlaps an input buffer.
pub const LH_ARGON2_ERR_OVERLAPPING_BUFFERS: lh_argon2_status = -17;
/// `lh_argon2_calibrate`: the time budget is 0 or above `LH_ARGON2_CALIBRATE_MAX_TARGET_MS`,
/// or this machine cannot meet it even with t=1 and the smallest memory.
pub const LH_ARGON2_ERR_TIME_BUDGET: lh_argon2_status = -18;
/// An output capacity beyond the addressable size (over `PTRDIFF_MAX`, e.g. `SIZE_MAX`):
/// no such buffer exists, so the call refuses it without touching the output.
pub const LH_ARGON2_ERR_BUFFER_TOO_LARGE: lh_argon2_status = -19;

/// `m_cost` is below `LH_ARGON2_M_COST_MIN` KiB or below 8 KiB per lane.
pub const LH_ARGON2_ERR_M_COST_TOO_SMALL: lh_argon2_status = -20;
/// `t_cost` is 0.
pub const LH_ARGON2_ERR_T_COST_TOO_SMALL: lh_argon2_status = -21;
/// `parallelism` is 0.
pub const LH_ARGON2_ERR_PARALLELISM_TOO_SMALL: lh_argon2_status = -22;
/// `parallelism` is above `LH_ARGON2_PARALLELISM_MAX`.
pub const LH_ARGON2_ERR_PARALLELISM_TOO_LARGE: lh_argon2_status = -23;
/// The tag length is below `LH_ARGON2_HASH_LEN_MIN` bytes.
pub const LH_ARGON2_ERR_HASH_LEN_TOO_SHORT: lh_argon2_status = -24;
/// The tag length is above `LH_ARGON2_HASH_LEN_MAX` bytes.
pub const LH_ARGON2_ERR_HASH_LEN_TOO_LONG: lh_argon2_status = -25;
/// The salt is shorter than `LH_ARGON2_SALT_LEN_MIN` bytes.
pub const LH_ARGON2_ERR_SALT_TOO_SHORT: lh_argon2_status = -26;
/// The salt is longer than `LH_ARGON2_SALT_LEN_MAX` bytes.
pub const LH_ARGON2_ERR_SALT_TOO_LONG: lh_argon2_status = -27;
/// The algorithm is not Argon2d, Argon2i or Argon2id.
pub const LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM: lh_argon2_status = -28;
/// The Argon2 version is not 0x10 (16) or 0x13 (19).
pub const LH_ARGON2_ERR_UNSUPPORTED_VERSION: lh_argon2_status = -29;

/// The encoded string is not a well-formed Argon2 PHC string.
pub const LH_ARGON2_ERR_MALFORMED_HASH: lh_argon2_status = -30;
/// The encoded string has no NUL within `LH_ARGON2_ENCODED_MAX` bytes.
pub const LH_ARGON2_ERR_ENCODED_TOO_LONG: lh_argon2_status = -31;
/// A salt, tag or `data=` field is not canonical unpadded standard Base64.
pub const LH_ARGON2_ERR_INVALID_BASE64: lh_argon2_status = -32;
/// The encoded string names a `keyid=`, which this library cannot honour.
pub const LH_ARGON2_ERR_UNSUPPORTED_KEYID: lh_argon2_status = -33;

/// The stored hash asks for more memory, passes, lanes or work than the verify limits allow.
pub const LH_ARGON2_ERR_COST_LIMIT_EXCEEDED: lh_argon2_status = -40;

/// The Argon2 working memory could not be allocated.
pub const LH_ARGON2_ERR_OUT_OF_MEMORY: lh_argon2_status = -50;
/// The operating system's random source failed.
pub const LH_ARGON2_ERR_RANDOM: lh_argon2_status = -51;
/// The operation needs more working memory than the whole process-wide memory budget
/// (`lh_argon2_set_memory_budget`), so it could never run.
pub const LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED: lh_argon2_status = -52;
/// The memory budget is taken by other operations and the call's wait time passed
/// (`budget_wait_ms`, `lh_argon2_set_memory_budget_wait_ms`; 0 = fail fast) before it
/// was admitted; nothing was computed. Retry later.
pub const LH_ARGON2_ERR_BUSY: lh_argon2_status = -53;

/// An internal error (a caught panic): please report it.
pub const LH_ARGON2_ERR_INTERNAL: lh_argon2_status = -99;

/// The message of every status, written once. The constants stay plain items above
/// because cbindgen reads the source without expanding macros; the macro generates
/// `ALL_STATUSES`, `status_name` and `message` from this table, and the test
/// `every_constant_is_in_the_table` fails when a constant above has no row here.
/// A duplicate row is an unreachable match arm, which the lints refuse.
macro_rules! status_table {
    (ok: $ok:ident => $ok_message:literal, errors: $($status:ident = $variant:ident => $message:literal,)*) => {
        /// Every defined status, in the header's order.
        pub const ALL_STATUSES: &[lh_argon2_status] = &[$ok, $($status),*];

        /// The constant's name of a defined status (`"LH_ARGON2_OK"`), or `None`.
        pub fn status_name(status: lh_argon2_status) -> Option<&'static str> {
            match status {
                $ok => Some(stringify!($ok)),
                $($status => Some(stringify!($status)),)*
                _ => None,
            }
        }

        /// The static, NUL-terminated message for a status. C may pass any value, so a
        /// value outside the table gets a generic message.
        pub fn message(status: lh_argon2_status) -> &'static CStr {
            match status {
                $ok => $ok_message,
                $($status => $message,)*
                _ => c"unknown status code",
            }
        }

        /// The one conversion from the core's errors to C status codes; exhaustive, so a
        /// variant without a row does not compile.
        impl From<Error> for lh_argon2_status {
            fn from(error: Error) -> Self {
                match error {
                    $(Error::$variant => $status,)*
                }
            }
        }

        impl Error {
            /// This failure's message (the one `lh_argon2_status_message` gives).
            pub fn message(self) -> &'static CStr {
                match self {
                    $(Error::$variant => $message,)*
                }
            }
        }
    };
}

status_table! {
    ok: LH_ARGON2_OK => c"success",
    errors:
    LH_ARGON2_ERR_VERIFY_MISMATCH = VerifyMismatch => c"the password does not match the stored hash",
    LH_ARGON2_ERR_NULL_POINTER = NullPointer => c"a required pointer argument is NULL",
    LH_ARGON2_ERR_BUFFER_TOO_SMALL = BufferTooSmall => c"the output buffer is too small",
    LH_ARGON2_ERR_PASSWORD_TOO_LONG = PasswordTooLong => c"the password is too long",
    LH_ARGON2_ERR_SECRET_TOO_LONG = SecretTooLong => c"the secret (pepper) is too long",
    LH_ARGON2_ERR_AD_TOO_LONG = AdTooLong => c"the associated data is too long",
    LH_ARGON2_ERR_INVALID_OPTIONS = InvalidOptions => c"the options struct is not initialised (struct_size is not sizeof(lh_argon2_options))",
    LH_ARGON2_ERR_UNKNOWN_PROFILE = UnknownProfile => c"unknown parameter profile",
    LH_ARGON2_ERR_OVERLAPPING_BUFFERS = OverlappingBuffers => c"the output buffer overlaps an input buffer",
    LH_ARGON2_ERR_TIME_BUDGET = TimeBudget => c"the time budget is out of range or cannot be met on this machine even with t=1 and the smallest memory",
    LH_ARGON2_ERR_BUFFER_TOO_LARGE = BufferTooLarge => c"the output capacity is beyond the addressable size (over PTRDIFF_MAX)",
    LH_ARGON2_ERR_M_COST_TOO_SMALL = MCostTooSmall => c"memory cost is too small (at least 8 KiB per lane)",
    LH_ARGON2_ERR_T_COST_TOO_SMALL = TCostTooSmall => c"time cost is too small (at least 1 pass)",
    LH_ARGON2_ERR_PARALLELISM_TOO_SMALL = ParallelismTooSmall => c"parallelism is too small (at least 1 lane)",
    LH_ARGON2_ERR_PARALLELISM_TOO_LARGE = ParallelismTooLarge => c"parallelism is too large (at most 2^24-1 lanes)",
    LH_ARGON2_ERR_HASH_LEN_TOO_SHORT = HashLenTooShort => c"tag length is too short (at least 4 bytes)",
    LH_ARGON2_ERR_HASH_LEN_TOO_LONG = HashLenTooLong => c"tag length is too long",
    LH_ARGON2_ERR_SALT_TOO_SHORT = SaltTooShort => c"salt is too short (at least 8 bytes)",
    LH_ARGON2_ERR_SALT_TOO_LONG = SaltTooLong => c"salt is too long",
    LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM = UnsupportedAlgorithm => c"unsupported algorithm (expected argon2d, argon2i or argon2id)",
    LH_ARGON2_ERR_UNSUPPORTED_VERSION = UnsupportedVersion => c"unsupported Argon2 version (expected 16 or 19)",
    LH_ARGON2_ERR_MALFORMED_HASH = MalformedHash => c"the encoded hash is not a well-formed Argon2 PHC string",
    LH_ARGON2_ERR_ENCODED_TOO_LONG = EncodedTooLong => c"the encoded hash has no terminating NUL within LH_ARGON2_ENCODED_MAX bytes",
    LH_ARGON2_ERR_INVALID_BASE64 = InvalidBase64 => c"a salt, tag or data field is not canonical unpadded standard Base64",
    LH_ARGON2_ERR_UNSUPPORTED_KEYID = UnsupportedKeyid => c"the encoded hash names a keyid, which is not supported",
    LH_ARGON2_ERR_COST_LIMIT_EXCEEDED = CostLimitExceeded => c"the encoded hash asks for more memory, time or lanes than the verify limits allow",
    LH_ARGON2_ERR_OUT_OF_MEMORY = OutOfMemory => c"out of memory for the Argon2 working memory",
    LH_ARGON2_ERR_RANDOM = Random => c"the operating system's random source failed",
    LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED = MemoryBudgetExceeded => c"the operation needs more memory than the whole process-wide memory budget",
    LH_ARGON2_ERR_BUSY = Busy => c"the memory budget is in use by other operations and the wait time passed; retry later",
    LH_ARGON2_ERR_INTERNAL = Internal => c"internal error (a bug in libargon2rs; please report it)",
}

/// An error reads as its status message ("the password is too long").
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().to_string_lossy())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every `pub const NAME: lh_argon2_status = VALUE;` written in this file, in order.
    fn declared_constants() -> Vec<(String, lh_argon2_status)> {
        let source = include_str!("status.rs");
        let declared: Vec<(String, lh_argon2_status)> = source
            .lines()
            .filter_map(|line| line.strip_prefix("pub const "))
            .filter_map(|rest| {
                let (name, value) = rest.split_once(": lh_argon2_status = ")?;
                Some((name.to_owned(), value.strip_suffix(';')?.parse().ok()?))
            })
            .collect();
        // A declaration this parser did not understand must not go unnoticed.
        let written = source.lines().filter(|l| l.starts_with("pub const ") && l.contains("lh_argon2_status")).count();
        assert_eq!(declared.len(), written, "a status constant is written in a form this test cannot read");
        declared
    }

    #[test]
    fn every_constant_is_in_the_table() {
        let table: Vec<(String, lh_argon2_status)> =
            ALL_STATUSES.iter().map(|&s| (status_name(s).expect("a row has a name").to_owned(), s)).collect();
        assert_eq!(declared_constants(), table, "the constants and the message table differ (name, value or order)");
        assert!(table.len() >= 31, "the table lost rows");
    }

    #[test]
    fn every_status_has_its_own_message() {
        let messages: HashSet<&CStr> = ALL_STATUSES.iter().map(|&s| message(s)).collect();
        assert_eq!(messages.len(), ALL_STATUSES.len());
        assert!(!messages.contains(message(12345)), "a defined status fell through to the unknown message");
        assert_eq!(status_name(12345), None);
    }

    #[test]
    fn success_is_zero_and_every_failure_is_negative() {
        assert_eq!(ALL_STATUSES[0], LH_ARGON2_OK);
        assert!(ALL_STATUSES[1..].iter().all(|&s| s < 0));
        let distinct: HashSet<i32> = ALL_STATUSES.iter().copied().collect();
        assert_eq!(distinct.len(), ALL_STATUSES.len());
    }
}
