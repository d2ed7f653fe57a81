/* Lanes on threads and owned working memory, from C: the thread cap never changes a tag,
 * no thread outlives a call, hashing works in a fork() child, and repeated hashes keep
 * the peak RSS within m + 4 MiB of the process's baseline. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argon2rs.h"
#include "task_count.h"
#include "check.h"

static const uint8_t SALT[16] = "0123456789abcdef";

/* A field of /proc/self/status in its unit (kB for memory); -1 when unreadable. */
static long proc_status(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long value = -1;
    size_t n = strlen(field);
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            value = strtol(line + n + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return value;
}

static lh_argon2_status raw(uint32_t m, uint32_t t, uint32_t p, uint8_t tag[32]) {
    lh_argon2_params params;
    if (lh_argon2_params_from_profile(LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY, &params) != LH_ARGON2_OK)
        return LH_ARGON2_ERR_INTERNAL;
    params.m_cost = m;
    params.t_cost = t;
    params.parallelism = p;
    params.hash_len = 32;
    return lh_argon2_hash_raw((const uint8_t *)"password", 8, SALT, sizeof SALT, &params, tag, 32);
}

static void thread_cap_and_no_leak(void) {
    uint8_t one[32], capped[32], uncapped[32];
    int threads_before = settled_task_count(1);
    uint32_t previous = lh_argon2_set_max_threads(1);
    CHECK(previous == 0, "default thread cap is 0 (none)");
    CHECK_STATUS(raw(4096, 2, 4, one), LH_ARGON2_OK, "p=4 on one thread");
    CHECK(lh_argon2_set_max_threads(2) == 1, "set_max_threads returns the previous cap");
    CHECK_STATUS(raw(4096, 2, 4, capped), LH_ARGON2_OK, "p=4 on at most two threads");
    lh_argon2_set_max_threads(0);
    CHECK_STATUS(raw(4096, 2, 4, uncapped), LH_ARGON2_OK, "p=4 uncapped");
    CHECK(memcmp(one, capped, 32) == 0 && memcmp(one, uncapped, 32) == 0,
          "the thread cap never changes the tag");
    int threads_after = settled_task_count(threads_before);
    CHECK(threads_after == threads_before, "no thread outlives a call (%d threads, %d before)",
          threads_after, threads_before);
}

static void works_in_fork_child(void) {
    uint8_t parent[32];
    CHECK_STATUS(raw(4096, 1, 4, parent), LH_ARGON2_OK, "parent hashes with p=4 first");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        uint8_t child[32];
        int ok = raw(4096, 1, 4, child) == LH_ARGON2_OK && memcmp(parent, child, 32) == 0;
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0,
          "a fork() child computes the same p=4 tag");
}

static void peak_rss_within_m_plus_4mib(void) {
    /* 19 MiB: below glibc's 32 MiB mmap threshold, where its heap used to grow to 8x m. */
    const long m_kib = 19 * 1024;
    uint8_t tag[32];
    long baseline = proc_status("VmRSS");
    int all_ok = 1;
    for (int i = 0; i < 10; ++i) all_ok = all_ok && raw((uint32_t)m_kib, 1, 1, tag) == LH_ARGON2_OK;
    long peak = proc_status("VmHWM");
    CHECK(all_ok, "ten m=19 MiB hashes in a row");
    CHECK(baseline > 0 && peak - baseline <= m_kib + 4096,
          "peak RSS %ld KiB over a %ld KiB baseline is within m + 4 MiB", peak - baseline,
          baseline);
}

int main(void) {
    thread_cap_and_no_leak();
    works_in_fork_child();
    peak_rss_within_m_plus_4mib();
    return check_summary();
}
