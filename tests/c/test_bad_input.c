/* Hostile and malformed stored hashes through the C ABI: each gets its own specific
 * status from verify, decode and needs-rehash, never a crash, an over-read or success.
 * The table's rows are what an attacker who can write to the password database sends. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argon2rs.h"
#include "check.h"

#define PW "password"
/* A valid Argon2id hash of "password" with salt "somesalt" (RFC-style test vector). */
#define ALG "$argon2id"
#define VER "$v=19"
#define COST "$m=256,t=2,p=1"
#define SALT "$c29tZXNhbHQ"
#define TAG "$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"
#define VALID ALG VER COST SALT TAG

/* verify's answer with password "password"; decode and needs-rehash answer `decode`. */
struct row {
    const char *what;
    const char *encoded;
    lh_argon2_status verify;
    lh_argon2_status decode;
};

#define OK LH_ARGON2_OK
#define MISMATCH LH_ARGON2_ERR_VERIFY_MISMATCH
#define MALFORMED LH_ARGON2_ERR_MALFORMED_HASH
#define B64 LH_ARGON2_ERR_INVALID_BASE64
#define SAME(status) status, status

static const struct row table[] = {
    {"the valid reference hash", VALID, OK, OK},
    {"the valid hash with one tag bit flipped", ALG VER COST SALT "$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/8", MISMATCH, OK},
    {"same string named argon2i", "$argon2i" VER COST SALT TAG, MISMATCH, OK},
    {"same string as version 16", ALG "$v=16" COST SALT TAG, MISMATCH, OK},
    {"version omitted (read as 0x10)", ALG COST SALT TAG, MISMATCH, OK},
    {"empty data= field (empty associated data)", ALG VER "$m=256,t=2,p=1,data=" SALT TAG, OK, OK},
    /* structure */
    {"empty string", "", SAME(MALFORMED)},
    {"a lone $", "$", SAME(MALFORMED)},
    {"no leading $", "argon2id" VER COST SALT TAG, SAME(MALFORMED)},
    {"empty algorithm", "$" VER COST SALT TAG, SAME(MALFORMED)},
    {"algorithm only", ALG, SAME(MALFORMED)},
    {"algorithm and version only", ALG VER, SAME(MALFORMED)},
    {"no salt or tag", ALG VER COST, SAME(MALFORMED)},
    {"no tag field", ALG VER COST SALT, SAME(MALFORMED)},
    {"trailing $", VALID "$", SAME(MALFORMED)},
    {"trailing field", VALID "$extra", SAME(MALFORMED)},
    {"doubled $ before salt", ALG VER COST "$" SALT TAG, SAME(MALFORMED)},
    {"empty version field", ALG "$" COST SALT TAG, SAME(MALFORMED)},
    {"non-UTF-8 byte in the algorithm", "$argon2\xff" VER COST SALT TAG, SAME(MALFORMED)},
    /* algorithm */
    {"unknown variant argon2x", "$argon2x" VER COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM)},
    {"bare argon2", "$argon2" VER COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM)},
    {"upper-case Argon2id", "$Argon2id" VER COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM)},
    {"algorithm with trailing space", "$argon2id " VER COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM)},
    {"another scheme (scrypt)", "$scrypt" VER COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM)},
    /* version */
    {"v=20", ALG "$v=20" COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_VERSION)},
    {"v=0", ALG "$v=0" COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_VERSION)},
    {"v=4294967295", ALG "$v=4294967295" COST SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_VERSION)},
    {"v with a leading zero", ALG "$v=019" COST SALT TAG, SAME(MALFORMED)},
    {"v empty", ALG "$v=" COST SALT TAG, SAME(MALFORMED)},
    {"v overflowing 32 bits", ALG "$v=4294967296" COST SALT TAG, SAME(MALFORMED)},
    {"v with a plus sign", ALG "$v=+19" COST SALT TAG, SAME(MALFORMED)},
    {"v in hexadecimal", ALG "$v=0x13" COST SALT TAG, SAME(MALFORMED)},
    {"v duplicated", ALG VER VER COST SALT TAG, SAME(MALFORMED)},
    /* cost parameters */
    {"m with a leading zero", ALG VER "$m=0256,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m with a plus sign", ALG VER "$m=+256,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m negative", ALG VER "$m=-1,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m empty", ALG VER "$m=,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m overflowing 32 bits", ALG VER "$m=4294967296,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m with 30 digits", ALG VER "$m=100000000000000000000000000000,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"m in full-width digits", ALG VER "$m=\xef\xbc\x92\xef\xbc\x95\xef\xbc\x96,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"t before m", ALG VER "$t=2,m=256,p=1" SALT TAG, SAME(MALFORMED)},
    {"p first", ALG VER "$p=1,m=256,t=2" SALT TAG, SAME(MALFORMED)},
    {"m duplicated", ALG VER "$m=256,m=256,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"p duplicated", ALG VER "$m=256,t=2,p=1,p=1" SALT TAG, SAME(MALFORMED)},
    {"p missing", ALG VER "$m=256,t=2" SALT TAG, SAME(MALFORMED)},
    {"empty parameter list", ALG VER "$" SALT TAG, SAME(MALFORMED)},
    {"trailing comma", ALG VER "$m=256,t=2,p=1," SALT TAG, SAME(MALFORMED)},
    {"space before comma", ALG VER "$m=256 ,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"upper-case M", ALG VER "$M=256,t=2,p=1" SALT TAG, SAME(MALFORMED)},
    {"unknown parameter", ALG VER "$m=256,t=2,p=1,x=1" SALT TAG, SAME(MALFORMED)},
    {"keyid", ALG VER "$m=256,t=2,p=1,keyid=AAAA" SALT TAG, SAME(LH_ARGON2_ERR_UNSUPPORTED_KEYID)},
    {"data= twice", ALG VER "$m=256,t=2,p=1,data=AAAA,data=AAAA" SALT TAG, SAME(MALFORMED)},
    {"data= not Base64", ALG VER "$m=256,t=2,p=1,data=!!!!" SALT TAG, SAME(B64)},
    /* Read as associated data (up to LH_ARGON2_AD_MAX, 2^32 - 1; 32 here so that the
     * rustcrypto-engine build, capped at 32, answers the same): the tag no longer matches. */
    {"data= of 32 bytes", ALG VER "$m=256,t=2,p=1,data=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" SALT TAG,
     MISMATCH, OK},
    {"m=0", ALG VER "$m=0,t=2,p=1" SALT TAG, SAME(LH_ARGON2_ERR_M_COST_TOO_SMALL)},
    {"m=7", ALG VER "$m=7,t=2,p=1" SALT TAG, SAME(LH_ARGON2_ERR_M_COST_TOO_SMALL)},
    {"m below 8 KiB per lane", ALG VER "$m=15,t=1,p=2" SALT TAG, SAME(LH_ARGON2_ERR_M_COST_TOO_SMALL)},
    {"t=0", ALG VER "$m=256,t=0,p=1" SALT TAG, SAME(LH_ARGON2_ERR_T_COST_TOO_SMALL)},
    {"p=0", ALG VER "$m=256,t=2,p=0" SALT TAG, SAME(LH_ARGON2_ERR_PARALLELISM_TOO_SMALL)},
    {"p=2^24", ALG VER "$m=256,t=2,p=16777216" SALT TAG, SAME(LH_ARGON2_ERR_PARALLELISM_TOO_LARGE)},
    {"p=2^32-1", ALG VER "$m=4294967295,t=1,p=4294967295" SALT TAG, SAME(LH_ARGON2_ERR_PARALLELISM_TOO_LARGE)},
    /* hostile cost: well-formed, refused by verify before allocating, decoded fine */
    {"m = 4 GiB", ALG VER "$m=4194304,t=1,p=1" SALT TAG, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, OK},
    {"t = 100", ALG VER "$m=256,t=100,p=1" SALT TAG, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, OK},
    {"p = 32", ALG VER "$m=256,t=2,p=32" SALT TAG, LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, OK},
    {"every cost at its maximum", ALG VER "$m=4294967295,t=4294967295,p=16777215" SALT TAG,
     LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, OK},
    {"work over the limit (m=2 GiB, t=3)", ALG VER "$m=2097152,t=3,p=1" SALT TAG,
     LH_ARGON2_ERR_COST_LIMIT_EXCEEDED, OK},
    /* salt and tag */
    {"empty salt", ALG VER COST "$" TAG, SAME(LH_ARGON2_ERR_SALT_TOO_SHORT)},
    {"7-byte salt", ALG VER COST "$AAAAAAAAAA" TAG, SAME(LH_ARGON2_ERR_SALT_TOO_SHORT)},
    {"8-byte salt (shortest)", ALG VER COST "$AAAAAAAAAAA" TAG, MISMATCH, OK},
    {"empty tag", ALG VER COST SALT "$", SAME(LH_ARGON2_ERR_HASH_LEN_TOO_SHORT)},
    {"3-byte tag", ALG VER COST SALT "$AAAA", SAME(LH_ARGON2_ERR_HASH_LEN_TOO_SHORT)},
    {"4-byte tag (shortest)", ALG VER COST SALT "$AAAAAA", MISMATCH, OK},
    {"padded salt", ALG VER COST "$c29tZXNhbHQ=" TAG, SAME(B64)},
    {"padded tag", ALG VER COST SALT TAG "=", SAME(B64)},
    {"non-canonical salt (trailing bits set)", ALG VER COST "$c29tZXNhbHR" TAG, SAME(B64)},
    {"URL-safe alphabet in the tag", ALG VER COST SALT "$nf65EOgLrQMR_uIPnA4rEsF5h7TKyQwu9U1bMCHGi-4", SAME(B64)},
    {"space inside the salt", ALG VER COST "$c29tZX NhbHQ" TAG, SAME(B64)},
    {"Base64 of impossible length (1 mod 4)", ALG VER COST "$AAAAAAAAA" TAG, SAME(B64)},
    {"trailing space", VALID " ", SAME(B64)},
    {"trailing newline", VALID "\n", SAME(B64)},
    {"trailing CRLF", VALID "\r\n", SAME(B64)},
    {"non-ASCII letter in the tag", ALG VER COST SALT "$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/\xc3\xa9", SAME(B64)},
    {"embedded NUL before the tag", ALG VER COST SALT "\0" TAG, SAME(MALFORMED)},
    {"embedded NUL at the start", "\0" VALID, SAME(MALFORMED)},
};

static void check_row(const char *what, const char *encoded, lh_argon2_status want_verify,
                      lh_argon2_status want_decode) {
    CHECK_STATUS(lh_argon2_verify(encoded, (const uint8_t *)PW, strlen(PW)), want_verify, what);

    lh_argon2_params sentinel;
    memset(&sentinel, 0xA5, sizeof sentinel);
    lh_argon2_params decoded = sentinel;
    lh_argon2_status rc = lh_argon2_decode(encoded, &decoded);
    CHECK(rc == want_decode, "  decode -> %d (%s), want %d", (int)rc, lh_argon2_status_message(rc),
          (int)want_decode);
    if (rc != LH_ARGON2_OK) {
        CHECK(memcmp(&decoded, &sentinel, sizeof decoded) == 0, "  decode output untouched on failure");
    }
    bool needs = true;
    rc = lh_argon2_needs_rehash(encoded, NULL, &needs);
    CHECK(rc == want_decode, "  needs_rehash -> %d (%s), want %d", (int)rc,
          lh_argon2_status_message(rc), (int)want_decode);
}

/* ALG VER COST + a salt of salt_len bytes + a tag of tag_len bytes, all 'A' (zero bytes). */
static char *with_lengths(size_t salt_len, size_t tag_len) {
    size_t salt_chars = salt_len / 3 * 4 + (size_t[]){0, 2, 3}[salt_len % 3];
    size_t tag_chars = tag_len / 3 * 4 + (size_t[]){0, 2, 3}[tag_len % 3];
    const char *head = ALG VER COST "$";
    size_t head_len = strlen(head);
    char *s = malloc(head_len + salt_chars + 1 + tag_chars + 1);
    if (s == NULL) abort();
    memcpy(s, head, head_len);
    memset(s + head_len, 'A', salt_chars);
    s[head_len + salt_chars] = '$';
    memset(s + head_len + salt_chars + 1, 'A', tag_chars);
    s[head_len + salt_chars + 1 + tag_chars] = '\0';
    return s;
}

static void generated_rows(int *rows) {
    static const struct {
        const char *what;
        size_t salt, tag;
        lh_argon2_status verify, decode;
    } lengths[] = {
        {"1024-byte salt (longest)", 1024, 32, MISMATCH, OK},
        {"1025-byte salt", 1025, 32, SAME(LH_ARGON2_ERR_SALT_TOO_LONG)},
        {"1024-byte tag (longest)", 16, 1024, MISMATCH, OK},
        {"1025-byte tag", 16, 1025, SAME(LH_ARGON2_ERR_HASH_LEN_TOO_LONG)},
        {"1024-byte salt and tag (longest string)", 1024, 1024, MISMATCH, OK},
        {"2000-byte salt", 2000, 32, SAME(LH_ARGON2_ERR_SALT_TOO_LONG)},
    };
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; ++i, ++*rows) {
        char *s = with_lengths(lengths[i].salt, lengths[i].tag);
        check_row(lengths[i].what, s, lengths[i].verify, lengths[i].decode);
        free(s);
    }

    /* 10 kB of a plausible hash: the bounded scan stops at LH_ARGON2_ENCODED_MAX. */
    char *big = malloc(10001);
    if (big == NULL) abort();
    memset(big, 'A', 10000);
    memcpy(big, VALID, strlen(VALID));
    big[10000] = '\0';
    check_row("10 kB string", big, SAME(LH_ARGON2_ERR_ENCODED_TOO_LONG));
    ++*rows;
    /* Exactly at the bound: 4095 characters and a NUL is scanned; 4096 is not. */
    big[LH_ARGON2_ENCODED_MAX - 1] = '\0';
    check_row("4095 characters (scanned; a 3 kB tag)", big, SAME(LH_ARGON2_ERR_HASH_LEN_TOO_LONG));
    ++*rows;
    free(big);

    /* No NUL anywhere: a heap block of exactly LH_ARGON2_ENCODED_MAX bytes, so any read
     * past the bound is caught by the address sanitizer and by valgrind. */
    char *unterminated = malloc(LH_ARGON2_ENCODED_MAX);
    if (unterminated == NULL) abort();
    memset(unterminated, '$', LH_ARGON2_ENCODED_MAX);
    check_row("no NUL within the bounded scan", unterminated, SAME(LH_ARGON2_ERR_ENCODED_TOO_LONG));
    ++*rows;
    free(unterminated);
}

int main(void) {
    int rows = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; ++i, ++rows) {
        check_row(table[i].what, table[i].encoded, table[i].verify, table[i].decode);
    }
    generated_rows(&rows);
    CHECK(rows >= 60, "%d distinct hostile or malformed inputs", rows);
    return check_summary();
}
