//! A stored hash is untrusted: whatever cost it names, verify answers with a status
//! without allocating its working memory, and no parameter value overflows anywhere.
//! Its own test binary: a counting global allocator watches every allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::CString;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use argon2rs::*;

/// Counts, per thread, the largest single allocation and the total bytes allocated.
struct Counting;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
}

fn record(size: usize) {
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
    let _ = TOTAL.try_with(|total| total.set(total.get() + size));
}

// SAFETY: defers every operation to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What a rejected call may allocate: the decoded salt and tag (each under the 4096-byte
/// string bound) and small bookkeeping, never Argon2 blocks (1 KiB each, 8 at the least).
const MAX_SINGLE_ALLOCATION: usize = LH_ARGON2_ENCODED_MAX;
const MAX_TOTAL_ALLOCATION: usize = 4 * LH_ARGON2_ENCODED_MAX;

/// Runs `f`, returning its result with the largest and total allocation it made.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    LARGEST.with(|c| c.set(0));
    TOTAL.with(|c| c.set(0));
    let result = f();
    (result, LARGEST.with(Cell::get), TOTAL.with(Cell::get))
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics (which the boundary would turn into LH_ARGON2_ERR_INTERNAL or 0).
/// Assertion failures in this file count too, so a failing test also fails the count.
fn count_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

const SALT: &str = "c29tZXNhbHQ";
const TAG: &str = "nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

fn encoded(m: u64, t: u64, p: u64) -> CString {
    CString::new(format!("$argon2id$v=19$m={m},t={t},p={p}${SALT}${TAG}")).unwrap()
}

fn verify(encoded: &CString) -> lh_argon2_status {
    // SAFETY: NUL-terminated string and valid password buffer.
    unsafe { lh_argon2_verify(encoded.as_ptr(), b"password".as_ptr(), 8) }
}

#[test]
fn hostile_costs_are_refused_fast_without_allocating() {
    count_panics();
    let hostile = [
        ("m = 4 GiB", encoded(4 * 1024 * 1024, 1, 1)),
        ("t = 100", encoded(256, 100, 1)),
        ("p = 32", encoded(256, 2, 32)),
        ("m = 4 GiB, t = 100, p = 32", encoded(4 * 1024 * 1024, 100, 32)),
        ("every cost at its maximum", encoded(u32::MAX.into(), u32::MAX.into(), 0xFF_FFFF)),
    ];
    for (what, string) in &hostile {
        let (status, largest, total) = measure(|| verify(string));
        assert_eq!(status, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, "{what}");
        assert!(largest <= MAX_SINGLE_ALLOCATION, "{what}: allocated {largest} bytes at once");
        assert!(total <= MAX_TOTAL_ALLOCATION, "{what}: allocated {total} bytes in all");

        const ROUNDS: u32 = 2000;
        let started = Instant::now();
        for _ in 0..ROUNDS {
            assert_eq!(verify(string), LH_ARGON2_ERR_COST_LIMIT_EXCEEDED);
        }
        let each = started.elapsed() / ROUNDS;
        println!("rejected {what}: {each:?} per verify, largest allocation {largest} B, {total} B in all");
        assert!(each < Duration::from_millis(1), "{what}: {each:?} per rejection");
    }
    // The control: an admitted cost does allocate its blocks, so the counter can see them.
    let (status, largest, _) = measure(|| verify(&encoded(256, 2, 1)));
    assert_eq!(status, LH_ARGON2_OK);
    assert!(largest >= 256 * 1024, "the counting allocator missed the working memory ({largest} B)");
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}

/// The parameter errors, in the library's documented order of checks.
fn expected_validation(m: u64, t: u64, p: u64) -> lh_argon2_status {
    if p == 0 {
        LH_ARGON2_ERR_PARALLELISM_TOO_SMALL
    } else if p > u64::from(LH_ARGON2_PARALLELISM_MAX) {
        LH_ARGON2_ERR_PARALLELISM_TOO_LARGE
    } else if m < 8 || m < 8 * p {
        LH_ARGON2_ERR_M_COST_TOO_SMALL
    } else if t == 0 {
        LH_ARGON2_ERR_T_COST_TOO_SMALL
    } else {
        LH_ARGON2_OK
    }
}

#[test]
fn overflow_edges_of_m_t_p_give_statuses_not_panics_or_allocations() {
    count_panics();
    // Tiny budget: a valid edge combination (m >= 2^24 KiB) is refused before allocating.
    assert_eq!(lh_argon2_set_memory_budget(64 * 1024 * 1024), LH_ARGON2_OK);
    let edges = |p: u64| -> Vec<u64> {
        let mut values = vec![0, 1, 7, 1 << 24, u64::from(u32::MAX)];
        if p > 0 && 8 * p - 1 <= u64::from(u32::MAX) {
            values.push(8 * p - 1);
        }
        values
    };
    let mut combinations = 0;
    for &p in &edges(0) {
        for &m in &edges(p) {
            for &t in &edges(p) {
                combinations += 1;
                let what = format!("m={m} t={t} p={p}");
                let want = expected_validation(m, t, p);
                let string = encoded(m, t, p);
                let params = lh_argon2_params {
                    algorithm: LH_ARGON2_ID,
                    version: LH_ARGON2_V13,
                    m_cost: m as u32,
                    t_cost: t as u32,
                    parallelism: p as u32,
                    hash_len: 32,
                    salt_len: 16,
                };
                let ((), largest, _) = measure(|| {
                    let mut decoded = params;
                    // SAFETY: valid string and output.
                    let status = unsafe { lh_argon2_decode(string.as_ptr(), &mut decoded) };
                    assert_eq!(status, want, "decode {what}");
                    let mut needs = false;
                    // SAFETY: valid string and output; NULL params = default profile.
                    let status = unsafe { lh_argon2_needs_rehash(string.as_ptr(), std::ptr::null(), &mut needs) };
                    assert_eq!(status, want, "needs_rehash {what}");
                    // Every valid edge combination asks for more than the verify limits.
                    let want_verify = if want == LH_ARGON2_OK { LH_ARGON2_ERR_COST_LIMIT_EXCEEDED } else { want };
                    assert_eq!(verify(&string), want_verify, "verify {what}");

                    // SAFETY: readable params.
                    let len = unsafe { lh_argon2_encoded_len(&params) };
                    assert_eq!(len == 0, want != LH_ARGON2_OK, "encoded_len {what} = {len}");
                    assert!(len <= LH_ARGON2_ENCODED_MAX);

                    // Hashing the caller's own parameters: a valid edge needs >= 16 GiB,
                    // more than the whole (64 MiB) budget.
                    let want_hash = if want == LH_ARGON2_OK { LH_ARGON2_ERR_MEMORY_BUDGET_EXCEEDED } else { want };
                    let mut out = [0u8; LH_ARGON2_ENCODED_MAX];
                    // SAFETY: valid buffers.
                    let status = unsafe {
                        lh_argon2_hash(
                            b"pw".as_ptr(),
                            2,
                            &params,
                            out.as_mut_ptr().cast(),
                            out.len(),
                            std::ptr::null_mut(),
                        )
                    };
                    assert_eq!(status, want_hash, "hash {what}");
                    let mut raw = [0u8; 32];
                    // SAFETY: valid buffers.
                    let status = unsafe {
                        lh_argon2_hash_raw(
                            b"pw".as_ptr(),
                            2,
                            b"saltsalt".as_ptr(),
                            8,
                            &params,
                            raw.as_mut_ptr(),
                            raw.len(),
                        )
                    };
                    assert_eq!(status, want_hash, "hash_raw {what}");
                });
                assert!(largest <= 2 * LH_ARGON2_ENCODED_MAX, "{what}: allocated {largest} bytes at once");
            }
        }
    }
    println!("{combinations} edge combinations of m, t, p checked");
    assert!(combinations >= 150, "{combinations} combinations");
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic was caught at the boundary");
    assert_eq!(lh_argon2_set_memory_budget(0), LH_ARGON2_OK);
}
