/* A program linked against our libargon2 (shared or static) as a user's would be:
 * hash, verify, messages; with "limits" or "malformed",
 * the ARGON2RS_LIBARGON2_VERIFY_LIMITS cases (the environment is set by CTest). */
#include <argon2.h>
#include <stdio.h>
#include <string.h>

static unsigned passed, failed;
static void check(int ok, const char *what) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        printf("FAIL %s\n", what);
    }
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    char encoded[128];
    const uint8_t salt[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int rc = argon2id_hash_encoded(2, 16, 1, "pw", 2, salt, 8, 16, encoded, sizeof encoded);
    check(rc == ARGON2_OK, "hash");
    if (strcmp(mode, "limits") == 0) {
        /* m=16, t=2, p=1 is admitted; m=32, t=3, p=2 each exceed the limits. */
        check(argon2id_verify(encoded, "pw", 2) == ARGON2_OK, "within the limits");
        char big[128];
        check(argon2id_hash_encoded(2, 32, 1, "pw", 2, salt, 8, 16, big, sizeof big) == ARGON2_OK, "hash m=32");
        check(argon2id_verify(big, "pw", 2) == ARGON2_MEMORY_TOO_MUCH, "m over the limit");
        check(argon2id_hash_encoded(3, 16, 1, "pw", 2, salt, 8, 16, big, sizeof big) == ARGON2_OK, "hash t=3");
        check(argon2id_verify(big, "pw", 2) == ARGON2_TIME_TOO_LARGE, "t over the limit");
        check(argon2id_hash_encoded(1, 16, 2, "pw", 2, salt, 8, 16, big, sizeof big) == ARGON2_OK, "hash p=2");
        check(argon2id_verify(big, "pw", 2) == ARGON2_LANES_TOO_MANY, "p over the limit");
    } else if (strcmp(mode, "malformed") == 0) {
        check(argon2id_verify(encoded, "pw", 2) == ARGON2_INCORRECT_PARAMETER, "malformed limits fail closed");
    } else {
        check(argon2id_verify(encoded, "pw", 2) == ARGON2_OK, "verify");
        check(argon2id_verify(encoded, "pX", 2) == ARGON2_VERIFY_MISMATCH, "mismatch");
        check(strcmp(argon2_error_message(ARGON2_VERIFY_MISMATCH), "The password does not match the supplied hash") == 0,
              "message");
        check(argon2_encodedlen(2, 16, 1, 8, 16, Argon2_id) == strlen(encoded) + 1, "encodedlen");
        uint8_t raw[16];
        check(argon2id_hash_raw(2, 16, 1, "pw", 2, salt, 8, raw, sizeof raw) == ARGON2_OK, "raw");
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed != 0;
}
