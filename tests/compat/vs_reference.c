/*
 * Our libargon2.so.1 against Debian's, call for call: both are dlopen()ed (RTLD_LOCAL,
 * so each keeps its own symbols) and every call below runs on each with fresh, equal
 * inputs; return codes, outputs (raw tag, the whole encoded buffer, the caller's password
 * and secret buffers and lengths afterwards), messages and callback calls must agree.
 *
 * usage: vs_reference OURS.so REFERENCE.so   (e.g. build/.../libargon2.so.1 libargon2.so.1)
 */
#define _GNU_SOURCE
#include <argon2.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*hash)(uint32_t, uint32_t, uint32_t, const void *, size_t, const void *, size_t, void *, size_t, char *,
                size_t, argon2_type, uint32_t);
    int (*verify)(const char *, const void *, size_t, argon2_type);
    int (*ctx)(argon2_context *, argon2_type);
    int (*verify_ctx)(argon2_context *, const char *, argon2_type);
    int (*id_verify)(const char *, const void *, size_t);
    int (*i_hash_raw)(uint32_t, uint32_t, uint32_t, const void *, size_t, const void *, size_t, void *, size_t);
    int (*d_hash_encoded)(uint32_t, uint32_t, uint32_t, const void *, size_t, const void *, size_t, size_t, char *,
                          size_t);
    const char *(*message)(int);
    const char *(*type2string)(argon2_type, int);
    size_t (*encodedlen)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, argon2_type);
} lib;

static unsigned checks, failures;

static void check(int ok, const char *what, long a, long b) {
    ++checks;
    if (!ok) {
        ++failures;
        if (failures <= 40) fprintf(stderr, "DIFF %s (ours %ld, reference %ld)\n", what, a, b);
    }
}

static void *sym(void *handle, const char *path, const char *name) {
    void *p = dlsym(handle, name);
    if (!p) {
        fprintf(stderr, "%s: no %s\n", path, name);
        exit(2);
    }
    return p;
}

static lib load(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
        exit(2);
    }
    lib l;
    l.name = path;
    *(void **)&l.hash = sym(h, path, "argon2_hash");
    *(void **)&l.verify = sym(h, path, "argon2_verify");
    *(void **)&l.ctx = sym(h, path, "argon2_ctx");
    *(void **)&l.verify_ctx = sym(h, path, "argon2_verify_ctx");
    *(void **)&l.id_verify = sym(h, path, "argon2id_verify");
    *(void **)&l.i_hash_raw = sym(h, path, "argon2i_hash_raw");
    *(void **)&l.d_hash_encoded = sym(h, path, "argon2d_hash_encoded");
    *(void **)&l.message = sym(h, path, "argon2_error_message");
    *(void **)&l.type2string = sym(h, path, "argon2_type2string");
    *(void **)&l.encodedlen = sym(h, path, "argon2_encodedlen");
    return l;
}

static lib ours, ref;

static void messages(void) {
    for (int code = -60; code <= 3; code++) {
        const char *a = ours.message(code), *b = ref.message(code);
        char what[64];
        snprintf(what, sizeof what, "argon2_error_message(%d)", code);
        check(a && b && strcmp(a, b) == 0, what, code, code);
    }
    check(strcmp(ours.message(INT32_MIN), ref.message(INT32_MIN)) == 0, "message(INT_MIN)", 0, 0);
    check(strcmp(ours.message(INT32_MAX), ref.message(INT32_MAX)) == 0, "message(INT_MAX)", 0, 0);
    for (int type = 0; type <= 3; type++)
        for (int upper = 0; upper <= 1; upper++) {
            const char *a = ours.type2string((argon2_type)type, upper), *b = ref.type2string((argon2_type)type, upper);
            check((!a && !b) || (a && b && strcmp(a, b) == 0), "argon2_type2string", type, upper);
        }
    static const uint32_t nums[] = {0, 1, 9, 10, 99, 100, 65536, 4294967295u};
    for (int type = 0; type <= 2; type++)
        for (size_t i = 0; i < 8; i++)
            for (uint32_t len = 0; len < 8; len++) {
                size_t a = ours.encodedlen(nums[i], nums[7 - i], nums[(i + 3) % 8], len, len * 5, (argon2_type)type);
                size_t b = ref.encodedlen(nums[i], nums[7 - i], nums[(i + 3) % 8], len, len * 5, (argon2_type)type);
                check(a == b, "argon2_encodedlen", (long)a, (long)b);
            }
}

/* One argon2_hash call's inputs. */
typedef struct {
    uint32_t t, m, p, version;
    int type;
    int pwd_null, salt_null, hash_null;
    size_t pwdlen, saltlen, hashlen, encodedlen;
} hash_case;

#define CAP 2048
static void run_hash(const lib *l, const hash_case *c, int *rc, uint8_t *hash, char *encoded) {
    uint8_t pwd[64], salt[CAP];
    memset(pwd, 'p', sizeof pwd);
    for (size_t i = 0; i < sizeof salt; i++) salt[i] = (uint8_t)(i * 7 + 1);
    memset(hash, 0xA5, CAP);
    memset(encoded, 0x5A, CAP);
    *rc = l->hash(c->t, c->m, c->p, c->pwd_null ? NULL : pwd, c->pwdlen, c->salt_null ? NULL : salt, c->saltlen,
                  c->hash_null ? NULL : hash, c->hashlen, encoded, c->encodedlen, (argon2_type)c->type, c->version);
}

static void compare_hash(const hash_case *c, const char *what) {
    static uint8_t ha[CAP], hb[CAP];
    static char ea[CAP], eb[CAP];
    int ra, rb;
    run_hash(&ours, c, &ra, ha, ea);
    run_hash(&ref, c, &rb, hb, eb);
    check(ra == rb, what, ra, rb);
    check(memcmp(ha, hb, CAP) == 0, "raw tag buffer", ra, rb);
    check(memcmp(ea, eb, CAP) == 0, "encoded buffer", ra, rb);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t next(uint32_t n) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static void hashes(void) {
    static const uint32_t ts[] = {0, 1, 2, 3};
    static const uint32_t ms[] = {0, 4, 7, 8, 15, 16, 24, 33, 64};
    static const uint32_t ps[] = {0, 1, 2, 3, 4, 0x1000000, 0x20000001};
    static const uint32_t vs[] = {0x10, 0x13, 0, 18, 0x14, 0xFFFFFFFFu};
    static const size_t salts[] = {0, 1, 7, 8, 9, 16, 1025};
    static const size_t hashes_[] = {0, 3, 4, 5, 32, 64, 1025};
    static const size_t pwds[] = {0, 1, 8, 64};
    for (int i = 0; i < 2500; i++) {
        hash_case c = {ts[next(4)], ms[next(9)], ps[next(7)], vs[next(6)], (int)next(5) == 4 ? 3 : (int)next(3),
                       next(8) == 0, next(8) == 0, next(4) == 0, pwds[next(4)], salts[next(7)], hashes_[next(7)], 0};
        if (c.p >= 0x1000000 && c.m >= 8 * (uint64_t)c.p) c.m = 64; /* never huge memory */
        size_t full = 200 + c.saltlen * 4 / 3 + c.hashlen * 4 / 3;
        static const int extra[] = {-1000, -40, -2, -1, 0, 1};
        long e = (long)full + extra[next(6)];
        c.encodedlen = next(7) == 0 ? 0 : (size_t)(e < 0 ? 0 : e);
        if (c.encodedlen > CAP) c.encodedlen = CAP;
        compare_hash(&c, "argon2_hash status");
    }
    /* The exact encoded length, and one byte short of it: ENCODING_FAIL after the tag. */
    for (int type = 0; type <= 2; type++)
        for (size_t salt = 8; salt <= 11; salt++)
            for (size_t tag = 4; tag <= 7; tag++) {
                size_t exact = ours.encodedlen(1, 8, 1, (uint32_t)salt, (uint32_t)tag, (argon2_type)type);
                for (size_t delta = 0; delta < 4; delta++) {
                    hash_case c = {1, 8, 1, 0x13, type, 0, 0, 0, 8, salt, tag, exact - delta};
                    compare_hash(&c, "argon2_hash at the encoded length");
                }
            }
    /* Precedence: a short salt together with too little memory. */
    hash_case c = {1, 4, 1, 0x13, 2, 0, 0, 0, 8, 7, 32, 128};
    compare_hash(&c, "short salt with m=4");
    /* argon2i_hash_raw and argon2d_hash_encoded. */
    uint8_t a[32], b[32], s[16] = {1};
    check(ours.i_hash_raw(2, 32, 2, "pw", 2, s, 16, a, 32) == ref.i_hash_raw(2, 32, 2, "pw", 2, s, 16, b, 32) &&
              memcmp(a, b, 32) == 0,
          "argon2i_hash_raw", 0, 0);
    char ea[128], eb[128];
    check(ours.d_hash_encoded(2, 32, 2, "pw", 2, s, 16, 20, ea, 128) ==
                  ref.d_hash_encoded(2, 32, 2, "pw", 2, s, 16, 20, eb, 128) &&
              strcmp(ea, eb) == 0,
          "argon2d_hash_encoded", 0, 0);
}

static void verifies(void) {
    static const char *strings[] = {
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$",
        "$argon2i$v=19$m=64,t=2,p=2$c29tZXNhbHQ$",
        "$argon2d$v=16$m=32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2i$m=32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=18$m=32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=019$m=0032,t=01,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=1,data=YWQ$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=1,keyid=YWQ$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=1$$",
        "$argon2id$v=19$m=32,t=1,p=1$c29tZXNhbA$",
        "$argon2id$v=19$m=4,t=1,p=1$c29tZXNh$",
        "$argon2id$v=19$m=15,t=1,p=2$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=0,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=0$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=16777216$c29tZXNhbHQ$",
        "$argon2id$v=19$m=4294967296,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=99999999999999999999$m=32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=1$c29tZXNhbHR$",
        "$argon2id$v=19$m=32,t=1,p=1$c29tZXNhbHQ=$",
        "$argon2id$v=19$t=1,m=32,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=32,t=1,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m= 32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2id$v=19$m=-32,t=1,p=1$c29tZXNhbHQ$",
        "argon2id$v=19$m=32,t=1,p=1$c29tZXNhbHQ$",
        "$argon2ID$v=19$m=32,t=1,p=1$c29tZXNhbHQ$",
        "",
        "$",
    };
    static const char *tags[] = {"", "AAAA", "AAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAA$", "AAAAAA$x", "AB"};
    char text[256];
    for (size_t s = 0; s < sizeof strings / sizeof *strings; s++)
        for (size_t t = 0; t < sizeof tags / sizeof *tags; t++)
            for (int type = 0; type <= 3; type++) {
                snprintf(text, sizeof text, "%s%s", strings[s], tags[t]);
                int a = ours.verify(text, "password", 8, (argon2_type)type);
                int b = ref.verify(text, "password", 8, (argon2_type)type);
                check(a == b, text, a, b);
            }
    /* Real hashes: the right password, a wrong one, another type, NULL with a length. */
    for (int type = 0; type <= 2; type++)
        for (uint32_t version = 0x10; version <= 0x13; version += 3) {
            char encoded[128];
            uint8_t salt[16] = {9, 8, 7};
            int rc = ref.hash(2, 32, 2, "password", 8, salt, 16, NULL, 24, encoded, sizeof encoded,
                              (argon2_type)type, version);
            check(rc == ARGON2_OK, "reference hash for verify", rc, 0);
            for (int as = 0; as <= 3; as++) {
                check(ours.verify(encoded, "password", 8, (argon2_type)as) ==
                          ref.verify(encoded, "password", 8, (argon2_type)as),
                      encoded, as, type);
                check(ours.verify(encoded, "passwore", 8, (argon2_type)as) ==
                          ref.verify(encoded, "passwore", 8, (argon2_type)as),
                      "wrong password", as, type);
                check(ours.verify(encoded, NULL, 8, (argon2_type)as) == ref.verify(encoded, NULL, 8, (argon2_type)as),
                      "NULL password with a length", as, type);
            }
        }
    check(ours.verify(NULL, "pw", 2, Argon2_id) == ref.verify(NULL, "pw", 2, Argon2_id), "NULL encoded", 0, 0);
    /* $v=18$: hashed with 18 in H0, and verified. */
    char v18[128];
    uint8_t salt[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int ra = ref.hash(1, 16, 1, "pw", 2, salt, 8, NULL, 16, v18, sizeof v18, Argon2_id, 18);
    check(ra == ARGON2_OK && ours.id_verify(v18, "pw", 2) == ARGON2_OK, v18, ra, 0);
}

/* Callback bookkeeping for one library's call. */
static unsigned allocs, frees;
static size_t alloc_size, free_size;
static int fail_alloc;
static int allocate(uint8_t **memory, size_t bytes) {
    ++allocs;
    alloc_size = bytes;
    *memory = fail_alloc ? NULL : malloc(bytes);
    return 0;
}
static void deallocate(uint8_t *memory, size_t bytes) {
    ++frees;
    free_size = bytes;
    free(memory);
}

typedef struct {
    uint32_t outlen, pwdlen, saltlen, secretlen, adlen, t, m, lanes, threads, version, flags;
    int out_null, pwd_null, salt_null, secret_null, ad_null, alloc_cb, free_cb, out_is_pwd, type;
} ctx_case;

typedef struct {
    int rc;
    uint8_t out[256], pwd[256], secret[64];
    uint32_t pwdlen, secretlen;
    unsigned allocs, frees;
    size_t alloc_size, free_size;
} ctx_result;

static void run_ctx(const lib *l, const ctx_case *c, int verify, ctx_result *r) {
    static uint8_t salt[1 << 20], ad[1 << 20];
    for (size_t i = 0; i < sizeof salt; i++) salt[i] = (uint8_t)(i * 13), ad[i] = (uint8_t)(i * 5 + 3);
    memset(r, 0, sizeof *r);
    memset(r->out, 0xEE, sizeof r->out);
    memset(r->pwd, 'w', sizeof r->pwd);
    memset(r->secret, 'k', sizeof r->secret);
    argon2_context ctx = {c->out_null ? NULL : (c->out_is_pwd ? r->pwd : r->out),
                          c->outlen,
                          c->pwd_null ? NULL : r->pwd,
                          c->pwdlen,
                          c->salt_null ? NULL : salt,
                          c->saltlen,
                          c->secret_null ? NULL : r->secret,
                          c->secretlen,
                          c->ad_null ? NULL : ad,
                          c->adlen,
                          c->t,
                          c->m,
                          c->lanes,
                          c->threads,
                          c->version,
                          c->alloc_cb ? allocate : NULL,
                          c->free_cb ? deallocate : NULL,
                          c->flags};
    allocs = frees = 0;
    alloc_size = free_size = 0;
    static const char expected[256] = {0};
    r->rc = verify ? l->verify_ctx(&ctx, expected, (argon2_type)c->type) : l->ctx(&ctx, (argon2_type)c->type);
    r->pwdlen = ctx.pwdlen;
    r->secretlen = ctx.secretlen;
    r->allocs = allocs, r->frees = frees, r->alloc_size = alloc_size, r->free_size = free_size;
}

static void compare_ctx(const ctx_case *c, int verify, const char *what) {
    static ctx_result a, b;
    run_ctx(&ours, c, verify, &a);
    run_ctx(&ref, c, verify, &b);
    check(a.rc == b.rc, what, a.rc, b.rc);
    check(memcmp(a.out, b.out, sizeof a.out) == 0, "context out", a.rc, b.rc);
    check(memcmp(a.pwd, b.pwd, sizeof a.pwd) == 0 && a.pwdlen == b.pwdlen, "password after the call", a.pwdlen,
          b.pwdlen);
    check(memcmp(a.secret, b.secret, sizeof a.secret) == 0 && a.secretlen == b.secretlen, "secret after the call",
          a.secretlen, b.secretlen);
    check(a.allocs == b.allocs && a.frees == b.frees, "callback calls", a.allocs * 10 + a.frees,
          b.allocs * 10 + b.frees);
    check(a.alloc_size == b.alloc_size && a.free_size == b.free_size, "callback sizes", (long)a.alloc_size,
          (long)b.alloc_size);
}

static void contexts(void) {
    const ctx_case base = {32, 8, 16, 0, 0, 1, 64, 2, 2, 0x13, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2};
    ctx_case c;
    compare_ctx(&base, 0, "base context");
    compare_ctx(&base, 1, "verify_ctx mismatch");
#define VARY(field, value)                      \
    do {                                        \
        c = base;                               \
        c.field = value;                        \
        compare_ctx(&c, 0, #field "=" #value);  \
        c.flags = 3;                            \
        compare_ctx(&c, 0, #field " + flags");  \
    } while (0)
    VARY(out_null, 1);
    VARY(outlen, 3);
    VARY(outlen, 256);
    VARY(pwd_null, 1);
    VARY(pwdlen, 0);
    VARY(salt_null, 1);
    VARY(saltlen, 7);
    VARY(saltlen, 0);
    VARY(saltlen, 1025);
    VARY(saltlen, 1 << 20);
    VARY(secret_null, 0);
    VARY(secretlen, 64);
    VARY(secretlen, 3);
    VARY(ad_null, 0);
    VARY(adlen, 33);
    VARY(adlen, 1 << 20);
    VARY(adlen, 5);
    VARY(m, 7);
    VARY(m, 15);
    VARY(m, 0);
    VARY(t, 0);
    VARY(lanes, 0);
    VARY(lanes, 0x1000000);
    VARY(lanes, 0x20000001);
    VARY(threads, 0);
    VARY(threads, 1);
    VARY(threads, 7);
    VARY(threads, 0x1000000);
    VARY(version, 0x10);
    VARY(version, 18);
    VARY(version, 0);
    VARY(alloc_cb, 1);
    VARY(free_cb, 1);
    VARY(out_is_pwd, 1);
    VARY(type, 3);
    VARY(flags, 1);
    VARY(flags, 2);
    c = base;
    c.alloc_cb = c.free_cb = 1;
    c.m = 70; /* rounded down to 64 blocks */
    compare_ctx(&c, 0, "both callbacks");
    c.flags = 3;
    c.secret_null = 0;
    c.secretlen = 16;
    compare_ctx(&c, 0, "callbacks with flags");
    fail_alloc = 1;
    compare_ctx(&c, 0, "allocator returns NULL (flags: not wiped)");
    fail_alloc = 0;
    c = base;
    c.saltlen = 7;
    c.m = 4;
    c.flags = 3;
    compare_ctx(&c, 0, "short salt and m=4 (precedence)");
    c = base;
    c.out_is_pwd = 1;
    c.pwdlen = 32;
    c.flags = 1;
    compare_ctx(&c, 0, "out == pwd with CLEAR_PASSWORD");
    /* verify_ctx against the right tag: computed by the reference first. */
    ctx_result r;
    run_ctx(&ref, &base, 0, &r);
    for (int lib_i = 0; lib_i < 2; lib_i++) {
        const lib *l = lib_i ? &ref : &ours;
        uint8_t out[32], pwd[8], salt[16];
        memset(pwd, 'w', 8);
        for (size_t i = 0; i < 16; i++) salt[i] = (uint8_t)(i * 13);
        argon2_context ctx = {out, 32, pwd, 8, salt, 16, NULL, 0, NULL, 0, 1, 64, 2, 2, 0x13, NULL, NULL, 0};
        int rc = l->verify_ctx(&ctx, (const char *)r.out, Argon2_id);
        check(rc == ARGON2_OK, "verify_ctx with the right tag", rc, 0);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s OURS.so REFERENCE.so\n", argv[0]);
        return 2;
    }
    ours = load(argv[1]);
    ref = load(argv[2]);
    check(ours.hash != ref.hash, "two distinct libraries loaded", 0, 0);
    messages();
    hashes();
    verifies();
    contexts();
    printf("%u checks, %u passed, %u failed\n", checks, checks - failures, failures);
    return failures ? 1 : 0;
}
