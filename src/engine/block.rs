//! The 1 KiB Argon2 block and its compression function G (RFC 9106 §3.5), with a
//! portable implementation and a run-time choice of the AVX2 one.

use zeroize::Zeroize;

use super::simd_avx2::Avx2;
use super::simd_avx512::Avx512;

/// Words (u64) in a block.
pub(crate) const WORDS: usize = 128;

/// One Argon2 block: 128 little-endian 64-bit words, cache-line aligned.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
pub struct Block(pub [u64; WORDS]);

impl Block {
    /// The all-zero block.
    pub const ZERO: Block = Block([0; WORDS]);

    /// The block whose little-endian encoding is `bytes`.
    pub fn from_bytes(bytes: &[u8; 1024]) -> Self {
        let mut block = Block::ZERO;
        for (word, chunk) in block.0.iter_mut().zip(bytes.chunks_exact(8)) {
            *word = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        }
        block
    }

    /// Writes the little-endian encoding of the block to `out`.
    pub fn to_bytes(self, out: &mut [u8; 1024]) {
        for (chunk, word) in out.chunks_exact_mut(8).zip(self.0.iter()) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
    }

    /// `self ^= other`.
    pub fn xor_with(&mut self, other: &Block) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a ^= b;
        }
    }
}

impl Zeroize for Block {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

/// Which implementation of G runs; chosen once per hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// Plain Rust, correct on every target.
    Portable,
    /// AVX2 intrinsics; only constructible where the CPU has AVX2.
    Avx2(Avx2),
    /// AVX-512 intrinsics; only constructible where the CPU has AVX-512F and BW.
    Avx512(Avx512),
}

impl Kernel {
    /// The fastest kernel this CPU supports.
    pub fn detect() -> Kernel {
        if let Some(token) = Avx512::detect() {
            Kernel::Avx512(token)
        } else if let Some(token) = Avx2::detect() {
            Kernel::Avx2(token)
        } else {
            Kernel::Portable
        }
    }

    /// Every kernel this CPU supports, fastest first (the differential tests run each).
    pub fn available() -> Vec<Kernel> {
        let mut kernels = Vec::new();
        kernels.extend(Avx512::detect().map(Kernel::Avx512));
        kernels.extend(Avx2::detect().map(Kernel::Avx2));
        kernels.push(Kernel::Portable);
        kernels
    }

    /// G: `out = P(x ^ y) ^ x ^ y`, or with `xor_into`, `out ^= P(x ^ y) ^ x ^ y`
    /// (version 1.3 from the second pass on).
    #[inline(always)]
    pub fn compress(self, out: &mut Block, x: &Block, y: &Block, xor_into: bool) {
        self.compress_then(out, x, y, xor_into, |_| {});
    }

    /// G, calling `first_word(out[0])` as soon as the SIMD kernels know that word,
    /// before the rest of the block is done. Data-dependent addressing takes the next
    /// reference block from it, so the caller can start fetching that block from memory
    /// while G finishes.
    #[inline(always)]
    pub fn compress_then(self, out: &mut Block, x: &Block, y: &Block, xor_into: bool, first_word: impl FnOnce(u64)) {
        match self {
            Kernel::Portable => {
                compress_portable(out, x, y, xor_into);
                first_word(out.0[0]);
            }
            Kernel::Avx2(token) => token.compress(out, x, y, xor_into, first_word),
            Kernel::Avx512(token) => token.compress(out, x, y, xor_into, first_word),
        }
    }
}

/// BlaMka's multiply-add: `a + b + 2 * lo32(a) * lo32(b)` (mod 2^64).
#[inline(always)]
fn bla_mka(a: u64, b: u64) -> u64 {
    let product = (a & 0xffff_ffff).wrapping_mul(b & 0xffff_ffff);
    a.wrapping_add(b).wrapping_add(product.wrapping_mul(2))
}

#[inline(always)]
fn gb(v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize) {
    v[a] = bla_mka(v[a], v[b]);
    v[d] = (v[d] ^ v[a]).rotate_right(32);
    v[c] = bla_mka(v[c], v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(24);
    v[a] = bla_mka(v[a], v[b]);
    v[d] = (v[d] ^ v[a]).rotate_right(16);
    v[c] = bla_mka(v[c], v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(63);
}

/// The permutation P on sixteen words (eight 16-byte registers).
#[inline(always)]
fn permute(v: &mut [u64; 16]) {
    gb(v, 0, 4, 8, 12);
    gb(v, 1, 5, 9, 13);
    gb(v, 2, 6, 10, 14);
    gb(v, 3, 7, 11, 15);
    gb(v, 0, 5, 10, 15);
    gb(v, 1, 6, 11, 12);
    gb(v, 2, 7, 8, 13);
    gb(v, 3, 4, 9, 14);
}

fn compress_portable(out: &mut Block, x: &Block, y: &Block, xor_into: bool) {
    let mut r = *x;
    r.xor_with(y);
    let mut q = r;
    // Rows: register row i is words 16i..16i+16.
    for row in q.0.chunks_exact_mut(16) {
        let v: &mut [u64; 16] = row.try_into().expect("16-word row");
        permute(v);
    }
    // Columns: register column j is words (16i + 2j, 16i + 2j + 1) for rows i = 0..8.
    for j in 0..8 {
        let mut v = [0u64; 16];
        for i in 0..8 {
            v[2 * i] = q.0[16 * i + 2 * j];
            v[2 * i + 1] = q.0[16 * i + 2 * j + 1];
        }
        permute(&mut v);
        for i in 0..8 {
            q.0[16 * i + 2 * j] = v[2 * i];
            q.0[16 * i + 2 * j + 1] = v[2 * i + 1];
        }
    }
    if xor_into {
        out.xor_with(&q);
        out.xor_with(&r);
    } else {
        *out = q;
        out.xor_with(&r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pseudo_random_block(seed: u64) -> Block {
        let mut state = seed;
        let mut block = Block::ZERO;
        for word in block.0.iter_mut() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            *word = state ^ (state >> 29);
        }
        block
    }

    #[test]
    fn every_kernel_the_cpu_supports_is_available() {
        let kernels = Kernel::available();
        #[cfg(target_arch = "x86_64")]
        {
            let avx2 = std::arch::is_x86_feature_detected!("avx2");
            let avx512 =
                std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512bw");
            assert_eq!(kernels.iter().any(|k| matches!(k, Kernel::Avx2(_))), avx2);
            assert_eq!(kernels.iter().any(|k| matches!(k, Kernel::Avx512(_))), avx512 && cfg!(argon2rs_avx512));
        }
        assert_eq!(kernels.last(), Some(&Kernel::Portable));
        assert_eq!(kernels[0], Kernel::detect());
    }

    #[test]
    fn simd_kernels_match_portable_kernel() {
        for kernel in Kernel::available() {
            for seed in 0..200u64 {
                let (x, y, start) =
                    (pseudo_random_block(seed), pseudo_random_block(!seed), pseudo_random_block(seed << 7));
                for xor_into in [false, true] {
                    let (mut a, mut b) = (start, start);
                    Kernel::Portable.compress(&mut a, &x, &y, xor_into);
                    kernel.compress(&mut b, &x, &y, xor_into);
                    assert_eq!(a.0, b.0, "{kernel:?} seed {seed} xor {xor_into}");
                }
            }
        }
    }
}
