//! Calibration: the strongest Argon2id parameters this machine computes within a time
//! budget, by argon2-cffi's documented procedure — fix the lanes and the memory
//! ceiling, start at t=1, lower the memory while t=1 is too slow, then raise t while
//! the budget still holds.
//!
//! The search predicts before it measures, so no single measurement is expected to take
//! much longer than the budget: a small probe gives the cost per KiB, the first full
//! measurement uses the memory that cost predicts, and each pass count tried is the one
//! the last measurement predicts. The measuring function is a parameter so the search
//! can be tested against a synthetic cost model.

use std::time::{Duration, Instant};

use crate::engine::Extras;
use crate::error::{Error, Result};
use crate::params::*;
use crate::password;
use crate::types::HashParams;

/// Largest time budget `lh_argon2_calibrate` accepts, in milliseconds (one minute).
pub const LH_ARGON2_CALIBRATE_MAX_TARGET_MS: u32 = 60_000;

/// Most measurements one calibration makes; the search stops there with the best
/// parameters found (or `LH_ARGON2_ERR_TIME_BUDGET` if none met the budget yet).
pub const LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS: u32 = 10;

/// Memory of the first, cheap measurement that predicts the cost per KiB (4 MiB).
const PROBE_M_COST: u32 = 4 * 1024;
/// Repeat a measurement until this much time is spent (or `MAX_RUNS`), then average.
const MIN_SAMPLE: Duration = Duration::from_millis(100);
const MAX_RUNS: u32 = 5;

/// What the search found: the parameters and the time one hash (or verify) took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calibration {
    /// Argon2id, version 0x13, 32-byte tag, 16-byte salt, and the m, t, p found.
    pub params: HashParams,
    /// The measured time of one hash with `params`, at most the budget.
    pub measured: Duration,
}

/// One measurement of the search, reported to a progress observer.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// The parameters measured.
    pub params: HashParams,
    /// The time one hash took.
    pub elapsed: Duration,
    /// Whether that time is within the budget.
    pub fits: bool,
}

/// The strongest parameters within `target_ms` per hash on this machine, using at most
/// `max_m_cost` KiB and exactly `parallelism` lanes. `on_step` sees each measurement.
///
/// The result is always admitted by the default verify limits: memory is capped at
/// `LH_ARGON2_DEFAULT_MAX_M_COST`, passes at `LH_ARGON2_DEFAULT_MAX_T_COST`, and
/// m × t at `LH_ARGON2_DEFAULT_MAX_WORK`.
pub fn calibrate(
    target_ms: u32,
    max_m_cost: u32,
    parallelism: u32,
    on_step: &mut dyn FnMut(&Step),
) -> Result<Calibration> {
    search(target_ms, max_m_cost, parallelism, &mut measure, on_step)
}

/// The time one hash with `params` takes here: the mean of enough runs to fill
/// `MIN_SAMPLE` (at most `MAX_RUNS`), so short hashes are not judged on one run.
fn measure(params: &HashParams) -> Result<Duration> {
    const PASSWORD: &[u8] = b"calibration password";
    const SALT: &[u8] = b"calibration salt";
    let started = Instant::now();
    let mut runs = 0;
    loop {
        password::hash_raw(PASSWORD, SALT, params.params(), Extras::default())?;
        runs += 1;
        if runs >= MAX_RUNS || started.elapsed() >= MIN_SAMPLE {
            return Ok(started.elapsed() / runs);
        }
    }
}

/// The search itself, over any measuring function.
pub(crate) fn search(
    target_ms: u32,
    max_m_cost: u32,
    parallelism: u32,
    measure: &mut dyn FnMut(&HashParams) -> Result<Duration>,
    on_step: &mut dyn FnMut(&Step),
) -> Result<Calibration> {
    if target_ms == 0 || target_ms > LH_ARGON2_CALIBRATE_MAX_TARGET_MS {
        return Err(Error::TimeBudget);
    }
    if parallelism > LH_ARGON2_DEFAULT_MAX_PARALLELISM {
        return Err(Error::CostLimitExceeded);
    }
    let target = Duration::from_millis(target_ms.into());
    let max_m = max_m_cost.min(LH_ARGON2_DEFAULT_MAX_M_COST);
    // The lanes and the memory ceiling are checked (in the C API's order) before measuring.
    argon2id(max_m, 1, parallelism)?;
    let min_m = (8 * parallelism).max(LH_ARGON2_M_COST_MIN);

    let mut measurements = 0;
    let mut timed = |params: HashParams| -> Result<Step> {
        if measurements == LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS {
            return Err(Error::TimeBudget);
        }
        measurements += 1;
        let elapsed = measure(&params)?;
        let step = Step { params, elapsed, fits: elapsed <= target };
        on_step(&step);
        Ok(step)
    };

    // 1. Predict the memory t=1 affords from a cheap probe.
    let probe = timed(argon2id(PROBE_M_COST.clamp(min_m, max_m), 1, parallelism)?)?;
    let per_kib = probe.elapsed.as_secs_f64() / f64::from(m_of(&probe.params));
    let affordable = if per_kib > 0.0 { target.as_secs_f64() / per_kib } else { f64::MAX };
    let mut candidate = argon2id(tidy_memory(scale(max_m, affordable / f64::from(max_m)), min_m), 1, parallelism)?;

    // 2. While t=1 is too slow, lower the memory in proportion to the overshoot; if the
    //    prediction left time unused, try the memory the measurement predicts, once.
    let mut best = timed(candidate)?;
    while !best.fits {
        if m_of(&candidate) == min_m {
            return Err(Error::TimeBudget);
        }
        let lower = tidy_memory(scale(m_of(&candidate), 0.95 * ratio(target, best.elapsed)), min_m);
        candidate = argon2id(if lower < m_of(&candidate) { lower } else { min_m }, 1, parallelism)?;
        best = timed(candidate)?;
    }
    if m_of(&candidate) < max_m && best.elapsed < target.mul_f64(0.9) {
        let wanted = f64::from(m_of(&candidate)) * 0.95 * ratio(target, best.elapsed);
        let more = tidy_memory(scale(max_m, wanted / f64::from(max_m)), min_m);
        if more > m_of(&candidate) {
            match timed(argon2id(more, 1, parallelism)?) {
                Ok(step) if step.fits => best = step,
                Ok(_) | Err(Error::TimeBudget) => {}
                Err(other) => return Err(other),
            }
        }
    }
    candidate = best.params;

    // 3. With the full memory, raise t while the budget holds. (Memory below the ceiling
    //    means t=1 already fills the budget.)
    let max_work_t = u32::try_from(LH_ARGON2_DEFAULT_MAX_WORK / u64::from(m_of(&candidate))).unwrap_or(u32::MAX);
    let max_t = LH_ARGON2_DEFAULT_MAX_T_COST.min(max_work_t).max(1);
    while m_of(&candidate) == max_m && t_of(&best.params) < max_t {
        let per_pass = best.elapsed.as_secs_f64() / f64::from(t_of(&best.params));
        let predicted = passes(target.as_secs_f64() / per_pass, max_t);
        if predicted <= t_of(&best.params) {
            break;
        }
        candidate = argon2id(max_m, predicted, parallelism)?;
        let step = match timed(candidate) {
            Err(Error::TimeBudget) => break,
            other => other?,
        };
        if step.fits {
            best = step;
            continue;
        }
        // Overshot: try once the passes this measurement predicts, if that still gains.
        let retry = passes(f64::from(predicted) * ratio(target, step.elapsed), predicted - 1);
        if retry > t_of(&best.params) {
            candidate = argon2id(max_m, retry, parallelism)?;
            match timed(candidate) {
                Ok(step) if step.fits => best = step,
                Ok(_) | Err(Error::TimeBudget) => {}
                Err(other) => return Err(other),
            }
        }
        break;
    }
    Ok(Calibration { params: best.params, measured: best.elapsed })
}

fn argon2id(m_cost: u32, t_cost: u32, parallelism: u32) -> Result<HashParams> {
    HashParams::argon2id(m_cost, t_cost, parallelism)
}

fn m_of(params: &HashParams) -> u32 {
    params.params().m_cost()
}

fn t_of(params: &HashParams) -> u32 {
    params.params().t_cost()
}

/// target / elapsed (large when elapsed is 0).
fn ratio(target: Duration, elapsed: Duration) -> f64 {
    target.as_secs_f64() / elapsed.as_secs_f64().max(1e-9)
}

/// A pass count: `x` rounded down, from 1 to `max`.
fn passes(x: f64, max: u32) -> u32 {
    if x.is_finite() && x >= 1.0 {
        (x.min(f64::from(max))) as u32
    } else {
        1
    }
}

/// `m × ratio`, saturating, for ratios from 0 up.
fn scale(m: u32, ratio: f64) -> u32 {
    let scaled = f64::from(m) * ratio.min(1.0);
    if scaled.is_finite() && scaled > 0.0 {
        scaled as u32
    } else {
        0
    }
}

/// Rounds memory down to a readable figure (whole MiB from 8 MiB up), at least `min_m`.
fn tidy_memory(m: u32, min_m: u32) -> u32 {
    let rounded = if m >= 8 * 1024 { m / 1024 * 1024 } else { m / 8 * 8 };
    rounded.max(min_m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Algorithm, Limits, Version};

    /// A machine where one hash costs `ns_per_kib_pass` nanoseconds per KiB per pass.
    fn model(ns_per_kib_pass: u64) -> impl FnMut(&HashParams) -> Result<Duration> {
        move |p| Ok(Duration::from_nanos(ns_per_kib_pass * u64::from(m_of(p)) * u64::from(t_of(p))))
    }

    fn run(target_ms: u32, max_m: u32, p: u32, ns: u64) -> (Result<Calibration>, Vec<Step>) {
        let mut steps = Vec::new();
        let result = search(target_ms, max_m, p, &mut model(ns), &mut |s| steps.push(*s));
        (result, steps)
    }

    #[test]
    fn raises_passes_until_the_budget_is_met() {
        // 1 µs per KiB-pass: 64 MiB take 65.5 ms per pass, so 7 passes fit in 500 ms.
        let (result, _) = run(500, 64 * 1024, 4, 1000);
        let found = result.unwrap();
        assert_eq!((m_of(&found.params), t_of(&found.params), found.params.params().parallelism()), (65536, 7, 4));
        assert!(found.measured <= Duration::from_millis(500));
        assert_eq!(found.params.params().algorithm(), Algorithm::Id);
        assert_eq!(found.params.params().version(), Version::V13);
    }

    #[test]
    fn lowers_memory_when_one_pass_is_too_slow() {
        // 10 µs per KiB: 256 MiB would take 2.6 s at t=1; about 48 MiB fit in 500 ms.
        let (result, _) = run(500, 256 * 1024, 1, 10_000);
        let found = result.unwrap();
        assert_eq!(t_of(&found.params), 1);
        assert!(m_of(&found.params) < 256 * 1024 && m_of(&found.params) >= 40 * 1024, "{found:?}");
        assert!(found.measured <= Duration::from_millis(500));
    }

    #[test]
    fn the_result_is_the_strongest_within_the_budget() {
        for (target, max_m, ns) in [(500, 256 * 1024, 1000), (100, 64 * 1024, 300), (20, 1024, 2000)] {
            let (result, _) = run(target, max_m, 1, ns);
            let found = result.unwrap();
            let budget = Duration::from_millis(target.into());
            let (m, t) = (m_of(&found.params), t_of(&found.params));
            let stronger = if m == max_m { argon2id(m, t + 1, 1) } else { argon2id(m + 1024, t, 1) }.unwrap();
            assert!(model(ns)(&stronger).unwrap() > budget, "{found:?} could be stronger");
        }
    }

    #[test]
    fn no_measurement_is_predicted_far_beyond_the_budget() {
        let (_, steps) = run(500, 2 * 1024 * 1024, 4, 1000);
        assert!(steps.len() <= 6, "{} measurements", steps.len());
        assert!(steps.iter().all(|s| s.elapsed <= Duration::from_millis(1100)), "{steps:?}");
    }

    #[test]
    fn results_pass_the_default_verify_limits() {
        // A very fast machine: t is capped at 32 and m × t at the default work limit.
        let (result, _) = run(60_000, 2 * 1024 * 1024, 4, 1);
        let found = result.unwrap();
        assert_eq!(Limits::DEFAULT.admit(found.params.params()), Ok(()));
        let (result, _) = run(1000, 64, 1, 1);
        assert_eq!(t_of(&result.unwrap().params), LH_ARGON2_DEFAULT_MAX_T_COST);
    }

    #[test]
    fn measurements_are_capped_even_on_an_erratic_machine() {
        // Every other measurement takes ten times longer than the model says.
        let mut calls = 0u32;
        let mut erratic = |p: &HashParams| {
            calls += 1;
            let slow = if calls % 2 == 0 { 10 } else { 1 };
            Ok(Duration::from_nanos(1000 * slow * u64::from(m_of(p)) * u64::from(t_of(p))))
        };
        let mut steps = 0;
        let _ = search(500, 256 * 1024, 1, &mut erratic, &mut |_| steps += 1);
        assert!(steps <= LH_ARGON2_CALIBRATE_MAX_MEASUREMENTS, "{steps} measurements");
    }

    #[test]
    fn an_unreachable_budget_is_an_error() {
        // 1 ms per KiB: even 8 KiB at t=1 takes 8 ms.
        assert_eq!(run(5, 1024, 1, 1_000_000).0.err(), Some(Error::TimeBudget));
    }

    #[test]
    fn bad_arguments_are_refused_before_measuring() {
        assert_eq!(run(0, 1024, 1, 1).0.err(), Some(Error::TimeBudget));
        assert_eq!(run(60_001, 1024, 1, 1).0.err(), Some(Error::TimeBudget));
        assert_eq!(run(100, 1024, 0, 1).0.err(), Some(Error::ParallelismTooSmall));
        assert_eq!(run(100, 1024, 17, 1).0.err(), Some(Error::CostLimitExceeded));
        assert_eq!(run(100, 15, 2, 1).0.err(), Some(Error::MCostTooSmall));
        assert!(run(100, 1024, 0, 1).1.is_empty());
    }

    #[test]
    fn measures_this_machine() {
        let found = calibrate(20, 1024, 1, &mut |_| {}).unwrap();
        assert!(found.measured <= Duration::from_millis(20));
        assert!(m_of(&found.params) <= 1024 && t_of(&found.params) >= 1);
    }
}
