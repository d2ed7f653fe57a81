//! The commands, on the library's safe Rust API. Each returns the exit code of its
//! answer (`YES` / `NO`) or a `CliError`.

use std::path::Path;
use std::time::{Duration, Instant};

use argon2rs::calibrate::Step;
use argon2rs::engine::Extras;
use argon2rs::error::Error;
use argon2rs::password;
use argon2rs::salt::os_rng;
use argon2rs::types::{HashParams, Limits, Params, Profile};
use zeroize::Zeroizing;

use crate::args::ParamArgs;
use crate::terminal::{read_password, Progress};
use crate::{CliError, NO, YES};

/// Profile names, matched ignoring case, '-' and '_' (so argon2-cffi's
/// RFC_9106_LOW_MEMORY works too).
const PROFILES: [(&str, Profile); 7] = [
    ("rfc9106-low-memory", Profile::Rfc9106LowMemory),
    ("rfc9106-high-memory", Profile::Rfc9106HighMemory),
    ("owasp", Profile::Owasp),
    ("interactive", Profile::Interactive),
    ("moderate", Profile::Moderate),
    ("sensitive", Profile::Sensitive),
    ("insecure-test-only", Profile::InsecureTestOnly),
];

fn parse_profile(name: &str) -> Result<Profile, CliError> {
    let squash = |s: &str| s.chars().filter(|c| *c != '-' && *c != '_').collect::<String>().to_ascii_lowercase();
    let wanted = squash(name);
    if wanted == "default" {
        return Ok(Profile::DEFAULT);
    }
    PROFILES.iter().find(|(known, _)| squash(known) == wanted).map(|(_, value)| *value).ok_or_else(|| {
        let names: Vec<&str> = PROFILES.iter().map(|(known, _)| *known).collect();
        CliError::Usage(format!("unknown profile '{name}' (known: {})", names.join(", ")))
    })
}

impl ParamArgs {
    /// The profile's (or the default) parameters with the explicit options applied.
    fn resolve(&self, command: &'static str) -> Result<HashParams, CliError> {
        let base = match &self.profile {
            Some(name) => parse_profile(name)?.params(),
            None => Profile::DEFAULT.params(),
        };
        let p = base.params();
        Params::new(
            self.algorithm.unwrap_or(p.algorithm()).number(),
            p.version().number(),
            self.m_cost.unwrap_or(p.m_cost()),
            self.t_cost.unwrap_or(p.t_cost()),
            self.parallelism.unwrap_or(p.parallelism()),
            self.hash_len.unwrap_or(p.hash_len()),
        )
        .and_then(|params| HashParams::new(params, self.salt_len.unwrap_or(base.salt_len())))
        .map_err(|error| CliError::InvalidParameters { command, error })
    }
}

fn read_secret(command: &str, path: Option<&Path>) -> Result<Zeroizing<Vec<u8>>, CliError> {
    match path {
        None => Ok(Zeroizing::new(Vec::new())),
        Some(path) => std::fs::read(path)
            .map(Zeroizing::new)
            .map_err(|e| CliError::Io(format!("{command}: cannot read the secret file '{}': {e}", path.display()))),
    }
}

/// The PHC prefix without salt and tag, e.g. `$argon2id$v=19$m=65536,t=3,p=4`.
fn phc_parameters(hash: &HashParams) -> String {
    let p = hash.params();
    format!(
        "${}$v={}$m={},t={},p={}",
        p.algorithm().name(),
        p.version().number(),
        p.m_cost(),
        p.t_cost(),
        p.parallelism()
    )
}

fn describe(hash: &HashParams) -> String {
    let p = hash.params();
    format!(
        "{} v={} m={} KiB t={} p={}, {}-byte tag, {}-byte salt",
        p.algorithm().name(),
        p.version().number(),
        p.m_cost(),
        p.t_cost(),
        p.parallelism(),
        p.hash_len(),
        hash.salt_len()
    )
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn hash(params: &ParamArgs, secret_file: Option<&Path>) -> Result<u8, CliError> {
    const COMMAND: &str = "hash";
    let params = params.resolve(COMMAND)?;
    let secret = read_secret(COMMAND, secret_file)?;
    let password = read_password(true)?;
    let extras = Extras { secret: &secret, ad: b"" };
    let encoded = password::hash_encoded(&password, &params, extras, &mut os_rng())
        .map_err(|error| CliError::Library { command: COMMAND, error })?;
    println!("{}", encoded.as_str());
    Ok(YES)
}

pub fn verify(hash: &str, secret_file: Option<&Path>, limits: &Limits) -> Result<u8, CliError> {
    const COMMAND: &str = "verify";
    let secret = read_secret(COMMAND, secret_file)?;
    let failed = |error| CliError::Library { command: COMMAND, error };
    // A malformed or over-limit hash is reported before anyone is asked for a password.
    limits.admit(password::decode(hash.as_bytes()).map_err(failed)?.params()).map_err(failed)?;
    let password = read_password(false)?;
    let extras = Extras { secret: &secret, ad: b"" };
    match password::verify(hash.as_bytes(), &password, extras, limits) {
        Ok(()) => {
            println!("success");
            Ok(YES)
        }
        Err(Error::VerifyMismatch) => {
            println!("{}", Error::VerifyMismatch);
            Ok(NO)
        }
        Err(error) => Err(failed(error)),
    }
}

pub fn needs_rehash(hash: &str, params: &ParamArgs, limits: &Limits) -> Result<u8, CliError> {
    const COMMAND: &str = "needs-rehash";
    let params = params.resolve(COMMAND)?;
    let failed = |error| CliError::Library { command: COMMAND, error };
    let differs = password::needs_rehash(hash.as_bytes(), &params).map_err(failed)?;
    // A hash beyond the verify limits could not be verified under them: replace it.
    let beyond_limits = match limits.admit(password::decode(hash.as_bytes()).map_err(failed)?.params()) {
        Ok(()) => false,
        Err(Error::CostLimitExceeded) => true,
        Err(error) => return Err(failed(error)),
    };
    if differs || beyond_limits {
        println!("yes");
        Ok(YES)
    } else {
        println!("no");
        Ok(NO)
    }
}

pub fn decode(hash: &str, json: bool) -> Result<u8, CliError> {
    let decoded = password::decode(hash.as_bytes()).map_err(|error| CliError::Library { command: "decode", error })?;
    let p = decoded.params();
    let (algorithm, version) = (p.algorithm().name(), p.version().number());
    if json {
        println!(
            "{{\"algorithm\":\"{}\",\"version\":{},\"m_cost\":{},\"t_cost\":{},\"parallelism\":{},\"hash_len\":{},\"salt_len\":{}}}",
            algorithm,
            version,
            p.m_cost(),
            p.t_cost(),
            p.parallelism(),
            p.hash_len(),
            decoded.salt_len()
        );
    } else {
        println!("algorithm:   {algorithm}");
        println!("version:     {version} (0x{version:x})");
        println!("m_cost:      {} KiB", p.m_cost());
        println!("t_cost:      {}", p.t_cost());
        println!("parallelism: {}", p.parallelism());
        println!("hash_len:    {} bytes", p.hash_len());
        println!("salt_len:    {} bytes", decoded.salt_len());
    }
    Ok(YES)
}

pub fn bench(params: &ParamArgs, runs: u32) -> Result<u8, CliError> {
    const COMMAND: &str = "bench";
    let params = params.resolve(COMMAND)?;
    if runs == 0 {
        return Err(CliError::Usage("bench: -n must be at least 1".to_owned()));
    }
    let failed = |error| CliError::Library { command: COMMAND, error };
    // The hash is our own, so no verify limits apply to it.
    let unlimited =
        Limits { max_work: u64::MAX, max_m_cost: u32::MAX, max_t_cost: u32::MAX, max_parallelism: u32::MAX };
    const PASSWORD: &[u8] = b"benchmark password";
    let encoded = password::hash_encoded(PASSWORD, &params, Extras::default(), &mut os_rng()).map_err(failed)?;
    println!("{}: {runs} verifications", describe(&params));
    let progress = Progress::new();
    let mut total = Duration::ZERO;
    for run in 1..=runs {
        progress.show(&format!("verification {run}/{runs}"));
        let started = Instant::now();
        password::verify(encoded.as_bytes(), PASSWORD, Extras::default(), &unlimited).map_err(failed)?;
        total += started.elapsed();
    }
    progress.clear();
    println!("{:.1} ms per verification", millis(total / runs));
    Ok(YES)
}

pub fn calibrate(target_ms: u32, max_memory: u32, parallelism: u32) -> Result<u8, CliError> {
    let progress = Progress::new();
    progress.line(&format!("calibrating for {target_ms} ms per hash, at most {max_memory} KiB, p={parallelism}"));
    let mut show = |step: &Step| {
        let verdict = if step.fits { "within budget" } else { "too slow" };
        progress.line(&format!(
            "  m={} KiB, t={}: {:.1} ms ({verdict})",
            step.params.params().m_cost(),
            step.params.params().t_cost(),
            millis(step.elapsed)
        ));
    };
    let found = argon2rs::calibrate::calibrate(target_ms, max_memory, parallelism, &mut show)
        .map_err(|error| CliError::Library { command: "calibrate", error })?;
    println!("{}", phc_parameters(&found.params));
    println!(
        "measured {:.1} ms per hash (target {target_ms} ms, at most {max_memory} KiB, p={parallelism})",
        millis(found.measured)
    );
    println!(
        "hash with: argon2rs hash -m {} -t {} -p {}",
        found.params.params().m_cost(),
        found.params.params().t_cost(),
        found.params.params().parallelism()
    );
    Ok(YES)
}
