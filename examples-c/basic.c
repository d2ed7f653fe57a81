/*
 * The everyday login flow: hash a password at sign-up, verify it at login, and
 * rehash when the stored hash was made with weaker parameters than today's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "argon2rs.h"

static int fail(const char *what, lh_argon2_status rc) {
    fprintf(stderr, "%s failed: %s (%d)\n", what, lh_argon2_status_message(rc), (int)rc);
    return 1;
}

int main(void) {
    const char *password = "correct horse battery staple";
    char stored[LH_ARGON2_ENCODED_MAX];
    size_t len = 0;

    /* Sign-up: NULL parameters mean the default profile (RFC 9106, 64 MiB, t=3, p=4). */
    lh_argon2_status rc = lh_argon2_hash((const uint8_t *)password, strlen(password), NULL,
                                         stored, sizeof stored, &len);
    if (rc != LH_ARGON2_OK) return fail("hash", rc);
    printf("libargon2rs %s\nstored hash (%zu chars): %s\n", lh_argon2_version(), len, stored);

    /* Login with the right password. */
    rc = lh_argon2_verify(stored, (const uint8_t *)password, strlen(password));
    if (rc != LH_ARGON2_OK) return fail("verify (right password)", rc);
    printf("verify right password: %s\n", lh_argon2_status_message(rc));

    /* Login with a wrong password: a distinct, negative status. */
    const char *wrong = "correct horse battery stapler";
    rc = lh_argon2_verify(stored, (const uint8_t *)wrong, strlen(wrong));
    if (rc != LH_ARGON2_ERR_VERIFY_MISMATCH) return fail("verify (wrong password)", rc);
    printf("verify wrong password: %s\n", lh_argon2_status_message(rc));

    /* After a successful login: is the stored hash weaker than today's policy? */
    lh_argon2_params today;
    rc = lh_argon2_params_from_profile(LH_ARGON2_PROFILE_MODERATE, &today);
    if (rc != LH_ARGON2_OK) return fail("params_from_profile", rc);
    bool needs = false;
    rc = lh_argon2_needs_rehash(stored, &today, &needs);
    if (rc != LH_ARGON2_OK) return fail("needs_rehash", rc);
    printf("needs rehash for the MODERATE profile (m=%u KiB, t=%u, p=%u): %s\n",
           (unsigned)today.m_cost, (unsigned)today.t_cost, (unsigned)today.parallelism,
           needs ? "yes" : "no");
    if (!needs) return fail("needs_rehash (expected yes)", LH_ARGON2_ERR_INTERNAL);

    rc = lh_argon2_needs_rehash(stored, NULL, &needs);
    if (rc != LH_ARGON2_OK) return fail("needs_rehash", rc);
    printf("needs rehash for the default profile: %s\n", needs ? "yes" : "no");
    return needs ? 1 : 0;
}
