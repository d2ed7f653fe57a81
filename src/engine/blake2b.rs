//! BLAKE2b (RFC 7693, unkeyed, 1..=64-byte output) and Argon2's variable-length hash H'
//! (RFC 9106 §3.3). Written here so H0, the first blocks of each lane and the tag are
//! computed over borrowed slices without copies; the `argon2` crate cross-checks them
//! in the differential tests.

use zeroize::Zeroize;

const IV: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

const SIGMA: [[usize; 16]; 12] = [
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
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
];

/// An incremental BLAKE2b hash; its state and buffer are wiped on drop (they hold
/// password-derived data).
pub struct Blake2b {
    h: [u64; 8],
    buf: [u8; 128],
    buf_len: usize,
    counter: u128,
    out_len: usize,
}

impl Drop for Blake2b {
    fn drop(&mut self) {
        self.h.zeroize();
        self.buf.zeroize();
    }
}

impl Blake2b {
    /// A hash producing `out_len` bytes (1..=64).
    pub fn new(out_len: usize) -> Self {
        debug_assert!((1..=64).contains(&out_len));
        let mut h = IV;
        h[0] ^= 0x0101_0000 ^ out_len as u64;
        Self { h, buf: [0; 128], buf_len: 0, counter: 0, out_len }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, mut data: &[u8]) -> &mut Self {
        while !data.is_empty() {
            // The last block must be compressed with the final flag, so a full buffer
            // is only compressed once more input arrives.
            if self.buf_len == 128 {
                self.counter += 128;
                compress(&mut self.h, &self.buf, self.counter, false);
                self.buf_len = 0;
            }
            let take = (128 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
        }
        self
    }

    /// Writes the digest (`out.len()` must equal the output length).
    pub fn finalize(mut self, out: &mut [u8]) {
        debug_assert_eq!(out.len(), self.out_len);
        self.counter += self.buf_len as u128;
        self.buf[self.buf_len..].fill(0);
        let block = self.buf;
        compress(&mut self.h, &block, self.counter, true);
        let mut bytes = [0u8; 64];
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(self.h.iter()) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out.copy_from_slice(&bytes[..out.len()]);
        bytes.zeroize();
    }
}

fn compress(h: &mut [u64; 8], block: &[u8; 128], counter: u128, last: bool) {
    let mut m = [0u64; 16];
    for (word, chunk) in m.iter_mut().zip(block.chunks_exact(8)) {
        *word = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
    }
    let mut v = [0u64; 16];
    v[..8].copy_from_slice(h);
    v[8..].copy_from_slice(&IV);
    v[12] ^= counter as u64;
    v[13] ^= (counter >> 64) as u64;
    if last {
        v[14] = !v[14];
    }
    // Unrolled with constant round numbers, so every message index is a constant and
    // the state stays in registers.
    macro_rules! round {
        ($($r:literal)*) => {$(
            let s = &SIGMA[$r];
            mix(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            mix(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            mix(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            mix(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            mix(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            mix(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            mix(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            mix(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        )*};
    }
    round!(0 1 2 3 4 5 6 7 8 9 10 11);
    for i in 0..8 {
        h[i] ^= v[i] ^ v[i + 8];
    }
    m.zeroize();
    v.zeroize();
}

#[inline(always)]
fn mix(v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize, x: u64, y: u64) {
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
    v[d] = (v[d] ^ v[a]).rotate_right(32);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(24);
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
    v[d] = (v[d] ^ v[a]).rotate_right(16);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(63);
}

/// H'(out.len(), inputs concatenated): Argon2's variable-length hash. `out` may be any
/// length from 1 to 2^32 - 1 bytes.
pub fn hash_long(inputs: &[&[u8]], out: &mut [u8]) {
    let len_prefix = (out.len() as u32).to_le_bytes();
    if out.len() <= 64 {
        let mut hash = Blake2b::new(out.len());
        hash.update(&len_prefix);
        for input in inputs {
            hash.update(input);
        }
        hash.finalize(out);
        return;
    }
    // V1 = H^64(T || X); each later V_i = H^64(V_{i-1}); the output is the first half
    // of V_1..V_r followed by all of V_{r+1} = H^(T - 32r)(V_r).
    let mut v = [0u8; 64];
    let mut hash = Blake2b::new(64);
    hash.update(&len_prefix);
    for input in inputs {
        hash.update(input);
    }
    hash.finalize(&mut v);
    let mut rest = out;
    while rest.len() > 64 {
        let (head, tail) = rest.split_at_mut(32);
        head.copy_from_slice(&v[..32]);
        rest = tail;
        if rest.len() > 64 {
            let mut next = Blake2b::new(64);
            next.update(&v);
            next.finalize(&mut v);
        }
    }
    let mut last = Blake2b::new(rest.len());
    last.update(&v);
    last.finalize(rest);
    v.zeroize();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blake2b_512_of_abc_matches_rfc7693() {
        let mut out = [0u8; 64];
        let mut hash = Blake2b::new(64);
        hash.update(b"abc");
        hash.finalize(&mut out);
        assert_eq!(out[..8], [0xba, 0x80, 0xa5, 0x3f, 0x98, 0x1c, 0x4d, 0x0d]);
        assert_eq!(out[56..], [0xb9, 0x23, 0x86, 0xed, 0xd4, 0x00, 0x99, 0x23]);
    }

    #[test]
    fn blake2b_splits_input_across_blocks_consistently() {
        let data: Vec<u8> = (0..300u32).map(|i| i as u8).collect();
        let mut one = [0u8; 40];
        let mut h = Blake2b::new(40);
        h.update(&data);
        h.finalize(&mut one);
        for split in [0, 1, 127, 128, 129, 256, 300] {
            let mut two = [0u8; 40];
            let mut h = Blake2b::new(40);
            h.update(&data[..split]).update(&data[split..]);
            h.finalize(&mut two);
            assert_eq!(one, two, "split at {split}");
        }
    }
}
