//! Our Argon2 engine against RustCrypto's `argon2` crate (the oracle): identical tags
//! for every variant and version over thousands of randomized small parameter sets,
//! with each compression kernel, and with lanes on threads.

use argon2rs::engine::{derive_with_kernel, Extras, Kernel};
use argon2rs::resources::set_max_threads;
use argon2rs::types::Params;
use argon2rs::*;

/// The engine's typed parameters of a (valid) case.
fn typed(p: &lh_argon2_params) -> Params {
    Params::new(p.algorithm, p.version, p.m_cost, p.t_cost, p.parallelism, p.hash_len).expect("a valid case")
}

/// The oracle: the same tag from RustCrypto's `argon2` crate, called directly.
fn derive_with_crate(
    params: &lh_argon2_params,
    pwd: &[u8],
    salt: &[u8],
    extras: Extras<'_>,
) -> std::result::Result<Vec<u8>, String> {
    let crate_params = argon2::ParamsBuilder::new()
        .m_cost(params.m_cost)
        .t_cost(params.t_cost)
        .p_cost(params.parallelism)
        .output_len(params.hash_len as usize)
        .data(argon2::AssociatedData::new(extras.ad).map_err(|e| e.to_string())?)
        .build()
        .map_err(|e| e.to_string())?;
    let algorithm = match params.algorithm {
        LH_ARGON2_D => argon2::Algorithm::Argon2d,
        LH_ARGON2_I => argon2::Algorithm::Argon2i,
        LH_ARGON2_ID => argon2::Algorithm::Argon2id,
        other => return Err(format!("algorithm {other}")),
    };
    let version = match params.version {
        LH_ARGON2_V10 => argon2::Version::V0x10,
        LH_ARGON2_V13 => argon2::Version::V0x13,
        other => return Err(format!("version {other}")),
    };
    let engine = if extras.secret.is_empty() {
        argon2::Argon2::new(algorithm, version, crate_params)
    } else {
        argon2::Argon2::new_with_secret(extras.secret, algorithm, version, crate_params).map_err(|e| e.to_string())?
    };
    let mut tag = vec![0u8; params.hash_len as usize];
    engine.hash_password_into(pwd, salt, &mut tag).map_err(|e| e.to_string())?;
    Ok(tag)
}

/// SplitMix64: a fixed-seed generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u32 {
        (self.next() % n) as u32
    }
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

struct Case {
    params: lh_argon2_params,
    pwd: Vec<u8>,
    salt: Vec<u8>,
    secret: Vec<u8>,
    ad: Vec<u8>,
}

fn random_case(rng: &mut Rng, max_lanes: u64, extra_blocks: u64) -> Case {
    let lanes = 1 + rng.below(max_lanes);
    let hash_len = match rng.below(8) {
        0 => 4 + rng.below(4),
        1 => 65 + rng.below(200),
        2 => 1024,
        _ => 4 + rng.below(64),
    };
    let params = lh_argon2_params {
        algorithm: rng.below(3),
        version: if rng.below(2) == 0 { LH_ARGON2_V10 } else { LH_ARGON2_V13 },
        m_cost: 8 * lanes + rng.below(extra_blocks),
        t_cost: 1 + rng.below(3),
        parallelism: lanes,
        hash_len,
        salt_len: 16,
    };
    let pwd_len = rng.below(80) as usize;
    let salt_len = 8 + rng.below(40) as usize;
    let secret_len = if rng.below(3) == 0 { 1 + rng.below(64) as usize } else { 0 };
    let ad_len = if rng.below(3) == 0 { 1 + rng.below(32) as usize } else { 0 };
    Case {
        params,
        pwd: rng.bytes(pwd_len),
        salt: rng.bytes(salt_len),
        secret: rng.bytes(secret_len),
        ad: rng.bytes(ad_len),
    }
}

fn check(case: &Case, label: &str) {
    let extras = Extras { secret: &case.secret, ad: &case.ad };
    let expected = derive_with_crate(&case.params, &case.pwd, &case.salt, extras).expect("oracle");
    for kernel in Kernel::available() {
        let ours = derive_with_kernel(&typed(&case.params), &case.pwd, &case.salt, extras, kernel).expect("engine");
        assert!(
            ours.as_slice() == expected.as_slice(),
            "{label}: {kernel:?} differs from the crate for {:?} pwd {} salt {} secret {} ad {}",
            case.params,
            case.pwd.len(),
            case.salt.len(),
            case.secret.len(),
            case.ad.len()
        );
    }
}

#[test]
fn engine_matches_crate_on_thousands_of_small_random_parameter_sets() {
    let mut rng = Rng(0x4172_676f_6e32_7273);
    let mut seen = std::collections::HashSet::new();
    for n in 0..3000 {
        let case = random_case(&mut rng, 5, 64);
        seen.insert((case.params.algorithm, case.params.version));
        check(&case, &format!("case {n}"));
    }
    assert_eq!(seen.len(), 6, "every variant and version was exercised");
}

#[test]
fn engine_matches_crate_with_lanes_on_threads_and_multiple_address_blocks() {
    // 1024+ blocks start threads; lanes longer than 4 * 128 blocks need several
    // address blocks per segment in the data-independent passes.
    let mut rng = Rng(0x7468_7265_6164_7321);
    for n in 0..24 {
        let mut case = random_case(&mut rng, 6, 2500);
        case.params.m_cost += 1024;
        check(&case, &format!("threaded case {n}"));
    }
}

#[test]
fn thread_cap_does_not_change_tags() {
    let mut rng = Rng(7);
    let mut case = random_case(&mut rng, 1, 1);
    case.params = lh_argon2_params { m_cost: 2048 + 13, t_cost: 2, parallelism: 4, ..case.params };
    let extras = Extras { secret: &case.secret, ad: &case.ad };
    let expected = derive_with_crate(&case.params, &case.pwd, &case.salt, extras).unwrap();
    for cap in [1, 2, 3, 0] {
        let previous = set_max_threads(cap);
        let ours = derive_with_kernel(&typed(&case.params), &case.pwd, &case.salt, extras, Kernel::detect()).unwrap();
        set_max_threads(previous);
        assert!(ours.as_slice() == expected.as_slice(), "cap {cap}");
    }
}
