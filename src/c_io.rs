//! All raw-pointer code, and the conversions between the C structs and the core's
//! types: reading C inputs (`params_or_default`, `password`, `salt`, `options`,
//! `encoded_input`, `terminated`), and writing C outputs only through a handle checked
//! when it is made (`Output` for buffers, `ValueOut` for one value). Nothing outside
//! this module dereferences a C pointer.

use std::ffi::c_char;
use std::mem::size_of;

use crate::engine::Extras;
use crate::error::{Error, Result};
use crate::params::*;
use crate::phc::LH_ARGON2_ENCODED_MAX;
use crate::resources::budget::LH_ARGON2_WAIT_PROCESS_DEFAULT;
use crate::types::{HashParams, Limits, Params, Profile};

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
        return Err(Error::NullPointer);
    }
    if size != OPTIONS_SIZE_V0_1 && size != size_of::<lh_argon2_options>() {
        return Err(Error::InvalidOptions);
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

/// The typed core parameters of a C struct, every field checked (`HashParams::new`).
pub fn hash_params(raw: &lh_argon2_params) -> Result<HashParams> {
    HashParams::new(derive_params(raw)?, raw.salt_len)
}

/// The typed derivation parameters of a C struct (`salt_len` is not used).
pub fn derive_params(raw: &lh_argon2_params) -> Result<Params> {
    Params::new(raw.algorithm, raw.version, raw.m_cost, raw.t_cost, raw.parallelism, raw.hash_len)
}

/// The C struct of typed parameters.
pub fn params_to_c(hash: &HashParams) -> lh_argon2_params {
    let p = hash.params();
    lh_argon2_params {
        algorithm: p.algorithm().number(),
        version: p.version().number(),
        m_cost: p.m_cost(),
        t_cost: p.t_cost(),
        parallelism: p.parallelism(),
        hash_len: p.hash_len(),
        salt_len: hash.salt_len(),
    }
}

/// The profile a `LH_ARGON2_PROFILE_*` number names.
pub fn profile(number: lh_argon2_profile) -> Result<Profile> {
    Ok(match number {
        LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY => Profile::Rfc9106LowMemory,
        LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY => Profile::Rfc9106HighMemory,
        LH_ARGON2_PROFILE_OWASP => Profile::Owasp,
        LH_ARGON2_PROFILE_INTERACTIVE => Profile::Interactive,
        LH_ARGON2_PROFILE_MODERATE => Profile::Moderate,
        LH_ARGON2_PROFILE_SENSITIVE => Profile::Sensitive,
        LH_ARGON2_PROFILE_INSECURE_TEST_ONLY => Profile::InsecureTestOnly,
        _ => return Err(Error::UnknownProfile),
    })
}

impl lh_argon2_params {
    /// The parameters of a named profile (for Rust callers of the C API, e.g. tests).
    pub fn from_profile(number: lh_argon2_profile) -> Result<Self> {
        Ok(params_to_c(&profile(number)?.params()))
    }

    /// The default profile's parameters.
    pub fn default_profile() -> Self {
        params_to_c(&Profile::DEFAULT.params())
    }
}

/// The typed limits of a C struct: a field left 0 takes its default.
pub fn limits(raw: &lh_argon2_limits) -> Limits {
    Limits {
        max_work: raw.max_work,
        max_m_cost: raw.max_m_cost,
        max_t_cost: raw.max_t_cost,
        max_parallelism: raw.max_parallelism,
    }
    .or_defaults()
}

/// The C struct of typed limits.
pub fn limits_to_c(limits: Limits) -> lh_argon2_limits {
    lh_argon2_limits {
        max_work: limits.max_work,
        max_m_cost: limits.max_m_cost,
        max_t_cost: limits.max_t_cost,
        max_parallelism: limits.max_parallelism,
    }
}

/// The longest input of one kind and the refusal of a longer one.
#[derive(Clone, Copy)]
struct Bound {
    max: u64,
    too_long: Error,
}

const PASSWORD: Bound = Bound { max: LH_ARGON2_PWD_MAX, too_long: Error::PasswordTooLong };
// Widening: the salt bound is a u32.
const SALT: Bound = Bound { max: LH_ARGON2_RAW_SALT_LEN_MAX as u64, too_long: Error::SaltTooLong };
const SECRET: Bound = Bound { max: LH_ARGON2_SECRET_MAX, too_long: Error::SecretTooLong };
const AD: Bound = Bound { max: LH_ARGON2_AD_MAX, too_long: Error::AdTooLong };

/// A caller's byte buffer: `(NULL, 0)` is empty, `(NULL, n > 0)` is an error, and a
/// length beyond the bound is refused first.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged for `'a`.
unsafe fn input_bytes<'a>(ptr: *const u8, len: usize, bound: Bound) -> Result<&'a [u8]> {
    if len as u64 > bound.max {
        return Err(bound.too_long);
    }
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(Error::NullPointer) };
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes; `len` is at most
    // `bound.max` (< isize::MAX on 64-bit targets).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The password: at most `LH_ARGON2_PWD_MAX` bytes.
///
/// # Safety
/// As for `input_bytes`.
pub unsafe fn password<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    // SAFETY: the same contract.
    unsafe { input_bytes(ptr, len, PASSWORD) }
}

/// A raw derivation's salt: at most `LH_ARGON2_RAW_SALT_LEN_MAX` bytes (the minimum is
/// checked with the other inputs, in `engine::validate_inputs`).
///
/// # Safety
/// As for `input_bytes`.
pub unsafe fn salt<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    // SAFETY: the same contract.
    unsafe { input_bytes(ptr, len, SALT) }
}

/// The caller's parameters, or the default profile's for NULL (unchecked: see
/// `hash_params`, `derive_params`).
///
/// # Safety
/// A non-NULL `ptr` must point to a readable `lh_argon2_params`.
pub unsafe fn params_or_default(ptr: *const lh_argon2_params) -> lh_argon2_params {
    if ptr.is_null() {
        return lh_argon2_params::default_profile();
    }
    // SAFETY: non-NULL and readable per the contract; unaligned reads are allowed.
    unsafe { ptr.read_unaligned() }
}

/// An encoded hash given with its length: exactly `len` bytes are read, none past them.
/// `(NULL, 0)` is the empty string (malformed); a NUL inside the bytes is malformed, so a
/// string never means something other than what a NUL-terminated reader would see.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged for `'a`.
pub unsafe fn encoded_input<'a>(ptr: *const c_char, len: usize) -> Result<&'a [u8]> {
    if len >= LH_ARGON2_ENCODED_MAX {
        return Err(Error::EncodedTooLong);
    }
    if ptr.is_null() {
        return if len == 0 { Err(Error::MalformedHash) } else { Err(Error::NullPointer) };
    }
    // SAFETY: non-NULL, and the caller promises `len` readable bytes (len < 4096).
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    if bytes.contains(&0) {
        return Err(Error::MalformedHash);
    }
    Ok(bytes)
}

/// A NUL-terminated encoded hash (without its NUL), scanning at most
/// `LH_ARGON2_ENCODED_MAX` bytes.
///
/// # Safety
/// A non-NULL `ptr` must point to a NUL-terminated string or to at least
/// `LH_ARGON2_ENCODED_MAX` readable bytes, unchanged for `'a`.
pub unsafe fn terminated<'a>(ptr: *const c_char) -> Result<&'a [u8]> {
    if ptr.is_null() {
        return Err(Error::NullPointer);
    }
    // SAFETY: strnlen reads no further than the first NUL or the bound, both of which
    // the caller promises are readable.
    let len = unsafe { libc::strnlen(ptr, LH_ARGON2_ENCODED_MAX) };
    if len == LH_ARGON2_ENCODED_MAX {
        return Err(Error::EncodedTooLong);
    }
    // SAFETY: the `len` bytes before the NUL are readable; none of them is a NUL.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// A caller's options resolved into safe values, borrowed for one call.
pub struct Options<'a> {
    /// Pepper and associated data.
    pub extras: Extras<'a>,
    /// Verify limits, unset fields replaced by the defaults.
    pub limits: Limits,
    /// The budget wait time for this call (`LH_ARGON2_WAIT_PROCESS_DEFAULT` if unset).
    pub budget_wait_ms: u32,
}

/// Resolves a caller's options (NULL means none).
///
/// # Safety
/// A non-NULL `ptr` must point to an `lh_argon2_options` whose buffers are readable
/// for `'a`.
pub unsafe fn options<'a>(ptr: *const lh_argon2_options) -> Result<Options<'a>> {
    if ptr.is_null() {
        return Ok(Options {
            extras: Extras::default(),
            limits: Limits::DEFAULT,
            budget_wait_ms: LH_ARGON2_WAIT_PROCESS_DEFAULT,
        });
    }
    // Only the size field is read until it is known to describe this struct.
    // SAFETY: non-NULL per the contract, and every version starts with `struct_size`.
    let struct_size = unsafe { ptr.cast::<usize>().read_unaligned() };
    if struct_size != size_of::<lh_argon2_options>() && struct_size != OPTIONS_SIZE_V0_1 {
        return Err(Error::InvalidOptions);
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
    let secret = unsafe { input_bytes(raw.secret, raw.secret_len, SECRET)? };
    // SAFETY: as above.
    let ad = unsafe { input_bytes(raw.ad, raw.ad_len, AD)? };
    Ok(Options { extras: Extras { secret, ad }, limits: limits(&raw.limits), budget_wait_ms: raw.budget_wait_ms })
}

/// The byte ranges of the inputs read so far, which no output may overlap (Rust may
/// not alias them). An input that failed to read adds none: the call fails anyway.
#[derive(Default)]
pub struct Inputs {
    ranges: [(usize, usize); 4],
    count: usize,
}

impl Inputs {
    fn push(&mut self, bytes: &[u8]) {
        self.ranges[self.count] = (bytes.as_ptr() as usize, bytes.len());
        self.count += 1;
    }

    /// Records a read byte input and hands it back.
    pub fn add<'a>(&mut self, input: Result<&'a [u8]>) -> Result<&'a [u8]> {
        if let Ok(bytes) = input {
            self.push(bytes);
        }
        input
    }

    /// Records the pepper and associated data of read options and hands them back.
    pub fn add_options<'a>(&mut self, options: Result<Options<'a>>) -> Result<Options<'a>> {
        if let Ok(options) = &options {
            self.push(options.extras.secret);
            self.push(options.extras.ad);
        }
        options
    }

    /// `Error::OverlappingBuffers` if `range` overlaps any input.
    fn check_disjoint(&self, range: (usize, usize)) -> Result<()> {
        self.ranges[..self.count].iter().try_for_each(|&input| disjoint(range, input))
    }
}

/// `Error::OverlappingBuffers` if two `(start, len)` byte ranges overlap.
fn disjoint((start, len): (usize, usize), (other, other_len): (usize, usize)) -> Result<()> {
    if len > 0 && other_len > 0 && other < start.saturating_add(len) && start < other.saturating_add(other_len) {
        return Err(Error::OverlappingBuffers);
    }
    Ok(())
}

/// A caller's output buffer (and, for strings, its optional `*out_written`), checked
/// when made: `(NULL, n > 0)` is `Error::NullPointer`, a capacity over `isize::MAX` is
/// `Error::BufferTooLarge`, and one overlapping an input (or the other output) is
/// `Error::OverlappingBuffers`. A usable output is cleared at once (a string to "", raw
/// bytes to zeros, `*out_written` to 0), so a failure after this leaves no partial
/// result; an unusable one is never touched. Writing a result goes only through here.
pub struct Output<'a> {
    buf: &'a mut [u8],
    usable: Result<()>,
    written: *mut usize,
    written_usable: Result<()>,
}

impl<'a> Output<'a> {
    /// A string output with its optional length report.
    ///
    /// # Safety
    /// A non-NULL `ptr` must point to `cap` writable bytes, and a non-NULL `written` to a
    /// writable `usize`, not otherwise borrowed for `'a`.
    pub unsafe fn string(ptr: *mut c_char, cap: usize, written: *mut usize, inputs: &Inputs) -> Self {
        let written_range = (written as usize, if written.is_null() { 0 } else { size_of::<usize>() });
        let written_usable = inputs.check_disjoint(written_range);
        let usable = check_output(ptr.cast(), cap)
            .and_then(|()| inputs.check_disjoint((ptr as usize, cap)))
            .and_then(|()| disjoint((ptr as usize, cap), written_range));
        // SAFETY: per the contract; a NULL pointer means none wanted.
        let mut output = unsafe { Self::make(ptr.cast(), cap, usable, written, written_usable) };
        output.report(0);
        if let Some(first) = output.buf.first_mut() {
            *first = 0;
        }
        output
    }

    /// A raw byte output.
    ///
    /// # Safety
    /// A non-NULL `ptr` must point to `cap` writable bytes not otherwise borrowed for `'a`.
    pub unsafe fn bytes(ptr: *mut u8, cap: usize, inputs: &Inputs) -> Self {
        let usable = check_output(ptr, cap).and_then(|()| inputs.check_disjoint((ptr as usize, cap)));
        // SAFETY: per the contract.
        let output = unsafe { Self::make(ptr, cap, usable, std::ptr::null_mut(), Ok(())) };
        output.buf.fill(0);
        output
    }

    /// # Safety
    /// As for `string`; `usable` and `written_usable` are the checks' results.
    unsafe fn make(
        ptr: *mut u8,
        cap: usize,
        usable: Result<()>,
        written: *mut usize,
        written_usable: Result<()>,
    ) -> Self {
        let buf: &'a mut [u8] = if usable.is_ok() && !ptr.is_null() {
            // SAFETY: non-NULL, `cap` writable bytes within isize::MAX, disjoint from
            // every input, per the checks and the contract.
            unsafe { std::slice::from_raw_parts_mut(ptr, cap) }
        } else {
            &mut []
        };
        let written = if written_usable.is_ok() { written } else { std::ptr::null_mut() };
        Output { buf, usable, written, written_usable }
    }

    /// The checks' verdict: the buffer's, then the length report's.
    pub fn ready(&self) -> Result<()> {
        self.usable?;
        self.written_usable
    }

    /// `Error::BufferTooSmall` (and `*out_written` = `needed`) unless `needed` bytes fit.
    pub fn need(&mut self, needed: usize) -> Result<()> {
        if self.buf.len() < needed {
            self.report(needed);
            return Err(Error::BufferTooSmall);
        }
        Ok(())
    }

    /// Writes `text` and a NUL, and reports its length.
    pub fn write_string(mut self, text: &[u8]) -> Result<()> {
        self.need(text.len() + 1)?;
        self.buf[..text.len()].copy_from_slice(text);
        self.buf[text.len()] = 0;
        self.report(text.len());
        Ok(())
    }

    /// Writes `bytes` at the start of the buffer.
    pub fn write_bytes(mut self, bytes: &[u8]) -> Result<()> {
        self.need(bytes.len())?;
        self.buf[..bytes.len()].copy_from_slice(bytes);
        Ok(())
    }

    fn report(&mut self, len: usize) {
        if !self.written.is_null() {
            // SAFETY: non-NULL, writable per the contract and disjoint from every input.
            unsafe { self.written.write_unaligned(len) };
        }
    }
}

/// `(NULL, n > 0)` is `Error::NullPointer`; a capacity beyond the addressable size
/// (over `isize::MAX`) is `Error::BufferTooLarge`.
fn check_output(ptr: *const u8, cap: usize) -> Result<()> {
    if ptr.is_null() && cap > 0 {
        return Err(Error::NullPointer);
    }
    if cap > isize::MAX as usize {
        return Err(Error::BufferTooLarge);
    }
    Ok(())
}

/// A caller's pointer to one output value, checked for NULL when made and written
/// only on success.
pub struct ValueOut<T> {
    ptr: *mut T,
}

impl<T> ValueOut<T> {
    /// `Error::NullPointer` for NULL.
    ///
    /// # Safety
    /// A non-NULL `ptr` must point to a writable `T` for the rest of the call.
    pub unsafe fn new(ptr: *mut T) -> Result<Self> {
        if ptr.is_null() {
            return Err(Error::NullPointer);
        }
        Ok(ValueOut { ptr })
    }

    /// Writes the value.
    pub fn write(self, value: T) -> Result<()> {
        // SAFETY: non-NULL and writable, per `new`'s contract.
        unsafe { self.ptr.write_unaligned(value) };
        Ok(())
    }
}

/// Writes `value` through a pointer that may be NULL (the caller does not want it).
///
/// # Safety
/// A non-NULL `ptr` must point to a writable `T`.
pub unsafe fn write_optional<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL and writable per the contract.
        unsafe { ptr.write_unaligned(value) };
    }
}
