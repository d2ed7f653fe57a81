/* A minimal TAP-like checker for the C tests: each check prints what it promises. */
#ifndef ARGON2RS_TEST_CHECK_H
#define ARGON2RS_TEST_CHECK_H

#include <stdio.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        ++check_count;                                                       \
        if (cond) {                                                          \
            printf("ok %d - ", check_count);                                 \
        } else {                                                             \
            ++check_failures;                                                \
            printf("FAIL %d - (%s:%d: %s) ", check_count, __FILE__, __LINE__, \
                   #cond);                                                   \
        }                                                                    \
        printf(__VA_ARGS__);                                                 \
        printf("\n");                                                        \
    } while (0)

#define CHECK_STATUS(expr, expected, what)                                       \
    do {                                                                         \
        lh_argon2_status check_rc_ = (expr);                                     \
        CHECK(check_rc_ == (expected), "%s -> %d (%s)", what, (int)check_rc_,    \
              lh_argon2_status_message(check_rc_));                              \
    } while (0)

static int check_summary(void) {
    printf("%d passed, %d failed\n", check_count - check_failures, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
