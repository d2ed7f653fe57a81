/* lh_argon2_options across versions (issue 10): a program built against 0.1 (a 64-byte
 * struct, struct_size 64, initialised by the function itself) keeps working; the sized
 * init writes exactly the size it is given; budget_wait_ms is honoured. */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"

#define PW(s) (const uint8_t *)(s), strlen(s)
#define CANARY 0xA5
#define V0_1_SIZE 64

/* The 0.1 layout, as a program compiled against the 0.1 header declared it. */
typedef struct {
    size_t struct_size;
    const uint8_t *secret;
    size_t secret_len;
    const uint8_t *ad;
    size_t ad_len;
    lh_argon2_limits limits;
} options_v0_1;

static int all_canary(const unsigned char *bytes, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (bytes[i] != CANARY) return 0;
    return 1;
}

static atomic_int holding;

static void *hold_budget(void *arg) {
    (void)arg;
    lh_argon2_params p;
    if (lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p) != LH_ARGON2_OK) return NULL;
    p.m_cost = 16 * 1024;
    p.t_cost = 300; /* about 0.7 s on a quiet machine: both checks below (about 0.25 s) fit inside it */
    char out[256];
    atomic_store(&holding, 1);
    lh_argon2_status rc = lh_argon2_hash(PW("holder"), &p, out, sizeof out, NULL);
    return rc == LH_ARGON2_OK ? NULL : arg;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(void) {
    CHECK(sizeof(options_v0_1) == V0_1_SIZE, "the 0.1 struct is 64 bytes here");
    CHECK(offsetof(lh_argon2_options, budget_wait_ms) == V0_1_SIZE, "0.2 appends budget_wait_ms at 64");

    /* A 0.1 binary calls the function (not the macro): 64 bytes written, no more. */
    union {
        options_v0_1 old;
        unsigned char bytes[128];
    } old;
    memset(old.bytes, CANARY, sizeof old.bytes);
    CHECK_STATUS((lh_argon2_options_init)((lh_argon2_options *)(void *)&old.old), LH_ARGON2_OK, "0.1 init");
    CHECK(old.old.struct_size == V0_1_SIZE && all_canary(old.bytes, V0_1_SIZE, sizeof old.bytes),
          "0.1 init wrote 64 bytes (struct_size %zu)", old.old.struct_size);

    /* The 0.1 struct, with a pepper, hashes and verifies. */
    lh_argon2_params p;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p), LH_ARGON2_OK, "params");
    old.old.secret = (const uint8_t *)"pepper";
    old.old.secret_len = 6;
    char out[256];
    CHECK_STATUS(lh_argon2_hash_ext(PW("pw"), &p, (const lh_argon2_options *)(void *)&old.old, out, sizeof out, NULL),
                 LH_ARGON2_OK, "hash with a 0.1 struct");
    CHECK_STATUS(lh_argon2_verify_ext(out, PW("pw"), (const lh_argon2_options *)(void *)&old.old), LH_ARGON2_OK,
                 "verify with a 0.1 struct");
    CHECK_STATUS(lh_argon2_verify(out, PW("pw")), LH_ARGON2_ERR_VERIFY_MISMATCH, "the 0.1 pepper was used");

    /* Sized init: exactly size bytes for both known sizes, nothing for any other. */
    size_t sizes[] = {V0_1_SIZE, sizeof(lh_argon2_options)};
    for (int i = 0; i < 2; i++) {
        unsigned char bytes[128];
        memset(bytes, CANARY, sizeof bytes);
        CHECK_STATUS(lh_argon2_options_init_sized((lh_argon2_options *)(void *)bytes, sizes[i]), LH_ARGON2_OK,
                     "sized init");
        size_t written;
        memcpy(&written, bytes, sizeof written);
        CHECK(written == sizes[i] && all_canary(bytes, sizes[i], sizeof bytes), "sized init wrote exactly %zu bytes",
              sizes[i]);
    }
    unsigned char bytes[128];
    memset(bytes, CANARY, sizeof bytes);
    size_t bad[] = {0, 8, V0_1_SIZE - 1, V0_1_SIZE + 4, sizeof(lh_argon2_options) + 8};
    for (int i = 0; i < 5; i++)
        CHECK(lh_argon2_options_init_sized((lh_argon2_options *)(void *)bytes, bad[i]) == LH_ARGON2_ERR_INVALID_OPTIONS &&
                  all_canary(bytes, 0, sizeof bytes),
              "size %zu refused, nothing written", bad[i]);
    CHECK_STATUS(lh_argon2_options_init_sized(NULL, sizeof(lh_argon2_options)), LH_ARGON2_ERR_NULL_POINTER, "NULL");

    /* The header's macro initialises this version's whole struct. */
    lh_argon2_params big = p;
    big.m_cost = 16 * 1024;
    lh_argon2_options o;
    memset(&o, CANARY, sizeof o);
    CHECK_STATUS(lh_argon2_options_init(&o), LH_ARGON2_OK, "init through the macro");
    CHECK(o.struct_size == sizeof o && o.budget_wait_ms == LH_ARGON2_WAIT_PROCESS_DEFAULT,
          "struct_size %zu, budget_wait_ms = LH_ARGON2_WAIT_PROCESS_DEFAULT", o.struct_size);

    /* budget_wait_ms is honoured: while another thread's hash holds the whole budget,
     * a call with a 100 ms wait is refused BUSY after its deadline, not after the hash;
     * so is a 0.1 struct's call under a 100 ms process-wide wait. */
    CHECK_STATUS(lh_argon2_set_memory_budget(16u * 1024u * 1024u), LH_ARGON2_OK, "budget = one 16 MiB hash");
    int refused = 0, refused_old = 0;
    double waited = 0;
    for (int attempt = 0; attempt < 5 && !(refused && refused_old); attempt++) {
        pthread_t holder;
        atomic_store(&holding, 0);
        CHECK(pthread_create(&holder, NULL, hold_budget, NULL) == 0, "a thread hashes 16 MiB, t=300");
        while (!atomic_load(&holding)) usleep(1000);
        usleep(20000); /* it has reserved the budget by now (or this attempt is retried) */
        o.budget_wait_ms = 100;
        double started = now_ms();
        lh_argon2_status rc = lh_argon2_hash_ext(PW("pw"), &big, &o, out, sizeof out, NULL);
        waited = now_ms() - started;
        /* Each outcome counts once seen: on a quiet machine the holder can finish during
         * the first 200 ms, so the two calls may each need their own attempt. */
        if (rc == LH_ARGON2_ERR_BUSY && out[0] == '\0' && waited >= 100 && waited < 2000) refused = 1;
        uint32_t previous = lh_argon2_set_memory_budget_wait_ms(100);
        rc = lh_argon2_hash_ext(PW("pw"), &big, (const lh_argon2_options *)(void *)&old.old, out, sizeof out, NULL);
        if (rc == LH_ARGON2_ERR_BUSY) refused_old = 1;
        (void)lh_argon2_set_memory_budget_wait_ms(previous);
        pthread_join(holder, NULL);
    }
    CHECK(refused, "budget_wait_ms = 100 behind a running hash: BUSY, \"\" written, after %.0f ms", waited);
    CHECK(refused_old, "a 0.1 struct waits the process-wide 100 ms, then BUSY");
    CHECK_STATUS(lh_argon2_hash_ext(PW("pw"), &big, &o, out, sizeof out, NULL), LH_ARGON2_OK,
                 "with the budget free the same call computes");
    CHECK_STATUS(lh_argon2_set_memory_budget(0), LH_ARGON2_OK, "unlimited again");
    return check_summary();
}
