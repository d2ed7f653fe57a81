//! The reference's status codes (`argon2_error_codes`), their messages, and how the
//! core's `lh_argon2_*` statuses map onto them.

use std::ffi::{c_char, CStr};

use argon2rs::status::*;

pub const ARGON2_OK: i32 = 0;
pub const ARGON2_OUTPUT_PTR_NULL: i32 = -1;
pub const ARGON2_OUTPUT_TOO_SHORT: i32 = -2;
pub const ARGON2_PWD_TOO_LONG: i32 = -5;
pub const ARGON2_SALT_TOO_SHORT: i32 = -6;
pub const ARGON2_SALT_TOO_LONG: i32 = -7;
pub const ARGON2_TIME_TOO_SMALL: i32 = -12;
pub const ARGON2_TIME_TOO_LARGE: i32 = -13;
pub const ARGON2_MEMORY_TOO_LITTLE: i32 = -14;
pub const ARGON2_MEMORY_TOO_MUCH: i32 = -15;
pub const ARGON2_LANES_TOO_FEW: i32 = -16;
pub const ARGON2_LANES_TOO_MANY: i32 = -17;
pub const ARGON2_PWD_PTR_MISMATCH: i32 = -18;
pub const ARGON2_SALT_PTR_MISMATCH: i32 = -19;
pub const ARGON2_SECRET_PTR_MISMATCH: i32 = -20;
pub const ARGON2_AD_PTR_MISMATCH: i32 = -21;
pub const ARGON2_MEMORY_ALLOCATION_ERROR: i32 = -22;
pub const ARGON2_FREE_MEMORY_CBK_NULL: i32 = -23;
pub const ARGON2_ALLOCATE_MEMORY_CBK_NULL: i32 = -24;
pub const ARGON2_INCORRECT_PARAMETER: i32 = -25;
pub const ARGON2_INCORRECT_TYPE: i32 = -26;
pub const ARGON2_THREADS_TOO_FEW: i32 = -28;
pub const ARGON2_THREADS_TOO_MANY: i32 = -29;
pub const ARGON2_ENCODING_FAIL: i32 = -31;
pub const ARGON2_DECODING_FAIL: i32 = -32;
pub const ARGON2_THREAD_FAIL: i32 = -33;
pub const ARGON2_VERIFY_MISMATCH: i32 = -35;

/// The message for every code 0 to -35, indexed by `-code`: the reference's texts,
/// which programs (and the reference's own test) compare.
const MESSAGES: [&CStr; 36] = [
    c"OK",
    c"Output pointer is NULL",
    c"Output is too short",
    c"Output is too long",
    c"Password is too short",
    c"Password is too long",
    c"Salt is too short",
    c"Salt is too long",
    c"Associated data is too short",
    c"Associated data is too long",
    c"Secret is too short",
    c"Secret is too long",
    c"Time cost is too small",
    c"Time cost is too large",
    c"Memory cost is too small",
    c"Memory cost is too large",
    c"Too few lanes",
    c"Too many lanes",
    c"Password pointer is NULL, but password length is not 0",
    c"Salt pointer is NULL, but salt length is not 0",
    c"Secret pointer is NULL, but secret length is not 0",
    c"Associated data pointer is NULL, but ad length is not 0",
    c"Memory allocation error",
    c"The free memory callback is NULL",
    c"The allocate memory callback is NULL",
    c"Argon2_Context context is NULL",
    c"There is no such version of Argon2",
    c"Output pointer mismatch",
    c"Not enough threads",
    c"Too many threads",
    c"Missing arguments",
    c"Encoding failed",
    c"Decoding failed",
    c"Threading failure",
    c"Some of encoded parameters are too long or too short",
    c"The password does not match the supplied hash",
];

/// The static message for `code`; "Unknown error code" outside 0 to -35.
pub fn message(code: i32) -> *const c_char {
    let text = match code.checked_neg().and_then(|n| usize::try_from(n).ok()) {
        Some(index) if index < MESSAGES.len() => MESSAGES[index],
        _ => c"Unknown error code",
    };
    text.as_ptr()
}

/// The reference code for a core status that survives our own reference-order
/// validation: only failures inside the computation can. README, "Replacing
/// libargon2", tables the mapping.
pub fn from_core(status: lh_argon2_status) -> i32 {
    match status {
        LH_ARGON2_OK => ARGON2_OK,
        LH_ARGON2_ERR_VERIFY_MISMATCH => ARGON2_VERIFY_MISMATCH,
        LH_ARGON2_ERR_OUT_OF_MEMORY | LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED | LH_ARGON2_ERR_BUSY => {
            ARGON2_MEMORY_ALLOCATION_ERROR
        }
        LH_ARGON2_ERR_M_COST_TOO_SMALL => ARGON2_MEMORY_TOO_LITTLE,
        LH_ARGON2_ERR_T_COST_TOO_SMALL => ARGON2_TIME_TOO_SMALL,
        LH_ARGON2_ERR_PARALLELISM_TOO_SMALL => ARGON2_LANES_TOO_FEW,
        LH_ARGON2_ERR_PARALLELISM_TOO_LARGE => ARGON2_LANES_TOO_MANY,
        LH_ARGON2_ERR_HASH_LEN_TOO_SHORT => ARGON2_OUTPUT_TOO_SHORT,
        LH_ARGON2_ERR_SALT_TOO_SHORT => ARGON2_SALT_TOO_SHORT,
        LH_ARGON2_ERR_SALT_TOO_LONG => ARGON2_SALT_TOO_LONG,
        LH_ARGON2_ERR_PASSWORD_TOO_LONG => ARGON2_PWD_TOO_LONG,
        LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM => ARGON2_INCORRECT_TYPE,
        LH_ARGON2_ERR_UNSUPPORTED_VERSION => ARGON2_INCORRECT_PARAMETER,
        // A panic caught at the boundary, or anything else: the reference's one code for
        // a failure inside the computation.
        _ => ARGON2_THREAD_FAIL,
    }
}
