/*
 * Every shared conformance vector through the C ABI. Usage:
 *   test_vectors VECTORS.tsv [MAX_M_KIB]
 * Vectors needing more than MAX_M_KIB of memory are skipped (and counted), so the
 * same program can run quickly under valgrind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argon2rs.h"
#include "check.h"

enum { ID, KIND, ACCEPT, VARIANT, VERSION, M, T, P, PWD, SALT, SECRET, AD, TAG_LEN, TAG, ENCODED, NCOLS };

static size_t split(char *line, char **cols) {
    size_t n = 0;
    cols[n++] = line;
    for (char *c = line; *c && n < NCOLS; ++c) {
        if (*c == '\t') {
            *c = '\0';
            cols[n++] = c + 1;
        }
    }
    line[strcspn(line, "\n")] = '\0';
    if (n == NCOLS) cols[ENCODED][strcspn(cols[ENCODED], "\n")] = '\0';
    return n;
}

/* Decodes hex into a malloc'd buffer (at least 1 byte, so never NULL). */
static uint8_t *unhex(const char *hex, size_t *len) {
    size_t n = strlen(hex) / 2;
    uint8_t *bytes = malloc(n ? n : 1);
    for (size_t i = 0; bytes && i < n; ++i) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], '\0'};
        bytes[i] = (uint8_t)strtoul(pair, NULL, 16);
    }
    *len = n;
    return bytes;
}

static uint32_t algorithm(const char *variant) {
    if (strcmp(variant, "argon2d") == 0) return LH_ARGON2_D;
    if (strcmp(variant, "argon2i") == 0) return LH_ARGON2_I;
    return LH_ARGON2_ID;
}

static const char *outcome(lh_argon2_status rc) {
    if (rc == LH_ARGON2_OK) return "ok";
    if (rc == LH_ARGON2_ERR_VERIFY_MISMATCH) return "mismatch";
    if (rc == LH_ARGON2_ERR_INTERNAL || rc > 0) return "internal";
    return "invalid";
}

static int accepted(const char *accept, const char *got) {
    char list[64];
    snprintf(list, sizeof list, ",%s,", accept);
    char needle[16];
    snprintf(needle, sizeof needle, ",%s,", got);
    return strstr(list, needle) != NULL;
}

static void run(char **c) {
    size_t pwd_len, salt_len, secret_len, ad_len, tag_len;
    uint8_t *pwd = unhex(c[PWD], &pwd_len), *salt = unhex(c[SALT], &salt_len);
    uint8_t *secret = unhex(c[SECRET], &secret_len), *ad = unhex(c[AD], &ad_len);
    uint8_t *tag = unhex(c[TAG], &tag_len);
    lh_argon2_options opts;
    if (lh_argon2_options_init(&opts) != LH_ARGON2_OK) abort();
    opts.secret = secret;
    opts.secret_len = secret_len;
    opts.ad = ad;
    opts.ad_len = ad_len;

    if (strcmp(c[KIND], "raw-tag") == 0) {
        lh_argon2_params p = {algorithm(c[VARIANT]), (uint32_t)atoi(c[VERSION]), (uint32_t)atol(c[M]),
                              (uint32_t)atol(c[T]), (uint32_t)atol(c[P]), (uint32_t)atol(c[TAG_LEN]), 16};
        uint8_t *out = malloc(tag_len + 1);
        lh_argon2_status rc = lh_argon2_hash_raw_ext(pwd, pwd_len, salt, salt_len, &p, &opts, out, tag_len);
        CHECK(rc == LH_ARGON2_OK && memcmp(out, tag, tag_len) == 0, "%s: raw tag byte-exact (%s)", c[ID],
              lh_argon2_status_message(rc));
        free(out);
    } else {
        lh_argon2_status rc = lh_argon2_verify_ext(c[ENCODED], pwd, pwd_len, &opts);
        CHECK(accepted(c[ACCEPT], outcome(rc)), "%s: %s (%d), accepted: %s", c[ID], outcome(rc), (int)rc,
              c[ACCEPT]);
    }
    free(pwd);
    free(salt);
    free(secret);
    free(ad);
    free(tag);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s VECTORS.tsv [MAX_M_KIB]\n", argv[0]);
        return 2;
    }
    long max_m = argc > 2 ? atol(argv[2]) : 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char line[8192];
    int skipped = 0, ran = 0;
    while (fgets(line, sizeof line, f)) {
        char *cols[NCOLS];
        if (split(line, cols) != NCOLS) {
            fprintf(stderr, "bad line in %s\n", argv[1]);
            fclose(f);
            return 2;
        }
        if (max_m > 0 && atol(cols[M]) > max_m) {
            ++skipped;
            continue;
        }
        run(cols);
        ++ran;
    }
    fclose(f);
    printf("skipped %d vectors above m=%ld KiB\n", skipped, max_m);
    CHECK(ran + skipped >= 100, "read %d vectors (%d run, %d skipped)", ran + skipped, ran, skipped);
    return check_summary();
}
