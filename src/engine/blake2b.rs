//! BLAKE2b (RFC 7693, unkeyed, 1..=64-byte output), and Argon2's variable-length hash
//! H' (RFC 9106 §3.3) on top of it. Where the CPU has AVX2 the hash is ours
//! (`blake2b_avx2`, about a third of the portable instructions per block); elsewhere it
//! is RustCrypto's portable `blake2` crate (also the tests' oracle). Both take borrowed
//! slices, so H0, the first blocks of each lane and the tag are computed without copying
//! the password.

use blake2::digest::block_api::{UpdateCore, VariableOutputCore};
use blake2::digest::block_buffer::LazyBuffer;
use blake2::digest::consts::U128;
use blake2::Blake2bVarCore;
use zeroize::{Zeroize, Zeroizing};

use super::blake2b_avx2;
use super::simd_avx2::Avx2;

/// An incremental BLAKE2b hash. Both states wipe themselves on drop (the crate's with
/// its `zeroize` feature): they hold password-derived data.
pub struct Blake2b(Inner);

enum Inner {
    Avx2(blake2b_avx2::State),
    Portable { core: Blake2bVarCore, buffer: LazyBuffer<U128>, out_len: usize },
}

/// The AVX2 token when the AVX2 hash should run (std caches the CPUID answer, so this
/// is a load and a test per hash).
fn avx2() -> Option<Avx2> {
    #[cfg(test)]
    if tests::PORTABLE_ONLY.with(std::cell::Cell::get) {
        return None;
    }
    Avx2::detect()
}

impl Blake2b {
    /// A hash producing `out_len` bytes (1..=64).
    pub fn new(out_len: usize) -> Self {
        match avx2() {
            Some(token) => Self(Inner::Avx2(blake2b_avx2::State::new(token, out_len))),
            None => Self::portable(out_len),
        }
    }

    /// The crate's portable hash, whatever the CPU.
    fn portable(out_len: usize) -> Self {
        let core = Blake2bVarCore::new(out_len).expect("BLAKE2b output of 1..=64 bytes");
        Self(Inner::Portable { core, buffer: LazyBuffer::default(), out_len })
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) -> &mut Self {
        match &mut self.0 {
            Inner::Avx2(state) => state.update(data),
            Inner::Portable { core, buffer, .. } => buffer.digest_blocks(data, |blocks| core.update_blocks(blocks)),
        }
        self
    }

    /// Writes the `out_len`-byte digest to `out` (which must be that long).
    pub fn finalize(self, out: &mut [u8]) {
        match self.0 {
            Inner::Avx2(state) => state.finalize(out),
            Inner::Portable { mut core, mut buffer, out_len } => {
                let mut full = Default::default();
                core.finalize_variable_core(&mut buffer, &mut full);
                out.copy_from_slice(&full[..out_len]);
                full.as_mut_slice().zeroize();
            }
        }
    }
}

/// Replaces the 64 bytes of `v` by their BLAKE2b-512 digest (one link of H').
fn rehash_64(v: &mut [u8; 64]) {
    match avx2() {
        Some(token) => blake2b_avx2::rehash_64(token, v),
        None => {
            let mut hash = Blake2b::portable(64);
            hash.update(v);
            hash.finalize(v);
        }
    }
}

/// `rehash_64` on two chains at once: interleaved on AVX2, one after the other elsewhere.
fn rehash_64_pair(first: &mut [u8; 64], second: &mut [u8; 64]) {
    match avx2() {
        Some(token) => blake2b_avx2::rehash_64_pair(token, first, second),
        None => {
            rehash_64(first);
            rehash_64(second);
        }
    }
}

/// H' of the concatenated `inputs` with an output of `out_len` bytes (over 64): its
/// first link, V1 = H^64(T || X).
fn first_link(inputs: &[&[u8]], out_len: usize) -> Zeroizing<[u8; 64]> {
    let mut v = Zeroizing::new([0u8; 64]);
    let mut hash = Blake2b::new(64);
    hash.update(&(out_len as u32).to_le_bytes());
    for input in inputs {
        hash.update(input);
    }
    hash.finalize(&mut v[..]);
    v
}

/// H' 's last link: the remaining 33..=64 output bytes, H^(T - 32r)(V_r).
fn last_link(v: &[u8; 64], rest: &mut [u8]) {
    let mut hash = Blake2b::new(rest.len());
    hash.update(v);
    hash.finalize(rest);
}

/// H'(out.len(), inputs concatenated): Argon2's variable-length hash. `out` may be any
/// length from 1 to 2^32 - 1 bytes.
pub fn hash_long(inputs: &[&[u8]], out: &mut [u8]) {
    if out.len() <= 64 {
        let mut hash = Blake2b::new(out.len());
        hash.update(&(out.len() as u32).to_le_bytes());
        for input in inputs {
            hash.update(input);
        }
        hash.finalize(out);
        return;
    }
    // V1 = H^64(T || X); each later V_i = H^64(V_{i-1}); the output is the first half
    // of V_1..V_r followed by all of V_{r+1} = H^(T - 32r)(V_r).
    let mut v = first_link(inputs, out.len());
    let mut rest = out;
    while rest.len() > 64 {
        let (head, tail) = rest.split_at_mut(32);
        head.copy_from_slice(&v[..32]);
        rest = tail;
        if rest.len() > 64 {
            rehash_64(&mut v);
        }
    }
    last_link(&v, rest);
}

/// `hash_long` of two inputs into two outputs of the same length (over 64 bytes), the
/// two chains of links computed side by side: a lane's first two blocks.
pub fn hash_long_pair(inputs: [&[&[u8]]; 2], [first, second]: [&mut [u8]; 2]) {
    assert!(first.len() == second.len() && first.len() > 64, "two H' outputs of one length over 64 bytes");
    let mut v = [first_link(inputs[0], first.len()), first_link(inputs[1], second.len())];
    let (mut rest, mut rest_second) = (first, second);
    while rest.len() > 64 {
        let (head, tail) = rest.split_at_mut(32);
        let (head_second, tail_second) = rest_second.split_at_mut(32);
        head.copy_from_slice(&v[0][..32]);
        head_second.copy_from_slice(&v[1][..32]);
        (rest, rest_second) = (tail, tail_second);
        if rest.len() > 64 {
            let [v0, v1] = &mut v;
            rehash_64_pair(v0, v1);
        }
    }
    last_link(&v[0], rest);
    last_link(&v[1], rest_second);
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        /// Set: `Blake2b::new` takes the portable crate path even where AVX2 is present.
        pub(super) static PORTABLE_ONLY: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `f` once with the CPU's choice of BLAKE2b and once with the portable one.
    fn both_paths(mut f: impl FnMut(&str)) {
        f("detected");
        PORTABLE_ONLY.with(|p| p.set(true));
        f("portable");
        PORTABLE_ONLY.with(|p| p.set(false));
    }

    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 131 + 7) as u8 ^ (i >> 8) as u8).collect()
    }

    fn portable_digest(out_len: usize, parts: &[&[u8]]) -> Vec<u8> {
        let mut hash = Blake2b::portable(out_len);
        for part in parts {
            hash.update(part);
        }
        let mut out = vec![0; out_len];
        hash.finalize(&mut out);
        out
    }

    #[test]
    fn blake2b_512_of_abc_matches_rfc7693() {
        both_paths(|path| {
            let mut out = [0u8; 64];
            let mut hash = Blake2b::new(64);
            hash.update(b"abc");
            hash.finalize(&mut out);
            // RFC 7693 Appendix A: BLAKE2b-512("abc").
            assert_eq!(out[..8], [0xba, 0x80, 0xa5, 0x3f, 0x98, 0x1c, 0x4d, 0x0d], "{path}");
            assert_eq!(out[56..], [0xb9, 0x23, 0x86, 0xed, 0xd4, 0x00, 0x99, 0x23], "{path}");
        });
    }

    #[test]
    fn avx2_blake2b_matches_the_crate_for_every_output_and_input_length() {
        let Some(token) = Avx2::detect() else { return };
        let input = data(300);
        for out_len in 1..=64 {
            for len in 0..=300 {
                let mut state = blake2b_avx2::State::new(token, out_len);
                state.update(&input[..len]);
                let mut out = vec![0; out_len];
                state.finalize(&mut out);
                assert_eq!(out, portable_digest(out_len, &[&input[..len]]), "out {out_len} in {len}");
            }
        }
    }

    #[test]
    fn avx2_blake2b_matches_the_crate_across_split_updates() {
        let Some(token) = Avx2::detect() else { return };
        let input = data(520);
        let cuts = [0, 1, 63, 127, 128, 129, 255, 256, 257, 384, 385, 511, 512, 513, 520];
        for len in [0, 1, 127, 128, 129, 256, 257, 384, 512, 513, 520] {
            let expected = portable_digest(64, &[&input[..len]]);
            for &a in cuts.iter().filter(|&&c| c <= len) {
                for &b in cuts.iter().filter(|&&c| c >= a && c <= len) {
                    let mut state = blake2b_avx2::State::new(token, 64);
                    state.update(&input[..a]);
                    state.update(&input[a..b]);
                    state.update(&[]);
                    state.update(&input[b..len]);
                    let mut out = vec![0; 64];
                    state.finalize(&mut out);
                    assert_eq!(out, expected, "len {len} cuts {a} {b}");
                }
            }
        }
    }

    #[test]
    fn hash_long_is_the_same_on_both_paths() {
        let input = data(1100);
        for out_len in (1..=130).chain([255, 256, 257, 1000, 1023, 1024, 1025, 4097]) {
            for in_len in [0, 72, 1024, 1100] {
                let mut outs = Vec::new();
                both_paths(|_| {
                    let mut out = vec![0; out_len];
                    hash_long(&[&input[..in_len / 2], &input[in_len / 2..in_len]], &mut out);
                    outs.push(out);
                });
                assert_eq!(outs[0], outs[1], "out {out_len} in {in_len}");
            }
        }
    }

    #[test]
    fn hash_long_pair_is_two_hash_longs_on_both_paths() {
        let input = data(1100);
        for out_len in [65, 95, 96, 97, 128, 129, 1000, 1024, 4097] {
            both_paths(|path| {
                let (a, b) = (&input[..72], &input[72..500]);
                let (mut first, mut second) = (vec![0; out_len], vec![0; out_len]);
                hash_long_pair([&[a], &[b, a]], [&mut first, &mut second]);
                let (mut expected_first, mut expected_second) = (vec![0; out_len], vec![0; out_len]);
                hash_long(&[a], &mut expected_first);
                hash_long(&[b, a], &mut expected_second);
                assert_eq!((first, second), (expected_first, expected_second), "{path} out {out_len}");
            });
        }
    }

    #[test]
    fn argon2id_matches_rfc9106_on_both_paths() {
        use crate::engine::{derive_with_kernel, Extras, Kernel};
        use crate::types::{Algorithm, Params, Version};
        let params = Params::new(Algorithm::Id.number(), Version::V13.number(), 32, 3, 4, 32).unwrap();
        let extras = Extras { secret: &[3; 8], ad: &[4; 12] };
        // RFC 9106 §5.3, the Argon2id test vector's tag.
        let expected = [
            0x0d, 0x64, 0x0d, 0xf5, 0x8d, 0x78, 0x76, 0x6c, 0x08, 0xc0, 0x37, 0xa3, 0x4a, 0x8b, 0x53, 0xc9, 0xd0, 0x1e,
            0xf0, 0x45, 0x2d, 0x75, 0xb6, 0x5e, 0xb5, 0x25, 0x20, 0xe9, 0x6b, 0x01, 0xe6, 0x59,
        ];
        both_paths(|path| {
            for kernel in Kernel::available() {
                let tag = derive_with_kernel(&params, &[1; 32], &[2; 16], extras, kernel).expect("derive");
                assert_eq!(tag[..], expected, "{path} {kernel:?}");
            }
        });
    }
}
