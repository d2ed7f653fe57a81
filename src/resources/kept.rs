//! The one wiped mapping kept between hashes. Mapping fresh memory for every hash costs
//! page faults and the kernel zeroing every page (in VMs that hand free memory back to
//! the host, also the host faulting it in again); a hash of the same shape reuses the
//! kept mapping instead. Only all-zero mappings are kept, and the bytes kept count
//! against the memory budget.
//!
//! The slot is guarded by a flag rather than a `Mutex`: hashes only ever try it (a busy
//! slot means "map afresh" or "unmap instead", never a wait), it is held just to swap
//! a pointer, and the fork handlers must hold it from `prepare` to `parent`/`child`,
//! which a `MutexGuard` cannot span. Second in the lock order (see `resources`).

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

#[cfg(unix)]
use crate::engine::memory::mapping::Mapping;

/// The largest Argon2 working memory kept mapped between calls by default (see
/// `lh_argon2_set_kept_memory_limit`): 256 MiB covers the RFC 9106 low-memory profile
/// (64 MiB) and argon2-cffi's defaults with room to spare, and bounds what an idle
/// process holds.
pub const LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT: u64 = 256 << 20;

#[cfg(unix)]
struct Slot {
    held: AtomicBool,
    map: UnsafeCell<Option<Mapping>>,
}

// SAFETY: `map` is only touched by the thread that set `held` (acquire/release), so
// accesses never overlap; `Mapping` is Send.
#[cfg(unix)]
unsafe impl Sync for Slot {}

#[cfg(unix)]
static SLOT: Slot = Slot { held: AtomicBool::new(false), map: UnsafeCell::new(None) };
static LIMIT: AtomicU64 = AtomicU64::new(LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT);
/// Bytes in the slot, for the budget (which must not wait for the slot to read it).
static BYTES: AtomicU64 = AtomicU64::new(0);

/// The slot while held; released on drop.
#[cfg(unix)]
struct Held;

#[cfg(unix)]
impl Held {
    fn try_take() -> Option<Held> {
        SLOT.held.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).ok().map(|_| Held)
    }

    /// Waits for the holder, who holds it for a pointer swap only.
    fn take() -> Held {
        loop {
            if let Some(held) = Self::try_take() {
                return held;
            }
            std::thread::yield_now();
        }
    }

    /// Swaps the kept mapping.
    fn replace(&mut self, map: Option<Mapping>) -> Option<Mapping> {
        // SAFETY: this thread holds the slot (`held` set by it), so no other access
        // to `map` exists.
        unsafe { std::mem::replace(&mut *SLOT.map.get(), map) }
    }

    /// The kept mapping, if any.
    fn get(&self) -> Option<&Mapping> {
        // SAFETY: as for `replace`.
        unsafe { (*SLOT.map.get()).as_ref() }
    }
}

#[cfg(unix)]
impl Drop for Held {
    fn drop(&mut self) {
        SLOT.held.store(false, Ordering::Release);
    }
}

/// Takes the kept mapping if it has the requested shape.
#[cfg(unix)]
pub(crate) fn take(bytes: usize, huge_pages: bool) -> Option<Mapping> {
    let mut slot = Held::try_take()?;
    if !slot.get()?.fits(bytes, huge_pages) {
        return None;
    }
    BYTES.store(0, Ordering::Relaxed);
    slot.replace(None)
}

/// Keeps a wiped (all-zero) mapping for the next hash, replacing the one kept before;
/// unmaps it instead when it is over the limit or the slot is busy.
#[cfg(unix)]
pub(crate) fn offer(map: Mapping) {
    let Some(mut slot) = Held::try_take() else { return };
    // Read while held: `set_limit` lowers the limit before it releases.
    if map.len() as u64 > LIMIT.load(Ordering::Relaxed) {
        drop(slot);
        return; // `map` is unmapped on return, outside the slot
    }
    BYTES.store(map.len() as u64, Ordering::Relaxed);
    let replaced = slot.replace(Some(map));
    drop(slot);
    drop(replaced); // unmapped outside the slot
}

/// Unmaps the kept mapping, if any (waiting the few instructions a holder needs).
pub fn release() {
    #[cfg(unix)]
    {
        let mut slot = Held::take();
        BYTES.store(0, Ordering::Relaxed);
        let replaced = slot.replace(None);
        drop(slot);
        drop(replaced); // unmapped outside the slot
    }
}

/// Bytes currently kept.
pub fn bytes() -> u64 {
    BYTES.load(Ordering::Relaxed)
}

/// Sets the largest mapping kept (0 = keep none, and release the one kept); returns
/// the previous limit.
pub fn set_limit(bytes: u64) -> u64 {
    super::ensure_fork_handlers();
    let previous = LIMIT.swap(bytes, Ordering::Relaxed);
    if bytes < previous {
        release();
    }
    previous
}

/// Fork handler: holds the slot across the fork (after the budget lock).
#[cfg(unix)]
pub(super) fn fork_prepare() {
    std::mem::forget(Held::take());
}

/// Fork handler, parent: the slot taken in `fork_prepare` is free again.
#[cfg(unix)]
pub(super) fn fork_parent() {
    SLOT.held.store(false, Ordering::Release);
}

/// Fork handler, child: as in the parent; the kept mapping (zeros) is the child's.
#[cfg(unix)]
pub(super) fn fork_child() {
    SLOT.held.store(false, Ordering::Release);
}
