//! The Argon2 working memory: owned, wiped before release, and shared between the
//! lane threads under a documented access discipline.
//!
//! On Unix, memory of 2 MiB or more is its own anonymous mapping, 2 MiB-aligned and
//! (on Linux) advised for transparent huge pages, so the kernel can back it with 2 MiB
//! pages (fewer page faults and TLB misses) and returns it whole on `munmap`: the
//! process's peak RSS stays near `m`, however often it hashes. Smaller memory (and all
//! memory elsewhere) comes from the global allocator.

use std::marker::PhantomData;

use super::block::Block;
use crate::error::{Error, Result};
use crate::resources::{kept, InUse};

/// Memory at or above this size is mapped directly (one transparent huge page).
const MAP_THRESHOLD: usize = 2 << 20;

/// A single pass over at least this much memory is not advised huge pages: each block is
/// written once, so the TLB savings are small, while faulting fresh 2 MiB pages cost more
/// than 4 KiB ones. Measured side by side on this project's 2-vCPU VMs (P6, 1 GiB, t=1,
/// p=4, median ms): 809 and 947 with huge pages, 670 and 797 without; at 64 MiB, t=3 huge
/// pages won (77 against 106), and at 256 MiB, t=4 (283 against 384).
const SINGLE_PASS_HUGE_PAGE_LIMIT: usize = 512 << 20;

/// Memory at least this large is wiped with streaming stores: 3/4 of what a hash can
/// expect to find still cached (`cache::cacheable_bytes`), 24 MiB on both of this
/// project's VMs. Ordinary stores leave the zeroed lines cached for the next call, which
/// helps only while they stay there. Measured (`bench time` of a build with each cut,
/// 8–12 calls per process, 6–16 pairs of alternating processes; median per-pair ratio
/// streaming ÷ ordinary): Intel Xeon VM, P3 0.964, 0.976, 0.977 and P1 0.953 (64 MiB),
/// P2 1.003 (19 MiB); AMD EPYC VM, P3 0.976 and 0.978 and P1 0.955, but P2 1.032 in two
/// runs of 10 and 12 pairs (a first run of 6 gave 0.888), so 19 MiB stays below the
/// cut. Earlier, on VMs reporting 260 MiB of
/// L3 (a C loop that maps, fills, wipes and unmaps; median ms to wipe): 256 MiB 28.6
/// ordinary and 11.5 streaming, 1 GiB 118 and 46.
fn streaming_wipe_threshold() -> usize {
    // An atomic, not a OnceLock: a fork() child must never inherit an initialisation
    // in progress in another thread (a race only computes the same value twice).
    use std::sync::atomic::{AtomicUsize, Ordering};
    static THRESHOLD: AtomicUsize = AtomicUsize::new(0);
    match THRESHOLD.load(Ordering::Relaxed) {
        0 => {
            let threshold = (super::cache::cacheable_bytes() / 4 * 3).max(1);
            THRESHOLD.store(threshold, Ordering::Relaxed);
            threshold
        }
        threshold => threshold,
    }
}

/// Whether a mapping of `bytes` for `passes` passes is advised transparent huge pages.
fn wants_huge_pages(bytes: usize, passes: u32) -> bool {
    !(passes <= 1 && bytes >= SINGLE_PASS_HUGE_PAGE_LIMIT)
}

/// `block_count` blocks of working memory; wiped and released on drop.
pub struct WorkMemory {
    storage: Storage,
    blocks: usize,
    /// A mapping made for this hash: none of its pages is present yet.
    fresh: bool,
    /// Counts this memory in use until it is wiped (dropped after `drop` has run).
    _in_use: InUse,
}

enum Storage {
    Heap(Vec<Block>),
    #[cfg(unix)]
    Mapped(mapping::Mapping),
}

impl WorkMemory {
    /// Allocates `block_count` zeroed blocks for a hash of `passes` passes;
    /// `Error::OutOfMemory` when the system refuses (never an abort).
    pub fn new(block_count: usize, passes: u32) -> Result<Self> {
        let bytes = block_count.checked_mul(std::mem::size_of::<Block>()).ok_or(Error::OutOfMemory)?;
        #[cfg(unix)]
        if bytes >= MAP_THRESHOLD {
            let huge_pages = wants_huge_pages(bytes, passes);
            let (map, fresh) = match kept::take(bytes, huge_pages) {
                Some(map) => (map, false),
                None => (mapping::Mapping::new(bytes, huge_pages).ok_or(Error::OutOfMemory)?, true),
            };
            return Ok(Self { storage: Storage::Mapped(map), blocks: block_count, fresh, _in_use: InUse::count() });
        }
        let _ = (bytes, passes);
        let mut heap = crate::fallible::vec_with_capacity(block_count)?;
        heap.resize(block_count, Block::ZERO);
        Ok(Self { storage: Storage::Heap(heap), blocks: block_count, fresh: false, _in_use: InUse::count() })
    }

    /// Treats the memory as fresh (its pages asked for in the first pass) or present.
    #[cfg(test)]
    pub fn set_fresh_for_tests(&mut self, fresh: bool) {
        self.fresh = fresh;
    }

    /// The blocks as one exclusive slice.
    pub fn as_mut_slice(&mut self) -> &mut [Block] {
        match &mut self.storage {
            Storage::Heap(heap) => heap.as_mut_slice(),
            #[cfg(unix)]
            Storage::Mapped(map) => map.blocks_mut(self.blocks),
        }
    }

    /// A view that several threads may use at once (see `SharedBlocks`).
    pub fn shared(&mut self) -> SharedBlocks<'_> {
        let populate = self.fresh;
        let slice = self.as_mut_slice();
        SharedBlocks { base: slice.as_mut_ptr(), len: slice.len(), populate, _borrow: PhantomData }
    }
}

impl Drop for WorkMemory {
    fn drop(&mut self) {
        // Volatile writes (32 bytes at a time with AVX2, else zeroize's) so the wipe is
        // not optimised away; only the blocks are touched, so no untouched page of a
        // mapping is faulted in. Memory larger than this CPU's share of the last-level
        // cache is wiped with streaming stores: ordinary stores would first read every
        // line back from DRAM.
        let streaming = matches!(self.storage, Storage::Mapped(_))
            && self.blocks.saturating_mul(std::mem::size_of::<Block>()) >= streaming_wipe_threshold();
        super::wipe::wipe(self.as_mut_slice(), streaming, crate::resources::work_memories_in_use());
        // Wiped: the whole mapping is zeros again (the rest was never written).
        #[cfg(unix)]
        if let Storage::Mapped(_) = self.storage {
            if let Storage::Mapped(map) = std::mem::replace(&mut self.storage, Storage::Heap(Vec::new())) {
                kept::offer(map);
            }
        }
    }
}

/// The blocks, shared between the threads that fill different lanes.
///
/// Access discipline (RFC 9106 §3.4's synchronisation points): during one slice, the
/// thread filling lane l writes only lane l's segment of that slice and reads blocks of
/// lane l and blocks of other lanes outside the current slice. Other threads read only
/// blocks outside the current slice of every lane except their own, so no block is
/// written while another thread reads it; threads meet at a barrier between slices,
/// which orders every write before the next slice's reads.
pub struct SharedBlocks<'a> {
    base: *mut Block,
    len: usize,
    /// Whether `populate` asks the kernel for the pages (a fresh mapping).
    populate: bool,
    _borrow: PhantomData<&'a mut [Block]>,
}

// SAFETY: the pointer is to memory exclusively borrowed for 'a; cross-thread access
// follows the discipline documented on the type, which the `get`/`get_mut` contracts
// state, and blocks are plain integers (no interior pointers or drop).
unsafe impl Send for SharedBlocks<'_> {}
// SAFETY: as for Send.
unsafe impl Sync for SharedBlocks<'_> {}

impl SharedBlocks<'_> {
    /// Block `index` for reading.
    ///
    /// # Safety
    /// No thread may write block `index` while the returned reference lives.
    #[inline(always)]
    pub unsafe fn get(&self, index: usize) -> &Block {
        assert!(index < self.len, "block index out of range");
        // SAFETY: in bounds of the borrowed allocation; no concurrent writer per the
        // caller's contract.
        unsafe { &*self.base.add(index) }
    }

    /// Block `index` for writing.
    ///
    /// # Safety
    /// No other reference to block `index` (in any thread) may exist while the
    /// returned one lives.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn get_mut(&self, index: usize) -> &mut Block {
        assert!(index < self.len, "block index out of range");
        // SAFETY: in bounds; exclusive per the caller's contract.
        unsafe { &mut *self.base.add(index) }
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the pages are new to the process (a fresh mapping), so that the first
    /// pass faults them in.
    pub fn is_fresh(&self) -> bool {
        self.populate
    }

    /// Has the kernel map the pages of blocks `first..first + count` before they are
    /// written, with one `MADV_POPULATE_WRITE` (Linux 5.14) instead of a page fault per
    /// 4 KiB page. Only for a fresh mapping (a kept or heap one is already present); a
    /// hint: on older kernels the writes fault the pages in as before. It never changes a
    /// page that is present, so pages shared with a neighbouring segment that another
    /// thread is writing are safe. Measured with bench/probe.c on a 2-vCPU VM under load
    /// (1 GiB, 4 KiB pages, three runs): 868-3679 ms faulting, 622-1592 ms populated.
    pub fn populate(&self, first: usize, count: usize) {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if self.populate && first < self.len {
            const PAGE: usize = 4096;
            let count = count.min(self.len - first);
            let start = (self.base.wrapping_add(first) as usize) / PAGE * PAGE;
            let end = (self.base.wrapping_add(first + count) as usize).next_multiple_of(PAGE);
            // The mapping is 2 MiB-aligned and whole 2 MiB pages long, so the rounded
            // range stays inside it.
            // SAFETY: advice on pages of our own mapping; it maps absent pages
            // zero-filled and leaves present ones (and their contents) alone.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_POPULATE_WRITE);
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        let _ = (first, count);
    }

    /// Asks the CPU to start loading block `index` into cache. A hint only: it reads
    /// nothing the caller can see, so any thread may issue it for any block.
    #[inline(always)]
    pub fn prefetch(&self, index: usize) {
        if index >= self.len {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let line = self.base.wrapping_add(index).cast::<i8>().cast_const();
            for offset in (0..std::mem::size_of::<Block>()).step_by(64) {
                // SAFETY: a prefetch never faults and has no visible effect; the address
                // is inside the borrowed allocation (checked above).
                unsafe { _mm_prefetch::<_MM_HINT_T0>(line.wrapping_add(offset)) };
            }
        }
    }
}

#[cfg(unix)]
pub(crate) mod mapping {
    use std::ptr::NonNull;

    use super::super::block::Block;

    const HUGE_PAGE: usize = 2 << 20;

    /// The length a mapping for `bytes` gets: whole 2 MiB pages.
    fn mapped_len(bytes: usize) -> Option<usize> {
        bytes.checked_next_multiple_of(HUGE_PAGE)
    }

    /// An anonymous private mapping, 2 MiB-aligned, unmapped on drop.
    pub struct Mapping {
        ptr: NonNull<u8>,
        len: usize,
        huge_pages: bool,
    }

    // SAFETY: the mapping is owned memory like a Box<[u8]>.
    unsafe impl Send for Mapping {}

    impl Mapping {
        /// Maps at least `bytes` (rounded up to 2 MiB), advised huge pages if
        /// `huge_pages`; None when mmap fails.
        pub fn new(bytes: usize, huge_pages: bool) -> Option<Self> {
            let len = mapped_len(bytes)?;
            // Over-allocate by one huge page, then trim to a 2 MiB-aligned range.
            let request = len.checked_add(HUGE_PAGE)?;
            // SAFETY: a fresh anonymous mapping; no existing memory is affected.
            let raw = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    request,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                )
            };
            if raw == libc::MAP_FAILED {
                return None;
            }
            let start = raw as usize;
            let aligned = start.next_multiple_of(HUGE_PAGE);
            let head = aligned - start;
            let tail = request - head - len;
            // SAFETY: both ranges lie inside the mapping just created and are not used.
            unsafe {
                if head > 0 {
                    libc::munmap(raw, head);
                }
                if tail > 0 {
                    libc::munmap((aligned + len) as *mut libc::c_void, tail);
                }
            }
            #[cfg(any(target_os = "linux", target_os = "android"))]
            if huge_pages {
                // SAFETY: advice on our own mapping; failure (no THP support) is harmless.
                unsafe {
                    libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
                }
            }
            #[cfg(not(any(target_os = "linux", target_os = "android")))]
            let _ = huge_pages;
            // A fork() child sees zero pages here (Linux 4.14+): working memory of a
            // hash running in another thread at the fork is neither copied nor kept.
            #[cfg(any(target_os = "linux", target_os = "android"))]
            // SAFETY: advice on our own mapping; older kernels refuse it harmlessly.
            unsafe {
                libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_WIPEONFORK);
            }
            Some(Self { ptr: NonNull::new(aligned as *mut u8)?, len, huge_pages })
        }

        /// Whether a request for `bytes`, advised `huge_pages`, would get this mapping's
        /// shape (the same length after rounding, the same advice).
        pub fn fits(&self, bytes: usize, huge_pages: bool) -> bool {
            mapped_len(bytes) == Some(self.len) && huge_pages == self.huge_pages
        }

        /// The mapped length in bytes.
        pub fn len(&self) -> usize {
            self.len
        }

        /// The first `count` blocks (count * 1 KiB <= the mapped length).
        pub fn blocks_mut(&mut self, count: usize) -> &mut [Block] {
            assert!(count * std::mem::size_of::<Block>() <= self.len);
            // SAFETY: the mapping is readable, writable, 2 MiB-aligned (so aligned for
            // Block), zero-filled by the kernel (a valid Block bit pattern), owned
            // exclusively by `self` and large enough for `count` blocks.
            unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr().cast::<Block>(), count) }
        }
    }

    impl Drop for Mapping {
        fn drop(&mut self) {
            // SAFETY: unmapping exactly the range this value owns; no reference into
            // it outlives `self` (blocks_mut borrows `self`).
            unsafe {
                libc::munmap(self.ptr.as_ptr().cast(), self.len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_memory_is_2mib_aligned_and_zeroed() {
        let mut memory = WorkMemory::new(4096, 3).expect("4 MiB");
        let blocks = memory.as_mut_slice();
        assert_eq!(blocks.len(), 4096);
        #[cfg(unix)]
        assert_eq!(blocks.as_ptr() as usize % (2 << 20), 0);
        assert!(blocks.iter().all(|b| b.0.iter().all(|&w| w == 0)));
    }

    #[test]
    fn streaming_wipe_zeroes_every_word() {
        let Some(avx2) = super::super::simd_avx2::Avx2::detect() else { return };
        let mut blocks = vec![Block([0x5a5a_5a5a_5a5a_5a5a; super::super::block::WORDS]); 33];
        avx2.wipe(&mut blocks, true);
        assert!(blocks.iter().all(|b| b.0.iter().all(|&w| w == 0)));
    }

    #[test]
    fn refused_mapping_is_out_of_memory_not_an_abort() {
        assert_eq!(WorkMemory::new(usize::MAX / 1024, 3).err(), Some(Error::OutOfMemory));
        assert_eq!(WorkMemory::new(1 << 45, 1).err(), Some(Error::OutOfMemory));
    }

    #[test]
    fn huge_pages_are_skipped_only_for_one_pass_over_large_memory() {
        assert!(wants_huge_pages(64 << 20, 3));
        assert!(wants_huge_pages(64 << 20, 1));
        assert!(wants_huge_pages(1 << 30, 2));
        assert!(!wants_huge_pages(512 << 20, 1));
        assert!(!wants_huge_pages(1 << 30, 1));
    }
}
