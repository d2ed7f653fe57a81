//! All raw-pointer code: reading C inputs and writing C outputs, each pointer checked
//! for NULL before use. Nothing outside this module dereferences a C pointer.

use std::ffi::c_char;
use std::mem::size_of;

use crate::engine::Extras;
use crate::params::*;
use crate::phc::LH_ARGON2_ENCODED_MAX;
use crate::resources::budget::LH_ARGON2_WAIT_PROCESS_DEFAULT;
use crate::status::*;

/// Optional inputs for the `_ext` calls: pepper, associated data, verify limits and
/// the memory budget's wait time.
///
/// Initialise it with `lh_argon2_options_init` (which sets `struct_size`), then set
/// the fields you need. `struct_size` lets later versions append fields without
/// breaking callers compiled against an older header: a 0.1 struct (64 bytes, without
/// `budget_wait_ms`) is still accepted and waits the process-wide time.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy)]
pub struct lh_argon2_options {
    /// `sizeof(lh_argon2_options)`, as set by `lh_argon2_options_init`.
    pub struct_size: usize,
    /// The secret key K ("pepper"), borrowed for the call; NULL with length 0 for none.
    pub secret: *const u8,
    /// Length of `secret` in bytes (at most `LH_ARGON2_SECRET_MAX`).
    pub secret_len: usize,
    /// Associated data X, borrowed for the call; NULL with length 0 for none.
    pub ad: *const u8,
    /// Length of `ad` in bytes (at most `LH_ARGON2_AD_MAX`).
    pub ad_len: usize,
    /// Verify limits; fields left 0 take the defaults. Ignored when hashing.
    pub limits: lh_argon2_limits,
    /// How long this call may wait for the memory budget, in ms, before it fails with
    /// `LH_ARGON2_ERR_BUSY` (0: fail at once if it does not fit;
    /// `LH_ARGON2_WAIT_FOREVER`: no deadline). `LH_ARGON2_WAIT_PROCESS_DEFAULT` (what
    /// `lh_argon2_options_init` sets) takes `lh_argon2_get_memory_budget_wait_ms()`.
    /// Appended after 0.1.0.
    pub budget_wait_ms: u32,
}

/// `struct_size` of a 0.1 `lh_argon2_options` (everything up to `limits`).
pub const OPTIONS_SIZE_V0_1: usize = std::mem::offset_of!(lh_argon2_options, budget_wait_ms);

impl lh_argon2_options {
    /// No pepper, no associated data, default limits.
    pub const EMPTY: Self = lh_argon2_options {
        struct_size: size_of::<lh_argon2_options>(),
        secret: std::ptr::null(),
        secret_len: 0,
        ad: std::ptr::null(),
        ad_len: 0,
        limits: lh_argon2_limits { max_work: 0, max_m_cost: 0, max_t_cost: 0, max_parallelism: 0 },
        budget_wait_ms: LH_ARGON2_WAIT_PROCESS_DEFAULT,
    };
}

/// Writes the default options as a caller's struct of `size` bytes (a 0.1 struct or
/// this version's), with `struct_size` = `size`: exactly `size` bytes are written.
///
/// # Safety
/// A non-NULL `out` must point to `size` writable bytes.
pub unsafe fn write_options(out: *mut lh_argon2_options, size: usize) -> Result<()> {
    if out.is_null() {
        return Err(LH_ARGON2_ERR_NULL_POINTER);
    }
    if size != OPTIONS_SIZE_V0_1 && size != size_of::<lh_argon2_options>() {
        return Err(LH_ARGON2_ERR_INVALID_OPTIONS);
    }
    // Field by field into zeroed storage, so the padding copied out is zeros too.
    let mut image = std::mem::MaybeUninit::<lh_argon2_options>::zeroed();
    // SAFETY: the pointer is to our own properly aligned local storage.
    unsafe { image.as_mut_ptr().write(lh_argon2_options { struct_size: size, ..lh_argon2_options::EMPTY }) };
    // SAFETY: `size` is at most the struct's size; the caller promises `size` writable
    // bytes at `out`; the local image cannot overlap them.
    unsafe { std::ptr::copy_nonoverlapping(image.as_ptr().cast::<u8>(), out.cast::<u8>(), size) };
    Ok(())
}

/// Options resolved into safe values, borrowed for one call.
pub struct CallOptions<'a> {
    /// Pepper and associated data.
    pub extras: Extras<'a>,
    /// Verify limits as given (0 fields mean defaults).
    pub limits: lh_argon2_limits,
    /// The budget wait time for this call (`LH_ARGON2_WAIT_PROCESS_DEFAULT` if unset).
    pub budget_wait_ms: u32,
}

/// A caller's byte buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged for `'a`.
pub unsafe fn input_bytes<'a>(ptr: *const u8, len: usize, too_long: i32, max: u64) -> Result<&'a [u8]> {
    if len as u64 > max {
        return Err(too_long);
    }
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(LH_ARGON2_ERR_NULL_POINTER) };
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes; `len` is at most
    // `max` (< isize::MAX on 64-bit targets).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The length of a NUL-terminated encoded hash, scanning at most `LH_ARGON2_ENCODED_MAX`
/// bytes: what the NUL-terminated calls pass on to their length-taking forms.
///
/// # Safety
/// A non-NULL `ptr` must point to a NUL-terminated string or to at least
/// `LH_ARGON2_ENCODED_MAX` readable bytes.
pub unsafe fn terminated_len(ptr: *const c_char) -> Result<usize> {
    if ptr.is_null() {
        return Err(LH_ARGON2_ERR_NULL_POINTER);
    }
    // SAFETY: strnlen reads no further than the first NUL or the bound, both of which
    // the caller promises are readable.
    let len = unsafe { libc::strnlen(ptr, LH_ARGON2_ENCODED_MAX) };
    if len == LH_ARGON2_ENCODED_MAX {
        return Err(LH_ARGON2_ERR_ENCODED_TOO_LONG);
    }
    Ok(len)
}

/// An encoded hash given with its length: exactly `len` bytes are read, none past them.
/// `(NULL, 0)` is the empty string (malformed); a NUL inside the bytes is malformed, so a
/// string never means something other than what a NUL-terminated reader would see.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged for `'a`.
pub unsafe fn encoded_input<'a>(ptr: *const c_char, len: usize) -> Result<&'a [u8]> {
    if len >= LH_ARGON2_ENCODED_MAX {
        return Err(LH_ARGON2_ERR_ENCODED_TOO_LONG);
    }
    if ptr.is_null() {
        return if len == 0 { Err(LH_ARGON2_ERR_MALFORMED_HASH) } else { Err(LH_ARGON2_ERR_NULL_POINTER) };
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes (len < 4096).
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    if bytes.contains(&0) {
        return Err(LH_ARGON2_ERR_MALFORMED_HASH);
    }
    Ok(bytes)
}

/// Copies a caller's struct, or `default` when the pointer is NULL and NULL is allowed.
///
/// # Safety
/// A non-NULL `ptr` must point to a readable `T`.
pub unsafe fn read_struct<T: Copy>(ptr: *const T, default_for_null: Option<T>) -> Result<T> {
    if ptr.is_null() {
        return default_for_null.ok_or(LH_ARGON2_ERR_NULL_POINTER);
    }
    // SAFETY: non-NULL and readable per the contract; unaligned reads are allowed.
    Ok(unsafe { ptr.read_unaligned() })
}

/// Writes one value through a caller's output pointer.
///
/// # Safety
/// A non-NULL `ptr` must point to a writable `T`.
pub unsafe fn write_value<T>(ptr: *mut T, value: T) -> Result<()> {
    if ptr.is_null() {
        return Err(LH_ARGON2_ERR_NULL_POINTER);
    }
    // SAFETY: non-NULL and writable per the contract.
    unsafe { ptr.write_unaligned(value) };
    Ok(())
}

/// Like `write_value`, but a NULL pointer means the caller does not want the value.
///
/// # Safety
/// A non-NULL `ptr` must point to a writable `T`.
pub unsafe fn write_optional<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable per the contract.
        unsafe { ptr.write_unaligned(value) };
    }
}

/// Checks an output buffer's description before anything is written to it:
/// `(NULL, n > 0)` is `LH_ARGON2_ERR_NULL_POINTER`, a capacity beyond the addressable
/// size (over `isize::MAX`) is `LH_ARGON2_ERR_BUFFER_TOO_LARGE`.
pub fn check_output(ptr: *const u8, cap: usize) -> Result<()> {
    if ptr.is_null() && cap > 0 {
        return Err(LH_ARGON2_ERR_NULL_POINTER);
    }
    if cap > isize::MAX as usize {
        return Err(LH_ARGON2_ERR_BUFFER_TOO_LARGE);
    }
    Ok(())
}

/// A caller's output buffer of `cap` bytes; `(NULL, 0)` is an empty buffer.
///
/// # Safety
/// A non-NULL `ptr` must point to `cap` writable bytes not otherwise borrowed for `'a`.
pub unsafe fn output_bytes<'a>(ptr: *mut u8, cap: usize) -> Result<&'a mut [u8]> {
    check_output(ptr, cap)?;
    if ptr.is_null() {
        return Ok(&mut []);
    }
    // SAFETY: non-NULL, `cap` writable bytes per the contract, within isize::MAX.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, cap) })
}

/// The byte range of a caller's `T` output, empty for NULL (for `check_disjoint`).
pub fn value_range<T>(ptr: *mut T) -> (*const u8, usize) {
    (ptr.cast_const().cast(), if ptr.is_null() { 0 } else { size_of::<T>() })
}

/// Refuses an output range that overlaps any input range (Rust may not alias them).
pub fn check_disjoint(out: (*const u8, usize), inputs: &[(*const u8, usize)]) -> Result<()> {
    let (out_start, out_len) = (out.0 as usize, out.1);
    for &(ptr, len) in inputs {
        let start = ptr as usize;
        let overlaps = out_len > 0
            && len > 0
            && start < out_start.saturating_add(out_len)
            && out_start < start.saturating_add(len);
        if overlaps {
            return Err(LH_ARGON2_ERR_OVERLAPPING_BUFFERS);
        }
    }
    Ok(())
}

/// Resolves a caller's options (NULL means none).
///
/// # Safety
/// A non-NULL `ptr` must point to an `lh_argon2_options` whose buffers are readable
/// for `'a`.
pub unsafe fn read_options<'a>(ptr: *const lh_argon2_options) -> Result<(CallOptions<'a>, lh_argon2_options)> {
    if ptr.is_null() {
        return Ok((
            CallOptions {
                extras: Extras::default(),
                limits: lh_argon2_limits::default(),
                budget_wait_ms: LH_ARGON2_WAIT_PROCESS_DEFAULT,
            },
            lh_argon2_options::EMPTY,
        ));
    }
    // Only the size field is read until it is known to describe this struct.
    // SAFETY: non-NULL per the contract, and every version starts with `struct_size`.
    let struct_size = unsafe { ptr.cast::<usize>().read_unaligned() };
    if struct_size != size_of::<lh_argon2_options>() && struct_size != OPTIONS_SIZE_V0_1 {
        return Err(LH_ARGON2_ERR_INVALID_OPTIONS);
    }
    // A 0.1 struct's bytes over the defaults: the fields it lacks keep their defaults.
    let mut raw = lh_argon2_options::EMPTY;
    // SAFETY: the caller's struct has `struct_size` readable bytes (it says which
    // version it is), at most our size; every field is an integer or a raw pointer, so
    // any bytes are valid values; our local cannot overlap the caller's memory.
    unsafe {
        std::ptr::copy_nonoverlapping(ptr.cast::<u8>(), (&mut raw as *mut lh_argon2_options).cast::<u8>(), struct_size)
    };
    // SAFETY: the caller promises the secret and AD buffers are readable.
    let secret =
        unsafe { input_bytes(raw.secret, raw.secret_len, LH_ARGON2_ERR_SECRET_TOO_LONG, LH_ARGON2_SECRET_MAX)? };
    // SAFETY: as above.
    let ad = unsafe { input_bytes(raw.ad, raw.ad_len, LH_ARGON2_ERR_AD_TOO_LONG, LH_ARGON2_AD_MAX)? };
    Ok((CallOptions { extras: Extras { secret, ad }, limits: raw.limits, budget_wait_ms: raw.budget_wait_ms }, raw))
}

/// Empties a caller's string buffer (libsodium's rule: a caller that ignores the
/// status stores "", never garbage). Call once the arguments are known good, before
/// any work.
pub fn clear_string(out: &mut [u8]) {
    if let Some(first) = out.first_mut() {
        *first = 0;
    }
}

/// Zeroes a caller's byte buffer once the arguments are known good, before any work,
/// so a failure leaves zeros.
pub fn clear_bytes(out: &mut [u8]) {
    out.fill(0);
}

/// Copies `text` and a NUL into `out`; the caller has checked `text.len() < out.len()`.
pub fn write_string(out: &mut [u8], text: &[u8]) -> Result<()> {
    let needed = text.len() + 1;
    if out.len() < needed {
        return Err(LH_ARGON2_ERR_BUFFER_TOO_SMALL);
    }
    out[..text.len()].copy_from_slice(text);
    out[text.len()] = 0;
    Ok(())
}
