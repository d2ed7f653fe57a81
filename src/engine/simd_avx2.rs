//! G with AVX2 intrinsics. The only code here is the compression function; every
//! `unsafe` block is either an intrinsic call (sound once AVX2 is known present) or an
//! unaligned load/store within one 1 KiB block.
//!
//! Layout: the block is 32 registers r[k] = words 4k..4k+4. A row of the 8x8 grid of
//! 16-byte registers is r[4i..4i+4], so the row step is the BLAKE2b round on four
//! registers. For the column step, r[k], r[k+4], ..., r[k+28] hold columns 2k (low
//! 128 bits) and 2k+1 (high 128 bits) side by side, so two columns are processed at
//! once and the diagonal step only needs in-lane `alignr` shuffles.

/// Proof that the CPU supports AVX2: constructed only by `detect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Avx2(());

impl Avx2 {
    /// `Some` when the CPU (as reported at run time) supports AVX2.
    pub fn detect() -> Option<Avx2> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return Some(Avx2(()));
        }
        None
    }

    /// Zeroes `blocks`, 32 bytes at a time: with volatile stores, or with `streaming`
    /// with non-temporal stores, which write whole cache lines without first reading
    /// them (for memory far larger than the cache), fenced before returning.
    pub fn wipe(self, blocks: &mut [super::block::Block], streaming: bool) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `self` exists only if `detect` saw AVX2 on this CPU.
        unsafe {
            if streaming {
                imp::wipe::<true>(blocks)
            } else {
                imp::wipe::<false>(blocks)
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (blocks, streaming);
            unreachable!("no Avx2 token on this architecture")
        }
    }

    /// G (see `Kernel::compress`).
    #[inline(always)]
    pub fn compress(
        self,
        out: &mut super::block::Block,
        x: &super::block::Block,
        y: &super::block::Block,
        xor_into: bool,
        first_word: impl FnOnce(u64),
    ) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `self` exists only if `detect` saw AVX2 on this CPU.
        unsafe {
            if xor_into {
                imp::compress::<true>(out, x, y, first_word)
            } else {
                imp::compress::<false>(out, x, y, first_word)
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (out, x, y, xor_into, first_word);
            unreachable!("no Avx2 token on this architecture")
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub(super) mod imp {
    use std::arch::x86_64::*;

    use super::super::block::Block;

    #[inline(always)]
    fn bla_mka(a: __m256i, b: __m256i) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller (`compress` has the target feature).
        unsafe {
            let product = _mm256_mul_epu32(a, b);
            _mm256_add_epi64(_mm256_add_epi64(a, b), _mm256_add_epi64(product, product))
        }
    }

    #[inline(always)]
    fn rotr32(x: __m256i) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller.
        unsafe { _mm256_shuffle_epi32(x, 0b10_11_00_01) }
    }

    /// The byte shuffles that rotate each word right by 24 and 16 bits. They are passed
    /// through `black_box` once per G (and per BLAKE2b compression in `blake2b_avx2.rs`),
    /// so LLVM sees an unknown mask and emits one `vpshufb` per rotation: with constant
    /// masks it turned many 16-bit rotations into pairs of `vpshuflw`/`vpshufhw` applied
    /// to both operands of the XOR before them (five instructions instead of two;
    /// callgrind counted about 70 extra per block).
    #[derive(Clone, Copy)]
    pub(in crate::engine) struct Rotations {
        /// Rotates each 64-bit word right by 24 bits.
        pub(in crate::engine) r24: __m256i,
        /// Rotates each 64-bit word right by 16 bits.
        pub(in crate::engine) r16: __m256i,
    }

    impl Rotations {
        /// # Safety
        /// AVX2 must be available.
        #[inline(always)]
        pub(in crate::engine) unsafe fn new() -> Self {
            const R24: [u8; 32] = [
                3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9,
                10,
            ];
            const R16: [u8; 32] = [
                2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15,
                8, 9,
            ];
            let (r24, r16) = std::hint::black_box((R24, R16));
            // SAFETY: unaligned loads of two local 32-byte arrays; AVX2 per the contract.
            unsafe {
                Self { r24: _mm256_loadu_si256(r24.as_ptr().cast()), r16: _mm256_loadu_si256(r16.as_ptr().cast()) }
            }
        }
    }

    #[inline(always)]
    fn rotr24(x: __m256i, rot: &Rotations) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller.
        unsafe { _mm256_shuffle_epi8(x, rot.r24) }
    }

    #[inline(always)]
    fn rotr16(x: __m256i, rot: &Rotations) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller.
        unsafe { _mm256_shuffle_epi8(x, rot.r16) }
    }

    #[inline(always)]
    fn rotr63(x: __m256i) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller.
        unsafe { _mm256_xor_si256(_mm256_srli_epi64(x, 63), _mm256_add_epi64(x, x)) }
    }

    /// # Safety
    /// AVX2 must be available.
    #[inline(always)]
    unsafe fn zero() -> __m256i {
        // SAFETY: per the function's contract.
        unsafe { _mm256_setzero_si256() }
    }

    #[inline(always)]
    fn xor(a: __m256i, b: __m256i) -> __m256i {
        // SAFETY: AVX2 is enabled in every caller.
        unsafe { _mm256_xor_si256(a, b) }
    }

    /// The quarter-round GB on four lanes at once.
    #[inline(always)]
    fn gb(a: &mut __m256i, b: &mut __m256i, c: &mut __m256i, d: &mut __m256i, rot: &Rotations) {
        *a = bla_mka(*a, *b);
        *d = rotr32(xor(*d, *a));
        *c = bla_mka(*c, *d);
        *b = rotr24(xor(*b, *c), rot);
        *a = bla_mka(*a, *b);
        *d = rotr16(xor(*d, *a), rot);
        *c = bla_mka(*c, *d);
        *b = rotr63(xor(*b, *c));
    }

    /// P on one row: r[0..4] = words v0..v15 of the row.
    #[inline(always)]
    fn row_round(r: &mut [__m256i], rot: &Rotations) {
        let (mut a, mut b, mut c, mut d) = (r[0], r[1], r[2], r[3]);
        gb(&mut a, &mut b, &mut c, &mut d, rot);
        // SAFETY: AVX2 is enabled in every caller.
        unsafe {
            b = _mm256_permute4x64_epi64(b, 0b00_11_10_01);
            c = _mm256_permute4x64_epi64(c, 0b01_00_11_10);
            d = _mm256_permute4x64_epi64(d, 0b10_01_00_11);
        }
        gb(&mut a, &mut b, &mut c, &mut d, rot);
        // SAFETY: AVX2 is enabled in every caller.
        unsafe {
            b = _mm256_permute4x64_epi64(b, 0b10_01_00_11);
            c = _mm256_permute4x64_epi64(c, 0b01_00_11_10);
            d = _mm256_permute4x64_epi64(d, 0b00_11_10_01);
        }
        r[0] = a;
        r[1] = b;
        r[2] = c;
        r[3] = d;
    }

    /// P on columns 2k and 2k+1 of `q` (rows of four registers); returns register k of
    /// rows 0..8 (indices k, k+4, ..., k+28 of the block), in that order.
    #[inline(always)]
    fn column_round(q: &[[__m256i; 4]; 8], k: usize, rot: &Rotations) -> [__m256i; 8] {
        let (mut a0, mut a1) = (q[0][k], q[1][k]);
        let (mut b0, mut b1) = (q[2][k], q[3][k]);
        let (mut c0, mut c1) = (q[4][k], q[5][k]);
        let (mut d0, mut d1) = (q[6][k], q[7][k]);
        // Register pairs (v0,v1)=a0 (v2,v3)=a1 (v4,v5)=b0 (v6,v7)=b1 (v8,v9)=c0
        // (v10,v11)=c1 (v12,v13)=d0 (v14,v15)=d1, per 128-bit lane.
        gb(&mut a0, &mut b0, &mut c0, &mut d0, rot);
        gb(&mut a1, &mut b1, &mut c1, &mut d1, rot);
        // Diagonals: (v0,v5,v10,v15) (v1,v6,v11,v12) and (v2,v7,v8,v13) (v3,v4,v9,v14).
        // SAFETY: AVX2 is enabled in every caller.
        let (mut e0, mut e1, mut f0, mut f1) = unsafe {
            (
                _mm256_alignr_epi8(b1, b0, 8), // (v5, v6)
                _mm256_alignr_epi8(b0, b1, 8), // (v7, v4)
                _mm256_alignr_epi8(d0, d1, 8), // (v15, v12)
                _mm256_alignr_epi8(d1, d0, 8), // (v13, v14)
            )
        };
        gb(&mut a0, &mut e0, &mut c1, &mut f0, rot);
        gb(&mut a1, &mut e1, &mut c0, &mut f1, rot);
        // SAFETY: AVX2 is enabled in every caller.
        unsafe {
            b0 = _mm256_alignr_epi8(e0, e1, 8); // (v4, v5)
            b1 = _mm256_alignr_epi8(e1, e0, 8); // (v6, v7)
            d0 = _mm256_alignr_epi8(f1, f0, 8); // (v12, v13)
            d1 = _mm256_alignr_epi8(f0, f1, 8); // (v14, v15)
        }
        [a0, a1, b0, b1, c0, c1, d0, d1]
    }

    /// G with AVX2: rows of x ^ y into a scratch copy, then columns, whose results are
    /// XORed with x ^ y (and `out`, with `XOR_INTO`) straight into `out`.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn compress<const XOR_INTO: bool>(out: &mut Block, x: &Block, y: &Block, first_word: impl FnOnce(u64)) {
        let xp = x.0.as_ptr().cast::<__m256i>();
        let yp = y.0.as_ptr().cast::<__m256i>();
        // SAFETY: AVX2 is enabled here.
        let rot = unsafe { Rotations::new() };
        // All loads and stores below: index < 32 within a 64-byte-aligned 1 KiB block;
        // `out` is exclusively borrowed and distinct from `x` and `y`.
        let input = |k: usize| {
            debug_assert!(k < 32);
            // SAFETY: see above.
            unsafe { _mm256_xor_si256(_mm256_load_si256(xp.add(k)), _mm256_load_si256(yp.add(k))) }
        };
        let row = |i: usize| {
            let mut row = [input(4 * i), input(4 * i + 1), input(4 * i + 2), input(4 * i + 3)];
            row_round(&mut row, &rot);
            row
        };
        // An array literal, so the scratch rows are never zero-filled first.
        let q: [[__m256i; 4]; 8] = [row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7)];
        let op = out.0.as_mut_ptr().cast::<__m256i>();
        // Words 0..4 are final after the first column round: report word 0 before the
        // other three (the rounds are spelled out; a loop with the call in it is not
        // unrolled).
        // SAFETY: as above; `op` is `out`'s 1 KiB block.
        let first = unsafe { store_columns::<XOR_INTO>(op, column_round(&q, 0, &rot), 0, &input) };
        first_word(_mm_cvtsi128_si64(_mm256_castsi256_si128(first)) as u64);
        // SAFETY: as above.
        unsafe { store_columns::<XOR_INTO>(op, column_round(&q, 1, &rot), 1, &input) };
        // SAFETY: as above.
        unsafe { store_columns::<XOR_INTO>(op, column_round(&q, 2, &rot), 2, &input) };
        // SAFETY: as above.
        unsafe { store_columns::<XOR_INTO>(op, column_round(&q, 3, &rot), 3, &input) };
    }

    /// Finishes columns 2k and 2k+1: XORs in the input (and the old block) and stores
    /// them; returns the register holding words 4k..4k+4.
    ///
    /// # Safety
    /// `op` points to a 64-byte-aligned, exclusively borrowed 1 KiB block; AVX2 present.
    #[inline(always)]
    unsafe fn store_columns<const XOR_INTO: bool>(
        op: *mut __m256i,
        column: [__m256i; 8],
        k: usize,
        input: &impl Fn(usize) -> __m256i,
    ) -> __m256i {
        let mut first = column[0];
        for (i, value) in column.into_iter().enumerate() {
            let index = k + 4 * i;
            let mut value = xor(value, input(index));
            if XOR_INTO {
                // SAFETY: index < 32, within the block (the caller's contract).
                value = xor(value, unsafe { _mm256_load_si256(op.add(index)) });
            }
            // SAFETY: as above.
            unsafe { _mm256_store_si256(op.add(index), value) };
            if i == 0 {
                first = value;
            }
        }
        first
    }

    /// Zeroes `blocks` with 32-byte stores that are never elided: volatile ones, or with
    /// `STREAMING` non-temporal ones (assembly, which the compiler cannot drop) followed by
    /// an `sfence` and a compiler fence.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn wipe<const STREAMING: bool>(blocks: &mut [Block]) {
        // SAFETY: AVX2 is enabled here (the helper keeps Rust < 1.87, where intrinsics
        // are unsafe even in target_feature functions, building without a warning on
        // newer compilers).
        let zero = unsafe { zero() };
        for block in blocks {
            let p = block.0.as_mut_ptr().cast::<__m256i>();
            if STREAMING {
                // Eight stores at constant offsets from one register per asm block:
                // `_mm256_stream_si256` is itself inline assembly that takes its address
                // in a register, so a loop of it spent an `lea` on every store (twice the
                // volatile wipe's instructions, which callgrind counts).
                for quarter in 0..4 {
                    let q = p.wrapping_add(8 * quarter);
                    // SAFETY: 256 bytes from quarter * 256 < 1024 within a 64-byte-aligned,
                    // exclusively borrowed block; AVX is enabled here; only those bytes
                    // are written.
                    unsafe {
                        std::arch::asm!(
                            "vmovntdq [{q}], {zero}",
                            "vmovntdq [{q} + 32], {zero}",
                            "vmovntdq [{q} + 64], {zero}",
                            "vmovntdq [{q} + 96], {zero}",
                            "vmovntdq [{q} + 128], {zero}",
                            "vmovntdq [{q} + 160], {zero}",
                            "vmovntdq [{q} + 192], {zero}",
                            "vmovntdq [{q} + 224], {zero}",
                            q = in(reg) q,
                            zero = in(ymm_reg) zero,
                            options(nostack, preserves_flags),
                        )
                    };
                }
            } else {
                for k in 0..32 {
                    // SAFETY: k < 32 within a 64-byte-aligned, exclusively borrowed block.
                    unsafe { std::ptr::write_volatile(p.add(k), zero) };
                }
            }
        }
        if STREAMING {
            // SAFETY: SSE is part of x86_64 (unsafe before Rust 1.87, hence the allow).
            #[allow(unused_unsafe)]
            unsafe {
                _mm_sfence()
            };
            std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
        }
    }
}
