//! libargon2.so.1 over the argon2rs engine: the reference library's public functions
//! (include/argon2.h in this directory declares them), with its semantics; README,
//! "Replacing libargon2", tables them and the few deliberate differences.
//!
//! Layout: this file (the exported functions, each behind a panic guard) → `context`
//! (the context, validation order, flags, callbacks, all raw-pointer code for it) →
//! `encoding` (the reference's encoded-hash format), `codes` (statuses and messages),
//! `limits` (optional verify limits).
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![allow(clippy::missing_safety_doc)] // each function's contract is the reference's argon2.h

mod codes;
mod context;
mod encoding;
mod limits;

use std::ffi::{c_char, c_int, c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use codes::*;
pub use context::argon2_context;
use context::{run, wipe};

const ARGON2_OUTPUT_TOO_LONG: i32 = -3;
const D: u32 = 0;
const I: u32 = 1;
const ID: u32 = 2;
const VERSION_NUMBER: u32 = 0x13;

/// Runs `body`, turning a panic into `on_panic` (no panic crosses the C boundary).
fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// The name of an Argon2 type ("argon2id", or "Argon2id" when `uppercase`); NULL for an
/// unknown type.
#[no_mangle]
pub extern "C" fn argon2_type2string(kind: u32, uppercase: c_int) -> *const c_char {
    encoding::type_name(kind, uppercase != 0).map_or(std::ptr::null(), |name| name.as_ptr().cast())
}

/// The message for an `argon2_error_codes` value; "Unknown error code" for any other.
#[no_mangle]
pub extern "C" fn argon2_error_message(error_code: c_int) -> *const c_char {
    codes::message(error_code)
}

/// The buffer size (NUL included) `argon2_hash` needs for an encoded hash with these
/// parameters, counting two version digits; 0 for an unknown type (the reference crashes).
#[no_mangle]
pub extern "C" fn argon2_encodedlen(
    t_cost: u32,
    m_cost: u32,
    parallelism: u32,
    saltlen: u32,
    hashlen: u32,
    kind: u32,
) -> usize {
    let Some(name) = encoding::type_name(kind, false) else { return 0 };
    let fixed = "$$v=$m=,t=,p=$$".len() as u64 + (name.len() as u64 - 1) + 2 + 1;
    let total = fixed
        + encoding::decimal_len(t_cost)
        + encoding::decimal_len(m_cost)
        + encoding::decimal_len(parallelism)
        + encoding::base64_len(saltlen.into())
        + encoding::base64_len(hashlen.into());
    total as usize
}

/// Hashes with the context's parameters and inputs into `context->out`.
#[no_mangle]
pub unsafe extern "C" fn argon2_ctx(context: *mut argon2_context, kind: u32) -> c_int {
    // SAFETY: the caller's contract (argon2.h).
    guard(ARGON2_THREAD_FAIL, || unsafe { run(context, kind) })
}

/// `argon2_ctx` for Argon2d.
#[no_mangle]
pub unsafe extern "C" fn argon2d_ctx(context: *mut argon2_context) -> c_int {
    // SAFETY: as for argon2_ctx.
    unsafe { argon2_ctx(context, D) }
}

/// `argon2_ctx` for Argon2i.
#[no_mangle]
pub unsafe extern "C" fn argon2i_ctx(context: *mut argon2_context) -> c_int {
    // SAFETY: as for argon2_ctx.
    unsafe { argon2_ctx(context, I) }
}

/// `argon2_ctx` for Argon2id.
#[no_mangle]
pub unsafe extern "C" fn argon2id_ctx(context: *mut argon2_context) -> c_int {
    // SAFETY: as for argon2_ctx.
    unsafe { argon2_ctx(context, ID) }
}

/// Hashes into `hash` (if not NULL) and/or `encoded` (if not NULL with a non-zero size).
/// A too-small `encoded` gives ARGON2_ENCODING_FAIL after `hash` is written, with all of
/// `encoded` wiped.
#[no_mangle]
pub unsafe extern "C" fn argon2_hash(
    t_cost: u32,
    m_cost: u32,
    parallelism: u32,
    pwd: *const c_void,
    pwdlen: usize,
    salt: *const c_void,
    saltlen: usize,
    hash: *mut c_void,
    hashlen: usize,
    encoded: *mut c_char,
    encodedlen: usize,
    kind: u32,
    version: u32,
) -> c_int {
    guard(ARGON2_THREAD_FAIL, || {
        if pwdlen > u32::MAX as usize {
            return ARGON2_PWD_TOO_LONG;
        }
        if saltlen > u32::MAX as usize {
            return ARGON2_SALT_TOO_LONG;
        }
        if hashlen > u32::MAX as usize {
            return ARGON2_OUTPUT_TOO_LONG;
        }
        if hashlen < 4 {
            return ARGON2_OUTPUT_TOO_SHORT;
        }
        let Ok(mut out) = argon2rs::fallible::zeroed_bytes(hashlen) else {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        };
        let mut ctx =
            argon2_context::simple(t_cost, m_cost, parallelism, pwd.cast(), pwdlen as u32, salt.cast(), saltlen as u32);
        ctx.out = out.as_mut_ptr();
        ctx.outlen = hashlen as u32;
        ctx.version = version;
        // SAFETY: `ctx` is a local context; its buffers are the caller's, valid per the
        // contract, and `out`, ours, of `hashlen` bytes.
        let status = unsafe { run(&mut ctx, kind) };
        if status != ARGON2_OK {
            return status;
        }
        if !hash.is_null() {
            // SAFETY: the caller gives `hashlen` writable bytes at `hash` (which may be the
            // password's: every input has been read).
            unsafe { std::ptr::copy(out.as_ptr(), hash.cast::<u8>(), hashlen) };
        }
        if !encoded.is_null() && encodedlen > 0 {
            // SAFETY: the caller's salt, validated non-NULL for a non-zero length.
            let salt = unsafe { bytes(ctx.salt, ctx.saltlen) };
            let text = encoding::Encoded { kind, version, m_cost, t_cost, lanes: parallelism, salt, tag: &out };
            let mut string = Zeroizing::new(Vec::new());
            let written = text.write(&mut string);
            if written.is_err() || string.len() >= encodedlen {
                // SAFETY: the caller gives `encodedlen` writable bytes at `encoded`.
                unsafe { wipe(encoded.cast(), encodedlen) };
                return ARGON2_ENCODING_FAIL;
            }
            // SAFETY: as above; string.len() + 1 <= encodedlen.
            unsafe {
                std::ptr::copy_nonoverlapping(string.as_ptr(), encoded.cast::<u8>(), string.len());
                encoded.add(string.len()).write(0);
            }
        }
        ARGON2_OK
    })
}

/// A caller's buffer; `(NULL or any, 0)` is empty.
///
/// # Safety
/// A non-NULL `ptr` with a non-zero `len` must point to `len` readable bytes.
unsafe fn bytes<'a>(ptr: *const u8, len: u32) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: per the contract.
        unsafe { std::slice::from_raw_parts(ptr, len as usize) }
    }
}

macro_rules! one_type {
    ($kind:expr, $encoded:ident, $raw:ident, $verify:ident, $verify_ctx:ident) => {
        /// `argon2_hash` for this type and version 0x13, into an encoded string only.
        #[no_mangle]
        pub unsafe extern "C" fn $encoded(
            t_cost: u32,
            m_cost: u32,
            parallelism: u32,
            pwd: *const c_void,
            pwdlen: usize,
            salt: *const c_void,
            saltlen: usize,
            hashlen: usize,
            encoded: *mut c_char,
            encodedlen: usize,
        ) -> c_int {
            // SAFETY: the same contract as argon2_hash's.
            unsafe {
                argon2_hash(
                    t_cost,
                    m_cost,
                    parallelism,
                    pwd,
                    pwdlen,
                    salt,
                    saltlen,
                    std::ptr::null_mut(),
                    hashlen,
                    encoded,
                    encodedlen,
                    $kind,
                    VERSION_NUMBER,
                )
            }
        }

        /// `argon2_hash` for this type and version 0x13, into a raw tag only.
        #[no_mangle]
        pub unsafe extern "C" fn $raw(
            t_cost: u32,
            m_cost: u32,
            parallelism: u32,
            pwd: *const c_void,
            pwdlen: usize,
            salt: *const c_void,
            saltlen: usize,
            hash: *mut c_void,
            hashlen: usize,
        ) -> c_int {
            // SAFETY: the same contract as argon2_hash's.
            unsafe {
                argon2_hash(
                    t_cost,
                    m_cost,
                    parallelism,
                    pwd,
                    pwdlen,
                    salt,
                    saltlen,
                    hash,
                    hashlen,
                    std::ptr::null_mut(),
                    0,
                    $kind,
                    VERSION_NUMBER,
                )
            }
        }

        /// `argon2_verify` for this type.
        #[no_mangle]
        pub unsafe extern "C" fn $verify(encoded: *const c_char, pwd: *const c_void, pwdlen: usize) -> c_int {
            // SAFETY: the same contract as argon2_verify's.
            unsafe { argon2_verify(encoded, pwd, pwdlen, $kind) }
        }

        /// `argon2_verify_ctx` for this type.
        #[no_mangle]
        pub unsafe extern "C" fn $verify_ctx(context: *mut argon2_context, hash: *const c_char) -> c_int {
            // SAFETY: the same contract as argon2_verify_ctx's.
            unsafe { argon2_verify_ctx(context, hash, $kind) }
        }
    };
}

one_type!(D, argon2d_hash_encoded, argon2d_hash_raw, argon2d_verify, argon2d_verify_ctx);
one_type!(I, argon2i_hash_encoded, argon2i_hash_raw, argon2i_verify, argon2i_verify_ctx);
one_type!(ID, argon2id_hash_encoded, argon2id_hash_raw, argon2id_verify, argon2id_verify_ctx);

/// Hashes with the context into `context->out`, then compares it with the `outlen` bytes
/// at `hash` in constant time. A NULL `hash` is ARGON2_DECODING_FAIL (the reference
/// crashes).
#[no_mangle]
pub unsafe extern "C" fn argon2_verify_ctx(context: *mut argon2_context, hash: *const c_char, kind: u32) -> c_int {
    guard(ARGON2_THREAD_FAIL, || {
        if !context.is_null() && hash.is_null() {
            // SAFETY: non-NULL, a readable context per the contract.
            if let Err(code) = unsafe { context.read() }.validate() {
                return code;
            }
            return ARGON2_DECODING_FAIL;
        }
        // SAFETY: the caller's contract.
        let status = unsafe { run(context, kind) };
        if status != ARGON2_OK {
            return status;
        }
        // SAFETY: `run` succeeded, so `context` is readable and `out` holds `outlen`
        // bytes; the caller gives `outlen` readable bytes at `hash`. Read after `out` is
        // written, as the reference does (they may be the same buffer).
        let equal = unsafe {
            let ctx = context.read();
            let computed = std::slice::from_raw_parts(ctx.out, ctx.outlen as usize);
            let expected = std::slice::from_raw_parts(hash.cast::<u8>(), ctx.outlen as usize);
            bool::from(computed.ct_eq(expected))
        };
        if equal {
            ARGON2_OK
        } else {
            ARGON2_VERIFY_MISMATCH
        }
    })
}

/// Verifies `pwd` against an encoded hash of type `kind` (the string's type must be
/// `kind`). No cost limits unless `ARGON2RS_LIBARGON2_VERIFY_LIMITS` sets them.
#[no_mangle]
pub unsafe extern "C" fn argon2_verify(encoded: *const c_char, pwd: *const c_void, pwdlen: usize, kind: u32) -> c_int {
    guard(ARGON2_THREAD_FAIL, || {
        if pwdlen > u32::MAX as usize {
            return ARGON2_PWD_TOO_LONG;
        }
        if encoded.is_null() {
            return ARGON2_DECODING_FAIL;
        }
        // SAFETY: a non-NULL, NUL-terminated string per the contract.
        let text = unsafe { CStr::from_ptr(encoded) }.to_bytes();
        if text.len() > u32::MAX as usize {
            return ARGON2_DECODING_FAIL;
        }
        let mut decoded = match encoding::decode(text, kind) {
            Ok(decoded) => decoded,
            Err(code) => return code,
        };
        let Ok(mut out) = argon2rs::fallible::zeroed_bytes(decoded.tag.len()) else {
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        };
        let mut ctx = argon2_context::simple(
            decoded.t_cost,
            decoded.m_cost,
            decoded.lanes,
            pwd.cast(),
            pwdlen as u32,
            decoded.salt.as_mut_ptr(),
            decoded.salt.len() as u32,
        );
        ctx.out = out.as_mut_ptr();
        ctx.outlen = out.len() as u32;
        ctx.version = decoded.version;
        // The reference validates the decoded context before refusing trailing text.
        if let Err(code) = ctx.validate() {
            return code;
        }
        if decoded.trailing {
            return ARGON2_DECODING_FAIL;
        }
        if let Err(code) = limits::admit(ctx.m_cost, ctx.t_cost, ctx.lanes) {
            return code;
        }
        // SAFETY: a local context over our buffers and the caller's password.
        unsafe { argon2_verify_ctx(&mut ctx, decoded.tag.as_ptr().cast(), kind) }
    })
}
