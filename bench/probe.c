/* Measures this machine's limits without Argon2, for the benchmark's "limit" section
 * (bench/run.py --mode limit) and for finding where a first call's time goes. x86-64
 * only (argon2 and permute want AVX-512F/BW and print ns -1 without).
 *
 *   probe fault  MIB huge|small|populate
 *                                    map MIB of fresh anonymous memory (advised
 *                                    MADV_HUGEPAGE or MADV_NOHUGEPAGE), touch every 4 KiB
 *                                    page once; prints ms, minor faults, the slowest 2 MiB
 *                                    and how many 2 MiB took over 1 ms. populate: 4 KiB
 *                                    pages faulted 2 MiB at a time by MADV_POPULATE_WRITE
 *   probe stream MIB ROUNDS          one core reads and writes MIB in place, 1 KiB at a
 *                                    time (x ^= 1, the traffic of a pass that rewrites its
 *                                    memory), after one untimed round; prints GB/s read +
 *                                    written (2 bytes per byte of memory)
 *   probe chase  MIB HOPS            one dependent random 64-byte load after another over
 *                                    MIB (huge-page advised): prints ns per load
 *   probe blocks MIB HOPS [rw]       one random 1 KiB block after another over MIB
 *                                    (huge-page advised), each address known only once
 *                                    all 16 lines of the block before have arrived (as
 *                                    in a data-dependent Argon2 pass): prints ns per block.
 *                                    rw: each hop also reads and rewrites the next 1 KiB
 *                                    in order, the rest of a later pass's traffic
 *   probe lines  MIB HOPS same|spread
 *                                    each hop loads 16 lines whose addresses come from
 *                                    the XOR of the previous hop's 16 (random memory
 *                                    contents, mixed with the hop number): same = one
 *                                    random 1 KiB block, as Argon2 lays a block out;
 *                                    spread = 16 random lines of 16 different blocks.
 *                                    Prints ns per hop: whether the block's layout or
 *                                    the lines one core has in flight sets the cost
 *   probe argon2 MIB PASSES [g]      the memory traffic of a one-lane Argon2d hash
 *                                    (version 1.3) with no G: each new 1 KiB block is the
 *                                    previous one XOR its reference (and, after pass 1,
 *                                    XOR the old block), the reference chosen as Argon2
 *                                    chooses it (RFC 9106 3.4.1.2: squaring J1 favours
 *                                    recent blocks, which may still be cached) from the
 *                                    XOR of the first words of all 16 lines of the block
 *                                    before's reference, so every line must arrive
 *                                    first, as G needs. Prints ns per block over passes
 *                                    2..PASSES (pass 1 faults the memory in). Unlike
 *                                    `blocks`, whose uniformly random blocks overstate
 *                                    what a hash waits for. g: between a reference's
 *                                    arrival and the next address, the least G must do
 *                                    (every row's P, then column 0's, as `permute`): the
 *                                    floor of a data-dependent block with a G as fast
 *                                    as this core allows, its memory waits included (a
 *                                    slower pace leaves more time for other tenants of
 *                                    the cache to evict recent blocks, so the two are
 *                                    measured together)
 *   probe permute ROUNDS             one dependent chain of what libargon2rs's AVX-512
 *                                    kernel does before a block's first word is final,
 *                                    with its instructions: P on the rows (two rows,
 *                                    regrouped into 256-bit quarters and back, stand for
 *                                    all eight, which run side by side), then P on
 *                                    columns 0..3. The first word names the next
 *                                    reference, so this is the least G adds to the chain
 *                                    of fetches (a lower bound: the eight rows share the
 *                                    core's vector ports). Prints ns per rows + columns
 *                                    step; ns -1 without AVX-512F/BW
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <immintrin.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long minor_faults(void) {
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_minflt : -1;
}

static uint8_t *map(size_t bytes, int huge) {
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

static uint64_t xorshift(uint64_t *state) {
    *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17;
    return *state;
}

/* A random cyclic permutation of 0..count-1 (Sattolo's shuffle): following order[i] to
 * order[i + 1] visits every element once before returning. NULL if out of memory. */
static uint32_t *random_cycle(size_t count, uint64_t *state) {
    uint32_t *order = malloc(count * sizeof *order);
    if (!order) return NULL;
    for (size_t i = 0; i < count; ++i) order[i] = (uint32_t)i;
    for (size_t i = count - 1; i > 0; --i) {
        size_t j = xorshift(state) % i;
        uint32_t tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    return order;
}

#define AVX512 __attribute__((target("avx512f,avx512bw"), always_inline)) static inline
AVX512 __m512i bla_mka(__m512i a, __m512i b) {
    __m512i product = _mm512_mul_epu32(a, b);
    return _mm512_add_epi64(_mm512_add_epi64(a, b), _mm512_add_epi64(product, product));
}

AVX512 void gb(__m512i *a, __m512i *b, __m512i *c, __m512i *d) {
    *a = bla_mka(*a, *b), *d = _mm512_ror_epi64(_mm512_xor_si512(*d, *a), 32);
    *c = bla_mka(*c, *d), *b = _mm512_ror_epi64(_mm512_xor_si512(*b, *c), 24);
    *a = bla_mka(*a, *b), *d = _mm512_ror_epi64(_mm512_xor_si512(*d, *a), 16);
    *c = bla_mka(*c, *d), *b = _mm512_ror_epi64(_mm512_xor_si512(*b, *c), 63);
}

/* P on pairs c[t] = (v_2t, v_2t+1) in every 16-byte lane: GB on the columns, the
 * diagonals lined up with in-lane byte shifts, GB on them, and back. */
AVX512 void permute(__m512i c[8]) {
    gb(&c[0], &c[2], &c[4], &c[6]);
    gb(&c[1], &c[3], &c[5], &c[7]);
    __m512i e0 = _mm512_alignr_epi8(c[3], c[2], 8), e1 = _mm512_alignr_epi8(c[2], c[3], 8);
    __m512i f0 = _mm512_alignr_epi8(c[6], c[7], 8), f1 = _mm512_alignr_epi8(c[7], c[6], 8);
    gb(&c[0], &e0, &c[5], &f0);
    gb(&c[1], &e1, &c[4], &f1);
    c[2] = _mm512_alignr_epi8(e0, e1, 8), c[3] = _mm512_alignr_epi8(e1, e0, 8);
    c[6] = _mm512_alignr_epi8(f1, f0, 8), c[7] = _mm512_alignr_epi8(f0, f1, 8);
}

/* P on two rows held as four natural registers r[0..2] (row i) and r[2..4] (row j):
 * regrouped into quarters (row i in the low 256 bits, row j in the high), GB on the
 * columns, the diagonals lined up by rotating words within each half, GB, back. */
AVX512 void permute_rows(__m512i r[4]) {
    __m512i a = _mm512_shuffle_i64x2(r[0], r[2], 0x44), b = _mm512_shuffle_i64x2(r[0], r[2], 0xEE);
    __m512i c = _mm512_shuffle_i64x2(r[1], r[3], 0x44), d = _mm512_shuffle_i64x2(r[1], r[3], 0xEE);
    gb(&a, &b, &c, &d);
    b = _mm512_permutex_epi64(b, 0x39), c = _mm512_permutex_epi64(c, 0x4E), d = _mm512_permutex_epi64(d, 0x93);
    gb(&a, &b, &c, &d);
    b = _mm512_permutex_epi64(b, 0x93), c = _mm512_permutex_epi64(c, 0x4E), d = _mm512_permutex_epi64(d, 0x39);
    r[0] = _mm512_shuffle_i64x2(a, b, 0x44), r[2] = _mm512_shuffle_i64x2(a, b, 0xEE);
    r[1] = _mm512_shuffle_i64x2(c, d, 0x44), r[3] = _mm512_shuffle_i64x2(c, d, 0xEE);
}

/* The least G does before its first word, as libargon2rs's kernel does it: P on the
 * rows (z[0..4]: two rows, standing for all eight, which run side by side), then P on
 * columns 0..3 (pairs z[0..8]). A lower bound: the kernel's eight rows also share the
 * core's vector ports, which this chain leaves to itself. */
AVX512 void first_word_step(__m512i z[8]) {
    permute_rows(z);
    permute(z);
}

__attribute__((target("avx512f,avx512bw"))) static double permute_chain_ns(long rounds) {
    uint64_t state = 0x9e3779b97f4a7c15u, words[64], sink[8];
    for (int i = 0; i < 64; ++i) words[i] = xorshift(&state);
    __m512i c[8];
    for (int i = 0; i < 8; ++i) c[i] = _mm512_loadu_si512(words + 8 * i);
    double t0 = 0;
    for (long i = -(rounds / 4); i < rounds; ++i) { /* the first quarter lets the clock settle */
        if (i == 0) t0 = now_ms();
        first_word_step(c);
    }
    double t1 = now_ms();
    __m512i all = c[0];
    for (int i = 1; i < 8; ++i) all = _mm512_xor_si512(all, c[i]);
    _mm512_storeu_si512(sink, all);
    __asm__ volatile("" ::"r"(sink) : "memory");
    return (t1 - t0) * 1e6 / rounds;
}

/* Block `current`'s reference in a one-lane Argon2 memory of `lane` blocks (four
 * segments), from the pseudo-random J1 (RFC 9106 3.4.1.2 with p = 1: the window is every
 * block but the current and previous ones, and in a later pass not the current
 * segment's yet-unwritten ones). */
static size_t reference(size_t lane, size_t current, size_t in_segment, int first_pass, uint32_t j1) {
    uint64_t area = first_pass ? current - 1 : lane - lane / 4 + in_segment - 1;
    uint64_t x = ((uint64_t)j1 * j1) >> 32, y = (area * x) >> 32;
    size_t at = current + lane - 2 - (size_t)y; /* < 2 lane: no division on the chain */
    return at >= lane ? at - lane : at;
}

/* out = prev ^ ref (XOR_INTO: out ^= prev ^ ref), 1 KiB, 32 bytes at a time. */
__attribute__((target("avx2"))) static void xor_block(uint64_t *out, const uint64_t *prev, const uint64_t *ref,
                                                      int xor_into) {
    for (size_t k = 0; k < 128; k += 4) {
        __m256i v = _mm256_xor_si256(_mm256_load_si256((const __m256i *)(prev + k)),
                                     _mm256_load_si256((const __m256i *)(ref + k)));
        if (xor_into) v = _mm256_xor_si256(v, _mm256_load_si256((const __m256i *)(out + k)));
        _mm256_store_si256((__m256i *)(out + k), v);
    }
}

/* probe argon2: `lane` blocks at w, PASSES passes; with_g: `first_word_step` between a
 * reference's arrival and the next address (see the comment at the top). */
__attribute__((target("avx512f,avx512bw"))) static double argon2_chain_ns(uint64_t *w, size_t lane, int passes,
                                                                           int with_g) {
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (size_t k = 0; k < 256; ++k) w[k] = xorshift(&state); /* blocks 0 and 1 */
    uint64_t j1 = w[128];
    double t0 = 0;
    for (int pass = 0; pass < passes; ++pass) {
        if (pass == 1) t0 = now_ms();
        for (size_t current = pass == 0 ? 2 : 0, in_segment = current; current < lane; ++current, ++in_segment) {
            if (in_segment == lane / 4) in_segment = 0;
            uint64_t *out = w + current * 128, *prev = w + (current == 0 ? lane - 1 : current - 1) * 128;
            uint64_t *ref = w + reference(lane, current, in_segment, pass == 0, (uint32_t)j1) * 128;
            uint64_t next = prev[0];
            for (size_t line = 0; line < 16; ++line) next ^= ref[line * 8];
            xor_block(out, prev, ref, pass > 0);
            if (with_g) {
                /* what the first word waits for */
                __m512i c[8];
                for (int i = 0; i < 8; ++i) c[i] = _mm512_set1_epi64((long long)(next + (uint64_t)i));
                first_word_step(c);
                next = (uint64_t)_mm_cvtsi128_si64(_mm512_castsi512_si128(c[0]));
            }
            out[0] = next; /* this block's first word names the next block's reference */
            j1 = next * 0xd6e8feb86659fd93u, j1 ^= j1 >> 29;
        }
    }
    return (now_ms() - t0) * 1e6 / ((double)(passes - 1) * lane);
}

int main(int argc, char **argv) {
    if ((argc == 4 || (argc == 5 && strcmp(argv[4], "g") == 0)) && strcmp(argv[1], "argon2") == 0) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        int passes = atoi(argv[3]);
        if (passes < 2 || bytes < (8 << 10)) return 2;
        double ns = -1;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"))
            ns = argon2_chain_ns((uint64_t *)map(bytes, 1), bytes / 1024, passes, argc == 5);
        printf("ns %.2f\n", ns);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "permute") == 0) {
        double ns = -1;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) ns = permute_chain_ns(atol(argv[2]));
        printf("ns %.2f\n", ns);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "fault") == 0) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        uint8_t *p = map(bytes, strcmp(argv[3], "huge") == 0);
        int populate = strcmp(argv[3], "populate") == 0;
        long faults = minor_faults();
        double t0 = now_ms(), chunk_start = t0, slowest = 0;
        int slow = 0; /* 2 MiB chunks that took over 1 ms (zeroing 2 MiB takes about 0.1 ms) */
        for (size_t i = 0; i < bytes; i += 4096) {
            if (populate && i % (2 << 20) == 0 && madvise(p + i, 2 << 20, 23 /* MADV_POPULATE_WRITE */) != 0) {
                perror("madvise(MADV_POPULATE_WRITE)");
                return 1;
            }
            p[i] = 1;
            if ((i + 4096) % (2 << 20) == 0) {
                double now = now_ms();
                slowest = now - chunk_start > slowest ? now - chunk_start : slowest;
                slow += now - chunk_start > 1.0;
                chunk_start = now;
            }
        }
        double t1 = now_ms();
        printf("ms %.3f\nfaults %ld\nslowest_chunk_ms %.3f\nslow_chunks %d\n", t1 - t0, minor_faults() - faults,
               slowest, slow);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "stream") == 0) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        int rounds = atoi(argv[3]);
        uint64_t *w = (uint64_t *)map(bytes, 1);
        size_t words = bytes / 8;
        memset(w, 0, bytes);
        double best = 1e30;
        for (int r = 0; r <= rounds; ++r) {
            double t0 = now_ms();
            for (size_t i = 0; i < words; ++i) w[i] ^= 1;
            __asm__ volatile("" ::"r"(w) : "memory");
            double t1 = now_ms();
            if (r > 0 && t1 - t0 < best) best = t1 - t0;
        }
        printf("gbps %.2f\n", 2.0 * bytes / (best * 1e6));
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "chase") == 0) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        long hops = atol(argv[3]);
        size_t lines = bytes / 64;
        uint64_t *w = (uint64_t *)map(bytes, 1);
        uint64_t state = 0x9e3779b97f4a7c15u;
        uint32_t *order = random_cycle(lines, &state); /* one pointer per line */
        if (!order) return 1;
        for (size_t i = 0; i < lines; ++i) w[(size_t)order[i] * 8] = (uint64_t)order[(i + 1) % lines] * 8;
        free(order);
        uint64_t at = 0;
        for (long i = 0; i < hops / 4; ++i) at = w[at]; /* warm the TLB and caches */
        double t0 = now_ms();
        for (long i = 0; i < hops; ++i) at = w[at];
        double t1 = now_ms();
        printf("ns %.2f\nend %llu\n", (t1 - t0) * 1e6 / hops, (unsigned long long)at);
        return 0;
    }
    if ((argc == 4 || (argc == 5 && strcmp(argv[4], "rw") == 0)) && strcmp(argv[1], "blocks") == 0) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        long hops = atol(argv[3]);
        size_t count = bytes / 1024;
        uint64_t *w = (uint64_t *)map(bytes, 1);
        uint64_t state = 0x9e3779b97f4a7c15u;
        uint32_t *order = random_cycle(count, &state);
        if (!order) return 1;
        /* The next block's first word index is the XOR of the first words of all 16 lines
         * (random shares of it), so no line's load can be skipped or left unfinished. */
        for (size_t i = 0; i < count; ++i) {
            uint64_t *b = w + (size_t)order[i] * 128;
            uint64_t rest = (uint64_t)order[(i + 1) % count] * 128;
            for (int line = 1; line < 16; ++line) {
                b[line * 8] = xorshift(&state);
                rest ^= state;
            }
            b[0] = rest;
        }
        free(order);
        uint64_t at = 0;
        double t0 = 0;
        int rw = argc == 5;
        size_t seq = 0;
        for (long i = -(hops / 4); i < hops; ++i) { /* the first quarter warms the TLB */
            if (i == 0) t0 = now_ms();
            uint64_t next = 0;
            for (int line = 0; line < 16; ++line) next ^= w[at + line * 8];
            if (rw) {
                /* a pass's other traffic: the old block read and rewritten in place, in order */
                uint64_t *b = w + seq * 128;
                for (int k = 1; k < 128; k += 8) b[k] ^= 1;
                seq = (seq + 1) % count;
            }
            at = next;
        }
        double t1 = now_ms();
        printf("ns %.2f\nend %llu\n", (t1 - t0) * 1e6 / hops, (unsigned long long)at);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "lines") == 0 && (strcmp(argv[4], "same") == 0 || strcmp(argv[4], "spread") == 0)) {
        size_t bytes = (size_t)atol(argv[2]) << 20;
        long hops = atol(argv[3]);
        int spread = strcmp(argv[4], "spread") == 0;
        uint64_t *w = (uint64_t *)map(bytes, 1);
        uint64_t state = 0x9e3779b97f4a7c15u;
        for (size_t i = 0; i < bytes / 8; ++i) w[i] = xorshift(&state);
        size_t count = bytes / 1024;
        uint64_t at = 12345;
        double t0 = 0;
        for (long i = -(hops / 4); i < hops; ++i) { /* the first quarter warms the TLB */
            if (i == 0) t0 = now_ms();
            uint64_t next = 0;
            for (uint64_t line = 0; line < 16; ++line) {
                /* spread: each line in its own block (the same line offset would share cache sets) */
                uint64_t block = spread ? ((at + line) * 0x9e3779b97f4a7c15u >> 20) % count : at % count;
                next ^= w[block * 128 + line * 8];
            }
            /* mixing in the hop number keeps the walk from falling into a short cycle */
            at = (next ^ (uint64_t)i) * 0xd6e8feb86659fd93u;
            at ^= at >> 29;
        }
        double t1 = now_ms();
        printf("ns %.2f\nend %llu\n", (t1 - t0) * 1e6 / hops, (unsigned long long)at);
        return 0;
    }
    fprintf(stderr, "usage: see the comment at the top of bench/probe.c\n");
    return 2;
}
