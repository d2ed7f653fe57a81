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
/// helper and a usable CPU is spare: `in_use` working memories (this one included) are
/// in use, and each keeps a CPU busy. A helper that cannot start is no error: the
/// calling thread then wipes everything itself.
pub fn wipe(blocks: &mut [Block], streaming: bool, in_use: usize) {
    let participants = participants_for(std::mem::size_of_val(blocks), || super::fill::cpus_left_to_this_hash(in_use));
    if participants < 2 {
        wipe_here(blocks, streaming);
        return;
    }
    wipe_split::<MOST_PARTICIPANTS>(blocks, streaming, participants);
}

/// Zeroes `blocks` in `participants` (at most `MOST`) parts on as many threads as start:
/// generic in `MOST` so that the tests also split more ways than the wipe does.
fn wipe_split<const MOST: usize>(blocks: &mut [Block], streaming: bool, participants: usize) {
    let participants = participants.clamp(1, MOST);
    // Disjoint parts, each taken exactly once by whichever participant reaches it;
    // `workers::run` joins every helper before returning, so no part outlives the borrow.
    let part_len = blocks.len().div_ceil(participants).max(1);
    let parts: [Mutex<Option<&mut [Block]>>; MOST] = std::array::from_fn(|_| Mutex::new(None));
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
/// cap, `MOST_PARTICIPANTS` and the CPUs free for it (`free_cpus`, asked only then: small
/// memories such as P5's 8 KiB skip its system call) allow.
fn participants_for(bytes: usize, free_cpus: impl FnOnce() -> usize) -> usize {
    if bytes < SPLIT_FROM_BYTES {
        return 1;
    }
    let cap = usize::try_from(crate::resources::thread_cap()).unwrap_or(usize::MAX);
    MOST_PARTICIPANTS.min(cap).min(free_cpus()).max(1)
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

    fn all_zero(blocks: &[Block]) -> bool {
        blocks.iter().all(|b| b.0.iter().all(|&w| w == 0))
    }

    #[test]
    fn small_memory_is_wiped_by_the_caller_alone() {
        assert_eq!(participants_for(SPLIT_FROM_BYTES - 1, || 2), 1);
        let mut blocks = dirty_blocks(64);
        wipe(&mut blocks, false, 1);
        assert!(all_zero(&blocks));
    }

    #[test]
    fn split_wipe_zeroes_every_word_of_every_part() {
        // An odd count, so the parts differ in length; both store kinds; alone (split
        // where a second CPU exists) and among as many hashes as CPUs (never split).
        let busy = super::super::fill::usable_cpus() as usize;
        for (streaming, in_use) in [(false, 1), (true, 1), (false, busy)] {
            let mut blocks = dirty_blocks(SPLIT_FROM_BYTES / 1024 + 7);
            wipe(&mut blocks, streaming, in_use);
            assert!(all_zero(&blocks), "streaming {streaming}, {in_use} in use");
        }
    }

    #[test]
    fn splitting_more_ways_than_the_wipe_does_still_zeroes_every_part() {
        // Lengths that leave a short last part, fewer blocks than parts, and an empty
        // slice; 3 and 4 parts, more than `MOST_PARTICIPANTS`, and more than asked for.
        for len in [0, 2, 4 * 64 + 3] {
            for participants in [3, 4, 9] {
                let mut blocks = dirty_blocks(len);
                wipe_split::<4>(&mut blocks, false, participants);
                assert!(all_zero(&blocks), "{len} blocks, {participants} participants");
            }
        }
    }

    #[test]
    fn a_second_thread_wipes_only_with_a_spare_cpu_and_room_under_the_cap() {
        let cap_allows = crate::resources::thread_cap() >= 2;
        assert_eq!(participants_for(SPLIT_FROM_BYTES, || 2), if cap_allows { 2 } else { 1 });
        assert_eq!(participants_for(SPLIT_FROM_BYTES, || 8), if cap_allows { MOST_PARTICIPANTS } else { 1 });
        assert_eq!(participants_for(SPLIT_FROM_BYTES, || 1), 1);
        assert_eq!(participants_for(SPLIT_FROM_BYTES, || 0), 1);
    }
}
