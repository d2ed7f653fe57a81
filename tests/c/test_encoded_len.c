/* The length-taking forms read exactly the bytes they are given: each string here ends
 * at a PROT_NONE guard page, so one byte read past the length is a SIGSEGV. */
#include <argon2rs.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

static long page_size;

/* A writable page followed by an inaccessible one; returns the first byte of the guard. */
static char *guarded_region(void) {
    char *base = mmap(NULL, (size_t)page_size * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    if (mprotect(base + page_size, (size_t)page_size, PROT_NONE) != 0) return NULL;
    return base + page_size;
}

/* Copies `len` bytes so that the last one is the byte just before the guard page. */
static const char *at_guard(char *guard, const char *bytes, size_t len) {
    memcpy(guard - len, bytes, len);
    return guard - len;
}

int main(void) {
    page_size = sysconf(_SC_PAGESIZE);
    char *guard = guarded_region();
    CHECK(guard != NULL, "a page followed by a PROT_NONE guard page");
    if (guard == NULL) return check_summary();

    lh_argon2_params params;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &params), LH_ARGON2_OK,
                 "the test profile");
    char stored[LH_ARGON2_ENCODED_MAX];
    size_t stored_len = 0;
    CHECK_STATUS(lh_argon2_hash((const uint8_t *)"pw", 2, &params, stored, sizeof stored, &stored_len),
                 LH_ARGON2_OK, "hash a password");

    const char *tight = at_guard(guard, stored, stored_len);
    CHECK_STATUS(lh_argon2_verify_len(tight, stored_len, (const uint8_t *)"pw", 2), LH_ARGON2_OK,
                 "verify_len: a string ending at the guard page, right password");
    CHECK_STATUS(lh_argon2_verify_len(tight, stored_len, (const uint8_t *)"px", 2), LH_ARGON2_ERR_VERIFY_MISMATCH,
                 "verify_len: the same string, wrong password");
    lh_argon2_options options;
    CHECK_STATUS(lh_argon2_options_init(&options), LH_ARGON2_OK, "options_init");
    CHECK_STATUS(lh_argon2_verify_ext_len(tight, stored_len, (const uint8_t *)"pw", 2, &options), LH_ARGON2_OK,
                 "verify_ext_len: a string ending at the guard page");
    bool needs = true;
    CHECK_STATUS(lh_argon2_needs_rehash_len(tight, stored_len, &params, &needs), LH_ARGON2_OK,
                 "needs_rehash_len: a string ending at the guard page");
    CHECK(!needs, "needs_rehash_len: same parameters need no rehash");
    lh_argon2_params found;
    memset(&found, 0, sizeof found);
    CHECK_STATUS(lh_argon2_decode_len(tight, stored_len, &found), LH_ARGON2_OK,
                 "decode_len: a string ending at the guard page");
    CHECK(found.m_cost == params.m_cost && found.t_cost == params.t_cost && found.parallelism == params.parallelism,
          "decode_len: the parameters of the hash");

    /* A string one byte short of its end: the tag no longer decodes to the same bytes. */
    const char *short_by_one = at_guard(guard, stored, stored_len - 1);
    CHECK(lh_argon2_verify_len(short_by_one, stored_len - 1, (const uint8_t *)"pw", 2) != LH_ARGON2_OK,
          "verify_len: the length is honoured, not a NUL further on");

    /* 4,095 bytes with no NUL, ending at the guard: the longest length accepted is read
     * whole and refused as malformed, with nothing read past it. */
    char junk[LH_ARGON2_ENCODED_MAX];
    memset(junk, 'a', sizeof junk);
    const char *no_nul = at_guard(guard, junk, LH_ARGON2_ENCODED_MAX - 1);
    CHECK_STATUS(lh_argon2_verify_len(no_nul, LH_ARGON2_ENCODED_MAX - 1, NULL, 0), LH_ARGON2_ERR_MALFORMED_HASH,
                 "verify_len: 4,095 bytes without a NUL at the guard page");
    CHECK_STATUS(lh_argon2_decode_len(no_nul, LH_ARGON2_ENCODED_MAX - 1, &found), LH_ARGON2_ERR_MALFORMED_HASH,
                 "decode_len: 4,095 bytes without a NUL at the guard page");
    const char *too_long = at_guard(guard, junk, LH_ARGON2_ENCODED_MAX);
    CHECK_STATUS(lh_argon2_verify_len(too_long, LH_ARGON2_ENCODED_MAX, NULL, 0), LH_ARGON2_ERR_ENCODED_TOO_LONG,
                 "verify_len: LH_ARGON2_ENCODED_MAX bytes are too long");
    CHECK_STATUS(lh_argon2_needs_rehash_len(too_long, (size_t)-1, &params, &needs), LH_ARGON2_ERR_ENCODED_TOO_LONG,
                 "needs_rehash_len: SIZE_MAX is too long, not read");

    /* A NUL inside the given bytes: malformed, never "the string up to the NUL". */
    char with_nul[LH_ARGON2_ENCODED_MAX];
    memcpy(with_nul, stored, stored_len);
    with_nul[stored_len] = '\0';
    memcpy(with_nul + stored_len + 1, "junk", 4);
    const char *embedded = at_guard(guard, with_nul, stored_len + 5);
    CHECK_STATUS(lh_argon2_verify_len(embedded, stored_len + 5, (const uint8_t *)"pw", 2), LH_ARGON2_ERR_MALFORMED_HASH,
                 "verify_len: an embedded NUL is malformed");
    CHECK_STATUS(lh_argon2_decode_len(embedded, stored_len + 5, &found), LH_ARGON2_ERR_MALFORMED_HASH,
                 "decode_len: an embedded NUL is malformed");

    CHECK_STATUS(lh_argon2_verify_len(NULL, 0, NULL, 0), LH_ARGON2_ERR_MALFORMED_HASH,
                 "verify_len: (NULL, 0) is the empty string");
    CHECK_STATUS(lh_argon2_verify_len(NULL, 10, NULL, 0), LH_ARGON2_ERR_NULL_POINTER,
                 "verify_len: (NULL, 10) is a NULL pointer");
    CHECK_STATUS(lh_argon2_decode_len(tight, stored_len, NULL), LH_ARGON2_ERR_NULL_POINTER,
                 "decode_len: NULL output");

    /* The NUL-terminated forms are thin forms of these: same answers. */
    CHECK_STATUS(lh_argon2_verify(stored, (const uint8_t *)"pw", 2), LH_ARGON2_OK, "verify: the NUL-terminated form");
    CHECK_STATUS(lh_argon2_verify(NULL, NULL, 0), LH_ARGON2_ERR_NULL_POINTER, "verify: NULL is a NULL pointer");
    return check_summary();
}
