/* Allocation failure is a status, never an abort: under an address-space limit
 * (setrlimit(RLIMIT_AS), in a child process) a 1 GiB hash, raw derivation and verify
 * return LH_ARGON2_ERR_OUT_OF_MEMORY, and the next small call in the same process works. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"
#include "vm_size.h"

#define PW(s) (const uint8_t *)(s), strlen(s)

static int child(void) {
    /* Unlimited budget: this test is about the allocator failing, not the budget. */
    CHECK_STATUS(lh_argon2_set_memory_budget(0), LH_ARGON2_OK, "budget unlimited in the child");
    struct rlimit limit;
    limit.rlim_cur = limit.rlim_max = vm_size() + 256ull * 1024 * 1024;
    CHECK(setrlimit(RLIMIT_AS, &limit) == 0, "address space limited to VmSize + 256 MiB (%llu MiB)",
          (unsigned long long)limit.rlim_cur >> 20);

    lh_argon2_params big;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_SENSITIVE, &big), LH_ARGON2_OK,
                 "1 GiB profile");
    char out[LH_ARGON2_ENCODED_MAX];
    size_t written = 99;
    CHECK_STATUS(lh_argon2_hash(PW("pw"), &big, out, sizeof out, &written), LH_ARGON2_ERR_OUT_OF_MEMORY,
                 "1 GiB hash under the limit");
    CHECK(out[0] == '\0' && written == 0, "output empty after OUT_OF_MEMORY");

    uint8_t raw[32];
    CHECK_STATUS(lh_argon2_hash_raw(PW("pw"), PW("saltsalt"), &big, raw, sizeof raw),
                 LH_ARGON2_ERR_OUT_OF_MEMORY, "1 GiB raw derivation under the limit");
    /* A stored 1 GiB hash passes the default verify limits, so it reaches allocation. */
    CHECK_STATUS(lh_argon2_verify("$argon2id$v=19$m=1048576,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                                  PW("pw")),
                 LH_ARGON2_ERR_OUT_OF_MEMORY, "verify of a stored 1 GiB hash under the limit");

    lh_argon2_params small;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &small), LH_ARGON2_OK,
                 "small profile");
    CHECK_STATUS(lh_argon2_hash(PW("pw"), &small, out, sizeof out, NULL), LH_ARGON2_OK,
                 "the next small hash in the same process succeeds");
    CHECK_STATUS(lh_argon2_verify(out, PW("pw")), LH_ARGON2_OK, "and verifies");
    small.m_cost = 64 * 1024;
    CHECK_STATUS(lh_argon2_hash(PW("pw"), &small, out, sizeof out, NULL), LH_ARGON2_OK,
                 "a 64 MiB hash still fits under the limit");
    return check_summary();
}

int main(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        int rc = child();
        fflush(stdout);
        _exit(rc);
    }
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid, "child reaped");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "child under RLIMIT_AS exited cleanly (status 0x%x: no abort, no crash)", status);
    return check_summary();
}
