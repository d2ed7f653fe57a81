//! The exported C functions, in the order of `include/argon2rs.h`. Each body runs
//! inside the panic boundary; raw pointers are handled only through `c_io`.

use std::ffi::c_char;

use crate::boundary::{guard, guard_value};
use crate::c_io::{self, lh_argon2_options, Inputs, Output, ValueOut};
use crate::error::Result;
use crate::params::*;
use crate::password;
use crate::phc;
use crate::salt::os_rng;
use crate::status::*;
use crate::types::Limits;
use crate::version::VERSION_CSTR;

/// The message for a status code: a static NUL-terminated English string, never NULL
/// (unknown codes get "unknown status code"). Do not free it.
#[no_mangle]
pub extern "C" fn lh_argon2_status_message(status: lh_argon2_status) -> *const c_char {
    message(status).as_ptr()
}

/// The library's version, e.g. "0.1.0": static, never NULL. It agrees with the
/// `LH_ARGON2_LIB_VERSION_*` macros of the header the library was built with.
#[no_mangle]
pub extern "C" fn lh_argon2_version() -> *const c_char {
    VERSION_CSTR.as_ptr()
}

/// Fills `*out` with the parameters of a named profile (`LH_ARGON2_PROFILE_*`).
///
/// Returns `LH_ARGON2_OK`, `LH_ARGON2_ERR_NULL_POINTER` (out is NULL) or
/// `LH_ARGON2_ERR_UNKNOWN_PROFILE`; `*out` is written only on success.
///
/// # Safety
/// `out` must be NULL or point to a writable `lh_argon2_params`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_params_from_profile(
    profile: lh_argon2_profile,
    out: *mut lh_argon2_params,
) -> lh_argon2_status {
    guard(|| {
        // SAFETY: writable per the contract.
        let out = unsafe { ValueOut::new(out)? };
        out.write(c_io::params_to_c(&c_io::profile(profile)?.params()))
    })
}

/// Fills `*out` with the default verify limits (`LH_ARGON2_DEFAULT_MAX_*`), for
/// callers that cannot read the macros.
///
/// Returns `LH_ARGON2_OK` or `LH_ARGON2_ERR_NULL_POINTER`.
///
/// # Safety
/// `out` must be NULL or point to a writable `lh_argon2_limits`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_limits_default(out: *mut lh_argon2_limits) -> lh_argon2_status {
    // SAFETY: writable per the contract.
    guard(|| unsafe { ValueOut::new(out)? }.write(c_io::limits_to_c(Limits::DEFAULT)))
}

/// Initialises a 0.1 options struct (64 bytes: no `budget_wait_ms`): `struct_size` =
/// 64, no pepper, no associated data, default limits. This is the function programs
/// built against the 0.1.0 header call; the header now defines
/// `lh_argon2_options_init(o)` as a macro for `lh_argon2_options_init_sized((o),
/// sizeof *(o))`, so code compiled against it initialises its whole struct. Never more
/// than the 0.1 layout is written here; the call it makes still waits the process-wide
/// budget time.
///
/// Returns `LH_ARGON2_OK` or `LH_ARGON2_ERR_NULL_POINTER`.
///
/// # Safety
/// `out` must be NULL or point to 64 writable bytes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_options_init(out: *mut lh_argon2_options) -> lh_argon2_status {
    // SAFETY: 64 writable bytes per the contract.
    guard(|| unsafe { c_io::write_options(out, c_io::OPTIONS_SIZE_V0_1) })
}

/// Initialises an options struct of `size` bytes: `struct_size` = `size`, no pepper, no
/// associated data, default limits, `budget_wait_ms` = `LH_ARGON2_WAIT_PROCESS_DEFAULT`.
/// Call it as `lh_argon2_options_init(&options)` (the header's macro passes
/// `sizeof options`), before setting fields.
///
/// - `size`: `sizeof(lh_argon2_options)` of the caller's header: this version's or 0.1's
///   (64). Exactly `size` bytes are written.
///
/// Returns `LH_ARGON2_OK`, `LH_ARGON2_ERR_NULL_POINTER`, or
/// `LH_ARGON2_ERR_INVALID_OPTIONS` for any other size (nothing is written).
///
/// # Safety
/// `out` must be NULL or point to `size` writable bytes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_options_init_sized(out: *mut lh_argon2_options, size: usize) -> lh_argon2_status {
    // SAFETY: `size` writable bytes per the contract.
    guard(|| unsafe { c_io::write_options(out, size) })
}

/// The buffer size, in bytes including the NUL, that `lh_argon2_hash` needs for
/// `params` (NULL = the default profile); 0 if the parameters are invalid.
///
/// # Safety
/// `params` must be NULL or point to a readable `lh_argon2_params`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_encoded_len(params: *const lh_argon2_params) -> usize {
    guard_value(0, || {
        // SAFETY: readable per the contract.
        let params = unsafe { c_io::params_or_default(params) };
        c_io::hash_params(&params).map_or(0, |params| phc::encoded_len(&params))
    })
}

/// Hashes a password with a fresh random salt into a NUL-terminated PHC string such as
/// `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<tag>`. Same as `lh_argon2_hash_ext` with
/// `options` NULL.
///
/// # Safety
/// As for `lh_argon2_hash_ext`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_hash(
    pwd: *const u8,
    pwd_len: usize,
    params: *const lh_argon2_params,
    out: *mut c_char,
    out_cap: usize,
    out_written: *mut usize,
) -> lh_argon2_status {
    // SAFETY: the same contract, with no options.
    unsafe { lh_argon2_hash_ext(pwd, pwd_len, params, std::ptr::null(), out, out_cap, out_written) }
}

/// Hashes a password with a fresh random salt (from the OS) into a PHC string, with
/// an optional pepper and associated data.
///
/// - `pwd`, `pwd_len`: the password bytes (any bytes, NUL included; UTF-8 for text),
///   borrowed for the call. `(NULL, 0)` is the empty password.
/// - `params`: NULL for the default profile (Argon2id, m=65536 KiB, t=3, p=4, 32-byte
///   tag, 16-byte salt), else the parameters to use.
/// - `options`: NULL, or options from `lh_argon2_options_init` with `secret`/`ad` set
///   (its limits are ignored when hashing).
/// - `out`, `out_cap`: the caller's buffer for the string and its NUL. It is set to ""
///   before any work and holds the hash only on success; nothing is written past
///   `out_cap`. `lh_argon2_encoded_len(params)` bytes always suffice.
/// - `out_written`: NULL, or receives strlen(out) on success, the capacity needed
///   (including the NUL) on `LH_ARGON2_ERR_BUFFER_TOO_SMALL`, and 0 otherwise.
///
/// An output that overlaps an input or the other output
/// (`LH_ARGON2_ERR_OVERLAPPING_BUFFERS`), or whose `out_cap` is over `PTRDIFF_MAX`
/// (`LH_ARGON2_ERR_BUFFER_TOO_LARGE`), is refused without a byte written to it: those
/// checks come before any clearing, so no input is ever modified.
///
/// Returns `LH_ARGON2_OK`, `LH_ARGON2_ERR_NULL_POINTER`, `LH_ARGON2_ERR_BUFFER_TOO_SMALL`,
/// `LH_ARGON2_ERR_PASSWORD_TOO_LONG`, `LH_ARGON2_ERR_SECRET_TOO_LONG`,
/// `LH_ARGON2_ERR_AD_TOO_LONG`, `LH_ARGON2_ERR_INVALID_OPTIONS`,
/// `LH_ARGON2_ERR_OVERLAPPING_BUFFERS`, `LH_ARGON2_ERR_BUFFER_TOO_LARGE`, a parameter
/// error (`-20` to `-29`),
/// `LH_ARGON2_ERR_OUT_OF_MEMORY`, `LH_ARGON2_ERR_RANDOM`, the memory-budget codes
/// (`LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED`, `LH_ARGON2_ERR_BUSY`) or `LH_ARGON2_ERR_INTERNAL`.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length (`out` for `out_cap`
/// writable bytes) for the duration of the call.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_hash_ext(
    pwd: *const u8,
    pwd_len: usize,
    params: *const lh_argon2_params,
    options: *const lh_argon2_options,
    out: *mut c_char,
    out_cap: usize,
    out_written: *mut usize,
) -> lh_argon2_status {
    guard(|| {
        let mut inputs = Inputs::default();
        // SAFETY: each pointer is valid for its length per the contract; the output is
        // writable and checked against the inputs before anything is written to it.
        let (params, pwd, options, mut out) = unsafe {
            let params = c_io::params_or_default(params);
            let pwd = inputs.add(c_io::password(pwd, pwd_len));
            let options = inputs.add_options(c_io::options(options));
            (params, pwd, options, Output::string(out, out_cap, out_written, &inputs))
        };
        let (pwd, options) = (pwd?, options?);
        out.ready()?;
        let params = c_io::hash_params(&params)?;
        out.need(phc::encoded_len(&params))?;
        let encoded = crate::budget::with_call_wait(options.budget_wait_ms, || {
            password::hash_encoded(pwd, &params, options.extras, &mut os_rng())
        })?;
        out.write_string(encoded.as_bytes())
    })
}

/// Checks a password against an encoded hash with the default limits and no pepper.
/// Same as `lh_argon2_verify_ext` with `options` NULL.
///
/// # Safety
/// As for `lh_argon2_verify_ext`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_verify(encoded: *const c_char, pwd: *const u8, pwd_len: usize) -> lh_argon2_status {
    // SAFETY: the same contract, with no options.
    unsafe { lh_argon2_verify_ext(encoded, pwd, pwd_len, std::ptr::null()) }
}

/// `lh_argon2_verify` for an encoded hash given with its length (a database column, a
/// `std::string_view`): same as `lh_argon2_verify_ext_len` with `options` NULL.
///
/// # Safety
/// As for `lh_argon2_verify_ext_len`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_verify_len(
    encoded: *const c_char,
    encoded_len: usize,
    pwd: *const u8,
    pwd_len: usize,
) -> lh_argon2_status {
    // SAFETY: the same contract, with no options.
    unsafe { lh_argon2_verify_ext_len(encoded, encoded_len, pwd, pwd_len, std::ptr::null()) }
}

/// Checks a password against an encoded hash of any variant (d, i, id) and version
/// (0x10, 0x13), reading the parameters from the string. Tags are compared in constant
/// time. The string's costs are checked against the limits before any memory is
/// allocated.
///
/// - `encoded`: NUL-terminated; at most `LH_ARGON2_ENCODED_MAX` bytes are scanned.
/// - `pwd`, `pwd_len`: the password; `(NULL, 0)` is the empty password.
/// - `options`: NULL, or options with the pepper and associated data used when the hash
///   was made, and the limits (fields left 0 take the `LH_ARGON2_DEFAULT_MAX_*` values).
///   A `data=` field in the string is the associated data; associated data given in the
///   options must then be the same bytes.
///
/// Returns `LH_ARGON2_OK` only if the password matches. `LH_ARGON2_ERR_VERIFY_MISMATCH`
/// for a well-formed hash of another password (or pepper, or associated data);
/// `LH_ARGON2_ERR_MALFORMED_HASH`, `LH_ARGON2_ERR_ENCODED_TOO_LONG`,
/// `LH_ARGON2_ERR_INVALID_BASE64`, `LH_ARGON2_ERR_UNSUPPORTED_KEYID`,
/// `LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM`, `LH_ARGON2_ERR_UNSUPPORTED_VERSION` or a
/// parameter error for a string that is not a valid Argon2 hash;
/// `LH_ARGON2_ERR_COST_LIMIT_EXCEEDED`; `LH_ARGON2_ERR_NULL_POINTER`,
/// `LH_ARGON2_ERR_PASSWORD_TOO_LONG`, `LH_ARGON2_ERR_SECRET_TOO_LONG`,
/// `LH_ARGON2_ERR_AD_TOO_LONG`, `LH_ARGON2_ERR_INVALID_OPTIONS`,
/// `LH_ARGON2_ERR_OUT_OF_MEMORY`, `LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED`,
/// `LH_ARGON2_ERR_BUSY` or `LH_ARGON2_ERR_INTERNAL`.
///
/// # Safety
/// `encoded` must be NULL or a NUL-terminated string (or have `LH_ARGON2_ENCODED_MAX`
/// readable bytes); other non-NULL pointers must be valid for their lengths.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_verify_ext(
    encoded: *const c_char,
    pwd: *const u8,
    pwd_len: usize,
    options: *const lh_argon2_options,
) -> lh_argon2_status {
    guard(|| {
        // SAFETY: `encoded` is NULL or terminated within the bound, the rest valid for
        // their lengths, per the contract.
        unsafe { verify(c_io::terminated(encoded)?, pwd, pwd_len, options) }
    })
}

/// `lh_argon2_verify_ext` for an encoded hash given with its length: exactly
/// `encoded_len` bytes are read (no NUL needed; none past the length is read).
///
/// - `encoded`, `encoded_len`: the stored string without a terminator. A NUL inside it
///   is `LH_ARGON2_ERR_MALFORMED_HASH`; `encoded_len >= LH_ARGON2_ENCODED_MAX` is
///   `LH_ARGON2_ERR_ENCODED_TOO_LONG`; `(NULL, 0)` is the empty (malformed) string and
///   `(NULL, n > 0)` is `LH_ARGON2_ERR_NULL_POINTER`.
/// - the other arguments and the status codes as for `lh_argon2_verify_ext`.
///
/// # Safety
/// A non-NULL `encoded` must point to `encoded_len` readable bytes; other non-NULL
/// pointers must be valid for their lengths.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_verify_ext_len(
    encoded: *const c_char,
    encoded_len: usize,
    pwd: *const u8,
    pwd_len: usize,
    options: *const lh_argon2_options,
) -> lh_argon2_status {
    guard(|| {
        // SAFETY: each pointer is valid for its length per the contract.
        unsafe { verify(c_io::encoded_input(encoded, encoded_len)?, pwd, pwd_len, options) }
    })
}

/// Tells whether a stored hash should be replaced (after a successful verify) because
/// it was made with other parameters: algorithm, version, m, t, p, tag length or salt
/// length differ from `params` (NULL = the default profile), as argon2-cffi's
/// `check_needs_rehash`.
///
/// Returns `LH_ARGON2_OK` and sets `*out_needs_rehash`; an invalid string is an error
/// (the codes of `lh_argon2_verify_ext`), never "needs rehash", and `*out_needs_rehash`
/// is then not written. Also `LH_ARGON2_ERR_NULL_POINTER` and parameter errors for
/// invalid `params`.
///
/// # Safety
/// `encoded` as for `lh_argon2_verify_ext`; `params` NULL or readable;
/// `out_needs_rehash` NULL or writable.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_needs_rehash(
    encoded: *const c_char,
    params: *const lh_argon2_params,
    out_needs_rehash: *mut bool,
) -> lh_argon2_status {
    guard(|| {
        // SAFETY: `encoded` is NULL or terminated within the bound per the contract.
        let encoded = unsafe { c_io::terminated(encoded)? };
        // SAFETY: `params` and `out_needs_rehash` as per the contract.
        unsafe { needs_rehash(|| Ok(encoded), params, out_needs_rehash) }
    })
}

/// `lh_argon2_needs_rehash` for an encoded hash given with its length (read as by
/// `lh_argon2_verify_ext_len`); the same results and status codes.
///
/// # Safety
/// A non-NULL `encoded` must point to `encoded_len` readable bytes; `params` NULL or
/// readable; `out_needs_rehash` NULL or writable.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_needs_rehash_len(
    encoded: *const c_char,
    encoded_len: usize,
    params: *const lh_argon2_params,
    out_needs_rehash: *mut bool,
) -> lh_argon2_status {
    // SAFETY: each pointer is valid per the contract.
    guard(|| unsafe { needs_rehash(|| c_io::encoded_input(encoded, encoded_len), params, out_needs_rehash) })
}

/// Reads the parameters of an encoded hash (argon2-cffi's `extract_parameters`):
/// `salt_len` and `hash_len` are the lengths found in the string.
///
/// Returns `LH_ARGON2_OK` (and writes `*out`), or the format and parameter errors of
/// `lh_argon2_verify_ext`, or `LH_ARGON2_ERR_NULL_POINTER`. No limits apply: nothing
/// is computed.
///
/// # Safety
/// `encoded` as for `lh_argon2_verify_ext`; `out` NULL or writable.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_decode(encoded: *const c_char, out: *mut lh_argon2_params) -> lh_argon2_status {
    guard(|| {
        // SAFETY: `encoded` is NULL or terminated within the bound per the contract.
        let encoded = unsafe { c_io::terminated(encoded)? };
        // SAFETY: `out` as per the contract.
        unsafe { decode(|| Ok(encoded), out) }
    })
}

/// `lh_argon2_decode` for an encoded hash given with its length (read as by
/// `lh_argon2_verify_ext_len`); the same results and status codes.
///
/// # Safety
/// A non-NULL `encoded` must point to `encoded_len` readable bytes; `out` NULL or writable.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_decode_len(
    encoded: *const c_char,
    encoded_len: usize,
    out: *mut lh_argon2_params,
) -> lh_argon2_status {
    // SAFETY: each pointer is valid per the contract.
    guard(|| unsafe { decode(|| c_io::encoded_input(encoded, encoded_len), out) })
}

/// Raw key derivation: the Argon2 tag for a given salt. Same as
/// `lh_argon2_hash_raw_ext` with `options` NULL.
///
/// # Safety
/// As for `lh_argon2_hash_raw_ext`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_hash_raw(
    pwd: *const u8,
    pwd_len: usize,
    salt: *const u8,
    salt_len: usize,
    params: *const lh_argon2_params,
    out: *mut u8,
    out_cap: usize,
) -> lh_argon2_status {
    // SAFETY: the same contract, with no options.
    unsafe { lh_argon2_hash_raw_ext(pwd, pwd_len, salt, salt_len, params, std::ptr::null(), out, out_cap) }
}

/// Raw key derivation with an optional pepper and associated data: writes the
/// `params->hash_len`-byte Argon2 tag of `pwd` and `salt` to `out`.
///
/// - `salt`, `salt_len`: `LH_ARGON2_SALT_LEN_MIN` to `LH_ARGON2_RAW_SALT_LEN_MAX` bytes
///   (`params->salt_len` is not used).
/// - `params->hash_len`: `LH_ARGON2_HASH_LEN_MIN` to `LH_ARGON2_RAW_HASH_LEN_MAX`; the
///   associated data up to `LH_ARGON2_AD_MAX` bytes.
/// - `params`: NULL for the default profile.
/// - `out`, `out_cap`: at least `params->hash_len` bytes. All `out_cap` bytes are zeroed
///   before work starts, so on failure the buffer holds zeros; nothing is written past
///   `out_cap`. An `out` that overlaps `pwd`, `salt`, the pepper or the associated data
///   (`LH_ARGON2_ERR_OVERLAPPING_BUFFERS`), or an `out_cap` over `PTRDIFF_MAX`
///   (`LH_ARGON2_ERR_BUFFER_TOO_LARGE`), is refused before that zeroing: not a byte is
///   written, so no input is modified.
///
/// Returns `LH_ARGON2_OK`, `LH_ARGON2_ERR_BUFFER_TOO_SMALL`,
/// `LH_ARGON2_ERR_SALT_TOO_SHORT`, `LH_ARGON2_ERR_SALT_TOO_LONG`, and the errors of
/// `lh_argon2_hash_ext` other than `LH_ARGON2_ERR_RANDOM`.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length (`out` for `out_cap`
/// writable bytes) for the duration of the call.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_hash_raw_ext(
    pwd: *const u8,
    pwd_len: usize,
    salt: *const u8,
    salt_len: usize,
    params: *const lh_argon2_params,
    options: *const lh_argon2_options,
    out: *mut u8,
    out_cap: usize,
) -> lh_argon2_status {
    guard(|| {
        let mut inputs = Inputs::default();
        // SAFETY: each pointer is valid for its length per the contract; the output is
        // writable and checked against the inputs before anything is written to it.
        let (pwd, salt, params, options, mut out) = unsafe {
            let pwd = inputs.add(c_io::password(pwd, pwd_len));
            let salt = inputs.add(c_io::salt(salt, salt_len));
            let params = c_io::params_or_default(params);
            let options = inputs.add_options(c_io::options(options));
            (pwd, salt, params, options, Output::bytes(out, out_cap, &inputs))
        };
        let (pwd, salt, options) = (pwd?, salt?, options?);
        out.ready()?;
        let params = c_io::derive_params(&params)?;
        out.need(params.hash_len() as usize)?;
        let tag = crate::budget::with_call_wait(options.budget_wait_ms, || {
            password::hash_raw(pwd, salt, &params, options.extras)
        })?;
        out.write_bytes(&tag)
    })
}

/// Measures this machine and recommends the strongest Argon2id parameters whose hash
/// (and so whose verify) takes at most `target_ms` here, by argon2-cffi's procedure:
/// with `parallelism` lanes and at most `max_m_cost` KiB, start at t=1; while t=1 is
/// too slow, lower the memory; otherwise raise t while the budget holds.
///
/// - `target_ms`: the time budget per hash, 1 to `LH_ARGON2_CALIBRATE_MAX_TARGET_MS`.
///   500 suits an interactive login; 50 to 100 a busy server.
/// - `max_m_cost`: the memory ceiling, in KiB (values above
///   `LH_ARGON2_DEFAULT_MAX_M_COST` are treated as that).
/// - `parallelism`: the lanes, 1 to `LH_ARGON2_DEFAULT_MAX_PARALLELISM` (4 is RFC 9106's
///   choice).
/// - `out`: receives the parameters (Argon2id, version 0x13, 32-byte tag, 16-byte
///   salt); ready for `lh_argon2_hash` and always within the default verify limits.
/// - `out_measured_ms`: NULL, or receives the measured time of one hash, in
///   milliseconds rounded to the nearest (at most `target_ms`).
///
/// Bounded in time: it predicts before it measures, so each measurement is expected to
/// take at most about `target_ms` (a measurement under 100 ms is repeated, up to five
/// runs, and averaged); a call makes at most `LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS`
/// measurements, typically two to five, so it usually returns within one to four
/// `target_ms`. It runs on the calling thread and allocates up to `max_m_cost` KiB.
/// Results vary with load: calibrate on the machine, and under the conditions, that
/// will verify passwords.
///
/// Returns `LH_ARGON2_OK` (and writes the outputs), `LH_ARGON2_ERR_NULL_POINTER` (out
/// is NULL), `LH_ARGON2_ERR_TIME_BUDGET` (target out of range, or nothing met it
/// within the measurements allowed: not even t=1 with the smallest memory),
/// `LH_ARGON2_ERR_PARALLELISM_TOO_SMALL`,
/// `LH_ARGON2_ERR_COST_LIMIT_EXCEEDED` (parallelism above the default verify limit),
/// `LH_ARGON2_ERR_M_COST_TOO_SMALL` (`max_m_cost` under 8 KiB per lane),
/// `LH_ARGON2_ERR_OUT_OF_MEMORY` or `LH_ARGON2_ERR_INTERNAL`.
///
/// # Safety
/// `out` must be NULL or point to a writable `lh_argon2_params`; `out_measured_ms`
/// NULL or writable.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn lh_argon2_calibrate(
    target_ms: u32,
    max_m_cost: u32,
    parallelism: u32,
    out: *mut lh_argon2_params,
    out_measured_ms: *mut u32,
) -> lh_argon2_status {
    guard(|| {
        // SAFETY: writable per the contract.
        let out = unsafe { ValueOut::new(out)? };
        let found = crate::calibrate::calibrate(target_ms, max_m_cost, parallelism, &mut |_| {})?;
        let rounded_ms = (found.measured.as_micros() + 500) / 1000;
        let measured_ms = u32::try_from(rounded_ms.min(u128::from(target_ms))).unwrap_or(target_ms);
        // SAFETY: NULL or writable per the contract.
        unsafe { c_io::write_optional(out_measured_ms, measured_ms) };
        out.write(c_io::params_to_c(&found.params))
    })
}

/// Caps the threads one hash may use to fill its lanes, for the whole process; returns
/// the previous cap.
///
/// - `max_threads`: 0 (the default) = no cap; 1 = every lane on the calling thread.
///
/// A hash with p lanes runs them on up to min(p, CPUs available, cap) threads (the
/// caller's thread included). The threads are started per call and joined before it
/// returns: none survives a call, none is left behind in a `fork()` child, and the
/// setting is an atomic that concurrent hashes read at their start. Threads never
/// change a tag. Small hashes (under 1 MiB) always run on the calling thread.
#[no_mangle]
pub extern "C" fn lh_argon2_set_max_threads(max_threads: u32) -> u32 {
    crate::resources::set_max_threads(max_threads)
}

/// Sets the largest Argon2 working memory, in bytes, that is kept mapped between calls
/// for the next hash of the same shape; returns the previous limit.
///
/// - `bytes`: 0 = keep nothing (and release what is kept now). The default is
///   `LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT` (256 MiB).
///
/// Mapping fresh memory for every hash costs page faults and the kernel zeroing each
/// page (and, in VMs that return free memory to the host, the host supplying it again),
/// so the library keeps at most one mapping: the most recent one within the limit, wiped
/// to zeros before it is kept. An idle process therefore holds up to this much memory.
/// It counts against the memory budget (`lh_argon2_set_memory_budget`), which releases
/// it when a hash needs the room. Process-wide; never affects a tag.
#[no_mangle]
pub extern "C" fn lh_argon2_set_kept_memory_limit(bytes: u64) -> u64 {
    guard_value(0, || crate::resources::kept::set_limit(bytes))
}

/// Sets the process-wide memory budget, in bytes: the Argon2 working memory of all
/// operations running at once (in every thread) never exceeds it. An operation that
/// does not fit waits until enough running operations finish (or fails with
/// `LH_ARGON2_ERR_BUSY`, see `lh_argon2_set_memory_budget_fail_fast`); one that needs
/// more than the whole budget fails at once with `LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED`.
///
/// `bytes` = 0 means unlimited. The default is half of physical memory. Operations
/// already running keep their memory; waiting ones re-check against the new budget.
///
/// Returns `LH_ARGON2_OK`.
#[must_use]
#[no_mangle]
pub extern "C" fn lh_argon2_set_memory_budget(bytes: u64) -> lh_argon2_status {
    guard(|| {
        crate::budget::set_budget(bytes);
        Ok(())
    })
}

/// The process-wide memory budget in bytes (`UINT64_MAX` when unlimited).
#[must_use]
#[no_mangle]
pub extern "C" fn lh_argon2_get_memory_budget() -> u64 {
    guard_value(u64::MAX, crate::budget::budget)
}

/// Chooses what an operation does when the memory budget is taken by others: wait
/// (`fail_fast` false, the default) or return `LH_ARGON2_ERR_BUSY` at once (`fail_fast`
/// true), e.g. to answer "try again" rather than queue a login. Process-wide. The same
/// as `lh_argon2_set_memory_budget_wait_ms(fail_fast ? 0 : LH_ARGON2_WAIT_FOREVER)`.
///
/// Returns `LH_ARGON2_OK`.
#[must_use]
#[no_mangle]
pub extern "C" fn lh_argon2_set_memory_budget_fail_fast(fail_fast: bool) -> lh_argon2_status {
    guard(|| {
        crate::budget::set_wait_ms(if fail_fast { 0 } else { crate::budget::LH_ARGON2_WAIT_FOREVER });
        Ok(())
    })
}

/// Sets how long an operation waits for the memory budget, in ms, before it fails with
/// `LH_ARGON2_ERR_BUSY` without computing anything; process-wide, for calls whose
/// options do not set `budget_wait_ms`. Returns the previous value.
///
/// - `ms`: 0 = fail fast; `LH_ARGON2_WAIT_FOREVER` (the default) = no deadline;
///   `LH_ARGON2_WAIT_PROCESS_DEFAULT` = back to the default.
///
/// Operations are admitted in arrival order: one waits only for the operations running
/// or queued before it, and none that arrives later overtakes it. A call already
/// waiting keeps the deadline it started with.
#[no_mangle]
pub extern "C" fn lh_argon2_set_memory_budget_wait_ms(ms: u32) -> u32 {
    guard_value(crate::budget::LH_ARGON2_WAIT_FOREVER, || crate::budget::set_wait_ms(ms))
}

/// The process-wide wait time for the memory budget, in ms
/// (see `lh_argon2_set_memory_budget_wait_ms`).
#[must_use]
#[no_mangle]
pub extern "C" fn lh_argon2_get_memory_budget_wait_ms() -> u32 {
    guard_value(crate::budget::LH_ARGON2_WAIT_FOREVER, crate::budget::wait_ms)
}

/// `lh_argon2_verify_ext_len` once the encoded hash is read.
///
/// # Safety
/// `pwd` and `options` as for `lh_argon2_verify_ext`.
unsafe fn verify(encoded: &[u8], pwd: *const u8, pwd_len: usize, options: *const lh_argon2_options) -> Result<()> {
    // SAFETY: each pointer is valid for its length per the contract.
    let (pwd, options) = unsafe { (c_io::password(pwd, pwd_len)?, c_io::options(options)?) };
    crate::budget::with_call_wait(options.budget_wait_ms, || {
        password::verify(encoded, pwd, options.extras, &options.limits)
    })
}

/// `lh_argon2_needs_rehash_len` with the encoded hash read by `encoded` (after the
/// output is checked, as the length-taking form does).
///
/// # Safety
/// `params` NULL or readable; `out` NULL or writable.
unsafe fn needs_rehash<'a>(
    encoded: impl FnOnce() -> Result<&'a [u8]>,
    params: *const lh_argon2_params,
    out: *mut bool,
) -> Result<()> {
    // SAFETY: writable per the contract.
    let out = unsafe { ValueOut::new(out)? };
    let encoded = encoded()?;
    // SAFETY: readable per the contract.
    let params = c_io::hash_params(&unsafe { c_io::params_or_default(params) })?;
    out.write(password::needs_rehash(encoded, &params)?)
}

/// `lh_argon2_decode_len` with the encoded hash read by `encoded`.
///
/// # Safety
/// `out` NULL or writable.
unsafe fn decode<'a>(encoded: impl FnOnce() -> Result<&'a [u8]>, out: *mut lh_argon2_params) -> Result<()> {
    // SAFETY: writable per the contract.
    let out = unsafe { ValueOut::new(out)? };
    out.write(c_io::params_to_c(&password::decode(encoded()?)?))
}
