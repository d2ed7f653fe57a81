//! The panic boundary: no unwind may cross into C.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::Result;
use crate::status::*;

/// Runs the body of an exported function and turns a caught panic into
/// `LH_ARGON2_ERR_INTERNAL`. Outputs are cleared before work starts, so a panic
/// leaves no partial result behind.
pub fn guard(body: impl FnOnce() -> Result<()>) -> lh_argon2_status {
    // AssertUnwindSafe: after a panic nothing from the body is observed again; the
    // caller's buffers were already cleared and are only written on success.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => LH_ARGON2_OK,
        Ok(Err(error)) => lh_argon2_status::from(error),
        Err(_) => LH_ARGON2_ERR_INTERNAL,
    }
}

/// `guard` for functions that return a value rather than a status.
pub fn guard_value<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_panic_becomes_internal_error() {
        assert_eq!(guard(|| panic!("boom")), LH_ARGON2_ERR_INTERNAL);
        assert_eq!(guard_value(0usize, || panic!("boom")), 0);
    }

    #[test]
    fn errors_and_success_pass_through() {
        assert_eq!(guard(|| Ok(())), LH_ARGON2_OK);
        assert_eq!(guard(|| Err(Error::Random)), LH_ARGON2_ERR_RANDOM);
        assert_eq!(guard_value(0usize, || 7), 7);
    }
}
