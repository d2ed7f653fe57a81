//! The process-wide memory budget: concurrent operations whose combined Argon2 working
//! memory would exceed it wait their turn, so a login flood cannot exhaust the machine.
//!
//! A reservation of `engine::memory_bytes(params)` is taken before the working memory is
//! allocated and returned by `Reservation`'s `Drop` after it has been wiped and freed.
//!
//! # Fairness: strict arrival order
//!
//! An operation is admitted when it fits and no operation that arrived before it is
//! still waiting. Waiters form one FIFO queue; only its head is ever admitted, so a
//! large operation waits exactly for the operations ahead of it (those running and
//! those queued before it), and small operations that arrive after it wait behind it
//! even when they would fit: none can overtake it, so it cannot starve.
//!
//! # Deadline
//!
//! A call waits at most its wait time (`budget_wait_ms` in `lh_argon2_options`, else
//! the process default set by `set_wait_ms`; `LH_ARGON2_WAIT_FOREVER` by default), then
//! leaves the queue and fails with `LH_ARGON2_ERR_BUSY` without computing anything. A
//! wait of 0 is "fail fast": admitted at once or refused at once. The deadline is fixed
//! when the call starts and measured on the monotonic clock.
//!
//! # Implementation
//!
//! A pthread mutex and condition variable (first in the lock order of `resources`),
//! because the fork handlers must lock in `prepare` and unlock in `parent` or re-create
//! in `child`, which a std `MutexGuard` cannot span. The queue is intrusive: each
//! waiter's node lives on its own stack for as long as it waits, so no allocation can
//! fail while queueing. An uncontended admission is one uncontended mutex lock and
//! unlock (no system call) and a few comparisons.

use std::cell::{Cell, UnsafeCell};
use std::ptr::null_mut;

use super::kept;
use crate::error::{Error, Result};

/// A wait time meaning "wait as long as it takes" (the default).
pub const LH_ARGON2_WAIT_FOREVER: u32 = u32::MAX;

/// A per-call wait time (`lh_argon2_options.budget_wait_ms`) meaning "the process-wide
/// wait time" (`lh_argon2_set_memory_budget_wait_ms`).
pub const LH_ARGON2_WAIT_PROCESS_DEFAULT: u32 = u32::MAX - 1;

/// One queued operation, on the waiting thread's stack.
struct Waiter {
    bytes: u64,
    next: *mut Waiter,
}

struct State {
    /// `None` until set: the default (half of physical memory) is computed lazily.
    limit: Option<u64>,
    reserved: u64,
    /// The process-wide wait time in ms.
    wait_ms: u32,
    /// The FIFO of waiting operations (both null when empty).
    head: *mut Waiter,
    tail: *mut Waiter,
    /// Whether `cond` has been initialised for the monotonic clock.
    cond_ready: bool,
}

struct Shared {
    mutex: UnsafeCell<libc::pthread_mutex_t>,
    cond: UnsafeCell<libc::pthread_cond_t>,
    state: UnsafeCell<State>,
}

// SAFETY: `state` and `cond`'s initialisation are only touched with `mutex` held (or
// in the fork child handler, where no other thread exists); the pthread objects are
// made for sharing between threads. The raw queue pointers point to nodes that stay
// alive and pinned while linked (see `reserve`).
unsafe impl Sync for Shared {}

static SHARED: Shared = Shared {
    mutex: UnsafeCell::new(libc::PTHREAD_MUTEX_INITIALIZER),
    cond: UnsafeCell::new(libc::PTHREAD_COND_INITIALIZER),
    state: UnsafeCell::new(State {
        limit: None,
        reserved: 0,
        wait_ms: LH_ARGON2_WAIT_FOREVER,
        head: null_mut(),
        tail: null_mut(),
        cond_ready: false,
    }),
};

thread_local! {
    /// The wait time of the call running on this thread (`with_call_wait`).
    static CALL_WAIT: Cell<u32> = const { Cell::new(LH_ARGON2_WAIT_PROCESS_DEFAULT) };
}

/// The budget lock while held.
struct Locked;

fn lock() -> Locked {
    super::ensure_fork_handlers();
    // SAFETY: a valid, statically initialised mutex; this thread does not hold it
    // (no function of this module locks while holding it).
    unsafe { libc::pthread_mutex_lock(SHARED.mutex.get()) };
    Locked
}

impl Drop for Locked {
    fn drop(&mut self) {
        // SAFETY: this thread locked it in `lock`.
        unsafe { libc::pthread_mutex_unlock(SHARED.mutex.get()) };
    }
}

impl Locked {
    fn state(&mut self) -> &mut State {
        // SAFETY: the mutex is held for as long as `self` (borrowed mutably) lives.
        unsafe { &mut *SHARED.state.get() }
    }

    /// Wakes every waiter to re-check (only when there are any).
    fn wake_all(&mut self) {
        if !self.state().head.is_null() && self.state().cond_ready {
            // SAFETY: an initialised condition variable.
            unsafe { libc::pthread_cond_broadcast(SHARED.cond.get()) };
        }
    }

    /// Waits for a wake-up or the deadline; true when the deadline has passed.
    fn wait(&mut self, deadline: Option<&libc::timespec>) -> bool {
        if !self.state().cond_ready {
            init_cond();
            self.state().cond_ready = true;
        }
        match deadline {
            // SAFETY: initialised cond, mutex held by this thread.
            None => unsafe { libc::pthread_cond_wait(SHARED.cond.get(), SHARED.mutex.get()) == libc::ETIMEDOUT },
            // SAFETY: as above; the deadline is on the cond's (monotonic) clock.
            Some(at) => unsafe {
                libc::pthread_cond_timedwait(SHARED.cond.get(), SHARED.mutex.get(), at) == libc::ETIMEDOUT
            },
        }
    }
}

/// Initialises the condition variable for the monotonic clock (under the lock, and
/// never while a thread waits on it: `cond_ready` is false until this returns).
fn init_cond() {
    // SAFETY: attr is initialised before use and destroyed after; the cond has no
    // waiters (none can wait before `cond_ready`).
    unsafe {
        let mut attr = std::mem::MaybeUninit::<libc::pthread_condattr_t>::uninit();
        libc::pthread_condattr_init(attr.as_mut_ptr());
        #[cfg(not(any(target_os = "macos", target_os = "ios")))]
        libc::pthread_condattr_setclock(attr.as_mut_ptr(), libc::CLOCK_MONOTONIC);
        libc::pthread_cond_init(SHARED.cond.get(), attr.as_ptr());
        libc::pthread_condattr_destroy(attr.as_mut_ptr());
    }
}

/// The time `ms` from now on the condition variable's clock.
// The casts are conversions on some targets (`c_long`, `time_t` are 32-bit there).
#[allow(clippy::unnecessary_cast)]
fn deadline_in(ms: u32) -> libc::timespec {
    // The cond's clock: monotonic where `pthread_condattr_setclock` exists.
    #[cfg(not(any(target_os = "macos", target_os = "ios")))]
    const CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;
    #[cfg(any(target_os = "macos", target_os = "ios"))]
    const CLOCK: libc::clockid_t = libc::CLOCK_REALTIME;
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a writable timespec and a clock that always exists.
    unsafe { libc::clock_gettime(CLOCK, &mut now) };
    let nanos = now.tv_nsec as i64 + i64::from(ms % 1000) * 1_000_000;
    libc::timespec {
        tv_sec: now.tv_sec + (ms / 1000) as libc::time_t + (nanos / 1_000_000_000) as libc::time_t,
        tv_nsec: (nanos % 1_000_000_000) as _,
    }
}

impl State {
    fn limit(&mut self) -> u64 {
        *self.limit.get_or_insert_with(default_budget)
    }

    fn fits(&mut self, bytes: u64) -> bool {
        // Saturating: an unlimited budget is u64::MAX.
        self.reserved.saturating_add(bytes) <= self.limit()
    }

    fn admit(&mut self, bytes: u64) -> Reservation {
        // The mapping kept between hashes counts too: give it back first if the
        // budget needs its room (the kept slot is second in the lock order).
        if self.reserved.saturating_add(bytes).saturating_add(kept::bytes()) > self.limit() {
            kept::release();
        }
        self.reserved += bytes;
        Reservation { bytes }
    }

    fn enqueue(&mut self, node: *mut Waiter) {
        if self.tail.is_null() {
            self.head = node;
        } else {
            // SAFETY: a linked node is alive (its thread is waiting in `reserve`).
            unsafe { (*self.tail).next = node };
        }
        self.tail = node;
    }

    /// Unlinks `node`; true if it was the head.
    fn unlink(&mut self, node: *mut Waiter) -> bool {
        let mut previous: *mut Waiter = null_mut();
        let mut current = self.head;
        while !current.is_null() && current != node {
            previous = current;
            // SAFETY: linked nodes are alive.
            current = unsafe { (*current).next };
        }
        if current.is_null() {
            return false;
        }
        // SAFETY: `node` and `previous` are linked, alive nodes.
        let next = unsafe { (*node).next };
        if previous.is_null() {
            self.head = next;
        } else {
            // SAFETY: as above.
            unsafe { (*previous).next = next };
        }
        if self.tail == node {
            self.tail = previous;
        }
        previous.is_null()
    }
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

/// Sets the budget in bytes; 0 means unlimited. Waiting operations re-check at once.
pub fn set_budget(bytes: u64) {
    let mut locked = lock();
    locked.state().limit = Some(if bytes == 0 { u64::MAX } else { bytes });
    locked.wake_all();
}

/// The budget in bytes (`u64::MAX` when unlimited).
pub fn budget() -> u64 {
    lock().state().limit()
}

/// Sets the process-wide wait time in ms (`LH_ARGON2_WAIT_FOREVER`: no deadline; 0:
/// fail fast; `LH_ARGON2_WAIT_PROCESS_DEFAULT`: back to the built-in default, forever);
/// returns the previous one. Calls already waiting keep the deadline they started with.
pub fn set_wait_ms(ms: u32) -> u32 {
    let ms = if ms == LH_ARGON2_WAIT_PROCESS_DEFAULT { LH_ARGON2_WAIT_FOREVER } else { ms };
    std::mem::replace(&mut lock().state().wait_ms, ms)
}

/// The process-wide wait time in ms.
pub fn wait_ms() -> u32 {
    lock().state().wait_ms
}

/// Runs `body` with `ms` as this thread's per-call wait time
/// (`LH_ARGON2_WAIT_PROCESS_DEFAULT`: the process-wide one), restoring the previous one
/// afterwards (also on unwind).
pub fn with_call_wait<T>(ms: u32, body: impl FnOnce() -> T) -> T {
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            CALL_WAIT.set(self.0);
        }
    }
    let _restore = Restore(CALL_WAIT.replace(ms));
    body()
}

/// Bytes currently reserved by running operations.
pub fn reserved() -> u64 {
    lock().state().reserved
}

/// Operations waiting for the budget now.
pub fn waiting() -> usize {
    let mut locked = lock();
    let mut count = 0;
    let mut current = locked.state().head;
    while !current.is_null() {
        count += 1;
        // SAFETY: linked nodes are alive while the lock is held.
        current = unsafe { (*current).next };
    }
    count
}

/// Working memory admitted under the budget; released when dropped.
#[must_use = "the reservation is released as soon as it is dropped"]
pub struct Reservation {
    bytes: u64,
}

/// Reserves `bytes` of the budget, in arrival order, waiting at most the call's wait
/// time. `LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED` if `bytes` exceeds the whole budget;
/// `LH_ARGON2_ERR_BUSY` if it was not admitted within the wait time.
pub fn reserve(bytes: u64) -> Result<Reservation> {
    let mut locked = lock();
    let state = locked.state();
    if bytes > state.limit() {
        return Err(Error::MemoryBudgetExceeded);
    }
    if state.head.is_null() && state.fits(bytes) {
        return Ok(state.admit(bytes));
    }
    let wait = match CALL_WAIT.get() {
        LH_ARGON2_WAIT_PROCESS_DEFAULT => state.wait_ms,
        ms => ms,
    };
    if wait == 0 {
        return Err(Error::Busy);
    }
    let deadline = (wait != LH_ARGON2_WAIT_FOREVER).then(|| deadline_in(wait));
    // The node stays on this frame, unmoved, until it is unlinked below: every path out
    // of the loop unlinks it first, and nothing in the loop can unwind.
    let mut node = Waiter { bytes, next: null_mut() };
    let me: *mut Waiter = &mut node;
    state.enqueue(me);
    loop {
        let timed_out = locked.wait(deadline.as_ref());
        let state = locked.state();
        // SAFETY: our own node, alive on this frame.
        let bytes = unsafe { (*me).bytes };
        let outcome = if bytes > state.limit() {
            Some(Err(Error::MemoryBudgetExceeded))
        } else if state.head == me && state.fits(bytes) {
            Some(Ok(()))
        } else if timed_out {
            Some(Err(Error::Busy))
        } else {
            None
        };
        if let Some(outcome) = outcome {
            let was_head = state.unlink(me);
            let admitted = outcome.map(|()| state.admit(bytes));
            if was_head {
                locked.wake_all(); // the next in line may fit now
            }
            return admitted;
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut locked = lock();
        let state = locked.state();
        // Saturating: a reservation carried across fork() into a child that reset them.
        state.reserved = state.reserved.saturating_sub(self.bytes);
        locked.wake_all();
    }
}

/// Fork handler: holds the budget lock across the fork (first in the lock order).
#[cfg(unix)]
pub(super) fn fork_prepare() {
    // SAFETY: the forking thread never holds the lock (no library call forks).
    unsafe { libc::pthread_mutex_lock(SHARED.mutex.get()) };
}

/// Fork handler, parent: releases the lock taken in `fork_prepare`.
#[cfg(unix)]
pub(super) fn fork_parent() {
    // SAFETY: taken by this thread in `fork_prepare`.
    unsafe { libc::pthread_mutex_unlock(SHARED.mutex.get()) };
}

/// Fork handler, child: the only thread is the forking one, which held the lock and
/// no reservation or queue place. Every reservation and queued node belonged to a
/// thread that does not exist here, so they are forgotten (their stacks' copies are
/// never used), and the mutex and cond are made fresh (the cond may record waiters
/// that will never wake, on which a broadcast could wait).
#[cfg(unix)]
pub(super) fn fork_child() {
    // SAFETY: single-threaded child; nothing references the lock, cond or state now.
    unsafe {
        let state = &mut *SHARED.state.get();
        state.reserved = 0;
        state.head = null_mut();
        state.tail = null_mut();
        state.cond_ready = false;
        SHARED.cond.get().write(libc::PTHREAD_COND_INITIALIZER);
        SHARED.mutex.get().write(libc::PTHREAD_MUTEX_INITIALIZER);
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

    #[test]
    fn deadline_carries_nanoseconds_into_seconds() {
        let at = deadline_in(1999);
        assert!(at.tv_nsec >= 0 && at.tv_nsec < 1_000_000_000);
    }
}
