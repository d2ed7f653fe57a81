//! `argon2_context` and `argon2_ctx`: the reference's validation order and flags over the
//! core's engine. All raw-pointer reading and writing of a context is here.

use std::ffi::c_int;
use std::ptr::null_mut;

use argon2rs::budget;
use argon2rs::engine::{self, Extras};
use argon2rs::error::Error;
use argon2rs::params::*;
use argon2rs::status::lh_argon2_status;
use argon2rs::types::Params;
use zeroize::{Zeroize, Zeroizing};

use crate::codes::*;

/// `allocate_fptr`: stores the memory's address in `*memory`; its return value is ignored
/// (as by the reference: only a NULL address is a failure).
pub type AllocateFn = unsafe extern "C" fn(memory: *mut *mut u8, bytes: usize) -> c_int;
/// `deallocate_fptr`.
pub type FreeFn = unsafe extern "C" fn(memory: *mut u8, bytes: usize);

/// Wipe the password (and zero `pwdlen`) once it has been hashed.
pub const ARGON2_FLAG_CLEAR_PASSWORD: u32 = 1;
/// Wipe the secret (and zero `secretlen`) once it has been hashed.
pub const ARGON2_FLAG_CLEAR_SECRET: u32 = 2;

/// The reference's `argon2_context`: 18 fields, in its order.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy)]
pub struct argon2_context {
    /// The tag's buffer, `outlen` bytes (may be the password's).
    pub out: *mut u8,
    /// Tag length, at least 4.
    pub outlen: u32,
    /// The password; NULL only with `pwdlen` 0.
    pub pwd: *mut u8,
    /// Password length (set to 0 by `ARGON2_FLAG_CLEAR_PASSWORD`).
    pub pwdlen: u32,
    /// The salt; NULL only with `saltlen` 0.
    pub salt: *mut u8,
    /// Salt length, at least 8.
    pub saltlen: u32,
    /// The secret key K; NULL only with `secretlen` 0.
    pub secret: *mut u8,
    /// Secret length (set to 0 by `ARGON2_FLAG_CLEAR_SECRET`).
    pub secretlen: u32,
    /// Associated data X; NULL only with `adlen` 0.
    pub ad: *mut u8,
    /// Associated data length.
    pub adlen: u32,
    /// Passes, at least 1.
    pub t_cost: u32,
    /// Memory in KiB, at least 8 and 8 per lane.
    pub m_cost: u32,
    /// Lanes, 1 to 2^24 - 1.
    pub lanes: u32,
    /// Threads, 1 to 2^24 - 1: validated, never changes the tag.
    pub threads: u32,
    /// The version word hashed into H0 (0x10 compresses as 1.0, any other as 1.3).
    pub version: u32,
    /// Working-memory allocator, or None (then `free_cbk` must be None too).
    pub allocate_cbk: Option<AllocateFn>,
    /// Working-memory deallocator, or None (then `allocate_cbk` must be None too).
    pub free_cbk: Option<FreeFn>,
    /// `ARGON2_FLAG_CLEAR_PASSWORD` | `ARGON2_FLAG_CLEAR_SECRET`.
    pub flags: u32,
}

impl argon2_context {
    /// A context for the one-shot calls: no secret, data, callbacks or flags.
    #[allow(clippy::too_many_arguments)]
    pub fn simple(
        t_cost: u32,
        m_cost: u32,
        lanes: u32,
        pwd: *const u8,
        pwdlen: u32,
        salt: *const u8,
        saltlen: u32,
    ) -> Self {
        argon2_context {
            out: null_mut(),
            outlen: 0,
            pwd: pwd.cast_mut(),
            pwdlen,
            salt: salt.cast_mut(),
            saltlen,
            secret: null_mut(),
            secretlen: 0,
            ad: null_mut(),
            adlen: 0,
            t_cost,
            m_cost,
            lanes,
            threads: lanes,
            version: 0x13,
            allocate_cbk: None,
            free_cbk: None,
            flags: 0,
        }
    }

    /// The reference's `validate_inputs`, check for check and in its order (limits that a
    /// `uint32_t` cannot exceed are omitted: they never fire).
    pub fn validate(&self) -> Result<(), i32> {
        if self.out.is_null() {
            return Err(ARGON2_OUTPUT_PTR_NULL);
        }
        if self.outlen < 4 {
            return Err(ARGON2_OUTPUT_TOO_SHORT);
        }
        if self.pwd.is_null() && self.pwdlen != 0 {
            return Err(ARGON2_PWD_PTR_MISMATCH);
        }
        if self.salt.is_null() && self.saltlen != 0 {
            return Err(ARGON2_SALT_PTR_MISMATCH);
        }
        if self.saltlen < 8 {
            return Err(ARGON2_SALT_TOO_SHORT);
        }
        if self.secret.is_null() && self.secretlen != 0 {
            return Err(ARGON2_SECRET_PTR_MISMATCH);
        }
        if self.ad.is_null() && self.adlen != 0 {
            return Err(ARGON2_AD_PTR_MISMATCH);
        }
        // 8 * lanes in 32 bits, as the reference computes it: an absurd lane count can
        // wrap here and is then refused as too many lanes below.
        if self.m_cost < 8 || self.m_cost < self.lanes.wrapping_mul(8) {
            return Err(ARGON2_MEMORY_TOO_LITTLE);
        }
        if self.t_cost < 1 {
            return Err(ARGON2_TIME_TOO_SMALL);
        }
        if self.lanes < 1 {
            return Err(ARGON2_LANES_TOO_FEW);
        }
        if self.lanes > LH_ARGON2_PARALLELISM_MAX {
            return Err(ARGON2_LANES_TOO_MANY);
        }
        if self.threads < 1 {
            return Err(ARGON2_THREADS_TOO_FEW);
        }
        if self.threads > 0x00FF_FFFF {
            return Err(ARGON2_THREADS_TOO_MANY);
        }
        match (self.allocate_cbk.is_some(), self.free_cbk.is_some()) {
            (true, false) => Err(ARGON2_FREE_MEMORY_CBK_NULL),
            (false, true) => Err(ARGON2_ALLOCATE_MEMORY_CBK_NULL),
            _ => Ok(()),
        }
    }
}

/// A caller's buffer as a slice; `(NULL, 0)` is empty (validation refused `(NULL, n)`).
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes, unchanged while the slice lives.
unsafe fn input<'a>(ptr: *const u8, len: u32) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: per the contract; len < 2^32 <= isize::MAX on the 64-bit targets we build.
        unsafe { std::slice::from_raw_parts(ptr, len as usize) }
    }
}

/// Wipes `len` bytes at `ptr` with stores the compiler keeps.
///
/// # Safety
/// `ptr` must be NULL or point to `len` writable bytes not borrowed elsewhere.
pub unsafe fn wipe(ptr: *mut u8, len: usize) {
    if !ptr.is_null() && len > 0 {
        // SAFETY: per the contract.
        unsafe { std::slice::from_raw_parts_mut(ptr, len) }.zeroize();
    }
}

/// The working memory the reference allocates: m rounded down to a multiple of 4 lanes'
/// segments (at least 8 blocks per lane), 1 KiB a block.
fn working_bytes(ctx: &argon2_context) -> Option<usize> {
    let lanes_segments = 4 * u64::from(ctx.lanes);
    let blocks = u64::from(ctx.m_cost).max(2 * lanes_segments) / lanes_segments * lanes_segments;
    usize::try_from(blocks.checked_mul(1024)?).ok()
}

/// `argon2_ctx(context, kind)`: validates in the reference's order, hashes, wipes the
/// inputs the flags name once the pre-hash has run, writes `outlen` bytes to `out`.
///
/// # Safety
/// `context` must be NULL or point to a context whose buffers are valid for their lengths.
pub unsafe fn run(context: *mut argon2_context, kind: u32) -> i32 {
    if context.is_null() {
        return ARGON2_INCORRECT_PARAMETER;
    }
    // SAFETY: non-NULL and, per the contract, a readable context.
    let ctx = unsafe { context.read() };
    if let Err(code) = ctx.validate() {
        return code;
    }
    if kind > 2 {
        return ARGON2_INCORRECT_TYPE;
    }
    let Some(bytes) = working_bytes(&ctx) else {
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    };
    // The callbacks are called once each, with the rounded-down size. The engine computes
    // in its own mapping (huge pages, wiped, budgeted): the callback's memory is handed
    // back untouched (README, "Replacing libargon2").
    let mut callback_memory: *mut u8 = null_mut();
    if let Some(allocate) = ctx.allocate_cbk {
        // SAFETY: the caller's allocator, called as the reference calls it.
        unsafe { allocate(&mut callback_memory, bytes) };
        if callback_memory.is_null() {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
    }
    let result = tag_for(&ctx, kind);
    if let (Some(free), false) = (ctx.free_cbk, callback_memory.is_null()) {
        // SAFETY: the memory the caller's allocator gave, with the size it was asked for.
        unsafe { free(callback_memory, bytes) };
    }
    // The reference wipes the flagged inputs in its pre-hash, after allocating and before
    // filling: so after any outcome but a memory failure (ours come from the budget or the
    // mapping, before the engine's pre-hash), never after a validation error.
    if !matches!(result, Err(ARGON2_MEMORY_ALLOCATION_ERROR)) {
        wipe_flagged(context, &ctx);
    }
    let tag = match result {
        Ok(tag) => tag,
        Err(code) => return code,
    };
    // SAFETY: validate() checked `out` is non-NULL; the caller gives `outlen` writable bytes.
    // Written last, after every read of the inputs (`out` may be the password buffer).
    unsafe { std::ptr::copy(tag.as_ptr(), ctx.out, tag.len()) };
    ARGON2_OK
}

/// Wipes the password and secret the flags name, and zeroes their lengths.
fn wipe_flagged(context: *mut argon2_context, ctx: &argon2_context) {
    if ctx.flags & ARGON2_FLAG_CLEAR_PASSWORD != 0 && !ctx.pwd.is_null() {
        // SAFETY: the caller's password buffer, no longer borrowed; `context` is writable.
        unsafe {
            wipe(ctx.pwd, ctx.pwdlen as usize);
            (*context).pwdlen = 0;
        }
    }
    if ctx.flags & ARGON2_FLAG_CLEAR_SECRET != 0 && !ctx.secret.is_null() {
        // SAFETY: as above, for the secret.
        unsafe {
            wipe(ctx.secret, ctx.secretlen as usize);
            (*context).secretlen = 0;
        }
    }
}

/// The tag of a validated context for `kind`, within the process memory budget.
fn tag_for(ctx: &argon2_context, kind: u32) -> Result<Zeroizing<Vec<u8>>, i32> {
    // The core's errors through the C API's status codes, then the reference's.
    let core = |error: Error| from_core(lh_argon2_status::from(error));
    let version = if ctx.version == LH_ARGON2_V10 { LH_ARGON2_V10 } else { LH_ARGON2_V13 };
    let params = Params::new(kind, version, ctx.m_cost, ctx.t_cost, ctx.lanes, ctx.outlen).map_err(core)?;
    // SAFETY: validate() refused every (NULL, n > 0); the caller's buffers are valid for
    // their lengths for the call (the contract of `run`).
    let (pwd, salt, secret, ad) = unsafe {
        (
            input(ctx.pwd, ctx.pwdlen),
            input(ctx.salt, ctx.saltlen),
            input(ctx.secret, ctx.secretlen),
            input(ctx.ad, ctx.adlen),
        )
    };
    let extras = Extras { secret, ad };
    engine::validate_inputs(pwd, salt, extras).map_err(core)?;
    let _reservation = budget::reserve(engine::memory_bytes(&params)).map_err(core)?;
    engine::derive_with_version_word(&params, pwd, salt, extras, ctx.version).map_err(|error| {
        if error == Error::OutOfMemory {
            ARGON2_MEMORY_ALLOCATION_ERROR
        } else {
            core(error)
        }
    })
}
