//! Salts, associated data, secrets and tags beyond the old caps (1024, 32, 1024 bytes)
//! through `lh_argon2_hash_raw_ext`, checked against Debian's libargon2 (the reference C
//! library, `libargon2.so.1`, loaded at run time): RustCrypto's crate, the other oracle,
//! cannot take associated data over 32 bytes. scripts/tools.sh installs libargon2-dev.

use std::ffi::{c_void, CStr};
use std::ptr::{null, null_mut};

use argon2rs::*;

/// The reference's `argon2_context` (argon2.h, 20171227): 18 fields.
#[repr(C)]
struct Argon2Context {
    out: *mut u8,
    outlen: u32,
    pwd: *mut u8,
    pwdlen: u32,
    salt: *mut u8,
    saltlen: u32,
    secret: *mut u8,
    secretlen: u32,
    ad: *mut u8,
    adlen: u32,
    t_cost: u32,
    m_cost: u32,
    lanes: u32,
    threads: u32,
    version: u32,
    allocate_cbk: *const c_void,
    free_cbk: *const c_void,
    flags: u32,
}

type Argon2Ctx = unsafe extern "C" fn(*mut Argon2Context, u32) -> i32;

/// `argon2_ctx` from Debian's libargon2.so.1.
fn reference_ctx() -> Argon2Ctx {
    // SAFETY: a NUL-terminated name; the handle is kept for the process (never closed).
    let handle = unsafe { libc::dlopen(c"libargon2.so.1".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        // SAFETY: dlerror returns a NUL-terminated message after a failed dlopen.
        let why = unsafe { CStr::from_ptr(libc::dlerror()) };
        panic!("Debian's libargon2.so.1 is the oracle here (apt-get install libargon2-dev): {why:?}");
    }
    // SAFETY: a valid handle and NUL-terminated name.
    let symbol = unsafe { libc::dlsym(handle, c"argon2_ctx".as_ptr()) };
    assert!(!symbol.is_null(), "libargon2.so.1 has no argon2_ctx");
    // SAFETY: argon2_ctx has this signature in every libargon2.so.1.
    unsafe { std::mem::transmute::<*mut c_void, Argon2Ctx>(symbol) }
}

struct Case {
    algorithm: u32,
    version: u32,
    salt_len: usize,
    secret_len: usize,
    ad_len: usize,
    hash_len: u32,
    lanes: u32,
}

fn bytes(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

fn reference_tag(case: &Case, pwd: &[u8], salt: &[u8], secret: &[u8], ad: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; case.hash_len as usize];
    let (mut pwd, mut salt, mut secret, mut ad) = (pwd.to_vec(), salt.to_vec(), secret.to_vec(), ad.to_vec());
    let ptr = |v: &mut Vec<u8>| if v.is_empty() { null_mut() } else { v.as_mut_ptr() };
    let mut context = Argon2Context {
        out: out.as_mut_ptr(),
        outlen: case.hash_len,
        pwd: ptr(&mut pwd),
        pwdlen: pwd.len() as u32,
        salt: ptr(&mut salt),
        saltlen: salt.len() as u32,
        secret: ptr(&mut secret),
        secretlen: secret.len() as u32,
        ad: ptr(&mut ad),
        adlen: ad.len() as u32,
        t_cost: 1,
        m_cost: 64,
        lanes: case.lanes,
        threads: 1,
        version: case.version,
        allocate_cbk: null(),
        free_cbk: null(),
        flags: 0,
    };
    // SAFETY: every buffer is valid for its stated length; no callbacks.
    let status = unsafe { reference_ctx()(&mut context, case.algorithm) };
    assert_eq!(status, 0, "reference argon2_ctx failed");
    out
}

fn our_tag(case: &Case, pwd: &[u8], salt: &[u8], secret: &[u8], ad: &[u8]) -> Vec<u8> {
    let params = lh_argon2_params {
        algorithm: case.algorithm,
        version: case.version,
        m_cost: 64,
        t_cost: 1,
        parallelism: case.lanes,
        hash_len: case.hash_len,
        salt_len: 0,
    };
    let mut options = lh_argon2_options::EMPTY;
    (options.secret, options.secret_len) = (secret.as_ptr(), secret.len());
    (options.ad, options.ad_len) = (ad.as_ptr(), ad.len());
    let mut out = vec![0u8; case.hash_len as usize];
    // SAFETY: every buffer is valid for its stated length.
    let status = unsafe {
        lh_argon2_hash_raw_ext(
            pwd.as_ptr(),
            pwd.len(),
            salt.as_ptr(),
            salt.len(),
            &params,
            &options,
            out.as_mut_ptr(),
            out.len(),
        )
    };
    assert_eq!(status, LH_ARGON2_OK, "{}", message(status));
    out
}

fn message(status: lh_argon2_status) -> String {
    // SAFETY: the library returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(lh_argon2_status_message(status)) }.to_string_lossy().into_owned()
}

#[test]
fn large_salt_ad_secret_and_tag_match_the_reference() {
    const MIB: usize = 1024 * 1024;
    let cases = [
        Case {
            algorithm: LH_ARGON2_ID,
            version: LH_ARGON2_V13,
            salt_len: MIB,
            secret_len: 0,
            ad_len: 0,
            hash_len: 32,
            lanes: 1,
        },
        Case {
            algorithm: LH_ARGON2_I,
            version: LH_ARGON2_V13,
            salt_len: 16,
            secret_len: 0,
            ad_len: MIB,
            hash_len: 32,
            lanes: 2,
        },
        Case {
            algorithm: LH_ARGON2_D,
            version: LH_ARGON2_V10,
            salt_len: 16,
            secret_len: MIB,
            ad_len: 33,
            hash_len: 64,
            lanes: 1,
        },
        Case {
            algorithm: LH_ARGON2_ID,
            version: LH_ARGON2_V13,
            salt_len: 1025,
            secret_len: 0,
            ad_len: 0,
            hash_len: 4100,
            lanes: 4,
        },
        Case {
            algorithm: LH_ARGON2_ID,
            version: LH_ARGON2_V10,
            salt_len: 8,
            secret_len: 7,
            ad_len: 4097,
            hash_len: 65,
            lanes: 1,
        },
        Case {
            algorithm: LH_ARGON2_I,
            version: LH_ARGON2_V13,
            salt_len: 8,
            secret_len: 0,
            ad_len: 0,
            hash_len: 1 << 20,
            lanes: 1,
        },
    ];
    for case in &cases {
        let pwd = bytes(12, 1);
        let (salt, secret, ad) = (bytes(case.salt_len, 2), bytes(case.secret_len, 3), bytes(case.ad_len, 4));
        let ours = our_tag(case, &pwd, &salt, &secret, &ad);
        let reference = reference_tag(case, &pwd, &salt, &secret, &ad);
        assert!(
            ours == reference,
            "tag differs from the reference: type {} v{:#x} salt {} secret {} ad {} tag {}",
            case.algorithm,
            case.version,
            case.salt_len,
            case.secret_len,
            case.ad_len,
            case.hash_len
        );
    }
}

#[test]
fn encoded_hashes_keep_their_caps() {
    let params = lh_argon2_params {
        algorithm: LH_ARGON2_ID,
        version: LH_ARGON2_V13,
        m_cost: 8,
        t_cost: 1,
        parallelism: 1,
        hash_len: LH_ARGON2_HASH_LEN_MAX + 1,
        salt_len: 16,
    };
    let mut out = vec![0u8; LH_ARGON2_ENCODED_MAX];
    let mut written = 0;
    // SAFETY: valid buffers.
    let status =
        unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, out.as_mut_ptr().cast(), out.len(), &mut written) };
    assert_eq!(status, LH_ARGON2_ERR_HASH_LEN_TOO_LONG);
    let params = lh_argon2_params { hash_len: 32, salt_len: LH_ARGON2_SALT_LEN_MAX + 1, ..params };
    // SAFETY: valid buffers.
    let status =
        unsafe { lh_argon2_hash(b"pw".as_ptr(), 2, &params, out.as_mut_ptr().cast(), out.len(), &mut written) };
    assert_eq!(status, LH_ARGON2_ERR_SALT_TOO_LONG);
}
