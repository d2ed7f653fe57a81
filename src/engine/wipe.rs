//! Zeroes the working memory before it is released, on two threads when it is large and
//! a CPU is spare.
//!
//! One core does not write memory as fast as two: zeroing 19 MiB (P2) of 2 MiB pages
//! with one thread took a median of 2.64–2.79 ms, with two 1.63–1.78 ms, and 64 MiB
//! 8.8 and 5.0 ms (a C loop that fills then wipes, 100–300 rounds each, on this
//! project's 2-vCPU VM). A hash with one lane has the other CPU idle at that moment, and
//! one with several lanes has just finished using every lane thread.

use std::sync::Mutex;

use zeroize::Zeroize;

use super::block::Block;
use super::workers;

/// Memory smaller than this is wiped by the calling thread alone: starting and joining a
/// thread costs tens of microseconds, and at 4 MiB the split already saved only 0.09 ms
/// (0.31 to 0.22 ms, medians of 300).
const SPLIT_FROM_BYTES: usize = 4 << 20;

/// The most threads a wipe uses: the only count measured (on 2 vCPUs).
const MOST_PARTICIPANTS: usize = 2;

/// Zeroes `blocks` with volatile stores (streaming stores with `streaming`), on up to two
/// threads when there are at least `SPLIT_FROM_BYTES` of them, the thread cap allows a
/// helper and a second CPU is usable. A helper that cannot start is no error: the
/// calling thread then wipes everything itself.
pub fn wipe(blocks: &mut [Block], streaming: bool) {
    let participants = participants_for(std::mem::size_of_val(blocks));
    if participants < 2 {
        wipe_here(blocks, streaming);
        return;
    }
    // Disjoint parts, each taken exactly once by whichever participant reaches it;
    // `workers::run` joins every helper before returning, so no part outlives the borrow.
    let part_len = blocks.len().div_ceil(participants);
    let parts: [Mutex<Option<&mut [Block]>>; MOST_PARTICIPANTS] = Default::default();
    for (slot, part) in parts.iter().zip(blocks.chunks_mut(part_len)) {
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(part);
    }
    workers::run(participants, &|index: usize, count: usize| {
        for slot in parts.iter().skip(index).step_by(count) {
            if let Some(part) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() {
                wipe_here(part, streaming);
            }
        }
    });
}

/// How many threads wipe `bytes`: 1 below `SPLIT_FROM_BYTES`, else as many as the thread
/// cap, the usable CPUs and `MOST_PARTICIPANTS` allow.
fn participants_for(bytes: usize) -> usize {
    if bytes < SPLIT_FROM_BYTES {
        return 1;
    }
    let cap = usize::try_from(crate::resources::thread_cap()).unwrap_or(usize::MAX);
    let cpus = usize::try_from(super::fill::usable_cpus()).unwrap_or(1);
    MOST_PARTICIPANTS.min(cap).min(cpus).max(1)
}

/// Zeroes `blocks` on this thread: 32-byte volatile (or streaming) stores with AVX2,
/// zeroize's volatile writes elsewhere, so the compiler cannot drop the wipe.
fn wipe_here(blocks: &mut [Block], streaming: bool) {
    match super::simd_avx2::Avx2::detect() {
        Some(avx2) => avx2.wipe(blocks, streaming),
        None => {
            for block in blocks {
                block.zeroize();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirty_blocks(count: usize) -> Vec<Block> {
        (0..count).map(|i| Block([i as u64 | 1; super::super::block::WORDS])).collect()
    }

    #[test]
    fn small_memory_is_wiped_by_the_caller_alone() {
        assert_eq!(participants_for(SPLIT_FROM_BYTES - 1), 1);
        let mut blocks = dirty_blocks(64);
        wipe(&mut blocks, false);
        assert!(blocks.iter().all(|b| b.0.iter().all(|&w| w == 0)));
    }

    #[test]
    fn split_wipe_zeroes_every_word_of_every_part() {
        // An odd count, so the parts differ in length; both store kinds.
        for streaming in [false, true] {
            let mut blocks = dirty_blocks(SPLIT_FROM_BYTES / 1024 + 7);
            wipe(&mut blocks, streaming);
            assert!(blocks.iter().all(|b| b.0.iter().all(|&w| w == 0)), "streaming {streaming}");
        }
    }

    #[test]
    fn large_memory_uses_a_second_thread_where_a_cpu_and_the_cap_allow() {
        let expected =
            if super::super::fill::usable_cpus() >= 2 && crate::resources::thread_cap() >= 2 { 2 } else { 1 };
        assert_eq!(participants_for(SPLIT_FROM_BYTES), expected);
    }
}
