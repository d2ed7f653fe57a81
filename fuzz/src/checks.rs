//! The fuzz targets' bodies: each feeds one input through the C ABI and asserts the
//! library's promises. Shared by the libFuzzer binaries (fuzz/fuzz_targets/) and by the
//! stable-toolchain corpus regression test (tests/fuzz_corpus.rs), so every committed
//! corpus file is re-checked by `cargo test`.
//!
//! Properties: no panic and no LH_ARGON2_ERR_INTERNAL; a status from the documented set;
//! verify returns OK only if the tag recomputed independently (RustCrypto `argon2`
//! directly) matches; nothing written past the declared capacity (canaries); a decoded
//! canonical string re-encodes to itself; failures leave outputs cleared or untouched.

use std::sync::Once;

use argon2rs::*;

/// Costs a fuzzed stored hash may ask of verify: small, so each run stays fast.
pub const LIMITS: lh_argon2_limits =
    lh_argon2_limits { max_work: 256, max_m_cost: 128, max_t_cost: 2, max_parallelism: 4 };
/// Memory budget while fuzzing hashes: fuzzed m beyond it is refused before allocating.
pub const BUDGET: u64 = 256 * 1024;
const PASSWORD: &[u8] = b"password";
const CANARY: u8 = 0xA5;
const SLACK: usize = 64;

/// A valid, cheap stored hash of "password" (m=8 KiB, t=1, p=1) to mutate.
pub const BASE: &str = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$BbbKj4A4toOIetSRZTOFi0nLUgQBJsE09Mbp2HEbjAk";

/// Tokens spliced in by the structure-aware mutations.
const TOKENS: &[&str] = &[
    "$",
    ",",
    "=",
    "m=",
    "t=",
    "p=",
    "v=",
    "v=19",
    "v=16",
    "v=20",
    "data=",
    "keyid=",
    "argon2i",
    "argon2d",
    "argon2id",
    "0",
    "1",
    "7",
    "8",
    "16777215",
    "16777216",
    "4294967295",
    "4294967296",
    "AAAA",
    "A",
    "==",
    "/",
    "+",
    "-",
    "_",
    " ",
    "\u{e9}",
    "\0",
];

pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        assert_eq!(lh_argon2_set_memory_budget(BUDGET), LH_ARGON2_OK);
    });
}

/// Reads fuzz input as fixed-size fields, then the rest.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    fn params(&mut self) -> lh_argon2_params {
        lh_argon2_params {
            algorithm: self.u32(),
            version: self.u32(),
            m_cost: self.u32(),
            t_cost: self.u32(),
            parallelism: self.u32(),
            hash_len: self.u32(),
            salt_len: self.u32(),
        }
    }
    fn rest(self) -> &'a [u8] {
        self.0
    }
}

/// The stored string a fuzz input stands for: the bytes as they are (first byte even),
/// or edits of `BASE` (first byte odd) so that most inputs stay close to a valid hash.
/// Returned with a NUL appended, as C would pass it.
pub fn encoded_from(data: &[u8]) -> Vec<u8> {
    let mut input = Input(data);
    let mode = input.byte();
    let mut text = if mode & 1 == 0 {
        input.rest().to_vec()
    } else {
        let mut text = BASE.as_bytes().to_vec();
        while !input.0.is_empty() {
            let op = input.byte();
            let at = usize::from(input.u16()) % (text.len() + 1);
            match op % 4 {
                0 if at < text.len() => text[at] = input.byte(),
                1 => text.insert(at, input.byte()),
                2 if at < text.len() => {
                    text.remove(at);
                }
                _ => {
                    let token = TOKENS[usize::from(input.byte()) % TOKENS.len()].as_bytes();
                    text.splice(at..at, token.iter().copied());
                }
            }
        }
        text
    };
    text.push(0);
    text
}

/// Statuses none of the fuzzed calls may return: an internal error (a caught panic), and
/// the codes of inputs the targets never make (over-long passwords, peppers or options,
/// profiles, overlapping buffers, calibration) or of resources they never exhaust (the
/// fuzzed memory stays far below the machine's, with the budget on wait, not fail-fast).
/// Everything else in the library's own table (`ALL_STATUSES`) is documented.
const NEVER: &[lh_argon2_status] = &[
    LH_ARGON2_ERR_INTERNAL,
    LH_ARGON2_ERR_PASSWORD_TOO_LONG,
    LH_ARGON2_ERR_SECRET_TOO_LONG,
    LH_ARGON2_ERR_INVALID_OPTIONS,
    LH_ARGON2_ERR_UNKNOWN_PROFILE,
    LH_ARGON2_ERR_OVERLAPPING_BUFFERS,
    LH_ARGON2_ERR_TIME_BUDGET,
    LH_ARGON2_ERR_OUT_OF_MEMORY,
    LH_ARGON2_ERR_RANDOM,
    LH_ARGON2_ERR_BUSY,
];

fn assert_documented(what: &str, status: lh_argon2_status) {
    assert!(ALL_STATUSES.contains(&status), "{what}: status {status} is not in the library's table");
    assert!(
        !NEVER.contains(&status),
        "{what}: {} cannot arise from a fuzzed input",
        status_name(status).unwrap_or("?")
    );
}

fn decode(encoded: &[u8]) -> (lh_argon2_status, lh_argon2_params) {
    let mut params = lh_argon2_params {
        algorithm: 0xDEAD,
        version: 0,
        m_cost: 0,
        t_cost: 0,
        parallelism: 0,
        hash_len: 0,
        salt_len: 0,
    };
    let before = params;
    // SAFETY: NUL-terminated buffer, valid output.
    let status = unsafe { lh_argon2_decode(encoded.as_ptr().cast(), &mut params) };
    if status != LH_ARGON2_OK {
        assert_eq!(params, before, "decode wrote its output on failure");
    }
    (status, params)
}

/// The string as the library sees it: up to the first NUL, at most the scan bound.
fn as_c_string(encoded: &[u8]) -> &[u8] {
    let len = encoded.iter().position(|&b| b == 0).unwrap_or(encoded.len());
    &encoded[..len]
}

/// The tag of `pwd` for the salt, tag length and `data=` of a stored string, computed
/// with the RustCrypto `argon2` crate directly (not through this library's engine);
/// None for a `data=` over the crate's 32 bytes (tests/large_inputs_reference.rs checks
/// long associated data against the reference C library instead).
fn independent_tag(text: &str, params: &lh_argon2_params, pwd: &[u8]) -> Option<Vec<u8>> {
    use base64ct::{Base64Unpadded, Encoding};
    let fields: Vec<&str> = text.split('$').collect();
    let salt = Base64Unpadded::decode_vec(fields[fields.len() - 2]).expect("salt of an accepted string");
    let ad = fields[fields.len() - 3]
        .split(',')
        .find_map(|pair| pair.strip_prefix("data="))
        .map(|data| Base64Unpadded::decode_vec(data).expect("data of an accepted string"))
        .unwrap_or_default();
    let engine_params = argon2::ParamsBuilder::new()
        .m_cost(params.m_cost)
        .t_cost(params.t_cost)
        .p_cost(params.parallelism)
        .output_len(params.hash_len as usize)
        .data(argon2::AssociatedData::new(&ad).ok()?)
        .build()
        .unwrap();
    let algorithm = [argon2::Algorithm::Argon2d, argon2::Algorithm::Argon2i, argon2::Algorithm::Argon2id]
        [params.algorithm as usize];
    let version = if params.version == 0x10 { argon2::Version::V0x10 } else { argon2::Version::V0x13 };
    let mut tag = vec![0u8; params.hash_len as usize];
    argon2::Argon2::new(algorithm, version, engine_params).hash_password_into(pwd, &salt, &mut tag).unwrap();
    Some(tag)
}

/// `lh_argon2_verify_ext` (small limits) against the independent recomputation.
pub fn verify(data: &[u8]) {
    init();
    let encoded = encoded_from(data);
    let options = lh_argon2_options { limits: LIMITS, ..lh_argon2_options::EMPTY };
    // SAFETY: NUL-terminated buffer, valid password and options.
    let status = unsafe { lh_argon2_verify_ext(encoded.as_ptr().cast(), PASSWORD.as_ptr(), PASSWORD.len(), &options) };
    assert_documented("verify", status);
    let (decoded, params) = decode(&encoded);
    match status {
        // AD_TOO_LONG: a well-formed data= over 32 bytes, which only the rustcrypto-engine
        // build refuses (that crate's cap); decode reads it.
        LH_ARGON2_OK
        | LH_ARGON2_ERR_VERIFY_MISMATCH
        | LH_ARGON2_ERR_COST_LIMIT_EXCEEDED
        | LH_ARGON2_ERR_AD_TOO_LONG => {
            assert_eq!(decoded, LH_ARGON2_OK, "verify accepted the format but decode did not")
        }
        _ => assert_eq!(decoded, status, "verify and decode disagree on a malformed string"),
    }
    if status == LH_ARGON2_OK {
        let text = std::str::from_utf8(as_c_string(&encoded)).expect("an accepted string is UTF-8");
        let stored = {
            use base64ct::{Base64Unpadded, Encoding};
            Base64Unpadded::decode_vec(text.rsplit('$').next().unwrap()).unwrap()
        };
        if let Some(tag) = independent_tag(text, &params, PASSWORD) {
            assert_eq!(tag, stored, "verify said OK for a tag that does not match");
        }
    }
}

/// `lh_argon2_needs_rehash` with fuzzed parameters, against decode.
pub fn needs_rehash(data: &[u8]) {
    init();
    let mut input = Input(data);
    let wanted = input.params();
    let encoded = encoded_from(input.rest());
    let mut needs = true;
    // SAFETY: NUL-terminated buffer, readable params, writable output.
    let status = unsafe { lh_argon2_needs_rehash(encoded.as_ptr().cast(), &wanted, &mut needs) };
    assert_documented("needs_rehash", status);
    // SAFETY: readable params.
    let params_valid = unsafe { lh_argon2_encoded_len(&wanted) } != 0;
    let (decoded, params) = decode(&encoded);
    if !params_valid {
        assert_ne!(status, LH_ARGON2_OK, "needs_rehash accepted invalid parameters {wanted:?}");
    } else if decoded != LH_ARGON2_OK {
        assert_eq!(status, decoded, "needs_rehash and decode disagree");
    } else {
        assert_eq!(status, LH_ARGON2_OK);
        assert_eq!(needs, params != wanted, "needs_rehash for {params:?} against {wanted:?}");
    }
    if status != LH_ARGON2_OK {
        assert!(needs, "needs_rehash wrote its output on failure");
    }
}

/// `lh_argon2_decode`: valid parameters out, canonical strings re-encode to themselves.
pub fn decode_target(data: &[u8]) {
    init();
    let encoded = encoded_from(data);
    let (status, params) = decode(&encoded);
    assert_documented("decode", status);
    if status != LH_ARGON2_OK {
        return;
    }
    // SAFETY: readable params.
    let len = unsafe { lh_argon2_encoded_len(&params) };
    assert_ne!(len, 0, "decode returned invalid parameters {params:?}");
    let text = as_c_string(&encoded);
    let parsed = phc::parse(text).expect("decode accepted it");
    let again = phc::encode(&parsed.params, &parsed.salt, &parsed.tag).expect("encoding a parsed hash");
    let text = std::str::from_utf8(text).unwrap();
    // Canonical: version written out, no associated data (which encode never writes).
    let canonical = text.contains("$v=") && !text.contains("data=");
    if canonical {
        assert_eq!(again.as_str(), text, "a canonical string did not re-encode to itself");
        assert_eq!(len, text.len() + 1, "encoded_len disagrees with a canonical string");
    }
    let (status, reparsed) = decode(&[again.as_bytes(), b"\0"].concat());
    assert_eq!((status, reparsed), (LH_ARGON2_OK, params), "re-encoding changed the parameters");
}

/// Parameters for the hash targets: arbitrary, except passes (t <= 3) so that a run
/// stays short; memory beyond `BUDGET` is refused by the budget before allocating.
fn fuzzed_params(input: &mut Input<'_>) -> lh_argon2_params {
    let mut params = input.params();
    params.t_cost %= 4;
    if input.byte() & 1 == 1 {
        // Half the inputs get small, mostly valid values to exercise the success path.
        params.algorithm %= 3;
        params.version = if params.version & 1 == 0 { LH_ARGON2_V13 } else { LH_ARGON2_V10 };
        params.parallelism = 1 + params.parallelism % 4;
        params.m_cost = 8 * params.parallelism + params.m_cost % 64;
        params.hash_len %= 80;
        params.salt_len %= 40;
    }
    params
}

/// A caller's buffer of `cap` bytes followed by canaries.
fn buffer(cap: usize) -> Vec<u8> {
    vec![CANARY; cap + SLACK]
}

fn assert_canaries(what: &str, buf: &[u8], cap: usize) {
    assert!(buf[cap..].iter().all(|&b| b == CANARY), "{what} wrote past out_cap = {cap}");
}

/// `lh_argon2_hash` with fuzzed parameters, capacity and password.
pub fn hash(data: &[u8]) {
    init();
    let mut input = Input(data);
    let params = fuzzed_params(&mut input);
    let size_query = input.byte() == 0xFF;
    let cap = usize::from(input.u16()) % 300;
    let pwd = input.rest();
    let mut buf = buffer(cap);
    let mut written = usize::MAX;
    let out = if size_query { std::ptr::null_mut() } else { buf.as_mut_ptr().cast() };
    let cap = if size_query { 0 } else { cap };
    // SAFETY: `out` is NULL with cap 0 or has `cap` (+ canary) writable bytes.
    let status = unsafe { lh_argon2_hash(pwd.as_ptr(), pwd.len(), &params, out, cap, &mut written) };
    assert_documented("hash", status);
    assert_canaries("hash", &buf, cap);
    // SAFETY: readable params.
    let needed = unsafe { lh_argon2_encoded_len(&params) };
    match status {
        LH_ARGON2_OK => {
            let text = as_c_string(&buf[..cap]);
            assert!(text.len() < cap && written == text.len(), "hash: string, NUL and out_written disagree");
            assert_eq!(needed, written + 1);
            let encoded = [text, b"\0"].concat();
            // The caller's own parameters: no verify limits (the budget still applies).
            let unlimited = lh_argon2_limits {
                max_work: u64::MAX,
                max_m_cost: u32::MAX,
                max_t_cost: u32::MAX,
                max_parallelism: u32::MAX,
            };
            let options = lh_argon2_options { limits: unlimited, ..lh_argon2_options::EMPTY };
            // SAFETY: NUL-terminated buffer, valid password and options.
            let verified = unsafe { lh_argon2_verify_ext(encoded.as_ptr().cast(), pwd.as_ptr(), pwd.len(), &options) };
            assert_eq!(verified, LH_ARGON2_OK, "a fresh hash does not verify");
            assert_eq!(decode(&encoded), (LH_ARGON2_OK, params), "a fresh hash decodes to other parameters");
        }
        LH_ARGON2_ERR_BUFFER_TOO_SMALL => {
            assert!(needed > cap && written == needed, "hash: needed {needed}, cap {cap}, written {written}");
        }
        _ => {
            assert_eq!(written, 0, "out_written on failure");
            if cap > 0 {
                assert_eq!(buf[0], 0, "the output is not the empty string after a failure");
            }
        }
    }
}

/// `lh_argon2_hash_raw` with fuzzed parameters, salt, capacity and password, against
/// the independent computation.
pub fn hash_raw(data: &[u8]) {
    init();
    let mut input = Input(data);
    let params = fuzzed_params(&mut input);
    let salt_len = usize::from(input.byte()) % 48;
    let cap = usize::from(input.u16()) % 200;
    let rest = input.rest();
    let (salt, pwd) = rest.split_at(salt_len.min(rest.len()));
    let mut buf = buffer(cap);
    // SAFETY: valid buffers for their lengths.
    let status = unsafe {
        lh_argon2_hash_raw(pwd.as_ptr(), pwd.len(), salt.as_ptr(), salt.len(), &params, buf.as_mut_ptr(), cap)
    };
    assert_documented("hash_raw", status);
    assert_canaries("hash_raw", &buf, cap);
    let hash_len = params.hash_len as usize;
    if status == LH_ARGON2_OK {
        let engine_params = argon2::ParamsBuilder::new()
            .m_cost(params.m_cost)
            .t_cost(params.t_cost)
            .p_cost(params.parallelism)
            .output_len(hash_len)
            .build()
            .unwrap();
        let algorithm = [argon2::Algorithm::Argon2d, argon2::Algorithm::Argon2i, argon2::Algorithm::Argon2id]
            [params.algorithm as usize];
        let version = if params.version == 0x10 { argon2::Version::V0x10 } else { argon2::Version::V0x13 };
        let mut tag = vec![0u8; hash_len];
        argon2::Argon2::new(algorithm, version, engine_params).hash_password_into(pwd, salt, &mut tag).unwrap();
        assert_eq!(&buf[..hash_len], tag.as_slice(), "raw output differs from the argon2 crate");
        assert!(buf[hash_len..cap].iter().all(|&b| b == 0), "raw output beyond hash_len not zero");
    } else {
        assert!(buf[..cap].iter().all(|&b| b == 0), "raw output not zeroed after a failure");
    }
}
