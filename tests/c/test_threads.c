/* Concurrency: 16 threads each run a few hundred mixed operations (hash, verify with the
 * right and a wrong password, needs-rehash, decode, raw derivation) with random small
 * parameters, and every result is checked against a single-threaded recomputation done
 * beforehand. Built also with -fsanitize=thread (the C side) by CTest.
 * Usage: test_threads [threads] [ops per thread] */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argon2rs.h"
#include "check.h"

enum kind { HASH, VERIFY_RIGHT, VERIFY_WRONG, NEEDS_REHASH, DECODE, RAW, KINDS };

struct op {
    enum kind kind;
    lh_argon2_params params;
    char password[24];
    uint8_t salt[16];
    char encoded[256];     /* made single-threaded, for verify / needs-rehash / decode */
    lh_argon2_status want; /* single-threaded answer */
    bool want_needs;
    uint8_t want_raw[64];
};

struct worker {
    struct op *ops;
    size_t count;
    size_t failures;
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void) { /* xorshift64*: deterministic, single-threaded use only */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static lh_argon2_params random_params(void) {
    lh_argon2_params p;
    p.algorithm = next_random() % 3;
    p.version = next_random() % 2 ? LH_ARGON2_V13 : LH_ARGON2_V10;
    p.parallelism = 1 + next_random() % 3;
    p.m_cost = 8 * p.parallelism + next_random() % 56;
    p.t_cost = 1 + next_random() % 2;
    p.hash_len = 4 + next_random() % 61;
    p.salt_len = 8 + next_random() % 9;
    return p;
}

/* Prepares one operation and its expected answer, single-threaded. */
static void prepare(struct op *op) {
    memset(op, 0, sizeof *op);
    op->kind = (enum kind)(next_random() % KINDS);
    op->params = random_params();
    snprintf(op->password, sizeof op->password, "pw-%08x", (unsigned)next_random());
    for (size_t i = 0; i < sizeof op->salt; ++i) op->salt[i] = (uint8_t)next_random();
    const uint8_t *pw = (const uint8_t *)op->password;
    size_t pw_len = strlen(op->password);
    if (lh_argon2_hash(pw, pw_len, &op->params, op->encoded, sizeof op->encoded, NULL) != LH_ARGON2_OK) {
        fprintf(stderr, "preparing a hash failed\n");
        exit(2);
    }
    lh_argon2_params other = random_params();
    switch (op->kind) {
    case HASH:
        op->want = LH_ARGON2_OK;
        break;
    case VERIFY_RIGHT:
    case VERIFY_WRONG:
        op->want = lh_argon2_verify(op->encoded, pw, op->kind == VERIFY_RIGHT ? pw_len : pw_len - 1);
        break;
    case NEEDS_REHASH:
        op->params = next_random() % 2 ? other : op->params;
        op->want = lh_argon2_needs_rehash(op->encoded, &op->params, &op->want_needs);
        break;
    case DECODE:
        op->want = LH_ARGON2_OK;
        break;
    case RAW:
        op->want = lh_argon2_hash_raw(pw, pw_len, op->salt, op->params.salt_len, &op->params, op->want_raw,
                                      op->params.hash_len);
        break;
    default:
        break;
    }
}

/* Runs one operation again (in a worker thread) and compares with the expectation. */
static bool rerun(const struct op *op) {
    const uint8_t *pw = (const uint8_t *)op->password;
    size_t pw_len = strlen(op->password);
    switch (op->kind) {
    case HASH: {
        char out[256];
        lh_argon2_params decoded;
        return lh_argon2_hash(pw, pw_len, &op->params, out, sizeof out, NULL) == LH_ARGON2_OK &&
               lh_argon2_verify(out, pw, pw_len) == LH_ARGON2_OK &&
               lh_argon2_decode(out, &decoded) == LH_ARGON2_OK &&
               memcmp(&decoded, &op->params, sizeof decoded) == 0;
    }
    case VERIFY_RIGHT:
    case VERIFY_WRONG:
        return lh_argon2_verify(op->encoded, pw, op->kind == VERIFY_RIGHT ? pw_len : pw_len - 1) == op->want;
    case NEEDS_REHASH: {
        bool needs = !op->want_needs;
        return lh_argon2_needs_rehash(op->encoded, &op->params, &needs) == op->want && needs == op->want_needs;
    }
    case DECODE: {
        lh_argon2_params decoded;
        return lh_argon2_decode(op->encoded, &decoded) == LH_ARGON2_OK &&
               memcmp(&decoded, &op->params, sizeof decoded) == 0;
    }
    case RAW: {
        uint8_t out[64];
        return lh_argon2_hash_raw(pw, pw_len, op->salt, op->params.salt_len, &op->params, out,
                                  op->params.hash_len) == op->want &&
               memcmp(out, op->want_raw, op->params.hash_len) == 0;
    }
    default:
        return false;
    }
}

static void *work(void *arg) {
    struct worker *w = arg;
    for (size_t i = 0; i < w->count; ++i) {
        if (!rerun(&w->ops[i])) ++w->failures;
    }
    return NULL;
}

int main(int argc, char **argv) {
    size_t threads = argc > 1 ? strtoul(argv[1], NULL, 10) : 16;
    size_t per_thread = argc > 2 ? strtoul(argv[2], NULL, 10) : 300;
    struct op *ops = calloc(threads * per_thread, sizeof *ops);
    struct worker *workers = calloc(threads, sizeof *workers);
    pthread_t *ids = calloc(threads, sizeof *ids);
    if (ops == NULL || workers == NULL || ids == NULL) return 2;

    size_t per_kind[KINDS] = {0};
    for (size_t i = 0; i < threads * per_thread; ++i) {
        prepare(&ops[i]);
        ++per_kind[ops[i].kind];
    }
    CHECK(per_kind[VERIFY_RIGHT] > 0 && per_kind[RAW] > 0 && per_kind[HASH] > 0,
          "%zu operations prepared single-threaded: %zu hash, %zu verify right, %zu verify wrong, "
          "%zu needs-rehash, %zu decode, %zu raw",
          threads * per_thread, per_kind[HASH], per_kind[VERIFY_RIGHT], per_kind[VERIFY_WRONG],
          per_kind[NEEDS_REHASH], per_kind[DECODE], per_kind[RAW]);

    for (size_t t = 0; t < threads; ++t) {
        workers[t].ops = ops + t * per_thread;
        workers[t].count = per_thread;
        CHECK(pthread_create(&ids[t], NULL, work, &workers[t]) == 0, "thread %zu started", t);
    }
    size_t failures = 0;
    for (size_t t = 0; t < threads; ++t) {
        pthread_join(ids[t], NULL);
        failures += workers[t].failures;
    }
    CHECK(failures == 0, "%zu threads x %zu operations: %zu results differ from the single-threaded ones",
          threads, per_thread, failures);
    free(ops);
    free(workers);
    free(ids);
    return check_summary();
}
