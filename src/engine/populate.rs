//! Faulting a fresh mapping in on a spare CPU while the fill computes.
//!
//! A one-lane hash leaves the other CPUs idle, and its first call in a process pays for
//! every page of its memory: the kernel zeroes each one and, on a VM that hands free
//! memory back to its host, the host must supply it again. Those faults are the first
//! call's extra cost (issue 14). Here a helper thread asks for the pages 2 MiB at a time,
//! in the order the first pass writes them, and the fill thread takes any chunk the
//! helper has not reached yet before it writes into it. Each chunk is asked for by
//! exactly one thread (a shared counter hands them out), so the two never fault the same
//! pages twice, and a fill that overtakes the helper only does what it did before.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::memory::SharedBlocks;

/// Blocks per chunk: one 2 MiB huge page of 1 KiB blocks.
pub(super) const CHUNK_BLOCKS: usize = 2048;

/// A fresh mapping smaller than this is faulted in by the fill itself: a helper thread
/// costs tens of microseconds to start, about what two 2 MiB faults cost.
pub(super) const MIN_BLOCKS: u32 = 4 * CHUNK_BLOCKS as u32;

/// Hands out the chunks of one fresh mapping, in order, to whichever thread asks first.
pub struct PopulateAhead<'b, 'a> {
    blocks: &'b SharedBlocks<'a>,
    next_chunk: AtomicUsize,
    chunks: usize,
}

impl<'b, 'a> PopulateAhead<'b, 'a> {
    /// Chunks of `blocks`, none asked for yet.
    pub fn new(blocks: &'b SharedBlocks<'a>) -> Self {
        Self { blocks, next_chunk: AtomicUsize::new(0), chunks: blocks.len().div_ceil(CHUNK_BLOCKS) }
    }

    /// Asks for chunks until every chunk that holds a block below `end_block` has been
    /// asked for (by this thread or another). The fill calls it before writing a chunk.
    #[inline]
    pub fn claim_until(&self, end_block: usize) {
        while self.next_chunk.load(Ordering::Relaxed).saturating_mul(CHUNK_BLOCKS) < end_block {
            let chunk = self.next_chunk.fetch_add(1, Ordering::Relaxed);
            if chunk >= self.chunks {
                return;
            }
            self.blocks.populate(chunk * CHUNK_BLOCKS, CHUNK_BLOCKS);
        }
    }

    /// The helper's job: every chunk not yet asked for, in order.
    pub fn claim_all(&self) {
        #[cfg(test)]
        if self.next_chunk.load(Ordering::Relaxed) < self.chunks {
            tests::HELPER_RUNS.fetch_add(1, Ordering::Relaxed);
        }
        self.claim_until(self.blocks.len());
    }

    /// Chunks handed out so far (at most one past the end per thread that asked).
    #[cfg(test)]
    pub fn claimed(&self) -> usize {
        self.next_chunk.load(Ordering::Relaxed).min(self.chunks)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::engine::memory::WorkMemory;

    /// Helpers that found chunks left to claim (any test in this process).
    pub(crate) static HELPER_RUNS: AtomicUsize = AtomicUsize::new(0);

    #[test]
    fn the_fill_claims_only_the_chunks_it_is_about_to_write() {
        let mut memory = WorkMemory::new(10 * CHUNK_BLOCKS + 5, 1).unwrap();
        let blocks = memory.shared();
        let ahead = PopulateAhead::new(&blocks);
        ahead.claim_until(1);
        assert_eq!(ahead.claimed(), 1);
        ahead.claim_until(CHUNK_BLOCKS);
        assert_eq!(ahead.claimed(), 1, "block CHUNK_BLOCKS - 1 is in the first chunk");
        ahead.claim_until(3 * CHUNK_BLOCKS + 1);
        assert_eq!(ahead.claimed(), 4);
        ahead.claim_all();
        assert_eq!(ahead.claimed(), 11, "the last, partial chunk too");
    }

    #[test]
    fn two_threads_claim_every_chunk_between_them() {
        let mut memory = WorkMemory::new(64 * CHUNK_BLOCKS, 1).unwrap();
        let blocks = memory.shared();
        let ahead = PopulateAhead::new(&blocks);
        std::thread::scope(|scope| {
            scope.spawn(|| ahead.claim_all());
            for end in (0..64 * CHUNK_BLOCKS).step_by(CHUNK_BLOCKS / 2) {
                ahead.claim_until(end + 1);
                assert!(ahead.claimed() * CHUNK_BLOCKS > end, "block {end} written before its chunk was asked for");
            }
        });
        assert_eq!(ahead.claimed(), 64);
        assert!(ahead.next_chunk.load(Ordering::Relaxed) <= 64 + 2, "at most one extra ticket per thread");
    }
}
