/* The header alone must compile as strict C99 (and link). */
#include "argon2rs.h"

#include <stdio.h>

int main(void) {
    lh_argon2_params p;
    lh_argon2_status rc = lh_argon2_params_from_profile(LH_ARGON2_PROFILE_DEFAULT, &p);
    printf("C99: %s, default m=%u\n", lh_argon2_version(), (unsigned)p.m_cost);
    return rc == LH_ARGON2_OK && p.m_cost == 65536 ? 0 : 1;
}
