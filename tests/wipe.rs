//! Secrets do not outlive a call in freed heap memory: the Argon2 working memory is
//! zeroed before it is released, and no freed buffer holds the password, the pepper or
//! the computed tag. Its own test binary: an instrumented global allocator inspects every
//! buffer freed (or moved by realloc) while a library call runs on the test's thread.
//! (Stack copies inside the engine are out of its reach.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::{CStr, CString};
use std::sync::Mutex;

use argon2rs::*;
use base64ct::{Base64Unpadded, Encoding};

const PASSWORD: &[u8; 32] = b"pw-marker:5b8e1c0d9a7f4e2b6c3d1a";
const PEPPER: &[u8; 32] = b"pepper-marker:e4f1a9c2b7d05c8e3f";
/// Freed buffers at least this big are treated as working memory and must be all zeros.
const LARGE: usize = 8 * 1024;

#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Findings {
    password: usize,
    pepper: usize,
    tag: usize,
    tag_base64: usize,
    large_freed: usize,
    large_not_zeroed: usize,
}

thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
    static FINDINGS: Cell<Findings> = const { Cell::new(Findings {
        password: 0, pepper: 0, tag: 0, tag_base64: 0, large_freed: 0, large_not_zeroed: 0 }) };
    static TAG: Cell<[u8; 32]> = const { Cell::new([0; 32]) };
    static TAG_BASE64: Cell<[u8; 43]> = const { Cell::new([0; 43]) };
}

/// Copies of the small buffers freed while watching, for secrets only known afterwards
/// (the tag of a hash with a fresh random salt). A fixed array: the allocator must not allocate.
static FREED_COPIES: Mutex<(usize, [u8; 1 << 16])> = Mutex::new((0, [0; 1 << 16]));
const COPY_AT_MOST: usize = 4096;
/// The tests share FREED_COPIES, so they take turns.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// Inspects a buffer about to be released, if this thread is watching.
fn inspect(ptr: *const u8, size: usize) {
    if !WATCHING.try_with(Cell::get).unwrap_or(false) {
        return;
    }
    // SAFETY: the allocator hands us a live block of `size` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, size) };
    if size <= COPY_AT_MOST {
        let mut copies = FREED_COPIES.lock().unwrap_or_else(|e| e.into_inner());
        let (used, buffer) = &mut *copies;
        if *used + size <= buffer.len() {
            buffer[*used..*used + size].copy_from_slice(bytes);
            *used += size;
        }
    }
    let tag = TAG.with(Cell::get);
    let tag_base64 = TAG_BASE64.with(Cell::get);
    FINDINGS.with(|findings| {
        let mut f = findings.get();
        f.password += usize::from(contains(bytes, PASSWORD));
        f.pepper += usize::from(contains(bytes, PEPPER));
        f.tag += usize::from(tag != [0; 32] && contains(bytes, &tag));
        f.tag_base64 += usize::from(tag != [0; 32] && contains(bytes, &tag_base64));
        if size >= LARGE {
            f.large_freed += 1;
            f.large_not_zeroed += usize::from(bytes.iter().any(|&b| b != 0));
        }
        findings.set(f);
    });
}

struct Inspecting;

// SAFETY: defers to the system allocator; realloc is alloc + copy + dealloc, which the
// GlobalAlloc contract allows, so that the old block can be inspected before release.
unsafe impl GlobalAlloc for Inspecting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        inspect(ptr, layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `new_size` with the old alignment is valid per realloc's contract.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as above.
        let new = unsafe { System.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are live and at least this long; they do not overlap.
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
            // SAFETY: `ptr` was allocated with `layout` and is released once.
            unsafe { self.dealloc(ptr, layout) };
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Inspecting = Inspecting;

/// Runs `f` while watching this thread's frees, with `tag` as the secret tag to look for.
fn watch<T>(tag: Option<&[u8]>, f: impl FnOnce() -> T) -> (T, Findings) {
    let mut tag_bytes = [0u8; 32];
    let mut tag_text = [0u8; 43];
    if let Some(tag) = tag {
        tag_bytes.copy_from_slice(tag);
        Base64Unpadded::encode(tag, &mut tag_text).unwrap();
    }
    TAG.with(|c| c.set(tag_bytes));
    TAG_BASE64.with(|c| c.set(tag_text));
    FINDINGS.with(|c| c.set(Findings::default()));
    *FREED_COPIES.lock().unwrap_or_else(|e| e.into_inner()) = (0, [0; 1 << 16]);
    WATCHING.with(|c| c.set(true));
    let result = f();
    WATCHING.with(|c| c.set(false));
    (result, FINDINGS.with(Cell::get))
}

fn params() -> lh_argon2_params {
    lh_argon2_params { m_cost: 64, t_cost: 1, parallelism: 1, ..lh_argon2_params::default_profile() }
}

fn options() -> lh_argon2_options {
    lh_argon2_options { secret: PEPPER.as_ptr(), secret_len: PEPPER.len(), ..lh_argon2_options::EMPTY }
}

fn raw(pwd: &[u8]) -> (lh_argon2_status, [u8; 32]) {
    let mut out = [0u8; 32];
    // SAFETY: valid buffers for their lengths.
    let status = unsafe {
        lh_argon2_hash_raw_ext(
            pwd.as_ptr(),
            pwd.len(),
            b"saltsaltsalt".as_ptr(),
            12,
            &params(),
            &options(),
            out.as_mut_ptr(),
            32,
        )
    };
    (status, out)
}

fn hash() -> (lh_argon2_status, CString) {
    let mut out = [0u8; 256];
    // SAFETY: valid buffers for their lengths.
    let status = unsafe {
        lh_argon2_hash_ext(
            PASSWORD.as_ptr(),
            32,
            &params(),
            &options(),
            out.as_mut_ptr().cast(),
            out.len(),
            std::ptr::null_mut(),
        )
    };
    (status, CStr::from_bytes_until_nul(&out).unwrap().to_owned())
}

fn verify(encoded: &CStr, pwd: &[u8]) -> lh_argon2_status {
    // SAFETY: NUL-terminated string, valid buffers.
    unsafe { lh_argon2_verify_ext(encoded.as_ptr(), pwd.as_ptr(), pwd.len(), &options()) }
}

fn assert_clean(what: &str, findings: Findings) {
    println!("{what}: {findings:?}");
    assert!(
        findings.large_freed >= 1,
        "{what}: no working memory was freed on the heap; this test must follow the engine"
    );
    assert_eq!(findings.large_not_zeroed, 0, "{what}: Argon2 working memory freed without being zeroed");
    assert_eq!(findings.password, 0, "{what}: a freed buffer held the password");
    assert_eq!(findings.pepper, 0, "{what}: a freed buffer held the pepper");
    assert_eq!(findings.tag, 0, "{what}: a freed buffer held the computed tag");
    assert_eq!(findings.tag_base64, 0, "{what}: a freed buffer held the computed tag in Base64");
}

#[test]
fn the_detector_sees_unwiped_secrets_and_memory() {
    let _serial = serial();
    let tag = [7u8; 32];
    let ((), findings) = watch(Some(&tag), || {
        drop(std::hint::black_box(PASSWORD.to_vec()));
        drop(std::hint::black_box(PEPPER.to_vec()));
        drop(std::hint::black_box(tag.to_vec()));
        drop(std::hint::black_box(vec![1u8; 64 * 1024]));
        drop(std::hint::black_box(vec![0u8; 64 * 1024]));
    });
    assert_eq!(
        findings,
        Findings { password: 1, pepper: 1, tag: 1, tag_base64: 0, large_freed: 2, large_not_zeroed: 1 }
    );
}

#[test]
fn raw_derivation_leaves_no_secret_in_freed_memory() {
    let _serial = serial();
    let (status, tag) = raw(PASSWORD);
    assert_eq!(status, LH_ARGON2_OK);
    let ((status, again), findings) = watch(Some(&tag), || raw(PASSWORD));
    assert_eq!((status, again), (LH_ARGON2_OK, tag));
    assert_clean("hash_raw_ext", findings);
}

#[test]
fn hashing_and_verifying_leave_no_secret_in_freed_memory() {
    let _serial = serial();
    let ((status, encoded), findings) = watch(None, hash);
    assert_eq!(status, LH_ARGON2_OK);
    assert_clean("hash_ext (password, pepper, working memory)", findings);

    let text = encoded.to_str().unwrap();
    let tag_text = text.rsplit('$').next().unwrap();
    let tag = Base64Unpadded::decode_vec(tag_text).unwrap();
    {
        let copies = FREED_COPIES.lock().unwrap_or_else(|e| e.into_inner());
        let freed = &copies.1[..copies.0];
        assert!(!contains(freed, &tag), "hash_ext: a freed buffer held the computed tag");
        assert!(!contains(freed, tag_text.as_bytes()), "hash_ext: a freed buffer held the tag in Base64");
        assert!(!contains(freed, &text.as_bytes()[..text.len() - 4]), "hash_ext: a freed buffer held the encoded hash");
    }
    let (status, findings) = watch(Some(&tag), || verify(&encoded, PASSWORD));
    assert_eq!(status, LH_ARGON2_OK);
    assert_clean("verify_ext, right password (its computed tag is the stored one)", findings);

    let (status, findings) = watch(None, || verify(&encoded, b"not the password"));
    assert_eq!(status, LH_ARGON2_ERR_VERIFY_MISMATCH);
    assert_clean("verify_ext, wrong password", findings);
}
