//! Optional verify limits. The reference has none, so by default neither do we (the core's
//! process memory budget still applies). An administrator may set
//! `ARGON2RS_LIBARGON2_VERIFY_LIMITS=m=<KiB>,t=<passes>,p=<lanes>` (any subset): the
//! `argon2*_verify` calls then refuse a stored hash asking for more, before any memory is
//! allocated, with the reference's otherwise unused codes ARGON2_MEMORY_TOO_MUCH,
//! ARGON2_TIME_TOO_LARGE and ARGON2_LANES_TOO_MANY. A malformed value refuses every
//! verify with ARGON2_INCORRECT_PARAMETER (fail closed, so a typo is noticed).

use std::sync::OnceLock;

use crate::codes::*;

/// The variable read (once, at the first verify).
pub const VARIABLE: &str = "ARGON2RS_LIBARGON2_VERIFY_LIMITS";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub m_cost: u32,
    pub t_cost: u32,
    pub lanes: u32,
}

/// None (unlimited) when unset or empty; Err for a malformed value.
pub fn parse(text: &str) -> Result<Option<Limits>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut limits = Limits { m_cost: u32::MAX, t_cost: u32::MAX, lanes: u32::MAX };
    for pair in text.split(',') {
        let (name, value) = pair.split_once('=').ok_or(())?;
        let value: u32 = value.parse().map_err(|_| ())?;
        match name {
            "m" => limits.m_cost = value,
            "t" => limits.t_cost = value,
            "p" => limits.lanes = value,
            _ => return Err(()),
        }
    }
    Ok(Some(limits))
}

fn configured() -> Result<Option<Limits>, ()> {
    static LIMITS: OnceLock<Result<Option<Limits>, ()>> = OnceLock::new();
    *LIMITS.get_or_init(|| parse(&std::env::var(VARIABLE).unwrap_or_default()))
}

/// Refuses a stored hash's costs beyond the configured limits.
pub fn admit(m_cost: u32, t_cost: u32, lanes: u32) -> Result<(), i32> {
    let Some(limits) = configured().map_err(|()| ARGON2_INCORRECT_PARAMETER)? else {
        return Ok(());
    };
    if m_cost > limits.m_cost {
        Err(ARGON2_MEMORY_TOO_MUCH)
    } else if t_cost > limits.t_cost {
        Err(ARGON2_TIME_TOO_LARGE)
    } else if lanes > limits.lanes {
        Err(ARGON2_LANES_TOO_MANY)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsets_parse_and_typos_are_errors() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("m=1024"), Ok(Some(Limits { m_cost: 1024, t_cost: u32::MAX, lanes: u32::MAX })));
        assert_eq!(parse("p=2,t=3"), Ok(Some(Limits { m_cost: u32::MAX, t_cost: 3, lanes: 2 })));
        assert_eq!(parse("x=1"), Err(()));
        assert_eq!(parse("m=1k"), Err(()));
    }
}
