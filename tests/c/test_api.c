/* The C API contract, from C: round trips, NULLs, short buffers, options, raw output. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "argon2rs.h"
#include "check.h"

#define PW(s) (const uint8_t *)(s), strlen(s)

static lh_argon2_params test_params(void) {
    lh_argon2_params p;
    lh_argon2_status rc = lh_argon2_params_from_profile(LH_ARGON2_PROFILE_INSECURE_TEST_ONLY, &p);
    CHECK(rc == LH_ARGON2_OK, "test profile available");
    return p;
}

static void round_trip(void) {
    lh_argon2_params p = test_params();
    char out[256];
    size_t written = 0;
    CHECK_STATUS(lh_argon2_hash(PW("hunter2"), &p, out, sizeof out, &written), LH_ARGON2_OK,
                 "hash with the test profile");
    CHECK(written == strlen(out), "out_written is strlen(out) (%zu)", written);
    CHECK(strncmp(out, "$argon2id$v=19$m=8,t=1,p=1$", 27) == 0, "PHC string prefix: %s", out);
    CHECK_STATUS(lh_argon2_verify(out, PW("hunter2")), LH_ARGON2_OK, "verify right password");
    CHECK_STATUS(lh_argon2_verify(out, PW("hunter3")), LH_ARGON2_ERR_VERIFY_MISMATCH,
                 "verify wrong password");

    bool needs = true;
    CHECK_STATUS(lh_argon2_needs_rehash(out, &p, &needs), LH_ARGON2_OK, "needs_rehash same params");
    CHECK(!needs, "same parameters need no rehash");
    lh_argon2_params owasp;
    CHECK_STATUS(lh_argon2_params_from_profile(LH_ARGON2_PROFILE_OWASP, &owasp), LH_ARGON2_OK,
                 "OWASP profile");
    CHECK_STATUS(lh_argon2_needs_rehash(out, &owasp, &needs), LH_ARGON2_OK, "needs_rehash OWASP");
    CHECK(needs, "weaker hash needs rehash under OWASP");

    lh_argon2_params decoded;
    CHECK_STATUS(lh_argon2_decode(out, &decoded), LH_ARGON2_OK, "decode our own hash");
    CHECK(memcmp(&decoded, &p, sizeof p) == 0, "decode returns the parameters used");
}

static void short_buffers_and_canaries(void) {
    lh_argon2_params p = test_params();
    size_t needed = lh_argon2_encoded_len(&p);
    CHECK(needed > 0, "encoded_len of valid params is %zu", needed);
    char buf[300];
    for (size_t cap = 0; cap < needed; cap += 7) {
        memset(buf, 'X', sizeof buf);
        size_t written = 0;
        lh_argon2_status rc = lh_argon2_hash(PW("pw"), &p, buf, cap, &written);
        bool canary = buf[cap] == 'X' && buf[cap + 1] == 'X';
        CHECK(rc == LH_ARGON2_ERR_BUFFER_TOO_SMALL && written == needed && canary &&
                  (cap == 0 || buf[0] == '\0'),
              "cap %zu: BUFFER_TOO_SMALL, needed %zu reported, canary intact, empty string", cap,
              written);
    }
    memset(buf, 'X', sizeof buf);
    CHECK_STATUS(lh_argon2_hash(PW("pw"), &p, buf, needed, NULL), LH_ARGON2_OK,
                 "hash into exactly encoded_len bytes");
    CHECK(buf[needed] == 'X', "byte after out_cap untouched");
}

static void nulls_and_empty_inputs(void) {
    lh_argon2_params p = test_params();
    char out[256];
    CHECK_STATUS(lh_argon2_hash(NULL, 0, &p, out, sizeof out, NULL), LH_ARGON2_OK,
                 "(NULL, 0) is the empty password");
    CHECK_STATUS(lh_argon2_verify(out, NULL, 0), LH_ARGON2_OK, "verify the empty password");
    CHECK_STATUS(lh_argon2_hash(NULL, 4, &p, out, sizeof out, NULL), LH_ARGON2_ERR_NULL_POINTER,
                 "(NULL, 4) password");
    CHECK(out[0] == '\0', "failed hash leaves an empty string");
    CHECK_STATUS(lh_argon2_verify(NULL, PW("x")), LH_ARGON2_ERR_NULL_POINTER, "NULL encoded");
    CHECK_STATUS(lh_argon2_decode("$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", NULL),
                 LH_ARGON2_ERR_NULL_POINTER, "decode into NULL");
    CHECK_STATUS(lh_argon2_params_from_profile(99, &p), LH_ARGON2_ERR_UNKNOWN_PROFILE,
                 "unknown profile");
    CHECK(lh_argon2_status_message(12345) != NULL, "message for an unknown code is not NULL");
}

static void malformed_and_hostile(void) {
    static const struct {
        const char *encoded;
        lh_argon2_status expected;
    } cases[] = {
        {"", LH_ARGON2_ERR_MALFORMED_HASH},
        {"$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", LH_ARGON2_ERR_MALFORMED_HASH},
        {"$argon2x$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM},
        {"$argon2id$v=20$m=65536,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", LH_ARGON2_ERR_UNSUPPORTED_VERSION},
        {"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAAA=", LH_ARGON2_ERR_INVALID_BASE64},
        {"$argon2id$v=19$m=4194304,t=100,p=32$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", LH_ARGON2_ERR_COST_LIMIT_EXCEEDED},
        {"$argon2id$v=19$m=8,t=1,p=1,keyid=AAAA$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", LH_ARGON2_ERR_UNSUPPORTED_KEYID},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        CHECK_STATUS(lh_argon2_verify(cases[i].encoded, PW("pw")), cases[i].expected, cases[i].encoded);
    }
}

static void pepper_and_raw(void) {
    lh_argon2_params p = test_params();
    lh_argon2_options opts;
    CHECK_STATUS(lh_argon2_options_init(&opts), LH_ARGON2_OK, "options_init");
    CHECK(opts.struct_size == sizeof opts, "struct_size is sizeof(lh_argon2_options)");
    static const uint8_t pepper[] = "server-side pepper";
    opts.secret = pepper;
    opts.secret_len = sizeof pepper - 1;
    char out[256];
    CHECK_STATUS(lh_argon2_hash_ext(PW("pw"), &p, &opts, out, sizeof out, NULL), LH_ARGON2_OK,
                 "hash with pepper");
    CHECK_STATUS(lh_argon2_verify_ext(out, PW("pw"), &opts), LH_ARGON2_OK, "verify with pepper");
    CHECK_STATUS(lh_argon2_verify(out, PW("pw")), LH_ARGON2_ERR_VERIFY_MISMATCH,
                 "verify without pepper");

    uint8_t key[40];
    memset(key, 0xEE, sizeof key);
    CHECK_STATUS(lh_argon2_hash_raw(PW("pw"), (const uint8_t *)"saltsalt", 8, &p, key, 31),
                 LH_ARGON2_ERR_BUFFER_TOO_SMALL, "raw output one byte short");
    bool zeroed = true;
    for (size_t i = 0; i < 31; ++i) zeroed = zeroed && key[i] == 0;
    CHECK(zeroed && key[31] == 0xEE, "failed raw call zeroed out_cap bytes and no more");
    CHECK_STATUS(lh_argon2_hash_raw(PW("pw"), (const uint8_t *)"saltsalt", 8, &p, key, 32),
                 LH_ARGON2_OK, "raw derivation");
    uint8_t again[32];
    CHECK_STATUS(lh_argon2_hash_raw_ext(PW("pw"), (const uint8_t *)"saltsalt", 8, &p, &opts, again, 32),
                 LH_ARGON2_OK, "raw derivation with pepper");
    CHECK(memcmp(key, again, 32) != 0, "pepper changes the raw tag");
}

int main(void) {
    printf("libargon2rs %s (header %d.%d.%d)\n", lh_argon2_version(), LH_ARGON2_LIB_VERSION_MAJOR,
           LH_ARGON2_LIB_VERSION_MINOR, LH_ARGON2_LIB_VERSION_PATCH);
    round_trip();
    short_buffers_and_canaries();
    nulls_and_empty_inputs();
    malformed_and_hostile();
    pepper_and_raw();
    return check_summary();
}
