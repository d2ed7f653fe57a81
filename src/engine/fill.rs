//! Argon2 (RFC 9106 §3.2–3.4): H0, the first blocks of each lane, the memory fill with
//! data-dependent and data-independent indexing, and the tag. Lanes run on up to
//! `min(p, cores, cap)` threads (`workers`: fewer when the system refuses threads) that
//! meet at each slice boundary; no thread outlives a call, so there is no pool to
//! corrupt across `fork()`.

use std::sync::{Condvar, Mutex};

use zeroize::{Zeroize, Zeroizing};

use super::blake2b::{hash_long, hash_long_pair, Blake2b};
use super::block::{Block, Kernel, WORDS};
use super::memory::{SharedBlocks, WorkMemory};
use super::populate::{self, PopulateAhead};
use super::workers;
use crate::error::Result;
use crate::fallible;
use crate::types::{Algorithm, Version};

const SYNC_POINTS: u32 = 4;

/// Below this many blocks (KiB) per hash, lanes run on the calling thread: starting
/// threads would cost more than they save.
const MIN_BLOCKS_FOR_THREADS: u32 = 1024;

/// Everything that determines a tag.
pub struct Inputs<'a> {
    /// Password P.
    pub pwd: &'a [u8],
    /// Salt S.
    pub salt: &'a [u8],
    /// Secret K.
    pub secret: &'a [u8],
    /// Associated data X.
    pub ad: &'a [u8],
    /// Tag length T in bytes.
    pub hash_len: u32,
    /// m in KiB, as given (H0 hashes it before rounding).
    pub m_cost: u32,
    /// Passes t.
    pub t_cost: u32,
    /// Lanes p.
    pub lanes: u32,
    /// Version v: the compression rule (1.0 overwrites blocks, 1.3 XORs into them).
    pub version: Version,
    /// The version word hashed into H0: `version.number()`, or for the reference ABI
    /// (compat/libargon2) another word, which compresses as 1.3.
    pub version_word: u32,
    /// Type y.
    pub algorithm: Algorithm,
}

/// The shape of the memory, shared by every segment fill.
#[derive(Clone, Copy)]
struct Geometry {
    lanes: u32,
    lane_len: u32,
    segment_len: u32,
    memory_blocks: u32,
    passes: u32,
    version: Version,
    algorithm: Algorithm,
}

/// Blocks the parameters use: m rounded down to a multiple of 4p (at least 8p).
pub fn memory_blocks(m_cost: u32, lanes: u32) -> u32 {
    let m = m_cost.max(2 * SYNC_POINTS * lanes);
    m / (SYNC_POINTS * lanes) * (SYNC_POINTS * lanes)
}

/// Computes the tag. Inputs must already be validated (lengths, m >= 8p, t, p >= 1).
pub fn hash(inputs: &Inputs<'_>, kernel: Kernel) -> Result<Zeroizing<Vec<u8>>> {
    let memory = WorkMemory::new(memory_blocks(inputs.m_cost, inputs.lanes) as usize, inputs.t_cost)?;
    hash_in(inputs, kernel, memory)
}

/// `hash` in the given working memory (of `memory_blocks` blocks).
fn hash_in(inputs: &Inputs<'_>, kernel: Kernel, mut memory: WorkMemory) -> Result<Zeroizing<Vec<u8>>> {
    let memory_blocks = memory_blocks(inputs.m_cost, inputs.lanes);
    let lane_len = memory_blocks / inputs.lanes;
    let geometry = Geometry {
        lanes: inputs.lanes,
        lane_len,
        segment_len: lane_len / SYNC_POINTS,
        memory_blocks,
        passes: inputs.t_cost,
        version: inputs.version,
        algorithm: inputs.algorithm,
    };
    let h0 = initial_hash(inputs);
    {
        let blocks = memory.as_mut_slice();
        let mut bytes = Zeroizing::new([[0u8; 1024]; 2]);
        for lane in 0..inputs.lanes {
            // B[lane][0] and B[lane][1]: two H' chains, computed side by side.
            let lane_word = lane.to_le_bytes();
            let [first, second] = &mut *bytes;
            hash_long_pair(
                [&[&h0[..], &0u32.to_le_bytes(), &lane_word], &[&h0[..], &1u32.to_le_bytes(), &lane_word]],
                [&mut first[..], &mut second[..]],
            );
            blocks[(lane * lane_len) as usize] = Block::from_bytes(first);
            blocks[(lane * lane_len + 1) as usize] = Block::from_bytes(second);
        }
    }
    fill_memory(&mut memory, geometry, kernel);

    let blocks = memory.as_mut_slice();
    let mut last = Zeroizing::new(blocks[lane_len as usize - 1]);
    for lane in 1..inputs.lanes {
        last.xor_with(&blocks[((lane + 1) * lane_len - 1) as usize]);
    }
    let mut bytes = Zeroizing::new([0u8; 1024]);
    last.to_bytes(&mut bytes);
    let mut tag = fallible::zeroed_bytes(inputs.hash_len as usize)?;
    hash_long(&[&bytes[..]], &mut tag);
    Ok(tag)
}

/// H0 = BLAKE2b-512(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X).
fn initial_hash(inputs: &Inputs<'_>) -> Zeroizing<[u8; 64]> {
    let mut hash = Blake2b::new(64);
    let (version, algorithm) = (inputs.version_word, inputs.algorithm.number());
    for word in [inputs.lanes, inputs.hash_len, inputs.m_cost, inputs.t_cost, version, algorithm] {
        hash.update(&word.to_le_bytes());
    }
    for field in [inputs.pwd, inputs.salt, inputs.secret, inputs.ad] {
        hash.update(&(field.len() as u32).to_le_bytes()).update(field);
    }
    let mut h0 = Zeroizing::new([0u8; 64]);
    hash.finalize(&mut h0[..]);
    h0
}

fn thread_count(geometry: Geometry) -> u32 {
    if geometry.lanes == 1 || geometry.memory_blocks < MIN_BLOCKS_FOR_THREADS {
        return 1;
    }
    let cap = crate::resources::thread_cap();
    #[cfg(test)]
    if let Some(wanted) = tests::WANTED_THREADS.get() {
        return wanted;
    }
    geometry.lanes.min(usable_cpus()).min(cap).max(1)
}

/// The CPUs this thread may run on, read without allocating (std's
/// `available_parallelism` reads cgroup files into allocated strings, which aborts when
/// the allocator fails). A CPU quota in a container is not seen: cap the threads with
/// `lh_argon2_set_max_threads` there.
pub(super) fn usable_cpus() -> u32 {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: an all-zero cpu_set_t is the empty set.
        let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
        // SAFETY: the set is writable and its size is passed.
        if unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } == 0 {
            // SAFETY: a set the kernel has just filled.
            let count = unsafe { libc::CPU_COUNT(&set) };
            if count > 0 {
                return count as u32;
            }
        }
    }
    #[cfg(unix)]
    {
        // SAFETY: sysconf has no preconditions.
        let online = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
        u32::try_from(online).unwrap_or(1).max(1)
    }
    #[cfg(not(unix))]
    1
}

/// The usable CPUs that the other hashes running leave to this one (see
/// `resources::cpus_left_by_others`; `in_use` counts this hash's memory too).
pub(super) fn cpus_left_to_this_hash(in_use: usize) -> usize {
    crate::resources::cpus_left_by_others(usize::try_from(usable_cpus()).unwrap_or(1), in_use)
}

/// Fills the memory, lanes spread over up to `thread_count` threads: as many as start
/// (down to the calling thread alone), each taking every `count`-th lane of each slice.
/// Lanes within a slice are independent, so the tag is the same for any thread count.
fn fill_memory(memory: &mut WorkMemory, geometry: Geometry, kernel: Kernel) {
    let wanted = thread_count(geometry);
    let blocks = memory.shared();
    if wanted == 1 {
        if populate_on_a_spare_cpu(geometry, &blocks) {
            // One thread fills, the other (if it starts) faults the pages in ahead of it.
            let ahead = PopulateAhead::new(&blocks);
            workers::run(2, &|index: usize, _count: usize| {
                if index == 0 {
                    fill_on_this_thread(&blocks, geometry, kernel, Some(&ahead));
                } else {
                    ahead.claim_all();
                }
            });
        } else {
            fill_on_this_thread(&blocks, geometry, kernel, None);
        }
        return;
    }
    let barrier = SliceBarrier::new();
    workers::run(wanted as usize, &|index: usize, count: usize| {
        let _poison_on_panic = PoisonOnPanic(&barrier);
        for pass in 0..geometry.passes {
            for slice in 0..SYNC_POINTS {
                fill_lanes_in_turn(
                    &blocks,
                    geometry,
                    kernel,
                    pass,
                    slice,
                    (index as u32..geometry.lanes).step_by(count),
                );
                if !barrier.wait(count) {
                    return;
                }
            }
        }
    });
}

/// Fills the segments of `lanes` (all in slice `slice` of pass `pass`) on this thread,
/// two at a time, one block of each in turn: while one lane's next reference is on its
/// way from memory, the core computes the other lane's G, where filling one segment
/// after the other leaves it waiting for every fetch. Against one after the other
/// (`bench ab`, medians of per-process ratios, 2 vCPUs so two threads): P1 (4 lanes)
/// 0.837, 64 MiB t = 3 with 8 lanes 0.801, 19 MiB t = 2 with 4 lanes 0.879, P6 0.933.
/// Four in turn took 1.033 of two's time with 8 lanes: one core keeps about one block's
/// 16 lines in flight, so a third lane's fetch only waits in line. A lane left alone
/// (every lane of a one-lane hash) runs the plain one-segment loop: a loop over an
/// array of segments had cost a one-lane hash about 32 instructions per block.
fn fill_lanes_in_turn(
    blocks: &SharedBlocks<'_>,
    g: Geometry,
    kernel: Kernel,
    pass: u32,
    slice: u32,
    mut lanes: impl Iterator<Item = u32>,
) {
    while let Some(lane) = lanes.next() {
        let mut first = SegmentFill::new(blocks, g, kernel, pass, slice, lane, None);
        match lanes.next() {
            None => while first.fill_next() {},
            Some(lane) => {
                let mut second = SegmentFill::new(blocks, g, kernel, pass, slice, lane, None);
                // `|`, not `||`: one block of each per round, until both are filled.
                while first.fill_next() | second.fill_next() {}
            }
        }
    }
}

/// Whether a one-thread fill gets a helper that faults its fresh mapping in ahead of it
/// (src/engine/populate.rs): only a fresh mapping has pages to fault, and only a spare
/// CPU that the thread cap allows makes it cost nothing: one that neither this hash's
/// lanes nor the other hashes running keep busy.
fn populate_on_a_spare_cpu(geometry: Geometry, blocks: &SharedBlocks<'_>) -> bool {
    blocks.is_fresh()
        && geometry.memory_blocks >= populate::MIN_BLOCKS
        && crate::resources::thread_cap() > geometry.lanes
        // Asked last: a system call, and the rest usually decides.
        && cpus_left_to_this_hash(crate::resources::work_memories_in_use()) > geometry.lanes as usize
}

/// Fills every lane on the calling thread: in turn (`fill_lanes_in_turn`), except with a
/// populating helper, which faults a fresh mapping in the order one lane fills it.
fn fill_on_this_thread(blocks: &SharedBlocks<'_>, geometry: Geometry, kernel: Kernel, ahead: Option<&PopulateAhead>) {
    for pass in 0..geometry.passes {
        for slice in 0..SYNC_POINTS {
            if ahead.is_some() {
                for lane in 0..geometry.lanes {
                    fill_segment(blocks, geometry, kernel, pass, slice, lane, ahead);
                }
            } else {
                fill_lanes_in_turn(blocks, geometry, kernel, pass, slice, 0..geometry.lanes);
            }
        }
    }
}

/// Blocks ahead whose reference block a data-independent segment fetches: the addresses
/// are known a whole address block (128 indices) at a time, and one block of G is shorter
/// than a fetch from DRAM, so fetching only the next one still waits.
const PREFETCH_AHEAD: u32 = 2;

/// How far ahead of the block being written the fill asks for the one it will write
/// next but one: the first pass (and version 1.0) must own each line before storing to
/// it, and a later pass XORs into the old contents, while the hardware prefetcher
/// follows the in-order writes only within a 4 KiB page, four blocks. Against not
/// asking, with `bench ab` (medians of per-process ratios, both load orders): later
/// passes only, P2 and P3 0.97-0.98; every pass, P6 0.93-0.97, P2 0.94-0.97, P3 0.98,
/// P1 0.98, P4 0.99 beyond that. One block ahead was no better (later passes), three and
/// four the same as two (every pass).
const OUT_BLOCK_AHEAD: u32 = 2;

/// Memories smaller than this stay in the per-core cache, where asking is only
/// instructions: C1 (256 KiB) took 1.015 of the time with it.
const OUT_BLOCK_REQUEST_FROM_BLOCKS: u32 = 4096;

/// Fills one segment: lane `lane`, slice `slice` of pass `pass`. `ahead`: the chunks of
/// a fresh mapping that a helper faults in (None: the segment asks for its own pages).
fn fill_segment(
    blocks: &SharedBlocks<'_>,
    g: Geometry,
    kernel: Kernel,
    pass: u32,
    slice: u32,
    lane: u32,
    ahead: Option<&PopulateAhead<'_, '_>>,
) {
    let mut segment = SegmentFill::new(blocks, g, kernel, pass, slice, lane, ahead);
    while segment.fill_next() {}
}

/// One segment's fill, one block per `fill_next`, so that a thread can take the
/// segments of several lanes in turn.
struct SegmentFill<'s, 'b> {
    blocks: &'s SharedBlocks<'b>,
    g: Geometry,
    kernel: Kernel,
    slice: u32,
    data_independent: bool,
    window: ReferenceWindow,
    /// The data-independent address generator's input block and its latest output.
    address_input: Block,
    addresses: Block,
    lane_base: usize,
    ahead: Option<&'s PopulateAhead<'s, 'b>>,
    xor_into: bool,
    request_out_blocks: bool,
    /// The next block's reference, when G has already reported it (data-dependent only).
    next_reference: Option<usize>,
    /// The segment's first block to fill (2 in the very first segment) and the next one.
    start: u32,
    index: u32,
}

impl<'s, 'b> SegmentFill<'s, 'b> {
    fn new(
        blocks: &'s SharedBlocks<'b>,
        g: Geometry,
        kernel: Kernel,
        pass: u32,
        slice: u32,
        lane: u32,
        ahead: Option<&'s PopulateAhead<'s, 'b>>,
    ) -> Self {
        let data_independent = match g.algorithm {
            Algorithm::D => false,
            Algorithm::I => true,
            Algorithm::Id => pass == 0 && slice < SYNC_POINTS / 2,
        };
        let start = if pass == 0 && slice == 0 { 2 } else { 0 };
        let mut address_input = Block::ZERO;
        if data_independent {
            address_input.0[..6].copy_from_slice(&[
                u64::from(pass),
                u64::from(lane),
                u64::from(slice),
                u64::from(g.memory_blocks),
                u64::from(g.passes),
                u64::from(g.algorithm.number()),
            ]);
        }
        let lane_base = (lane * g.lane_len) as usize;
        // Pass 0 writes this segment for the first time: its pages in one request, or
        // chunk by chunk as the helper has not yet asked for them.
        let ahead = if pass == 0 { ahead } else { None };
        if pass == 0 && ahead.is_none() {
            blocks.populate(lane_base + (slice * g.segment_len) as usize, g.segment_len as usize);
        }
        Self {
            blocks,
            g,
            kernel,
            slice,
            data_independent,
            window: ReferenceWindow::new(g, pass, slice, lane),
            address_input,
            addresses: Block::ZERO,
            lane_base,
            ahead,
            // Every version but 1.0 XORs into the old block (the reference's rule, which
            // compat/libargon2 relies on for version words other than 0x10 and 0x13).
            xor_into: g.version == Version::V13 && pass > 0,
            request_out_blocks: g.memory_blocks >= OUT_BLOCK_REQUEST_FROM_BLOCKS,
            next_reference: None,
            start,
            index: start,
        }
    }

    /// Fills the segment's next block; false (and nothing done) once all are filled.
    #[inline(always)]
    fn fill_next(&mut self) -> bool {
        let (g, index, blocks, lane_base) = (self.g, self.index, self.blocks, self.lane_base);
        if index >= g.segment_len {
            return false;
        }
        self.index += 1;
        let current = self.slice * g.segment_len + index;
        let previous = if current == 0 { g.lane_len - 1 } else { current - 1 };
        let ref_block = if self.data_independent {
            let fresh = index % WORDS as u32 == 0 || index == self.start;
            if fresh {
                self.address_input.0[6] += 1;
                let mut once = Block::ZERO;
                self.kernel.compress(&mut once, &Block::ZERO, &self.address_input, false);
                self.kernel.compress(&mut self.addresses, &Block::ZERO, &once, false);
            }
            // Every address of this address block is known: keep PREFETCH_AHEAD blocks'
            // references on their way (all of them when the address block is new).
            let first_ahead = if fresh { index + 1 } else { index + PREFETCH_AHEAD };
            let chunk_end = (index / WORDS as u32 + 1) * WORDS as u32;
            for ahead in first_ahead..(index + PREFETCH_AHEAD + 1).min(chunk_end).min(g.segment_len) {
                blocks.prefetch(self.window.block(ahead, self.addresses.0[ahead as usize % WORDS]));
            }
            self.window.block(index, self.addresses.0[index as usize % WORDS])
        } else if let Some(known) = self.next_reference.take() {
            known
        } else {
            // SAFETY: the previous block is in this lane, written by this thread
            // earlier (or in an earlier slice); nobody writes it now.
            let pseudo_random = unsafe { blocks.get(lane_base + previous as usize) }.0[0];
            self.window.block(index, pseudo_random)
        };
        let next = index + 1;
        let out_block = lane_base + current as usize;
        if let Some(ahead) = self.ahead {
            if index == self.start || out_block % populate::CHUNK_BLOCKS == 0 {
                ahead.claim_until(out_block + populate::CHUNK_BLOCKS);
            }
        }
        // Holds by construction (the reference window ends two blocks before the
        // current one); checked anyway because the references below rely on it.
        assert!(ref_block != out_block && previous != current, "reference window includes the current block");
        // `out_block` is in this lane's current segment, which only this thread touches
        // during the slice; `previous` and `ref_block` differ from it (the reference
        // window excludes the current block) and are either in this lane or in another
        // lane outside the current slice, which no thread writes until the barrier.
        // SAFETY: see above and `SharedBlocks`.
        let (out, prev, reference) =
            unsafe { (blocks.get_mut(out_block), blocks.get(lane_base + previous as usize), blocks.get(ref_block)) };
        // The block after next is on its way by the time it is written (`OUT_BLOCK_AHEAD`).
        if self.request_out_blocks && index + OUT_BLOCK_AHEAD < g.segment_len {
            blocks.prefetch(out_block + OUT_BLOCK_AHEAD as usize);
        }
        // Data-dependent: the next reference comes from this block's first word, which G
        // knows before it has finished; fetching it then overlaps the cache miss with the
        // rest of G, and the next call reuses the index.
        let fetch_next = !self.data_independent && next < g.segment_len;
        let (window, next_reference) = (self.window, &mut self.next_reference);
        self.kernel.compress_then(out, prev, reference, self.xor_into, |first_word: u64| {
            if fetch_next {
                let next_block = window.block(next, first_word);
                blocks.prefetch(next_block);
                *next_reference = Some(next_block);
            }
        });
        true
    }
}

impl Drop for SegmentFill<'_, '_> {
    fn drop(&mut self) {
        self.address_input.zeroize();
        self.addresses.zeroize();
    }
}

/// Where one segment's blocks take their references from (RFC 9106 §3.4.1.1–3.4.1.2),
/// with everything that is fixed for the segment worked out once: the per-block part is
/// on the critical path from G's first word to the next fetch, so it has no division
/// when there is one lane.
#[derive(Clone, Copy)]
struct ReferenceWindow {
    lane: u32,
    lanes: u32,
    lane_len: u32,
    /// Whether every reference is in this lane (one lane, or the first slice of pass 0).
    own_lane_only: bool,
    /// Blocks of the finished slices a reference may take (the window without the
    /// current segment's blocks).
    finished: u32,
    /// Where the window starts in the lane.
    window_start: u32,
}

impl ReferenceWindow {
    fn new(g: Geometry, pass: u32, slice: u32, lane: u32) -> Self {
        Self {
            lane,
            lanes: g.lanes,
            lane_len: g.lane_len,
            own_lane_only: g.lanes == 1 || (pass == 0 && slice == 0),
            finished: if pass == 0 { slice * g.segment_len } else { g.lane_len - g.segment_len },
            window_start: if pass == 0 || slice == SYNC_POINTS - 1 { 0 } else { (slice + 1) * g.segment_len },
        }
    }

    /// The reference block (index into the whole memory) for block `index` of the
    /// segment, from its pseudo-random word.
    #[inline(always)]
    fn block(&self, index: u32, pseudo_random: u64) -> usize {
        let ref_lane = if self.own_lane_only { self.lane } else { (pseudo_random >> 32) as u32 % self.lanes };
        // The window: every finished block of the reference lane, and in this lane also
        // the current segment's blocks before the previous one.
        let area =
            if ref_lane == self.lane { self.finished + index - 1 } else { self.finished - u32::from(index == 0) };
        let j1 = u64::from(pseudo_random as u32);
        let x = (j1 * j1) >> 32;
        let y = (u64::from(area) * x) >> 32;
        let relative = area - 1 - y as u32;
        // window_start + relative < 2 * lane_len: one conditional subtraction is the modulo.
        let mut ref_index = self.window_start + relative;
        if ref_index >= self.lane_len {
            ref_index -= self.lane_len;
        }
        (ref_lane * self.lane_len + ref_index) as usize
    }
}

/// A barrier for the slice boundaries that a panicking thread can open, so the others
/// stop instead of waiting forever (the panic then reaches the C boundary's guard).
struct SliceBarrier {
    state: Mutex<BarrierState>,
    turned: Condvar,
}

struct BarrierState {
    arrived: usize,
    generation: u64,
    poisoned: bool,
}

impl SliceBarrier {
    fn new() -> Self {
        Self { state: Mutex::new(BarrierState { arrived: 0, generation: 0, poisoned: false }), turned: Condvar::new() }
    }

    /// Waits for all `threads` participants (every caller passes the same number);
    /// false when poisoned (stop working).
    fn wait(&self, threads: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.poisoned {
            return false;
        }
        state.arrived += 1;
        if state.arrived == threads {
            state.arrived = 0;
            state.generation += 1;
            self.turned.notify_all();
            return true;
        }
        let generation = state.generation;
        while state.generation == generation && !state.poisoned {
            state = self.turned.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.poisoned
    }

    fn poison(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).poisoned = true;
        self.turned.notify_all();
    }
}

struct PoisonOnPanic<'a>(&'a SliceBarrier);

impl Drop for PoisonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.poison();
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::engine::workers::tests::HELPER_LIMIT;

    thread_local! {
        /// Threads a hash on this thread asks for, beyond what the CPUs would give.
        pub(crate) static WANTED_THREADS: Cell<Option<u32>> = const { Cell::new(None) };
    }

    /// A one-lane fill over a fresh mapping, with the helper that faults its pages in
    /// ahead and with that helper refused, gives the tag of a fill over kept memory.
    #[test]
    fn a_populating_helper_does_not_change_the_tag() {
        let inputs = Inputs {
            pwd: b"password",
            salt: b"somesaltsomesalt",
            secret: b"",
            ad: b"",
            hash_len: 32,
            m_cost: 12 * 1024 + 7, // not a whole number of chunks or segments
            t_cost: 2,
            lanes: 1,
            version: Version::V13,
            version_word: 0x13,
            algorithm: Algorithm::Id,
        };
        let kernel = Kernel::detect();
        let fill = |fresh: bool| {
            let mut memory = WorkMemory::new(memory_blocks(inputs.m_cost, 1) as usize, inputs.t_cost).unwrap();
            memory.set_fresh_for_tests(fresh);
            hash_in(&inputs, kernel, memory).unwrap()
        };
        let kept = fill(false);
        let helper_runs = || populate::tests::HELPER_RUNS.load(std::sync::atomic::Ordering::Relaxed);
        // A helper that starts after the fill has claimed every chunk does nothing, and
        // none starts while other tests' hashes keep every CPU busy: the attempts go on
        // until one has helped.
        let runs = helper_runs();
        for _ in 0..200 {
            assert_eq!(*fill(true), *kept, "with the helper");
            if helper_runs() > runs {
                break;
            }
        }
        assert!(usable_cpus() == 1 || helper_runs() > runs, "no helper claimed a chunk in 200 fills");
        HELPER_LIMIT.set(0);
        assert_eq!(*fill(true), *kept, "helper refused: the fill claims every chunk itself");
        HELPER_LIMIT.set(usize::MAX);
    }

    /// With as many other hashes running as there are CPUs, a fresh one-lane mapping gets
    /// no populating helper (other tests running at once only take more CPUs).
    #[test]
    fn no_populating_helper_while_other_hashes_keep_every_cpu_busy() {
        let memory_blocks = memory_blocks(populate::MIN_BLOCKS, 1);
        let geometry = Geometry {
            lanes: 1,
            lane_len: memory_blocks,
            segment_len: memory_blocks / SYNC_POINTS,
            memory_blocks,
            passes: 1,
            version: Version::V13,
            algorithm: Algorithm::Id,
        };
        let mut memory = WorkMemory::new(memory_blocks as usize, 1).unwrap();
        memory.set_fresh_for_tests(true);
        let others: Vec<_> = (0..usable_cpus()).map(|_| crate::resources::InUse::count()).collect();
        assert!(!populate_on_a_spare_cpu(geometry, &memory.shared()));
        drop(others);
    }

    /// Any number of threads, and any number of them refused, gives the same tag: lanes
    /// within a slice are independent.
    #[test]
    fn the_tag_does_not_depend_on_how_many_threads_start() {
        let inputs = Inputs {
            pwd: b"password",
            salt: b"somesaltsomesalt",
            secret: b"",
            ad: b"",
            hash_len: 32,
            m_cost: 2048,
            t_cost: 2,
            lanes: 8,
            version: Version::V13,
            version_word: 0x13,
            algorithm: Algorithm::Id,
        };
        let kernel = Kernel::detect();
        WANTED_THREADS.set(Some(1));
        let reference = hash(&inputs, kernel).unwrap();
        for wanted in [2u32, 3, 5, 8] {
            WANTED_THREADS.set(Some(wanted));
            for started in 0..wanted as usize {
                HELPER_LIMIT.set(started);
                assert_eq!(*hash(&inputs, kernel).unwrap(), *reference, "{wanted} wanted, {started} helpers started");
            }
        }
        HELPER_LIMIT.set(usize::MAX);
        WANTED_THREADS.set(None);
    }
}
