//! The one home of the process-wide resources: the memory budget (`budget`), the
//! working memory kept mapped between hashes (`kept`), the cap on threads per hash and the
//! count of working memories in use.
//! Everything else in the library is per call, so these are all a `fork()` child
//! inherits from its parent's other threads.
//!
//! # Lock order
//!
//! 1. the budget lock (`budget`: a pthread mutex, with its condition variable);
//! 2. the kept slot (`kept`: a flag held only to swap one pointer).
//!
//! A thread holding the budget lock may take the kept slot (admission gives the kept
//! mapping back when the budget needs its room), never the reverse. The thread cap is
//! an atomic and takes no lock. No lock is held while Argon2 runs, while memory is
//! mapped, or across a call into the caller.
//!
//! # fork()
//!
//! `pthread_atfork` handlers, registered on the first use of any resource, take both
//! locks in that order before the fork (waiting for the holder, which holds them only
//! for a few instructions), so the fork happens while no thread is inside a critical
//! section. The parent then releases them. The child re-initialises them and resets
//! what belonged to the parent's other threads, which do not exist in the child: their
//! reservations, their places in the admission queue and their working memories' count
//! in use (the forking thread itself
//! holds none of them, since no call of the library forks). Settings (budget, wait,
//! kept limit, thread cap) and the kept mapping itself (all zeros) are inherited. The
//! working memory those threads were using is mapped `MADV_WIPEONFORK` (Linux 4.14+),
//! so the child sees it as zero pages that cost nothing, and holds no copy of their
//! secrets; a small (heap) working memory stays in the child as an unreachable copy.
//!
//! The handlers are registered when the library is loaded (an `.init_array` entry, which
//! runs before `dlopen` returns and before `main`), so no thread can be inside the
//! library before they exist. A static link may drop that entry with the object file
//! it lands in; the first use of any resource then registers them, and only a fork
//! racing that very first use is unprotected.

use std::sync::atomic::{AtomicU32, AtomicU8, AtomicUsize, Ordering};

pub mod budget;
pub mod kept;

/// The process-wide cap on threads per hash; 0 = as many as the CPUs available.
static MAX_THREADS: AtomicU32 = AtomicU32::new(0);

/// Sets the process-wide cap on threads per hash (0 = no cap); returns the previous one.
pub fn set_max_threads(max: u32) -> u32 {
    MAX_THREADS.swap(max, Ordering::Relaxed)
}

/// The cap on threads per hash (`u32::MAX` when uncapped).
pub fn thread_cap() -> u32 {
    match MAX_THREADS.load(Ordering::Relaxed) {
        0 => u32::MAX,
        cap => cap,
    }
}

/// Working memories in use in this process: one per hash or verification running.
static WORK_MEMORIES_IN_USE: AtomicUsize = AtomicUsize::new(0);

/// One working memory counted in use while this value lives (see `work_memories_in_use`).
pub struct InUse(());

impl InUse {
    /// Counts one more working memory in use until the value is dropped.
    pub fn count() -> InUse {
        WORK_MEMORIES_IN_USE.fetch_add(1, Ordering::Relaxed);
        InUse(())
    }
}

impl Drop for InUse {
    fn drop(&mut self) {
        // Saturating: a count carried across fork() into a child that reset it.
        let _ = WORK_MEMORIES_IN_USE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
    }
}

/// How many working memories are in use right now (this call's included): the wipe and
/// the populating helper take a second CPU only when fewer hashes than CPUs are running,
/// so a login flood that keeps every CPU busy does not pay for helper threads that find
/// no CPU free.
pub fn work_memories_in_use() -> usize {
    WORK_MEMORIES_IN_USE.load(Ordering::Relaxed)
}

/// The usable CPUs that the other hashes running leave free: each of the `in_use - 1`
/// other working memories (`in_use` counts the caller's own) is taken to keep one CPU
/// busy. A wipe or a populating helper starts a second thread only when this leaves it a
/// CPU, so in a login flood no hash adds a thread that would only take turns.
pub fn cpus_left_by_others(usable: usize, in_use: usize) -> usize {
    usable.saturating_sub(in_use.max(1) - 1)
}

/// 0: handlers not registered; 1: being registered; 2: registered.
static FORK_HANDLERS: AtomicU8 = AtomicU8::new(0);

/// Registers the fork handlers once. One atomic load after the first call; never
/// called with a lock held (registration waits for a fork in progress to finish, and a
/// child must not inherit our lock taken by a thread it does not have).
#[inline]
pub(crate) fn ensure_fork_handlers() {
    if FORK_HANDLERS.load(Ordering::Acquire) != 2 {
        register_fork_handlers();
    }
}

/// Registers the handlers at load time (see the module doc); the lazy path above stays
/// for a static link that dropped this entry.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static REGISTER_AT_LOAD: extern "C" fn() = {
    extern "C" fn at_load() {
        register_fork_handlers();
    }
    at_load
};

#[cold]
fn register_fork_handlers() {
    if FORK_HANDLERS.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire).is_err() {
        return; // another thread registers them; nothing here needs them yet
    }
    #[cfg(unix)]
    // SAFETY: the handlers are `extern "C"` functions without arguments that never
    // unwind; registration has no other precondition. It can fail only with ENOMEM,
    // and then forks stay as unprotected as before (a later call retries).
    let registered = unsafe { libc::pthread_atfork(Some(prepare), Some(parent), Some(child)) } == 0;
    #[cfg(not(unix))]
    let registered = true;
    FORK_HANDLERS.store(if registered { 2 } else { 0 }, Ordering::Release);
}

/// Before `fork()`: every resource lock, in the lock order.
#[cfg(unix)]
extern "C" fn prepare() {
    budget::fork_prepare();
    kept::fork_prepare();
}

/// After `fork()` in the parent: the locks released, in reverse order.
#[cfg(unix)]
extern "C" fn parent() {
    kept::fork_parent();
    budget::fork_parent();
}

/// After `fork()` in the child: the locks fresh, other threads' state forgotten.
#[cfg(unix)]
extern "C" fn child() {
    kept::fork_child();
    budget::fork_child();
    // The working memories in use belonged to threads the child does not have.
    WORK_MEMORIES_IN_USE.store(0, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::cpus_left_by_others;

    #[test]
    fn other_hashes_running_take_their_cpus() {
        assert_eq!(cpus_left_by_others(2, 1), 2);
        assert_eq!(cpus_left_by_others(2, 2), 1);
        assert_eq!(cpus_left_by_others(2, 5), 0);
        assert_eq!(cpus_left_by_others(8, 3), 6);
        assert_eq!(cpus_left_by_others(2, 0), 2, "a count reset by fork() under this memory");
    }
}
