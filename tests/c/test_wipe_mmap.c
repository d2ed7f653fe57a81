/*
 * The mapped Argon2 working memory (2 MiB and more) must be all zeros when the library
 * hands it back with munmap. This program defines munmap itself, so the library's calls
 * reach this checker (symbol interposition) before the real system call.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "argon2rs.h"
#include "check.h"

#define HUGE_PAGE ((size_t)2 << 20)

static size_t checked_regions = 0;
static size_t dirty_regions = 0;

/* Only whole 2 MiB-aligned regions are the engine's working memory; the trimmed
 * head and tail of its over-sized mapping were never written. */
int munmap(void *addr, size_t len) {
    if (len >= HUGE_PAGE && len % HUGE_PAGE == 0 && (uintptr_t)addr % HUGE_PAGE == 0) {
        ++checked_regions;
        const unsigned char *bytes = addr;
        for (size_t i = 0; i < len; ++i) {
            if (bytes[i] != 0) {
                ++dirty_regions;
                break;
            }
        }
    }
    return (int)syscall(SYS_munmap, addr, len);
}

static void checker_sees_a_dirty_region(void) {
    unsigned char *raw = mmap(NULL, 2 * HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(raw != MAP_FAILED, "control mapping");
    unsigned char *aligned = (unsigned char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    aligned[12345] = 0x5A;
    size_t before = dirty_regions;
    munmap(aligned, HUGE_PAGE);
    CHECK(dirty_regions == before + 1, "control: an unwiped region is detected");
    checked_regions = dirty_regions = 0;
}

static void working_memory_is_zero_at_munmap(uint32_t m_cost, uint32_t parallelism) {
    lh_argon2_params p;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p), LH_ARGON2_OK, "profile");
    p.m_cost = m_cost;
    p.parallelism = parallelism;
    lh_argon2_options opts;
    CHECK_STATUS(lh_argon2_options_init(&opts), LH_ARGON2_OK, "options");
    static const uint8_t pepper[] = "pepper-for-the-wipe-test";
    opts.secret = pepper;
    opts.secret_len = sizeof pepper - 1;
    char encoded[256];
    size_t before = checked_regions;
    CHECK_STATUS(lh_argon2_hash_ext((const uint8_t *)"wipe me", 7, &p, &opts, encoded, sizeof encoded, NULL),
                 LH_ARGON2_OK, "hash");
    CHECK_STATUS(lh_argon2_verify_ext(encoded, (const uint8_t *)"wipe me", 7, &opts), LH_ARGON2_OK, "verify");
    uint8_t key[32];
    CHECK_STATUS(lh_argon2_hash_raw_ext((const uint8_t *)"wipe me", 7, (const uint8_t *)"saltsalt", 8, &p, &opts,
                                        key, sizeof key),
                 LH_ARGON2_OK, "hash_raw");
    CHECK(checked_regions >= before + 3, "m=%u KiB p=%u: %zu mapped regions returned and checked", (unsigned)m_cost,
          (unsigned)parallelism, checked_regions - before);
    CHECK(dirty_regions == 0, "m=%u KiB p=%u: every region was all zeros at munmap", (unsigned)m_cost,
          (unsigned)parallelism);
}

/* With keeping on, a hash's mapping stays for the next one and reaches munmap only
 * when it is released: it must be all zeros then too (it was wiped before it was kept). */
static void kept_memory_is_zero_when_released(void) {
    CHECK(lh_argon2_set_kept_memory_limit(256u << 20) == 0, "keeping back on (it was off)");
    lh_argon2_params p;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p), LH_ARGON2_OK, "profile");
    p.m_cost = 6144;
    uint8_t key[32];
    /* The first hash maps (trimming its over-sized mapping, which this checker also
     * sees); the next ones reuse the kept mapping and unmap nothing. */
    CHECK_STATUS(lh_argon2_hash_raw((const uint8_t *)"wipe me", 7, (const uint8_t *)"saltsalt", 8, &p, key, sizeof key),
                 LH_ARGON2_OK, "first hash_raw with keeping on");
    size_t before = checked_regions;
    for (int i = 0; i < 3; ++i)
        CHECK_STATUS(lh_argon2_hash_raw((const uint8_t *)"wipe me", 7, (const uint8_t *)"saltsalt", 8, &p, key,
                                        sizeof key),
                     LH_ARGON2_OK, "hash_raw with keeping on");
    CHECK(checked_regions == before, "the kept mapping was not unmapped between hashes");
    CHECK(lh_argon2_set_kept_memory_limit(0) == 256u << 20, "keeping off again");
    CHECK(checked_regions >= before + 1, "releasing it unmapped it (%zu regions)", checked_regions - before);
    CHECK(dirty_regions == 0, "the kept mapping was all zeros at munmap");
}

int main(void) {
    checker_sees_a_dirty_region();
    /* Keep nothing, so every hash's mapping reaches munmap at the end of the call. */
    lh_argon2_set_kept_memory_limit(0);
    working_memory_is_zero_at_munmap(4096, 1);
    working_memory_is_zero_at_munmap(8192, 4);
    /* Above 3/4 of the last-level cache (195 MiB on the 260 MiB-L3 CI machines, 96 MiB
     * where the cache size is unknown), the wipe uses streaming stores instead. */
    working_memory_is_zero_at_munmap(512 * 1024, 4);
    kept_memory_is_zero_when_released();
    return check_summary();
}
