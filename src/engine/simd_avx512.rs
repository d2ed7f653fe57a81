//! G with AVX-512 (F and BW). Every `unsafe` block is an intrinsic call (sound once the
//! features are known present) or an aligned load/store within one 1 KiB block.
//!
//! Layout: the block is an 8x8 grid M[i][j] of 16-byte registers (row i, column j);
//! natural 64-byte register z[2i+h] holds M[i][4h..4h+4]. Columns are P'd four at a
//! time as eight 16-byte pairs c0..c7 with in-lane shuffles only (see `permute`): the
//! pairs of columns 4g..4g+4 are exactly z[2t+g] for t = 0..8. Rows are P'd two at a
//! time, regrouped into 256-bit quarters (see `permute_rows`).

/// Proof that the CPU supports AVX-512F and AVX-512BW: constructed only by `detect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Avx512(());

impl Avx512 {
    /// `Some` when the CPU (as reported at run time) supports AVX-512F and BW.
    pub fn detect() -> Option<Avx512> {
        #[cfg(all(target_arch = "x86_64", argon2rs_avx512))]
        if std::arch::is_x86_feature_detected!("avx512f") && std::arch::is_x86_feature_detected!("avx512bw") {
            return Some(Avx512(()));
        }
        None
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
        #[cfg(all(target_arch = "x86_64", argon2rs_avx512))]
        // SAFETY: `self` exists only if `detect` saw AVX-512F and BW on this CPU.
        unsafe {
            if xor_into {
                imp::compress::<true>(out, x, y, first_word)
            } else {
                imp::compress::<false>(out, x, y, first_word)
            }
        }
        #[cfg(not(all(target_arch = "x86_64", argon2rs_avx512)))]
        {
            let _ = (out, x, y, xor_into, first_word);
            unreachable!("no Avx512 token in this build")
        }
    }
}

// Compiled only where build.rs saw rustc >= 1.89, so the MSRV lint does not apply.
#[cfg(all(target_arch = "x86_64", argon2rs_avx512))]
#[allow(clippy::incompatible_msrv)]
mod imp {
    use std::arch::x86_64::*;

    use super::super::block::Block;

    #[inline(always)]
    fn bla_mka(a: __m512i, b: __m512i) -> __m512i {
        // SAFETY: AVX-512F is enabled in every caller (`compress` has the target feature).
        unsafe {
            let product = _mm512_mul_epu32(a, b);
            _mm512_add_epi64(_mm512_add_epi64(a, b), _mm512_add_epi64(product, product))
        }
    }

    /// GB on eight quadruples at once: (a, b, c, d) in each of the eight 64-bit lanes.
    #[inline(always)]
    fn gb(a: &mut __m512i, b: &mut __m512i, c: &mut __m512i, d: &mut __m512i) {
        let mut sets = ([*a], [*b], [*c], [*d]);
        gb_sets(&mut sets.0, &mut sets.1, &mut sets.2, &mut sets.3);
        [[*a], [*b], [*c], [*d]] = [sets.0, sets.1, sets.2, sets.3];
    }

    /// P on sixteen words given as pairs c[t] = (v_2t, v_2t+1), in every 16-byte lane.
    #[inline(always)]
    fn permute(c: &mut [__m512i; 8]) {
        let [mut c0, mut c1, mut c2, mut c3, mut c4, mut c5, mut c6, mut c7] = *c;
        gb(&mut c0, &mut c2, &mut c4, &mut c6);
        gb(&mut c1, &mut c3, &mut c5, &mut c7);
        // Diagonals: (v0,v5,v10,v15) (v1,v6,v11,v12) and (v2,v7,v8,v13) (v3,v4,v9,v14).
        // SAFETY: AVX-512BW is enabled in every caller.
        let (mut e0, mut e1, mut f0, mut f1) = unsafe {
            (
                _mm512_alignr_epi8(c3, c2, 8), // (v5, v6)
                _mm512_alignr_epi8(c2, c3, 8), // (v7, v4)
                _mm512_alignr_epi8(c6, c7, 8), // (v15, v12)
                _mm512_alignr_epi8(c7, c6, 8), // (v13, v14)
            )
        };
        gb(&mut c0, &mut e0, &mut c5, &mut f0);
        gb(&mut c1, &mut e1, &mut c4, &mut f1);
        // SAFETY: AVX-512BW is enabled in every caller.
        unsafe {
            c2 = _mm512_alignr_epi8(e0, e1, 8); // (v4, v5)
            c3 = _mm512_alignr_epi8(e1, e0, 8); // (v6, v7)
            c6 = _mm512_alignr_epi8(f1, f0, 8); // (v12, v13)
            c7 = _mm512_alignr_epi8(f0, f1, 8); // (v14, v15)
        }
        *c = [c0, c1, c2, c3, c4, c5, c6, c7];
    }

    /// G with AVX-512.
    ///
    /// # Safety
    /// The CPU must support AVX-512F and AVX-512BW.
    #[target_feature(enable = "avx512f,avx512bw")]
    pub unsafe fn compress<const XOR_INTO: bool>(out: &mut Block, x: &Block, y: &Block, first_word: impl FnOnce(u64)) {
        let xp = x.0.as_ptr().cast::<__m512i>();
        let yp = y.0.as_ptr().cast::<__m512i>();
        // All loads and stores below: index < 16 within a 64-byte-aligned 1 KiB block;
        // `out` is exclusively borrowed and distinct from `x` and `y`.
        let input = |k: usize| {
            debug_assert!(k < 16);
            // SAFETY: see above.
            unsafe { _mm512_xor_si512(_mm512_load_si512(xp.add(k)), _mm512_load_si512(yp.add(k))) }
        };
        let mut z: [__m512i; 16] = [
            input(0),
            input(1),
            input(2),
            input(3),
            input(4),
            input(5),
            input(6),
            input(7),
            input(8),
            input(9),
            input(10),
            input(11),
            input(12),
            input(13),
            input(14),
            input(15),
        ];
        permute_rows(&mut z);
        // Columns 4g..4g+4: pair t (row t) is z[2t + g]. Word 0 is final after the first
        // group: report it before the second (spelled out; a loop with the call in it is
        // not unrolled).
        let op = out.0.as_mut_ptr().cast::<__m512i>();
        // SAFETY: as above; `op` is `out`'s 1 KiB block.
        let first = unsafe { store_columns::<XOR_INTO>(op, &z, 0, &input) };
        first_word(_mm_cvtsi128_si64(_mm512_castsi512_si128(first)) as u64);
        // SAFETY: as above.
        unsafe { store_columns::<XOR_INTO>(op, &z, 1, &input) };
    }

    /// GB on `N` independent register sets, step by step across the sets: one set's GB
    /// is a chain of dependent instructions, and written one set after another the
    /// scheduler's window presumably held too little of the next set to keep the ports
    /// busy (measured: C1 took 0.883 of the time with the four row pairs side by side).
    #[inline(always)]
    fn gb_sets<const N: usize>(a: &mut [__m512i; N], b: &mut [__m512i; N], c: &mut [__m512i; N], d: &mut [__m512i; N]) {
        gb_half_sets::<N, 32, 24>(a, b, c, d);
        gb_half_sets::<N, 16, 63>(a, b, c, d);
    }

    /// Half of GB on `N` register sets (see `gb_sets`), rotating right by `FIRST` and
    /// then `SECOND` bits.
    #[inline(always)]
    fn gb_half_sets<const N: usize, const FIRST: i32, const SECOND: i32>(
        a: &mut [__m512i; N],
        b: &mut [__m512i; N],
        c: &mut [__m512i; N],
        d: &mut [__m512i; N],
    ) {
        // SAFETY: AVX-512F is enabled in every caller.
        unsafe {
            for k in 0..N {
                a[k] = bla_mka(a[k], b[k]);
            }
            for k in 0..N {
                d[k] = _mm512_ror_epi64::<FIRST>(_mm512_xor_si512(d[k], a[k]));
            }
            for k in 0..N {
                c[k] = bla_mka(c[k], d[k]);
            }
            for k in 0..N {
                b[k] = _mm512_ror_epi64::<SECOND>(_mm512_xor_si512(b[k], c[k]));
            }
        }
    }

    /// Applies P to all eight rows of `z`, in place, two rows at a time and the four
    /// pairs step by step together (`gb_sets`). Each row's words v0..v15 are regrouped
    /// as four quarters a = v0..v3, b = v4..v7, c = v8..v11 and d = v12..v15, the first
    /// row of a pair in the low 256 bits and the second in the high, so the four GBs of a
    /// round run lane by lane and a diagonal is a rotation within each half. That costs
    /// 8 lane shuffles and 6 permutations per two rows where 4x4 transposes cost 16
    /// shuffles and 4 alignments. LLVM unrolls these four-step loops (the compiled G holds
    /// all 64 `vpmuludq` a block needs); a two-step loop over row groups it had kept
    /// rolled, with the block on the stack.
    #[inline(always)]
    fn permute_rows(z: &mut [__m512i; 16]) {
        // Pair k holds rows 2k (z[4k], z[4k + 1]) and 2k + 1 (z[4k + 2], z[4k + 3]).
        // SAFETY: AVX-512F is enabled in every caller.
        unsafe {
            let mut a: [__m512i; 4] = std::array::from_fn(|k| _mm512_shuffle_i64x2(z[4 * k], z[4 * k + 2], 0x44));
            let mut b: [__m512i; 4] = std::array::from_fn(|k| _mm512_shuffle_i64x2(z[4 * k], z[4 * k + 2], 0xEE));
            let mut c: [__m512i; 4] = std::array::from_fn(|k| _mm512_shuffle_i64x2(z[4 * k + 1], z[4 * k + 3], 0x44));
            let mut d: [__m512i; 4] = std::array::from_fn(|k| _mm512_shuffle_i64x2(z[4 * k + 1], z[4 * k + 3], 0xEE));
            gb_sets(&mut a, &mut b, &mut c, &mut d);
            // Diagonals (v0,v5,v10,v15) (v1,v6,v11,v12) (v2,v7,v8,v13) (v3,v4,v9,v14).
            for k in 0..4 {
                b[k] = _mm512_permutex_epi64(b[k], 0x39);
                c[k] = _mm512_permutex_epi64(c[k], 0x4E);
                d[k] = _mm512_permutex_epi64(d[k], 0x93);
            }
            gb_sets(&mut a, &mut b, &mut c, &mut d);
            for k in 0..4 {
                b[k] = _mm512_permutex_epi64(b[k], 0x93);
                c[k] = _mm512_permutex_epi64(c[k], 0x4E);
                d[k] = _mm512_permutex_epi64(d[k], 0x39);
                z[4 * k] = _mm512_shuffle_i64x2(a[k], b[k], 0x44);
                z[4 * k + 2] = _mm512_shuffle_i64x2(a[k], b[k], 0xEE);
                z[4 * k + 1] = _mm512_shuffle_i64x2(c[k], d[k], 0x44);
                z[4 * k + 3] = _mm512_shuffle_i64x2(c[k], d[k], 0xEE);
            }
        }
    }

    /// Applies P to columns 4g..4g+4, XORs in the input (and the old block) and stores
    /// them; returns the register holding words 0..8 of the group's first row.
    ///
    /// # Safety
    /// `op` points to a 64-byte-aligned, exclusively borrowed 1 KiB block; AVX-512F and
    /// BW present.
    #[inline(always)]
    unsafe fn store_columns<const XOR_INTO: bool>(
        op: *mut __m512i,
        z: &[__m512i; 16],
        g: usize,
        input: &impl Fn(usize) -> __m512i,
    ) -> __m512i {
        let mut pairs = [z[g], z[2 + g], z[4 + g], z[6 + g], z[8 + g], z[10 + g], z[12 + g], z[14 + g]];
        permute(&mut pairs);
        let mut first = pairs[0];
        for (t, value) in pairs.into_iter().enumerate() {
            let index = 2 * t + g;
            // SAFETY: AVX-512F is enabled in every caller.
            let mut value = unsafe { _mm512_xor_si512(value, input(index)) };
            if XOR_INTO {
                // SAFETY: index < 16, within the block (the caller's contract).
                value = unsafe { _mm512_xor_si512(value, _mm512_load_si512(op.add(index))) };
            }
            // SAFETY: as above.
            unsafe { _mm512_store_si512(op.add(index), value) };
            if t == 0 {
                first = value;
            }
        }
        first
    }
}
