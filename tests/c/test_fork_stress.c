/* fork() from any point (issue 10): the parent forks again and again while other
 * threads are inside the library, each mode in its own phase:
 *   waiters  - threads hashing under a budget that fits one of them: the others wait
 *              on the budget (with a deadline when the library has one);
 *   setter   - a thread changing the budget and its wait time in a loop, with hashes;
 *   kept     - a thread hashing 2 MiB (offering the kept mapping) and another releasing
 *              it (lh_argon2_set_kept_memory_limit) in a loop;
 *   lanes    - threads hashing with p=4 (lane threads running).
 * Each child sets a budget, then hashes and verifies with p=1 and p=4, under a watchdog:
 * a child that has not exited after the watchdog is a hang (killed and counted).
 *
 * Usage: test_fork_stress [forks, default 2000] [watchdog seconds, default 10]
 * Prints forks / hangs / failures per mode; fails on any hang or failure. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"

#define PW(s) (const uint8_t *)(s), strlen(s)
#define MIB (1024u * 1024u)

static atomic_int stop = 0;

static lh_argon2_params params(uint32_t m_kib, uint32_t lanes) {
    lh_argon2_params p;
    if (lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p) != LH_ARGON2_OK) p.m_cost = 0;
    p.m_cost = m_kib;
    p.t_cost = 1;
    p.parallelism = lanes;
    return p;
}

/* A hash the thread loops on; BUSY (a deadline passed) is an expected outcome. */
static void hash_once(uint32_t m_kib, uint32_t lanes) {
    lh_argon2_params p = params(m_kib, lanes);
    char out[256];
#ifdef LH_ARGON2_WAIT_FOREVER
    lh_argon2_options o;
    if (lh_argon2_options_init(&o) != LH_ARGON2_OK) abort();
    o.budget_wait_ms = 2; /* some wait, some time out and leave the queue */
    lh_argon2_status rc = lh_argon2_hash_ext(PW("parent"), &p, &o, out, sizeof out, NULL);
#else
    lh_argon2_status rc = lh_argon2_hash(PW("parent"), &p, out, sizeof out, NULL);
#endif
    if (rc != LH_ARGON2_OK && rc != LH_ARGON2_ERR_BUSY) {
        fprintf(stderr, "parent thread hash (m=%u KiB, p=%u, budget %llu): %s\n", m_kib, lanes, (unsigned long long)lh_argon2_get_memory_budget(), lh_argon2_status_message(rc));
        abort();
    }
}

static void *waiter(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) hash_once(1024, 1);
    return NULL;
}

static void *setter(void *arg) {
    (void)arg;
    for (uint32_t i = 0; !atomic_load(&stop); i++) {
        if (lh_argon2_set_memory_budget((1 + i % 3) * MIB) != LH_ARGON2_OK) abort();
#ifdef LH_ARGON2_WAIT_FOREVER
        (void)lh_argon2_set_memory_budget_wait_ms(i % 2 ? LH_ARGON2_WAIT_FOREVER : 1);
#endif
        if (lh_argon2_get_memory_budget() == 0) abort();
        if (i % 16 == 0) hash_once(1024, 1);
    }
    return NULL;
}

static void *kept_offerer(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) hash_once(2048, 1);
    return NULL;
}

static void *kept_releaser(void *arg) {
    (void)arg;
    for (uint32_t i = 0; !atomic_load(&stop); i++) {
        (void)lh_argon2_set_kept_memory_limit(i % 2 ? 0 : LH_ARGON2_KEPT_MEMORY_LIMIT_DEFAULT);
        usleep(50);
    }
    return NULL;
}

static void *lanes(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) hash_once(1024, 4);
    return NULL;
}

/* The child's whole job: 0 when it hashed and verified with p=1 and p=4. */
static int child_main(unsigned watchdog) {
    alarm(watchdog + 2); /* backstop; the parent normally kills a hung child first */
    /* Room for one of its own operations: a reservation inherited from a parent thread
     * (which does not exist here) would make it wait for ever. */
    if (lh_argon2_set_memory_budget(2 * MIB) != LH_ARGON2_OK) return 2;
    if (lh_argon2_set_memory_budget_fail_fast(false) != LH_ARGON2_OK) return 2;
    for (uint32_t lanes = 1; lanes <= 4; lanes += 3) {
        lh_argon2_params p = params(1024, lanes);
        char out[256];
        if (lh_argon2_hash(PW("child"), &p, out, sizeof out, NULL) != LH_ARGON2_OK) return 3;
        if (lh_argon2_verify(out, PW("child")) != LH_ARGON2_OK) return 4;
    }
    return 0;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Forks once; 0 ok, 1 failed, 2 hung (killed by the parent's watchdog). */
static int fork_once(unsigned watchdog) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(child_main(watchdog));
    if (pid < 0) return 1;
    double deadline = now_s() + watchdog;
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0) return 1;
        if (now_s() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return 2;
        }
        usleep(200);
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) return 2;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

struct mode {
    const char *name;
    void *(*threads[2])(void *);
    uint64_t budget; /* set before the phase */
};

int main(int argc, char **argv) {
    unsigned forks = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 2000;
    unsigned watchdog = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 10;
    const struct mode modes[] = {
        {"waiters", {waiter, waiter}, MIB},    /* one 1 MiB hash at a time */
        {"setter", {setter, waiter}, MIB},
        {"kept", {kept_offerer, kept_releaser}, 3 * MIB}, /* the kept 2 MiB counts too */
        {"lanes", {lanes, lanes}, MIB},
    };
    const unsigned mode_count = sizeof modes / sizeof modes[0];
    unsigned total = 0, total_hangs = 0, total_failures = 0;
    double started = now_s();
    for (unsigned m = 0; m < mode_count; m++) {
        if (lh_argon2_set_memory_budget(modes[m].budget) != LH_ARGON2_OK) return 2;
        atomic_store(&stop, 0);
        pthread_t threads[2];
        for (int t = 0; t < 2; t++) CHECK(pthread_create(&threads[t], NULL, modes[m].threads[t], NULL) == 0, "thread starts");
        usleep(5000);
        unsigned share = forks / mode_count + (m < forks % mode_count), hangs = 0, failures = 0;
        for (unsigned i = 0; i < share; i++) {
            int rc = fork_once(watchdog);
            hangs += rc == 2;
            failures += rc == 1;
            if (i % 8 == 0) usleep(500); /* let the threads move to another point */
        }
        atomic_store(&stop, 1);
        for (int t = 0; t < 2; t++) pthread_join(threads[t], NULL);
        printf("mode %-8s forks %u hangs %u failures %u\n", modes[m].name, share, hangs, failures);
        total += share;
        total_hangs += hangs;
        total_failures += failures;
    }
    printf("forks %u hangs %u failures %u in %.1f s (watchdog %u s)\n", total, total_hangs, total_failures,
           now_s() - started, watchdog);
    CHECK(total_hangs == 0, "no child hung (%u of %u)", total_hangs, total);
    CHECK(total_failures == 0, "every child hashed and verified with p=1 and p=4 (%u failed)", total_failures);
    CHECK_STATUS(lh_argon2_set_memory_budget(0), LH_ARGON2_OK, "parent still sets the budget");
    lh_argon2_params p = params(1024, 4);
    char out[256];
    CHECK_STATUS(lh_argon2_hash(PW("after"), &p, out, sizeof out, NULL), LH_ARGON2_OK, "parent hashes after the forks");
    return check_summary();
}
