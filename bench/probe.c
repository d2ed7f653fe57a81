/* Measures this machine's limits without Argon2, for the benchmark's "limit" section
 * (bench/run.py --mode limit) and for finding where a first call's time goes.
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
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

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

int main(int argc, char **argv) {
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
