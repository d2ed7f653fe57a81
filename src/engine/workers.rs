//! Runs one job on several threads: the calling thread plus as many helper threads as
//! the system will start, down to none. The job is told how many participants there
//! are only once they are all running, so a refused thread is never an error, just
//! fewer workers. Every helper is joined before `run` returns or unwinds.
//!
//! Helpers are raw POSIX threads, not `std::thread`: std's spawn allocates (the thread
//! handle, its name, the result packet) and aborts when that fails, and a std thread
//! registers a thread-local destructor, which glibc aborts on when it cannot allocate.
//! Here a helper's only state is a slot the caller owns, allocated fallibly, and the
//! job touches no thread-local with a destructor.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

/// A helper thread's stack: the lane fill needs a few KiB; a small stack costs little
/// address space, which matters when the address space is what ran out.
#[cfg(unix)]
const HELPER_STACK: usize = 512 << 10;

/// What the participants share.
struct Shared<'a, F> {
    job: &'a F,
    /// The number of participants once every helper that could start has started;
    /// 0 while the caller is still starting them.
    count: Mutex<usize>,
    counted: Condvar,
    /// A helper's job panicked; the caller re-raises it after the joins.
    helper_panicked: AtomicBool,
}

impl<F: Fn(usize, usize) + Sync> Shared<'_, F> {
    fn publish(&self, count: usize) {
        *self.count.lock().unwrap_or_else(|e| e.into_inner()) = count;
        self.counted.notify_all();
    }

    fn wait_for_count(&self) -> usize {
        let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while *count == 0 {
            count = self.counted.wait(count).unwrap_or_else(|e| e.into_inner());
        }
        *count
    }
}

/// Runs `job(index, count)` for `index` in `0..count` on `count` threads, where `count`
/// is between 1 and `wanted`: participant 0 is the calling thread, the others are the
/// helpers that could be started. Returns once every participant has finished and every
/// helper has exited; a panic in any participant is re-raised here after the joins.
///
/// The job must not wait for a participant other than through means that know `count`
/// (a barrier sized `count`), and if it panics it must release the others (the lane
/// fill poisons its barrier).
pub fn run<F: Fn(usize, usize) + Sync>(wanted: usize, job: &F) {
    let shared = Shared { job, count: Mutex::new(0), counted: Condvar::new(), helper_panicked: AtomicBool::new(false) };
    let helpers = helpers::start(&shared, wanted.saturating_sub(1));
    // Joins on every path out of here, unwinding included: a helper may still be
    // running the job (which borrows this frame) until it is joined.
    let helpers = helpers::JoinOnDrop(helpers);
    let count = helpers.0.len() + 1;
    shared.publish(count);
    job(0, count);
    drop(helpers);
    if shared.helper_panicked.load(Ordering::Relaxed) {
        panic!("a lane thread panicked");
    }
}

#[cfg(unix)]
mod helpers {
    use std::ffi::c_void;
    use std::mem::MaybeUninit;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::atomic::Ordering;

    use super::{Shared, HELPER_STACK};

    /// What one helper is given: the shared state and its participant index.
    pub struct Slot<'a, 'b, F> {
        shared: &'b Shared<'a, F>,
        index: usize,
    }

    /// Started helpers and the slots they read; the slots must outlive the threads.
    pub struct Started<'a, 'b, F> {
        threads: Vec<libc::pthread_t>,
        slots: Vec<Slot<'a, 'b, F>>,
    }

    impl<F> Started<'_, '_, F> {
        pub fn len(&self) -> usize {
            self.threads.len()
        }
    }

    /// Joins every started helper when dropped.
    pub struct JoinOnDrop<'a, 'b, F>(pub Started<'a, 'b, F>);

    impl<F> Drop for JoinOnDrop<'_, '_, F> {
        fn drop(&mut self) {
            for &thread in &self.0.threads {
                // SAFETY: a thread this value started and has not joined or detached.
                unsafe { libc::pthread_join(thread, std::ptr::null_mut()) };
            }
            self.0.threads.clear();
            // The slots are freed only now, after every reader has exited.
            self.0.slots.clear();
        }
    }

    /// Starts up to `wanted` helpers; fewer (down to none) when the slots cannot be
    /// allocated or `pthread_create` refuses (EAGAIN, or no memory for its stack).
    pub fn start<'a, 'b, F: Fn(usize, usize) + Sync>(shared: &'b Shared<'a, F>, wanted: usize) -> Started<'a, 'b, F> {
        let mut started = Started { threads: Vec::new(), slots: Vec::new() };
        if wanted == 0
            || started.threads.try_reserve_exact(wanted).is_err()
            || started.slots.try_reserve_exact(wanted).is_err()
        {
            return Started { threads: Vec::new(), slots: Vec::new() };
        }
        // Filled before any thread starts and never moved or resized while one runs.
        for index in 1..=wanted {
            started.slots.push(Slot { shared, index });
        }
        let attr = Attr::new();
        for slot in &started.slots {
            #[cfg(test)]
            if slot.index > super::tests::HELPER_LIMIT.get() {
                break; // a simulated refusal, for the unit tests
            }
            let mut thread = MaybeUninit::<libc::pthread_t>::uninit();
            let arg = (slot as *const Slot<'a, 'b, F>).cast_mut().cast::<c_void>();
            // SAFETY: `entry::<F>` reads `arg` as the `Slot<F>` it is, which lives in
            // `started.slots` until the thread has been joined (`JoinOnDrop`).
            let rc = unsafe { libc::pthread_create(thread.as_mut_ptr(), attr.as_ptr(), entry::<F>, arg) };
            if rc != 0 {
                break; // fewer helpers: the job is sized to those that run
            }
            // SAFETY: pthread_create succeeded, so it wrote the thread id.
            started.threads.push(unsafe { thread.assume_init() });
        }
        started
    }

    /// The helper's body: wait for the participant count, run the job, report a panic.
    extern "C" fn entry<F: Fn(usize, usize) + Sync>(arg: *mut c_void) -> *mut c_void {
        // SAFETY: `start` passes a pointer to a live `Slot<F>` (see there).
        let slot = unsafe { &*arg.cast::<Slot<'_, '_, F>>() };
        let shared = slot.shared;
        // No unwind may leave an `extern "C"` function: catch it and report it.
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let count = shared.wait_for_count();
            (shared.job)(slot.index, count);
        }));
        if outcome.is_err() {
            shared.helper_panicked.store(true, Ordering::Relaxed);
        }
        std::ptr::null_mut()
    }

    /// Thread attributes with a small stack; the system default if they cannot be set.
    struct Attr(Option<libc::pthread_attr_t>);

    impl Attr {
        fn new() -> Self {
            let mut attr = MaybeUninit::<libc::pthread_attr_t>::uninit();
            // SAFETY: initialises the attribute object in place.
            if unsafe { libc::pthread_attr_init(attr.as_mut_ptr()) } != 0 {
                return Self(None);
            }
            // SAFETY: initialised just above.
            let mut attr = unsafe { attr.assume_init() };
            // SAFETY: a valid attribute object; a refused size keeps the default.
            unsafe { libc::pthread_attr_setstacksize(&mut attr, HELPER_STACK.max(libc::PTHREAD_STACK_MIN)) };
            Self(Some(attr))
        }

        fn as_ptr(&self) -> *const libc::pthread_attr_t {
            self.0.as_ref().map_or(std::ptr::null(), |attr| attr as *const _)
        }
    }

    impl Drop for Attr {
        fn drop(&mut self) {
            if let Some(attr) = self.0.as_mut() {
                // SAFETY: an initialised attribute object, destroyed once.
                unsafe { libc::pthread_attr_destroy(attr) };
            }
        }
    }
}

/// Elsewhere the job runs on the calling thread alone.
#[cfg(not(unix))]
mod helpers {
    use super::Shared;

    pub struct Started;

    impl Started {
        pub fn len(&self) -> usize {
            0
        }
    }

    pub struct JoinOnDrop(pub Started);

    pub fn start<F>(_: &Shared<'_, F>, _: usize) -> Started {
        Started
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::Cell;
    use std::sync::atomic::AtomicUsize;

    thread_local! {
        /// Helpers `start` may create on this thread before it acts as if
        /// `pthread_create` refused (the C fault-injection test refuses it for real).
        pub(crate) static HELPER_LIMIT: Cell<usize> = const { Cell::new(usize::MAX) };
    }

    #[test]
    fn refused_helpers_mean_fewer_participants() {
        for limit in 0..4 {
            HELPER_LIMIT.set(limit);
            let ran = AtomicUsize::new(0);
            run(4, &|_, count| {
                assert_eq!(count, limit + 1);
                ran.fetch_add(1, Ordering::Relaxed);
            });
            assert_eq!(ran.load(Ordering::Relaxed), limit + 1);
        }
        HELPER_LIMIT.set(usize::MAX);
    }

    #[test]
    fn every_participant_runs_once_with_the_same_count() {
        for wanted in [1, 2, 3, 8] {
            let ran = AtomicUsize::new(0);
            let indices = Mutex::new(0u64);
            run(wanted, &|index, count| {
                assert!(count >= 1 && count <= wanted && index < count);
                ran.fetch_add(1, Ordering::Relaxed);
                *indices.lock().unwrap() |= 1 << index;
            });
            let ran = ran.load(Ordering::Relaxed);
            assert_eq!(*indices.lock().unwrap(), (1u64 << ran) - 1, "indices 0..count, each once");
        }
    }

    #[test]
    fn a_helper_panic_reaches_the_caller_after_the_joins() {
        let outcome = std::panic::catch_unwind(|| run(2, &|index, _| assert!(index == 0, "helper fails")));
        // With no helper started the job never panics; with one, the panic is re-raised.
        let finished = AtomicUsize::new(0);
        run(2, &|_, _| {
            finished.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(outcome.is_err(), finished.load(Ordering::Relaxed) == 2);
    }
}
