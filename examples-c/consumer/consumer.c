/*
 * The smallest useful program against an installed libargon2rs: hash a password
 * with a named profile, verify it, and check a wrong one is told apart.
 * Built by examples-c/consumer/CMakeLists.txt and by hand with pkg-config.
 */
#include <stdio.h>
#include <string.h>

#include <argon2rs.h>

int main(void) {
    const char *password = "hunter2 is not a good password";
    lh_argon2_params params;
    char stored[LH_ARGON2_ENCODED_MAX];

    lh_argon2_status rc = lh_argon2_params_from_profile(LH_ARGON2_PROFILE_OWASP, &params);
    if (rc == LH_ARGON2_OK) {
        rc = lh_argon2_hash((const uint8_t *)password, strlen(password), &params, stored,
                            sizeof stored, NULL);
    }
    if (rc != LH_ARGON2_OK) {
        fprintf(stderr, "hash: %s\n", lh_argon2_status_message(rc));
        return 1;
    }
    lh_argon2_status right = lh_argon2_verify(stored, (const uint8_t *)password, strlen(password));
    lh_argon2_status wrong = lh_argon2_verify(stored, (const uint8_t *)"hunter3", 7);
    printf("libargon2rs %s (header %d.%d.%d)\n", lh_argon2_version(), LH_ARGON2_LIB_VERSION_MAJOR,
           LH_ARGON2_LIB_VERSION_MINOR, LH_ARGON2_LIB_VERSION_PATCH);
    printf("hash:   %s\n", stored);
    printf("verify right password: %s\n", lh_argon2_status_message(right));
    printf("verify wrong password: %s\n", lh_argon2_status_message(wrong));
    return right == LH_ARGON2_OK && wrong == LH_ARGON2_ERR_VERIFY_MISMATCH ? 0 : 1;
}
