/* One benchmark child: runs ITERS Argon2id hashes (or verifications) of one
 * implementation on one parameter set, printing one line per run and its peak RSS.
 * bench/run.py starts one child per (round, set, implementation) so the
 * implementations interleave and each peak RSS is measured in a fresh process.
 *
 *   bench time   IMPL OP M_KIB T P ITERS [GAP_MS]  IMPL: rs | sodium | ref | opt | so1 | so1deb | rc | rsi | rsd
 *                                                 OP: hash | verify (rsi, rsd: hash only)
 *                (GAP_MS: idle time between calls, as on a lightly used login server)
 *   bench conc   IMPL M_KIB T P THREADS SECONDS    concurrent verifications
 *   bench once   IMPL M_KIB T P                    one hash (for callgrind --toggle-collect), every
 *                libargon2rs thread capped to the calling one
 *   bench ab     LIB_A LIB_B M_KIB T P PAIRS       two libargon2rs builds in one process, hashing
 *                in alternating pairs: per-pair ms, then the medians and the median ratio B / A
 *   bench flood  THREADS CALLS M_KIB BUDGET_MIB WAIT_MS   libargon2rs verifies (t=1, p=1)
 *                under a memory budget, each waiting at most WAIT_MS (or "forever") for it:
 *                one line per call, "ok MS" or "busy MS"
 *   bench starve LOOPERS SMALL_KIB BIG_KIB BUDGET_MIB  one BIG_KIB verify (the whole
 *                budget) among LOOPERS threads verifying SMALL_KIB hashes in a loop
 *
 * ref is Debian's libargon2 (linked); opt is the reference's optimised opt.c built with
 * -march=native by scripts/bench.sh into a shared library named by $LH_BENCH_OPT_LIB,
 * loaded with RTLD_LOCAL and linked -Bsymbolic, so its argon2_* symbols never bind to
 * (or displace) Debian's. so1 and so1deb are two libargon2.so.1 builds called through
 * the same code (argon2_hash and argon2_verify, loaded with dlopen RTLD_LOCAL): ours
 * (compat/libargon2, $LH_BENCH_COMPAT_LIB) and Debian's ($LH_BENCH_DEBIAN_SO1).
 * rsi and rsd are libargon2rs hashing Argon2i and Argon2d instead of Argon2id: with
 * Argon2i every reference address is known ahead, so beside rs it shows what a set
 * costs with the fetch latency hidden; with Argon2d every block waits for its fetch.
 * Each `time` call also prints the page faults it took.
 */
#define _POSIX_C_SOURCE 200809L
#include <argon2.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "argon2rs.h"

static const uint8_t SALT[16] = "bench-salt-16-b";
static const char PWD[] = "correct horse battery staple";
#define TAG_LEN 32

enum impl { RS, SODIUM, REF, OPT, SO1, SO1DEB, RC, RSI, RSD };

static enum impl parse_impl(const char *name) {
    if (strcmp(name, "rs") == 0) return RS;
    if (strcmp(name, "sodium") == 0) return SODIUM;
    if (strcmp(name, "ref") == 0) return REF;
    if (strcmp(name, "opt") == 0) return OPT;
    if (strcmp(name, "so1") == 0) return SO1;
    if (strcmp(name, "so1deb") == 0) return SO1DEB;
    if (strcmp(name, "rc") == 0) return RC;
    if (strcmp(name, "rsi") == 0) return RSI;
    if (strcmp(name, "rsd") == 0) return RSD;
    fprintf(stderr, "unknown implementation %s\n", name);
    exit(2);
}

/* dlopen()s PATH (RTLD_LOCAL, so its symbols cannot stand in for another copy's) and
 * resolves NAMES[i] into *SLOTS[i]. A benchmark without its peer has nothing to
 * measure, so a missing library or symbol ends the process with status 2 and says
 * which (WHAT names the peer in the message). */
static void load_symbols(const char *what, const char *path, int count, const char *const names[],
                         void **const slots[]) {
    void *lib = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (!lib) {
        fprintf(stderr, "%s: cannot load %s: %s\n", what, path ? path : "(path unset)", path ? dlerror() : "");
        exit(2);
    }
    for (int i = 0; i < count; ++i) {
        *slots[i] = dlsym(lib, names[i]);
        if (!*slots[i]) {
            fprintf(stderr, "%s: %s lacks %s\n", what, path, names[i]);
            exit(2);
        }
    }
}

/* The opt.c build's entry points (the same signatures as libargon2's). */
static int (*opt_hash_raw)(uint32_t, uint32_t, uint32_t, const void *, size_t, const void *, size_t, void *, size_t);
static int (*opt_verify)(const char *, const void *, size_t);

static void load_opt(void) {
    static const char *const names[] = {"argon2id_hash_raw", "argon2id_verify"};
    void **const slots[] = {(void **)&opt_hash_raw, (void **)&opt_verify};
    load_symbols("opt ($LH_BENCH_OPT_LIB)", getenv("LH_BENCH_OPT_LIB"), 2, names, slots);
}

/* libargon2rs built with --features rustcrypto-engine (rc), loaded RTLD_LOCAL from
 * $LH_BENCH_RC_LIB beside the linked default build: the calls that are themselves the
 * implementation (no wrapper that could resolve to the other copy). */
static lh_argon2_status (*rc_hash_raw_ext)(const uint8_t *, size_t, const uint8_t *, size_t, const lh_argon2_params *,
                                           const lh_argon2_options *, uint8_t *, size_t);
static lh_argon2_status (*rc_verify_ext_len)(const char *, size_t, const uint8_t *, size_t, const lh_argon2_options *);

static void load_rc(void) {
    static const char *const names[] = {"lh_argon2_hash_raw_ext", "lh_argon2_verify_ext_len"};
    void **const slots[] = {(void **)&rc_hash_raw_ext, (void **)&rc_verify_ext_len};
    load_symbols("rc ($LH_BENCH_RC_LIB)", getenv("LH_BENCH_RC_LIB"), 2, names, slots);
}

/* A libargon2.so.1's argon2_hash and argon2_verify (so1 / so1deb). */
static int (*so1_hash)(uint32_t, uint32_t, uint32_t, const void *, size_t, const void *, size_t, void *, size_t,
                       char *, size_t, argon2_type, uint32_t);
static int (*so1_verify)(const char *, const void *, size_t, argon2_type);

static void load_so1(const char *variable) {
    static const char *const names[] = {"argon2_hash", "argon2_verify"};
    void **const slots[] = {(void **)&so1_hash, (void **)&so1_verify};
    load_symbols(variable, getenv(variable), 2, names, slots);
}

static long minor_faults(void) {
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_minflt : -1;
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* bench ab: two builds of libargon2rs in one process, each dlopen()ed RTLD_LOCAL and
 * called through lh_argon2_hash_raw_ext (the implementation itself, as for rc). */
typedef lh_argon2_status (*hash_raw_ext_fn)(const uint8_t *, size_t, const uint8_t *, size_t, const lh_argon2_params *,
                                            const lh_argon2_options *, uint8_t *, size_t);

static hash_raw_ext_fn load_build(const char *path) {
    static const char *const names[] = {"lh_argon2_hash_raw_ext"};
    hash_raw_ext_fn fn = NULL;
    void **const slots[] = {(void **)&fn};
    load_symbols("ab", path, 1, names, slots);
    return fn;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* PAIRS pairs of Argon2id hashes, A then B or B then A in turn, after one untimed call
 * of each: both builds see the same moment of a machine whose speed drifts, so the
 * median of the per-pair ratios B / A resolves differences that separate processes
 * (bench time, one build after the other) drown in. Each call follows one of the other
 * build, so what a call leaves in the caches for the next is not measured. */
static int ab(const char *path_a, const char *path_b, uint32_t m, uint32_t t, uint32_t p, int pairs) {
    hash_raw_ext_fn build[2] = {load_build(path_a), load_build(path_b)};
    lh_argon2_params params = {LH_ARGON2_ID, LH_ARGON2_V13, m, t, p, TAG_LEN, sizeof SALT};
    uint8_t tag[2][TAG_LEN];
    double *ratio = malloc((size_t)pairs * sizeof *ratio);
    double *ms[2] = {malloc((size_t)pairs * sizeof *ms[0]), malloc((size_t)pairs * sizeof *ms[1])};
    int failed = 1; /* until every call has succeeded; one exit frees what was allocated */
    if (!ratio || !ms[0] || !ms[1]) goto done;
    for (int k = 0; k < 2; ++k)
        if (build[k]((const uint8_t *)PWD, strlen(PWD), SALT, sizeof SALT, &params, NULL, tag[k], TAG_LEN) != LH_ARGON2_OK)
            goto done;
    if (memcmp(tag[0], tag[1], TAG_LEN) != 0) {
        fprintf(stderr, "ab: the two builds give different tags\n");
        goto done;
    }
    for (int i = 0; i < pairs; ++i) {
        for (int j = 0; j < 2; ++j) {
            int k = (i + j) % 2;
            double t0 = now_ms();
            if (build[k]((const uint8_t *)PWD, strlen(PWD), SALT, sizeof SALT, &params, NULL, tag[k], TAG_LEN) != LH_ARGON2_OK)
                goto done;
            ms[k][i] = now_ms() - t0;
        }
        ratio[i] = ms[1][i] / ms[0][i];
        printf("pair %.3f %.3f\n", ms[0][i], ms[1][i]);
    }
    for (int k = 0; k < 2; ++k) qsort(ms[k], (size_t)pairs, sizeof *ms[k], cmp_double);
    qsort(ratio, (size_t)pairs, sizeof *ratio, cmp_double);
    printf("median_a %.3f\nmedian_b %.3f\nratio_b_a %.4f\nratio_q1 %.4f\nratio_q3 %.4f\n", ms[0][pairs / 2], ms[1][pairs / 2],
           ratio[pairs / 2], ratio[pairs / 4], ratio[(3 * pairs) / 4]);
    failed = 0;
done:
    free(ratio), free(ms[0]), free(ms[1]);
    return failed;
}

static long proc_kib(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    size_t n = strlen(field);
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') value = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return value;
}

/* Not inlined: callgrind --toggle-collect=bench_hash counts exactly one hash. */
__attribute__((noinline)) int bench_hash(enum impl impl, uint32_t m, uint32_t t, uint32_t p, uint8_t *tag) {
    switch (impl) {
    case RS: {
        lh_argon2_params params = {LH_ARGON2_ID, LH_ARGON2_V13, m, t, p, TAG_LEN, sizeof SALT};
        return lh_argon2_hash_raw((const uint8_t *)PWD, strlen(PWD), SALT, sizeof SALT, &params, tag, TAG_LEN) != LH_ARGON2_OK;
    }
    case RSI:
    case RSD: {
        lh_argon2_params params = {impl == RSI ? LH_ARGON2_I : LH_ARGON2_D, LH_ARGON2_V13, m, t, p, TAG_LEN, sizeof SALT};
        return lh_argon2_hash_raw((const uint8_t *)PWD, strlen(PWD), SALT, sizeof SALT, &params, tag, TAG_LEN) != LH_ARGON2_OK;
    }
    case SODIUM:
        if (p != 1) return 1;
        return crypto_pwhash(tag, TAG_LEN, PWD, strlen(PWD), SALT, t, (size_t)m * 1024,
                             crypto_pwhash_ALG_ARGON2ID13) != 0;
    case REF:
        return argon2id_hash_raw(t, m, p, PWD, strlen(PWD), SALT, sizeof SALT, tag, TAG_LEN) != ARGON2_OK;
    case OPT:
        return opt_hash_raw(t, m, p, PWD, strlen(PWD), SALT, sizeof SALT, tag, TAG_LEN) != ARGON2_OK;
    case RC: {
        lh_argon2_params params = {LH_ARGON2_ID, LH_ARGON2_V13, m, t, p, TAG_LEN, sizeof SALT};
        return rc_hash_raw_ext((const uint8_t *)PWD, strlen(PWD), SALT, sizeof SALT, &params, NULL, tag, TAG_LEN) !=
               LH_ARGON2_OK;
    }
    case SO1:
    case SO1DEB:
        return so1_hash(t, m, p, PWD, strlen(PWD), SALT, sizeof SALT, tag, TAG_LEN, NULL, 0, Argon2_id,
                        ARGON2_VERSION_13) != ARGON2_OK;
    }
    return 1;
}

/* The encoded hash every implementation verifies (made by libargon2, the reference). */
static char ENCODED[256];

static void make_encoded(uint32_t m, uint32_t t, uint32_t p) {
    if (argon2id_hash_encoded(t, m, p, PWD, strlen(PWD), SALT, sizeof SALT, TAG_LEN, ENCODED,
                              sizeof ENCODED) != ARGON2_OK) {
        fprintf(stderr, "argon2id_hash_encoded failed\n");
        exit(1);
    }
}

/* The benchmark's own hash is trusted: verify limits that admit C1's 64 passes (the
 * default limits stop at 32) and leave the rest at the library's defaults. */
static const lh_argon2_options *trusted_options(void) {
    static lh_argon2_options o;
    if (o.struct_size == 0) {
        if (lh_argon2_options_init(&o) != LH_ARGON2_OK) exit(1);
        o.limits.max_t_cost = 1024;
    }
    return &o;
}

static int bench_verify(enum impl impl) {
    switch (impl) {
    case RS: return lh_argon2_verify_ext(ENCODED, (const uint8_t *)PWD, strlen(PWD), trusted_options()) != LH_ARGON2_OK;
    case SODIUM: return crypto_pwhash_str_verify(ENCODED, PWD, strlen(PWD)) != 0;
    case REF: return argon2id_verify(ENCODED, PWD, strlen(PWD)) != ARGON2_OK;
    case OPT: return opt_verify(ENCODED, PWD, strlen(PWD)) != ARGON2_OK;
    case SO1:
    case SO1DEB: return so1_verify(ENCODED, PWD, strlen(PWD), Argon2_id) != ARGON2_OK;
    case RSI:
    case RSD: return 1; /* hash only */
    case RC:
        return rc_verify_ext_len(ENCODED, strlen(ENCODED), (const uint8_t *)PWD, strlen(PWD), trusted_options()) !=
               LH_ARGON2_OK;
    }
    return 1;
}

struct conc_arg {
    enum impl impl;
    double until;
    double *lat;
    size_t cap, n;
    int failed;
};

static void *conc_worker(void *p) {
    struct conc_arg *a = p;
    while (a->n < a->cap) {
        double t0 = now_ms();
        a->failed |= bench_verify(a->impl);
        double t1 = now_ms();
        a->lat[a->n++] = t1 - t0;
        if (t1 >= a->until) break;
    }
    return NULL;
}

/* libargon2rs's verify of ENCODED with a budget wait; the status. */
static lh_argon2_status rs_verify_waiting(uint32_t wait_ms) {
    lh_argon2_options o;
    if (lh_argon2_options_init(&o) != LH_ARGON2_OK) return LH_ARGON2_ERR_INVALID_OPTIONS;
    o.budget_wait_ms = wait_ms;
    return lh_argon2_verify_ext(ENCODED, (const uint8_t *)PWD, strlen(PWD), &o);
}

struct flood_arg {
    int calls;
    uint32_t wait_ms;
    double *lat;
    int *busy;
    int failed;
};

static void *flood_worker(void *p) {
    struct flood_arg *a = p;
    for (int i = 0; i < a->calls; ++i) {
        double t0 = now_ms();
        lh_argon2_status rc = rs_verify_waiting(a->wait_ms);
        a->lat[i] = now_ms() - t0;
        a->busy[i] = rc == LH_ARGON2_ERR_BUSY;
        if (rc != LH_ARGON2_OK && rc != LH_ARGON2_ERR_BUSY) a->failed = 1;
    }
    return NULL;
}

static int flood(int threads, int calls, uint32_t m, uint64_t budget_mib, uint32_t wait_ms) {
    make_encoded(m, 1, 1);
    /* One verify alone first: the hash time a refusal may add to its deadline. */
    double t0 = now_ms();
    if (rs_verify_waiting(LH_ARGON2_WAIT_FOREVER) != LH_ARGON2_OK) return 1;
    printf("alone_ms %.4f\n", now_ms() - t0);
    if (lh_argon2_set_memory_budget(budget_mib << 20) != LH_ARGON2_OK) return 1;
    pthread_t tid[64];
    struct flood_arg args[64];
    if (threads < 1 || threads > 64) return 2;
    for (int i = 0; i < threads; ++i) {
        args[i] = (struct flood_arg){calls, wait_ms, malloc(sizeof(double) * calls), malloc(sizeof(int) * calls), 0};
        if (!args[i].lat || !args[i].busy) return 1;
        pthread_create(&tid[i], NULL, flood_worker, &args[i]);
    }
    for (int i = 0; i < threads; ++i) pthread_join(tid[i], NULL);
    for (int i = 0; i < threads; ++i) {
        if (args[i].failed) {
            printf("failed\n");
            return 1;
        }
        for (int j = 0; j < calls; ++j) printf("%s %.4f\n", args[i].busy[j] ? "busy" : "ok", args[i].lat[j]);
        free(args[i].lat);
        free(args[i].busy);
    }
    return 0;
}

static atomic_int starve_stop, big_started, big_done, finished_meanwhile;

struct looper_arg {
    double max_ms;
    long calls;
    int failed;
};

static void *starve_looper(void *p) {
    struct looper_arg *a = p;
    while (!starve_stop) {
        double t0 = now_ms();
        if (lh_argon2_verify(ENCODED, (const uint8_t *)PWD, strlen(PWD)) != LH_ARGON2_OK) a->failed = 1;
        double ms = now_ms() - t0;
        if (!atomic_load(&big_started) && ms > a->max_ms) a->max_ms = ms;
        /* A call finishing while the large one waits or runs: at most one per looper was
         * ahead of it; any more overtook it. */
        if (atomic_load(&big_started) && !atomic_load(&big_done)) atomic_fetch_add(&finished_meanwhile, 1);
        a->calls++;
    }
    return NULL;
}

static int starve(int loopers, uint32_t small_kib, uint32_t big_kib, uint64_t budget_mib) {
    uint8_t tag[TAG_LEN];
    /* The large operation alone, then under the loopers: the difference is how long it
     * waited to start (plus what sharing the CPUs costs it). No mapping is kept, so both
     * runs map fresh memory. */
    (void)lh_argon2_set_kept_memory_limit(0);
    if (bench_hash(RS, big_kib, 1, 1, tag)) return 1; /* the process's first-call costs */
    double t0 = now_ms();
    if (bench_hash(RS, big_kib, 1, 1, tag)) return 1;
    printf("big_alone_ms %.4f\n", now_ms() - t0);
    make_encoded(small_kib, 1, 1);
    t0 = now_ms();
    if (lh_argon2_verify(ENCODED, (const uint8_t *)PWD, strlen(PWD)) != LH_ARGON2_OK) return 1;
    printf("small_alone_ms %.4f\n", now_ms() - t0);
    if (lh_argon2_set_memory_budget(budget_mib << 20) != LH_ARGON2_OK) return 1;
    pthread_t tid[64];
    struct looper_arg args[64];
    if (loopers < 1 || loopers > 64) return 2;
    for (int i = 0; i < loopers; ++i) {
        args[i] = (struct looper_arg){0, 0, 0};
        pthread_create(&tid[i], NULL, starve_looper, &args[i]);
    }
    struct timespec warm = {0, 300 * 1000000L};
    nanosleep(&warm, NULL);
    atomic_store(&big_started, 1);
    t0 = now_ms();
    int failed = bench_hash(RS, big_kib, 1, 1, tag);
    double big_ms = now_ms() - t0;
    atomic_store(&big_done, 1);
    atomic_store(&starve_stop, 1);
    long calls = 0;
    double warm_max = 0;
    for (int i = 0; i < loopers; ++i) {
        pthread_join(tid[i], NULL);
        if (args[i].max_ms > warm_max) warm_max = args[i].max_ms;
        failed |= args[i].failed;
        calls += args[i].calls;
    }
    if (failed) {
        printf("failed\n");
        return 1;
    }
    printf("small_loaded_max_ms %.4f\n", warm_max); /* a looper's slowest call before the big one came */
    printf("big_loaded_ms %.4f\n", big_ms);
    printf("looper_calls %ld\n", calls);
    printf("finished_meanwhile %d\n", atomic_load(&finished_meanwhile));
    return 0;
}

int main(int argc, char **argv) {
    if (sodium_init() < 0) return 1;
    if (argc >= 3 && strcmp(argv[2], "opt") == 0) load_opt();
    if (argc >= 3 && strcmp(argv[2], "so1") == 0) load_so1("LH_BENCH_COMPAT_LIB");
    if (argc >= 3 && strcmp(argv[2], "so1deb") == 0) load_so1("LH_BENCH_DEBIAN_SO1");
    if (argc >= 3 && strcmp(argv[2], "rc") == 0) load_rc();
    if (argc >= 7 && strcmp(argv[1], "time") == 0) {
        enum impl impl = parse_impl(argv[2]);
        int verify = strcmp(argv[3], "verify") == 0;
        uint32_t m = (uint32_t)atol(argv[4]), t = (uint32_t)atol(argv[5]), p = (uint32_t)atol(argv[6]);
        int iters = argc > 7 ? atoi(argv[7]) : 1;
        long gap_ms = argc > 8 ? atol(argv[8]) : 0;
        uint8_t tag[TAG_LEN];
        if (verify) make_encoded(m, t, p);
        long baseline = proc_kib("VmRSS");
        printf("baseline_kib %ld\n", baseline);
        for (int i = 0; i < iters; ++i) {
            long faults = minor_faults();
            double t0 = now_ms();
            int failed = verify ? bench_verify(impl) : bench_hash(impl, m, t, p, tag);
            double t1 = now_ms();
            faults = minor_faults() - faults;
            if (failed) {
                printf("failed\n");
                return 1;
            }
            printf("ms %.4f\n", t1 - t0);
            printf("faults %ld\n", faults);
            if (gap_ms > 0 && i + 1 < iters) {
                struct timespec gap = {gap_ms / 1000, (gap_ms % 1000) * 1000000L};
                nanosleep(&gap, NULL);
            }
        }
        printf("peak_kib %ld\n", proc_kib("VmHWM"));
        return 0;
    }
    if (argc == 8 && strcmp(argv[1], "conc") == 0) {
        enum impl impl = parse_impl(argv[2]);
        uint32_t m = (uint32_t)atol(argv[3]), t = (uint32_t)atol(argv[4]), p = (uint32_t)atol(argv[5]);
        int threads = atoi(argv[6]);
        double seconds = atof(argv[7]);
        make_encoded(m, t, p);
        pthread_t tid[64];
        struct conc_arg args[64];
        if (threads < 1 || threads > 64) return 2;
        double start = now_ms();
        for (int i = 0; i < threads; ++i) {
            args[i] = (struct conc_arg){impl, start + seconds * 1e3, NULL, 100000, 0, 0};
            args[i].lat = malloc(sizeof(double) * args[i].cap);
            pthread_create(&tid[i], NULL, conc_worker, &args[i]);
        }
        for (int i = 0; i < threads; ++i) pthread_join(tid[i], NULL);
        double elapsed = now_ms() - start;
        printf("elapsed_ms %.3f\n", elapsed);
        for (int i = 0; i < threads; ++i) {
            if (args[i].failed) {
                printf("failed\n");
                return 1;
            }
            for (size_t j = 0; j < args[i].n; ++j) printf("lat %.4f\n", args[i].lat[j]);
            free(args[i].lat);
        }
        return 0;
    }
    if (argc == 7 && strcmp(argv[1], "flood") == 0) {
        uint32_t wait = strcmp(argv[6], "forever") == 0 ? LH_ARGON2_WAIT_FOREVER : (uint32_t)atol(argv[6]);
        return flood(atoi(argv[2]), atoi(argv[3]), (uint32_t)atol(argv[4]), (uint64_t)atoll(argv[5]), wait);
    }
    if (argc == 6 && strcmp(argv[1], "starve") == 0)
        return starve(atoi(argv[2]), (uint32_t)atol(argv[3]), (uint32_t)atol(argv[4]), (uint64_t)atoll(argv[5]));
    if (argc == 8 && strcmp(argv[1], "ab") == 0 && atoi(argv[7]) > 0)
        return ab(argv[2], argv[3], (uint32_t)atol(argv[4]), (uint32_t)atol(argv[5]), (uint32_t)atol(argv[6]), atoi(argv[7]));
    if (argc == 6 && strcmp(argv[1], "once") == 0) {
        uint8_t tag[TAG_LEN];
        /* callgrind counts the calling thread only: keep the split wipe and the
         * populating helper on it too, so the count is the whole hash's. */
        lh_argon2_set_max_threads(1);
        return bench_hash(parse_impl(argv[2]), (uint32_t)atol(argv[3]), (uint32_t)atol(argv[4]),
                          (uint32_t)atol(argv[5]), tag);
    }
    fprintf(stderr, "usage: see the comment at the top of bench/bench.c\n");
    return 2;
}
