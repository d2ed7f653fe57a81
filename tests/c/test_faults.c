/* Fault injection against the whole C API (issue 10):
 *
 *   test_faults alloc    every allocation point of every exported function (the
 *                        _len forms of the encoded-string calls on two shapes) fails in
 *                        turn (the Nth call of the malloc family or mmap, and every call
 *                        from the Nth on), in a fresh process (first call) and after a
 *                        warm-up call; p = 1 and 4, m = 64 KiB (heap) and 4 MiB (mmap).
 *   test_faults threads  pthread_create fails from the Nth call (and only the Nth), p = 2,
 *                        4, 8: the tag is still right and no lane thread outlives a call.
 *   test_faults rlimit   a real RLIMIT_AS set page by page just above the address space
 *                        in use, then a hash of m = 1 MiB, p = 4.
 *
 * Each allocation point runs in its own child process (re-executed, so "first call" is
 * really the first), and the parent counts signals: the library must never abort. On
 * success the result must be right, a failure must be LH_ARGON2_ERR_OUT_OF_MEMORY, and
 * the next normal call in the same process must succeed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"
#include "fault_inject.h"
#include "task_count.h"
#include "vm_size.h"

#define PW (const uint8_t *)"correct horse", 13
static const uint8_t SALT[16] = "saltsaltsaltsalt";
static const uint8_t PEPPER[] = "pepper";
static const uint8_t AD[] = "user-42";

enum op {
    OP_HASH,
    OP_HASH_EXT,
    OP_VERIFY,
    OP_VERIFY_EXT,
    OP_NEEDS_REHASH,
    OP_DECODE,
    OP_VERIFY_LEN,
    OP_VERIFY_EXT_LEN,
    OP_NEEDS_REHASH_LEN,
    OP_DECODE_LEN,
    OP_RAW,
    OP_RAW_EXT,
    OP_CALIBRATE,
    OP_COUNT
};
static const char *const OP_NAMES[OP_COUNT] = {
    "hash",           "hash_ext",         "verify",   "verify_ext",   "needs_rehash", "decode",   "verify_len",
    "verify_ext_len", "needs_rehash_len", "decode_len", "hash_raw", "hash_raw_ext", "calibrate"};

struct shape {
    uint32_t m_kib, p;
};
static const struct shape SHAPES[] = {{64, 1}, {64, 4}, {4096, 1}, {4096, 4}};
#define SHAPE_COUNT (sizeof SHAPES / sizeof SHAPES[0])

static lh_argon2_params params_for(const struct shape *shape) {
    lh_argon2_params params;
    if (lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &params) != LH_ARGON2_OK) abort();
    params.m_cost = shape->m_kib;
    params.t_cost = 1;
    params.parallelism = shape->p;
    params.hash_len = 32;
    params.salt_len = 16;
    return params;
}

static lh_argon2_options extras(void) {
    lh_argon2_options options;
    if (lh_argon2_options_init(&options) != LH_ARGON2_OK) abort();
    options.secret = PEPPER;
    options.secret_len = sizeof PEPPER - 1;
    options.ad = AD;
    options.ad_len = sizeof AD - 1;
    return options;
}

/* What a call produced, checked after the injector is disarmed. */
struct result {
    char encoded[LH_ARGON2_ENCODED_MAX];
    uint8_t raw[32];
    lh_argon2_params decoded;
    bool needs;
    uint32_t measured_ms;
};

/* The inputs a child gets from its parent: stored hashes and expected raw tags. */
struct inputs {
    const struct shape *shape;
    const char *stored, *stored_ext;
    uint8_t raw[32], raw_ext[32];
};

static lh_argon2_status call(int op, const struct inputs *in, struct result *out) {
    lh_argon2_params params = params_for(in->shape);
    lh_argon2_options options = extras();
    switch (op) {
    case OP_HASH:
        return lh_argon2_hash(PW, &params, out->encoded, sizeof out->encoded, NULL);
    case OP_HASH_EXT:
        return lh_argon2_hash_ext(PW, &params, &options, out->encoded, sizeof out->encoded, NULL);
    case OP_VERIFY:
        return lh_argon2_verify(in->stored, PW);
    case OP_VERIFY_EXT:
        return lh_argon2_verify_ext(in->stored_ext, PW, &options);
    case OP_NEEDS_REHASH:
        return lh_argon2_needs_rehash(in->stored, &params, &out->needs);
    case OP_DECODE:
        return lh_argon2_decode(in->stored, &out->decoded);
    case OP_VERIFY_LEN:
        return lh_argon2_verify_len(in->stored, strlen(in->stored), PW);
    case OP_VERIFY_EXT_LEN:
        return lh_argon2_verify_ext_len(in->stored_ext, strlen(in->stored_ext), PW, &options);
    case OP_NEEDS_REHASH_LEN:
        return lh_argon2_needs_rehash_len(in->stored, strlen(in->stored), &params, &out->needs);
    case OP_DECODE_LEN:
        return lh_argon2_decode_len(in->stored, strlen(in->stored), &out->decoded);
    case OP_RAW:
        return lh_argon2_hash_raw(PW, SALT, sizeof SALT, &params, out->raw, sizeof out->raw);
    case OP_RAW_EXT:
        return lh_argon2_hash_raw_ext(PW, SALT, sizeof SALT, &params, &options, out->raw, sizeof out->raw);
    default:
        return lh_argon2_calibrate(20, in->shape->m_kib, in->shape->p, &out->decoded, &out->measured_ms);
    }
}

/* Whether a successful call's result is the right one (uses the library, unarmed). */
static bool right(int op, const struct inputs *in, const struct result *out) {
    lh_argon2_params params = params_for(in->shape);
    lh_argon2_options options = extras();
    switch (op) {
    case OP_HASH:
        return lh_argon2_verify(out->encoded, PW) == LH_ARGON2_OK;
    case OP_HASH_EXT:
        return lh_argon2_verify_ext(out->encoded, PW, &options) == LH_ARGON2_OK &&
               lh_argon2_verify(out->encoded, PW) == LH_ARGON2_ERR_VERIFY_MISMATCH;
    case OP_VERIFY:
    case OP_VERIFY_EXT:
    case OP_VERIFY_LEN:
    case OP_VERIFY_EXT_LEN:
        return true; /* LH_ARGON2_OK for the right password is the result */
    case OP_NEEDS_REHASH:
    case OP_NEEDS_REHASH_LEN:
        return !out->needs;
    case OP_DECODE:
    case OP_DECODE_LEN:
        return memcmp(&out->decoded, &params, sizeof params) == 0;
    case OP_RAW:
        return memcmp(out->raw, in->raw, 32) == 0;
    case OP_RAW_EXT:
        return memcmp(out->raw, in->raw_ext, 32) == 0;
    default:
        return out->decoded.parallelism == in->shape->p && out->decoded.m_cost <= in->shape->m_kib &&
               out->decoded.t_cost >= 1 && out->measured_ms <= 20;
    }
}

static void to_hex(const uint8_t *bytes, char *hex) {
    for (int i = 0; i < 32; i++) sprintf(hex + 2 * i, "%02x", bytes[i]);
}

static void from_hex(const char *hex, uint8_t *bytes) {
    for (int i = 0; i < 32; i++) {
        unsigned v = 0;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) abort();
        bytes[i] = (uint8_t)v;
    }
}

/* Child: argv = point OP SHAPE N FROM_ON WARM STORED STORED_EXT RAW_HEX RAW_EXT_HEX.
 * Prints "status counted failed right next_status next_right". */
static int alloc_point(char **argv) {
    alarm(60);
    int op = atoi(argv[2]);
    struct inputs in = {&SHAPES[atoi(argv[3])], argv[7], argv[8], {0}, {0}};
    long nth = atol(argv[4]);
    int from_on = atoi(argv[5]), warm = atoi(argv[6]);
    from_hex(argv[9], in.raw);
    from_hex(argv[10], in.raw_ext);
    static struct result out;
    if (warm && (call(op, &in, &out) != LH_ARGON2_OK || !right(op, &in, &out))) return 3;
    memset(&out, 0x5a, sizeof out);
    fault_arm(FAULT_ALLOC, nth, from_on);
    lh_argon2_status status = call(op, &in, &out);
    long counted = fault_disarm();
    long failed = fault_failed();
    bool ok = status == LH_ARGON2_OK && right(op, &in, &out);
    static struct result again;
    lh_argon2_status next = call(op, &in, &again);
    bool next_ok = next == LH_ARGON2_OK && right(op, &in, &again);
    printf("%d %ld %ld %d %d %d\n", (int)status, counted, failed, (int)ok, (int)next, (int)next_ok);
    return 0;
}

/* Runs one allocation point in a fresh process; returns 0 when it was judged, and sets
 * *more to whether any allocation was made to fail (else the sweep is past the end). */
struct tally {
    long points, ok, oom, aborts, wrong;
};

static void spawn_point(const char *self, int op, size_t shape, long nth, int from_on, int warm,
                        const struct inputs *in, struct tally *tally, bool *more) {
    char op_s[8], shape_s[8], nth_s[24], from_s[4], warm_s[4], raw_hex[65], raw_ext_hex[65];
    snprintf(op_s, sizeof op_s, "%d", op);
    snprintf(shape_s, sizeof shape_s, "%zu", shape);
    snprintf(nth_s, sizeof nth_s, "%ld", nth);
    snprintf(from_s, sizeof from_s, "%d", from_on);
    snprintf(warm_s, sizeof warm_s, "%d", warm);
    to_hex(in->raw, raw_hex);
    to_hex(in->raw_ext, raw_ext_hex);
    char *args[] = {(char *)self, "point", op_s, shape_s, nth_s, from_s, warm_s, (char *)in->stored,
                    (char *)in->stored_ext, raw_hex, raw_ext_hex, NULL};
    int fds[2];
    if (pipe(fds) != 0) abort();
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(self, args);
        _exit(127);
    }
    close(fds[1]);
    char line[256] = {0};
    size_t got = 0;
    ssize_t n;
    while (got < sizeof line - 1 && (n = read(fds[0], line + got, sizeof line - 1 - got)) > 0) got += (size_t)n;
    close(fds[0]);
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    tally->points++;
    *more = false;
    const char *what = OP_NAMES[op];
    if (WIFSIGNALED(wstatus)) {
        tally->aborts++;
        *more = true;
        CHECK(0, "%s m=%u p=%u %s N=%ld%s: killed by signal %d", what, SHAPES[shape].m_kib, SHAPES[shape].p,
              warm ? "warm" : "first", nth, from_on ? "+" : "", WTERMSIG(wstatus));
        return;
    }
    int status = 0, ok = 0, next = 0, next_ok = 0;
    long counted = 0, failed = 0;
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 ||
        sscanf(line, "%d %ld %ld %d %d %d", &status, &counted, &failed, &ok, &next, &next_ok) != 6) {
        tally->wrong++;
        CHECK(0, "%s N=%ld: child exited %d without a result", what, nth, WEXITSTATUS(wstatus));
        return;
    }
    *more = failed > 0;
    bool judged_ok = (status == LH_ARGON2_OK && ok) || status == LH_ARGON2_ERR_OUT_OF_MEMORY;
    if (status == LH_ARGON2_OK) tally->ok++;
    if (status == LH_ARGON2_ERR_OUT_OF_MEMORY) tally->oom++;
    if (failed == 0) judged_ok = status == LH_ARGON2_OK && ok;
    if (!judged_ok || next != LH_ARGON2_OK || !next_ok) {
        tally->wrong++;
        CHECK(0, "%s m=%u p=%u %s N=%ld%s: status %d (right %d), next call %d (right %d)", what, SHAPES[shape].m_kib,
              SHAPES[shape].p, warm ? "warm" : "first", nth, from_on ? "+" : "", status, ok, next, next_ok);
    }
}

static int alloc_sweep(const char *self) {
    struct tally total = {0};
    static char stored[SHAPE_COUNT][LH_ARGON2_ENCODED_MAX], stored_ext[SHAPE_COUNT][LH_ARGON2_ENCODED_MAX];
    struct inputs ins[SHAPE_COUNT];
    for (size_t s = 0; s < SHAPE_COUNT; s++) {
        lh_argon2_params params = params_for(&SHAPES[s]);
        lh_argon2_options options = extras();
        ins[s].shape = &SHAPES[s];
        CHECK_STATUS(lh_argon2_hash(PW, &params, stored[s], sizeof stored[s], NULL), LH_ARGON2_OK, "stored hash");
        CHECK_STATUS(lh_argon2_hash_ext(PW, &params, &options, stored_ext[s], sizeof stored_ext[s], NULL),
                     LH_ARGON2_OK, "stored hash with pepper and data");
        CHECK_STATUS(lh_argon2_hash_raw(PW, SALT, sizeof SALT, &params, ins[s].raw, 32), LH_ARGON2_OK, "raw tag");
        CHECK_STATUS(lh_argon2_hash_raw_ext(PW, SALT, sizeof SALT, &params, &options, ins[s].raw_ext, 32),
                     LH_ARGON2_OK, "raw tag with pepper and data");
        ins[s].stored = stored[s];
        ins[s].stored_ext = stored_ext[s];
    }
    for (int op = 0; op < OP_COUNT; op++) {
        struct tally per_op = {0};
        long max_events = 0;
        /* Parsing does not depend on the shape, and calibration measures many hashes:
         * two shapes each for those. */
        static const size_t all_shapes[] = {0, 1, 2, 3}, parse_shapes[] = {0, 3}, calibrate_shapes[] = {0, 1};
        bool parse_only =
            op == OP_DECODE || op == OP_NEEDS_REHASH || op == OP_DECODE_LEN || op == OP_NEEDS_REHASH_LEN;
        bool length_form = op == OP_VERIFY_LEN || op == OP_VERIFY_EXT_LEN;
        const size_t *shapes = op == OP_CALIBRATE              ? calibrate_shapes
                               : parse_only || length_form ? parse_shapes
                                                           : all_shapes;
        size_t shape_count = shapes == all_shapes ? 4 : 2;
        for (size_t k = 0; k < shape_count; k++) {
            size_t s = shapes[k];
            for (int warm = 0; warm <= 1; warm++) {
                for (int from_on = 0; from_on <= 1; from_on++) {
                    bool more = true;
                    long nth = 1;
                    for (; more && nth <= 2000; nth++) {
                        spawn_point(self, op, s, nth, from_on, warm, &ins[s], &per_op, &more);
                    }
                    if (nth - 1 > max_events) max_events = nth - 1;
                    CHECK(!more, "%s m=%u p=%u %s%s: the sweep reached the end of the call's allocations (%ld points)",
                          OP_NAMES[op], SHAPES[s].m_kib, SHAPES[s].p, warm ? "warm" : "first",
                          from_on ? ", every call from N on" : ", the Nth call", nth - 1);
                }
            }
        }
        printf("# %-16s points %4ld  success %4ld  out-of-memory %4ld  aborts %ld  wrong %ld\n", OP_NAMES[op],
               per_op.points, per_op.ok, per_op.oom, per_op.aborts, per_op.wrong);
        total.points += per_op.points;
        total.ok += per_op.ok;
        total.oom += per_op.oom;
        total.aborts += per_op.aborts;
        total.wrong += per_op.wrong;
    }
    printf("# allocation points tried %ld: success %ld, LH_ARGON2_ERR_OUT_OF_MEMORY %ld, aborts %ld, wrong %ld\n",
           total.points, total.ok, total.oom, total.aborts, total.wrong);
    CHECK(total.aborts == 0, "no allocation failure killed the process (%ld points)", total.points);
    CHECK(total.wrong == 0, "every point gave success with the right result or OUT_OF_MEMORY, then a normal call");
    return check_summary();
}

/* Threads of this process, from /proc/self/task. */
static int thread_sweep(void) {
    const uint32_t lanes[] = {2, 4, 8};
    long runs = 0, right_tags = 0, refused = 0, leftover = 0, fewer_threads = 0;
    for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++) {
        struct shape shape = {4096, lanes[i]};
        lh_argon2_params params = params_for(&shape);
        params.t_cost = 2;
        uint8_t expected[32], tag[32];
        CHECK_STATUS(lh_argon2_hash_raw(PW, SALT, sizeof SALT, &params, expected, 32), LH_ARGON2_OK, "reference tag");
        fault_arm(FAULT_THREAD, 0, 0);
        CHECK_STATUS(lh_argon2_hash_raw(PW, SALT, sizeof SALT, &params, tag, 32), LH_ARGON2_OK, "counting threads");
        long wanted = fault_disarm();
        printf("# p=%u: %ld helper thread(s) wanted per call on this machine\n", lanes[i], wanted);
        for (int rep = 0; rep < 40; rep++) {
            for (int from_on = 0; from_on <= 1; from_on++) {
                for (long nth = 1; nth <= wanted + 1; nth++) {
                    int before = settled_task_count(1);
                    fault_arm(FAULT_THREAD, nth, from_on);
                    lh_argon2_status status = lh_argon2_hash_raw(PW, SALT, sizeof SALT, &params, tag, 32);
                    long live = fault_live_threads();
                    fault_disarm();
                    long failed = fault_failed();
                    int after = settled_task_count(before);
                    runs++;
                    refused += failed;
                    if (failed > 0) fewer_threads++;
                    bool ok = status == LH_ARGON2_OK && memcmp(tag, expected, 32) == 0;
                    if (ok) right_tags++;
                    if (live != 0 || after != before) leftover++;
                    if (!ok || live != 0 || after != before) {
                        CHECK(0, "p=%u N=%ld%s: status %d, tag %s, %ld lane thread(s) running at return, tasks %d -> %d",
                              lanes[i], nth, from_on ? "+" : "", status, ok ? "right" : "WRONG", live, before, after);
                    }
                }
            }
        }
    }
    /* The string API too: hash and verify with every thread refused. */
    struct shape shape = {4096, 4};
    lh_argon2_params params = params_for(&shape);
    char encoded[LH_ARGON2_ENCODED_MAX];
    fault_arm(FAULT_THREAD, 1, 1);
    lh_argon2_status hashed = lh_argon2_hash(PW, &params, encoded, sizeof encoded, NULL);
    lh_argon2_status verified = hashed == LH_ARGON2_OK ? lh_argon2_verify(encoded, PW) : hashed;
    fault_disarm();
    CHECK(hashed == LH_ARGON2_OK && verified == LH_ARGON2_OK, "hash and verify with no thread startable: %d, %d", hashed,
          verified);
    CHECK(lh_argon2_verify(encoded, PW) == LH_ARGON2_OK, "and the hash verifies normally");
    printf("# thread fallback: %ld calls, %ld with a refused pthread_create (%ld refusals), %ld right tags, %ld with a "
           "thread left running\n",
           runs, fewer_threads, refused, right_tags, leftover);
    CHECK(right_tags == runs, "every call under refused threads gave the right tag (%ld/%ld)", right_tags, runs);
    CHECK(leftover == 0, "no lane thread outlived a call");
    return check_summary();
}

/* Child of the RLIMIT_AS sweep: exit 0 success, 1 OUT_OF_MEMORY, >1 a broken promise. */
static int rlimit_point(long pages, int warm) {
    alarm(60);
    struct shape shape = {1024, 4};
    lh_argon2_params params = params_for(&shape);
    char out[LH_ARGON2_ENCODED_MAX];
    if (warm && lh_argon2_hash(PW, &params, out, sizeof out, NULL) != LH_ARGON2_OK) return 2;
    struct rlimit old, limit;
    if (getrlimit(RLIMIT_AS, &old) != 0) return 2;
    limit = old;
    limit.rlim_cur = vm_size() + (unsigned long long)pages * 4096;
    if (setrlimit(RLIMIT_AS, &limit) != 0) return 2;
    lh_argon2_status status = lh_argon2_hash(PW, &params, out, sizeof out, NULL);
    if (setrlimit(RLIMIT_AS, &old) != 0) return 2;
    if (status == LH_ARGON2_OK && lh_argon2_verify(out, PW) != LH_ARGON2_OK) return 3;
    if (status != LH_ARGON2_OK && status != LH_ARGON2_ERR_OUT_OF_MEMORY) return 4;
    if (lh_argon2_hash(PW, &params, out, sizeof out, NULL) != LH_ARGON2_OK) return 5;
    return status == LH_ARGON2_OK ? 0 : 1;
}

static int rlimit_sweep(void) {
    long points = 0, ok = 0, oom = 0, aborts = 0, wrong = 0;
    for (int warm = 0; warm <= 1; warm++) {
        /* Page by page over the first 6 MiB above the address space in use (the 1 MiB of
         * memory, four lanes' thread stacks and the allocator's own), then in 64 KiB steps
         * to 16 MiB. */
        for (long pages = 0; pages <= 4096; pages += pages < 1536 ? 1 : 16) {
            fflush(stdout);
            pid_t pid = fork();
            if (pid == 0) _exit(rlimit_point(pages, warm));
            int wstatus = 0;
            waitpid(pid, &wstatus, 0);
            points++;
            if (WIFSIGNALED(wstatus)) {
                aborts++;
                CHECK(0, "RLIMIT_AS +%ld pages (%s): killed by signal %d", pages, warm ? "warm" : "first",
                      WTERMSIG(wstatus));
            } else if (WEXITSTATUS(wstatus) == 0) {
                ok++;
            } else if (WEXITSTATUS(wstatus) == 1) {
                oom++;
            } else {
                wrong++;
                CHECK(0, "RLIMIT_AS +%ld pages (%s): child exited %d", pages, warm ? "warm" : "first",
                      WEXITSTATUS(wstatus));
            }
        }
    }
    printf("# RLIMIT_AS points %ld: success %ld, LH_ARGON2_ERR_OUT_OF_MEMORY %ld, aborts %ld, wrong %ld\n", points, ok,
           oom, aborts, wrong);
    CHECK(aborts == 0 && wrong == 0, "no signal and only documented statuses under RLIMIT_AS (%ld points)", points);
    CHECK(oom > 0 && ok > 0, "the sweep spans failure and success");
    return check_summary();
}

int main(int argc, char **argv) {
    if (argc >= 11 && strcmp(argv[1], "point") == 0) return alloc_point(argv);
    const char *mode = argc > 1 ? argv[1] : "alloc";
    if (strcmp(mode, "threads") == 0) return thread_sweep();
    if (strcmp(mode, "rlimit") == 0) return rlimit_sweep();
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) return 2;
    self[len] = '\0';
    return alloc_sweep(self);
}
