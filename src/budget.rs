//! The process-wide memory budget: concurrent operations whose combined Argon2 working
//! memory would exceed it wait their turn (or fail fast), so a login flood cannot
//! exhaust the machine.
//!
//! A reservation of `engine::memory_bytes(params)` is taken before the working memory is
//! allocated and returned by `Reservation`'s `Drop` after it has been wiped and freed.

use std::sync::{Condvar, Mutex, MutexGuard};

use crate::engine::kept;
use crate::error::{Error, Result};

struct State {
    /// `None` until set: the default (half of physical memory) is computed lazily.
    limit: Option<u64>,
    reserved: u64,
    fail_fast: bool,
    /// The process `reserved` was counted in. A forked child inherits the parent's
    /// counter but none of the threads holding those reservations, so it starts afresh.
    pid: u32,
}

static STATE: Mutex<State> = Mutex::new(State { limit: None, reserved: 0, fail_fast: false, pid: 0 });
static RELEASED: Condvar = Condvar::new();

fn state() -> MutexGuard<'static, State> {
    // Nothing panics while the lock is held, but a poisoned counter is still correct.
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Half of physical memory, or unlimited if the OS cannot say.
pub fn default_budget() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let (pages, page_size) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGE_SIZE)) };
    if pages <= 0 || page_size <= 0 {
        return u64::MAX;
    }
    (pages as u64).saturating_mul(page_size as u64) / 2
}

impl State {
    fn limit(&mut self) -> u64 {
        *self.limit.get_or_insert_with(default_budget)
    }
}

/// Sets the budget in bytes; 0 means unlimited. Waiting operations re-check at once.
pub fn set_budget(bytes: u64) {
    state().limit = Some(if bytes == 0 { u64::MAX } else { bytes });
    RELEASED.notify_all();
}

/// The budget in bytes (`u64::MAX` when unlimited).
pub fn budget() -> u64 {
    state().limit()
}

/// Whether an operation that does not fit now fails with `Error::Busy`
/// instead of waiting.
pub fn set_fail_fast(fail_fast: bool) {
    state().fail_fast = fail_fast;
    RELEASED.notify_all();
}

/// Bytes currently reserved by running operations.
pub fn reserved() -> u64 {
    state().reserved
}

/// Working memory admitted under the budget; released when dropped.
#[must_use = "the reservation is released as soon as it is dropped"]
pub struct Reservation {
    bytes: u64,
}

/// Reserves `bytes` of the budget, waiting while other operations hold too much.
/// `Error::MemoryBudgetExceeded` if `bytes` exceeds the whole budget;
/// `Error::Busy` if it does not fit now and fail-fast is set.
pub fn reserve(bytes: u64) -> Result<Reservation> {
    let mut state = state();
    let pid = std::process::id();
    if state.pid != pid {
        // Only other threads' reservations can exist at a fork (the forking thread was
        // in its own code), and those threads do not exist here.
        state.pid = pid;
        state.reserved = 0;
    }
    loop {
        if bytes > state.limit() {
            return Err(Error::MemoryBudgetExceeded);
        }
        // Saturating: an unlimited budget is u64::MAX.
        if state.reserved.saturating_add(bytes) <= state.limit() {
            // The mapping kept between hashes counts too: give it back first if the
            // budget needs its room.
            if state.reserved.saturating_add(bytes).saturating_add(kept::bytes()) > state.limit() {
                kept::release();
            }
            state.reserved += bytes;
            return Ok(Reservation { bytes });
        }
        if state.fail_fast {
            return Err(Error::Busy);
        }
        state = RELEASED.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        state().reserved -= self.bytes;
        RELEASED.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_half_of_physical_memory_and_nonzero() {
        let default = default_budget();
        assert!(default > 0);
        // SAFETY: sysconf has no preconditions.
        let physical =
            unsafe { libc::sysconf(libc::_SC_PHYS_PAGES) as u64 * libc::sysconf(libc::_SC_PAGE_SIZE) as u64 };
        assert_eq!(default, physical / 2);
    }
}
