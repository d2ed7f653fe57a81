/* Pre-fork servers (gunicorn, uwsgi) load the library, use it, then fork: a child must
 * hash with p=4 without deadlock, even when another thread of the parent was inside the
 * library (holding part of the memory budget) at the moment of fork. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"

#define PW(s) (const uint8_t *)(s), strlen(s)

static lh_argon2_params four_lanes(uint32_t m_kib, uint32_t t) {
    lh_argon2_params p;
    if (lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p) != LH_ARGON2_OK) p.m_cost = 0;
    p.m_cost = m_kib;
    p.t_cost = t;
    p.parallelism = 4;
    return p;
}

static atomic_int busy_started = 0;

static void *busy_hasher(void *arg) {
    (void)arg;
    lh_argon2_params p = four_lanes(32 * 1024, 6);
    char out[256];
    atomic_store(&busy_started, 1);
    return (void *)(intptr_t)lh_argon2_hash(PW("busy"), &p, out, sizeof out, NULL);
}

/* Runs in the child: hash and verify with p=4 under a watchdog. */
static int child_hashes(lh_argon2_status *hash_rc, lh_argon2_status *verify_rc) {
    alarm(30); /* a deadlock kills the child with SIGALRM, which the parent reports */
    /* A budget just big enough for one 16 MiB operation: a reservation inherited from a
     * parent thread that does not exist here would make this wait forever. */
    if (lh_argon2_set_memory_budget(16u * 1024 * 1024) != LH_ARGON2_OK) return 1;
    lh_argon2_params p = four_lanes(16 * 1024, 1);
    char out[256];
    *hash_rc = lh_argon2_hash(PW("child"), &p, out, sizeof out, NULL);
    *verify_rc = lh_argon2_verify(out, PW("child"));
    return *hash_rc == LH_ARGON2_OK && *verify_rc == LH_ARGON2_OK ? 0 : 1;
}

static void fork_and_hash(const char *when) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        lh_argon2_status h = 1, v = 1;
        _exit(child_hashes(&h, &v));
    }
    CHECK(pid > 0, "fork (%s)", when);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid, "child reaped (%s)", when);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "child hashed and verified with p=4 (%s); status 0x%x%s", when, status,
          WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? " (deadlock: watchdog fired)" : "");
}

int main(void) {
    lh_argon2_params p = four_lanes(64, 1);
    char out[256];
    CHECK_STATUS(lh_argon2_hash(PW("parent"), &p, out, sizeof out, NULL), LH_ARGON2_OK,
                 "parent hashes with p=4 before forking");
    fork_and_hash("parent idle");

    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, busy_hasher, NULL) == 0, "parent thread starts a long p=4 hash");
    while (!atomic_load(&busy_started)) usleep(1000);
    usleep(20000); /* let it take its budget reservation and start computing */
    fork_and_hash("another parent thread mid-hash");
    void *rc = NULL;
    pthread_join(thread, &rc);
    CHECK((lh_argon2_status)(intptr_t)rc == LH_ARGON2_OK, "the parent's concurrent hash finished");
    CHECK_STATUS(lh_argon2_verify(out, PW("parent")), LH_ARGON2_OK, "parent still verifies after the forks");
    return check_summary();
}
