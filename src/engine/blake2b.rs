//! BLAKE2b (RFC 7693, unkeyed, 1..=64-byte output) from RustCrypto's `blake2` crate, and
//! Argon2's variable-length hash H' (RFC 9106 §3.3) on top of it. The incremental
//! wrapper feeds borrowed slices to the crate's block core, so H0, the first blocks of
//! each lane and the tag are computed without copying the password.

use blake2::digest::block_api::{UpdateCore, VariableOutputCore};
use blake2::digest::block_buffer::LazyBuffer;
use blake2::digest::consts::U128;
use blake2::Blake2bVarCore;
use zeroize::Zeroize;

/// An incremental BLAKE2b hash. The crate's core and buffer wipe themselves on drop
/// (its `zeroize` feature): they hold password-derived data.
pub struct Blake2b {
    core: Blake2bVarCore,
    buffer: LazyBuffer<U128>,
    out_len: usize,
}

impl Blake2b {
    /// A hash producing `out_len` bytes (1..=64).
    pub fn new(out_len: usize) -> Self {
        let core = Blake2bVarCore::new(out_len).expect("BLAKE2b output of 1..=64 bytes");
        Self { core, buffer: LazyBuffer::default(), out_len }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) -> &mut Self {
        let core = &mut self.core;
        self.buffer.digest_blocks(data, |blocks| core.update_blocks(blocks));
        self
    }

    /// Writes the `out_len`-byte digest to `out` (which must be that long).
    pub fn finalize(mut self, out: &mut [u8]) {
        let mut full = Default::default();
        self.core.finalize_variable_core(&mut self.buffer, &mut full);
        out.copy_from_slice(&full[..self.out_len]);
        full.as_mut_slice().zeroize();
    }
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
