//! Unkeyed BLAKE2b (RFC 7693) with an AVX2 compression function: the fast path for H0,
//! H' and the tag on CPUs with AVX2 (`blake2b.rs` chooses; RustCrypto's portable
//! `blake2` is the path elsewhere and the tests' oracle).
//!
//! Layout: the 16-word work vector v is four rows of four words, one `__m256i` each
//! (a = v0..v3, b = v4..v7, c = v8..v11, d = v12..v15). The column step runs the four G
//! of a round at once; rotating rows b, c, d by one, two and three lanes lines the
//! diagonals up as columns for the diagonal step, and rotating back restores them.

use zeroize::Zeroize;

use super::simd_avx2::Avx2;

/// BLAKE2b's block size in bytes.
const BLOCK: usize = 128;

/// The initialisation vector (RFC 7693 §2.6, the SHA-512 IV).
const IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// One block of input, aligned so that `State`'s drop can wipe it word by word.
#[repr(C, align(8))]
struct Buffer([u8; BLOCK]);

/// An incremental unkeyed BLAKE2b hash; needs AVX2 (the `Avx2` token proves it). The
/// chaining value and buffer hold password-derived data: wiped on drop.
pub struct State {
    avx2: Avx2,
    h: [u64; 8],
    /// Bytes compressed so far (t in RFC 7693), counting the final block at the end.
    t: u128,
    buf: Buffer,
    /// Bytes in `buf`; a full block stays buffered until more input shows it is not the last.
    buf_len: usize,
    out_len: usize,
}

impl State {
    /// A hash producing `out_len` bytes (1..=64).
    pub fn new(avx2: Avx2, out_len: usize) -> Self {
        assert!((1..=64).contains(&out_len), "BLAKE2b output of 1..=64 bytes");
        let mut h = IV;
        // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
        h[0] ^= 0x0101_0000 ^ out_len as u64;
        Self { avx2, h, t: 0, buf: Buffer([0; BLOCK]), buf_len: 0, out_len }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, mut data: &[u8]) {
        if self.buf_len > 0 {
            let room = BLOCK - self.buf_len;
            if data.len() <= room {
                self.buf.0[self.buf_len..self.buf_len + data.len()].copy_from_slice(data);
                self.buf_len += data.len();
                return;
            }
            let (head, tail) = data.split_at(room);
            self.buf.0[self.buf_len..].copy_from_slice(head);
            self.t += BLOCK as u128;
            compress(self.avx2, &mut self.h, &self.buf.0, self.t, false);
            self.buf_len = 0;
            data = tail;
        }
        while data.len() > BLOCK {
            let (block, tail) = data.split_at(BLOCK);
            self.t += BLOCK as u128;
            compress(self.avx2, &mut self.h, block.try_into().expect("one block"), self.t, false);
            data = tail;
        }
        self.buf.0[..data.len()].copy_from_slice(data);
        self.buf_len = data.len();
    }

    /// Writes the `out_len`-byte digest to `out` (which must be that long).
    pub fn finalize(mut self, out: &mut [u8]) {
        self.t += self.buf_len as u128;
        self.buf.0[self.buf_len..].fill(0);
        compress(self.avx2, &mut self.h, &self.buf.0, self.t, true);
        self.write_digest(out);
    }

    /// Writes the first `out_len` bytes of h to `out`, with no intermediate copy to wipe.
    fn write_digest(&self, out: &mut [u8]) {
        assert_eq!(out.len(), self.out_len, "BLAKE2b output length");
        let whole = out.len() / 8;
        // Whole words first: fixed-size copies (a variable-length one per word was a
        // memcpy call each).
        let mut chunks = out.chunks_exact_mut(8);
        for (chunk, word) in (&mut chunks).zip(self.h.iter()) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        let tail = chunks.into_remainder();
        if !tail.is_empty() {
            tail.copy_from_slice(&self.h[whole].to_le_bytes()[..tail.len()]);
        }
    }
}

/// BLAKE2b-512 of the 64 bytes in `v`, replacing them: H' chains about 30 of these per
/// block, so this is one compression without a `State` to move, and its fixed sizes
/// make every copy inline (a length known only at run time was two `memcpy` calls per
/// hash). The input's copy is in the state's buffer, wiped on drop.
pub fn rehash_64(avx2: Avx2, v: &mut [u8; 64]) {
    let mut state = State::new(avx2, 64);
    state.buf.0[..64].copy_from_slice(v);
    compress(avx2, &mut state.h, &state.buf.0, 64, true);
    state.write_digest(v);
}

/// `rehash_64` on two independent inputs at once. One compression is a chain of
/// dependent instructions; two interleaved chains fill each other's gaps (P5, whose
/// two first blocks are two such H' chains, went from 0.0145 to 0.011 ms per hash).
pub fn rehash_64_pair(avx2: Avx2, first: &mut [u8; 64], second: &mut [u8; 64]) {
    let mut states = [State::new(avx2, 64), State::new(avx2, 64)];
    states[0].buf.0[..64].copy_from_slice(first);
    states[1].buf.0[..64].copy_from_slice(second);
    let [s0, s1] = &mut states;
    compress_pair(avx2, [&mut s0.h, &mut s1.h], [&s0.buf.0, &s1.buf.0], 64, true);
    states[0].write_digest(first);
    states[1].write_digest(second);
}

/// F (RFC 7693 §3.2): compresses `block` into `h` with byte count `t` and the final flag.
#[inline(always)]
fn compress(avx2: Avx2, h: &mut [u64; 8], block: &[u8; BLOCK], t: u128, last: bool) {
    let _ = avx2;
    #[cfg(target_arch = "x86_64")]
    // SAFETY: an `Avx2` token exists only if `Avx2::detect` saw AVX2 on this CPU.
    unsafe {
        imp::compress(h, block, t, last)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (h, block, t, last);
        unreachable!("no Avx2 token on this architecture")
    }
}

/// F on two independent chaining values and blocks (see `imp::compress_pair`).
#[inline(always)]
fn compress_pair(avx2: Avx2, h: [&mut [u64; 8]; 2], block: [&[u8; BLOCK]; 2], t: u128, last: bool) {
    let _ = avx2;
    #[cfg(target_arch = "x86_64")]
    // SAFETY: an `Avx2` token exists only if `Avx2::detect` saw AVX2 on this CPU.
    unsafe {
        imp::compress_pair(h, block, t, last)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (h, block, t, last);
        unreachable!("no Avx2 token on this architecture")
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.h.zeroize();
        // 16 volatile word stores, where `zeroize` (or a volatile store of the byte array)
        // makes 128 single-byte ones: this drop runs about 70 times per small hash.
        // SAFETY: the pointer comes from a live `&mut` to the 128-byte buffer, which
        // `Buffer`'s alignment makes valid as 16 u64s.
        unsafe { std::ptr::write_volatile((&mut self.buf.0 as *mut [u8; BLOCK]).cast::<[u64; 16]>(), [0; 16]) };
        std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::x86_64::*;

    use super::super::simd_avx2::imp::Rotations;
    use super::{BLOCK, IV};

    /// The message schedule (RFC 7693 §2.7); rounds 10 and 11 repeat rounds 0 and 1.
    const SIGMA: [[usize; 16]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];

    /// Message word `i` of `block` (little-endian).
    #[inline(always)]
    fn word(block: &[u8; BLOCK], i: usize) -> i64 {
        i64::from_le_bytes(block[8 * i..8 * i + 8].try_into().expect("8 bytes"))
    }

    /// The four message words `block[s[k]], block[s[k + 2]], ...` for one half-round.
    #[inline(always)]
    unsafe fn load(block: &[u8; BLOCK], s: &[usize; 16], k: usize) -> __m256i {
        // SAFETY: AVX2 is enabled in the only caller (`compress` has the target feature).
        unsafe {
            _mm256_set_epi64x(word(block, s[k + 6]), word(block, s[k + 4]), word(block, s[k + 2]), word(block, s[k]))
        }
    }

    /// Four G functions side by side: on (a[i], b[i], c[i], d[i]) with message words
    /// x[i] then y[i].
    #[inline(always)]
    unsafe fn g(
        a: &mut __m256i,
        b: &mut __m256i,
        c: &mut __m256i,
        d: &mut __m256i,
        x: __m256i,
        y: __m256i,
        rot: Rotations,
    ) {
        // SAFETY: AVX2 is enabled in the only caller (`compress` has the target feature).
        unsafe {
            *a = _mm256_add_epi64(_mm256_add_epi64(*a, *b), x);
            // Right by 32: swap the two halves of each word.
            *d = _mm256_shuffle_epi32(_mm256_xor_si256(*d, *a), 0b10_11_00_01);
            *c = _mm256_add_epi64(*c, *d);
            *b = _mm256_shuffle_epi8(_mm256_xor_si256(*b, *c), rot.r24);
            *a = _mm256_add_epi64(_mm256_add_epi64(*a, *b), y);
            *d = _mm256_shuffle_epi8(_mm256_xor_si256(*d, *a), rot.r16);
            *c = _mm256_add_epi64(*c, *d);
            let t = _mm256_xor_si256(*b, *c);
            // Right by 63 = left by 1 (t + t) with the top bit brought round.
            *b = _mm256_or_si256(_mm256_srli_epi64(t, 63), _mm256_add_epi64(t, t));
        }
    }

    /// One round: the column step, then the diagonal step.
    #[inline(always)]
    unsafe fn round(
        a: &mut __m256i,
        b: &mut __m256i,
        c: &mut __m256i,
        d: &mut __m256i,
        block: &[u8; BLOCK],
        s: &[usize; 16],
        rot: Rotations,
    ) {
        // SAFETY: AVX2 is enabled in the only caller (`compress` has the target feature).
        unsafe {
            g(a, b, c, d, load(block, s, 0), load(block, s, 1), rot);
            // Lane i of b, c, d takes lane i+1, i+2, i+3: the diagonals become columns.
            *b = _mm256_permute4x64_epi64(*b, 0b00_11_10_01);
            *c = _mm256_permute4x64_epi64(*c, 0b01_00_11_10);
            *d = _mm256_permute4x64_epi64(*d, 0b10_01_00_11);
            g(a, b, c, d, load(block, s, 8), load(block, s, 9), rot);
            *b = _mm256_permute4x64_epi64(*b, 0b10_01_00_11);
            *c = _mm256_permute4x64_epi64(*c, 0b01_00_11_10);
            *d = _mm256_permute4x64_epi64(*d, 0b00_11_10_01);
        }
    }

    /// The work vector's four rows at the start of F: h, then the IV with the counter
    /// and the final flag folded into its last row.
    #[inline(always)]
    unsafe fn start(h: &[u64; 8], t: u128, last: bool) -> [__m256i; 4] {
        // SAFETY: AVX2 is enabled in every caller; unaligned 32-byte loads inside `h`
        // and `IV` (64 bytes each).
        unsafe {
            let counter = _mm256_set_epi64x(0, if last { -1 } else { 0 }, (t >> 64) as i64, t as i64);
            [
                _mm256_loadu_si256(h.as_ptr().cast()),
                _mm256_loadu_si256(h.as_ptr().add(4).cast()),
                _mm256_loadu_si256(IV.as_ptr().cast()),
                _mm256_xor_si256(_mm256_loadu_si256(IV.as_ptr().add(4).cast()), counter),
            ]
        }
    }

    /// h ^= the two halves of the work vector, at the end of F.
    #[inline(always)]
    unsafe fn finish(h: &mut [u64; 8], [a, b, c, d]: [__m256i; 4]) {
        // SAFETY: AVX2 is enabled in every caller; unaligned 32-byte loads and stores
        // inside `h` (64 bytes).
        unsafe {
            let h_lo = _mm256_loadu_si256(h.as_ptr().cast());
            let h_hi = _mm256_loadu_si256(h.as_ptr().add(4).cast());
            _mm256_storeu_si256(h.as_mut_ptr().cast(), _mm256_xor_si256(h_lo, _mm256_xor_si256(a, c)));
            _mm256_storeu_si256(h.as_mut_ptr().add(4).cast(), _mm256_xor_si256(h_hi, _mm256_xor_si256(b, d)));
        }
    }

    /// F (RFC 7693 §3.2) on chaining value `h` with `block`, byte counter `t` and the
    /// final-block flag `last`.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn compress(h: &mut [u64; 8], block: &[u8; BLOCK], t: u128, last: bool) {
        // SAFETY: AVX2 is present (the caller's contract).
        unsafe {
            let [mut a, mut b, mut c, mut d] = start(h, t, last);
            // Masks LLVM cannot see (see `Rotations`): with constant ones it rewrote each
            // 16-bit rotation as `vpshuflw`/`vpshufhw` pairs on both XOR operands.
            let rot = Rotations::new();
            // Spelled out, so every message index is a constant (a loop kept them in
            // memory, bounds-checked: 2.6 times the instructions).
            macro_rules! rounds {
                ($($r:literal)*) => { $(round(&mut a, &mut b, &mut c, &mut d, block, &SIGMA[$r % 10], rot);)* };
            }
            rounds!(0 1 2 3 4 5 6 7 8 9 10 11);
            finish(h, [a, b, c, d]);
        }
    }

    /// F on two chaining values and blocks with the same `t` and `last`, round by round
    /// in turn so that the CPU overlaps the two dependency chains.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn compress_pair(h: [&mut [u64; 8]; 2], block: [&[u8; BLOCK]; 2], t: u128, last: bool) {
        // SAFETY: AVX2 is present (the caller's contract).
        unsafe {
            let [h0, h1] = h;
            let [mut a0, mut b0, mut c0, mut d0] = start(h0, t, last);
            let [mut a1, mut b1, mut c1, mut d1] = start(h1, t, last);
            let rot = Rotations::new();
            macro_rules! rounds {
                ($($r:literal)*) => { $(
                    round(&mut a0, &mut b0, &mut c0, &mut d0, block[0], &SIGMA[$r % 10], rot);
                    round(&mut a1, &mut b1, &mut c1, &mut d1, block[1], &SIGMA[$r % 10], rot);
                )* };
            }
            rounds!(0 1 2 3 4 5 6 7 8 9 10 11);
            finish(h0, [a0, b0, c0, d0]);
            finish(h1, [a1, b1, c1, d1]);
        }
    }
}
